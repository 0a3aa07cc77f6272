#pragma once
// Deliberation in the database: topics with their append-only history,
// comments and household votes (shared with convention versions), meetings
// with their decisions, and implementation steps.

#include <optional>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "domain/topic_workflow.h"
#include "store/db.h"
#include "store/patrol_store.h"

namespace weige::store {

// Where a topic came from.
inline constexpr const char* kTopicSources[] = {"resident", "micro_grid_worker", "staff", "case",
                                                "patrol_suggestion"};

struct Topic {
  Id id = 0;
  Id grid_id = 0;
  std::optional<Id> community_id;
  std::string title;
  std::string description;
  std::string source = "staff";  // one of kTopicSources
  std::optional<Id> source_case_id, source_observation_id;
  std::optional<Id> raised_by_person_id, raised_by_household_id;
  TopicState state = TopicState::kRaised;
  VoteRule rule;
  int eligible_households = 0;
  std::string result;
  std::optional<Seconds> decided_at, published_at;
  Seconds created_at = 0;
  Seconds updated_at = 0;
};

Result<Id> insert_topic(Db& db, const Topic& t);
Status update_topic(Db& db, const Topic& t);
Result<Topic> get_topic(Db& db, Id id);
struct TopicFilter {
  GridFilter grids;
  std::optional<TopicState> state;
  bool open_only = false;
  int limit = 50;
  int offset = 0;
};
using TopicPage = Page<Topic>;
Result<TopicPage> list_topics(Db& db, const TopicFilter& f);

struct TopicEvent {
  Id id = 0;
  Id topic_id = 0;
  Seconds at = 0;
  std::string action;
  std::optional<TopicState> from_state;
  TopicState to_state = TopicState::kRaised;
  std::string actor_role;
  std::optional<Id> actor_person_id;
  std::string note;
};
Result<Id> append_topic_event(Db& db, const TopicEvent& e);
Result<std::vector<TopicEvent>> topic_events(Db& db, Id topic_id);

// Subjects of comments and votes.
inline constexpr const char* kTopicSubject = "topic";
inline constexpr const char* kVersionSubject = "convention_version";

struct Comment {
  Id id = 0;
  std::string subject;
  Id subject_id = 0;
  std::string section_key;  // convention versions only
  AuthorKind author_kind = AuthorKind::kResident;
  std::optional<Id> person_id, household_id, organisation_id;
  std::string text;
  Seconds created_at = 0;
};
Result<Id> insert_comment(Db& db, const Comment& c);
Result<std::vector<Comment>> comments_of(Db& db, const std::string& subject, Id subject_id);

struct Vote {
  Id id = 0;
  std::string subject;
  Id subject_id = 0;
  Id household_id = 0;
  std::optional<Id> person_id;
  Ballot ballot = Ballot::kFor;
  Seconds cast_at = 0;
};
// kConflict when the household has voted on the subject already.
Result<Id> insert_vote(Db& db, const Vote& v);
Result<VoteCount> count_votes(Db& db, const std::string& subject, Id subject_id);
Result<std::optional<Vote>> vote_of(Db& db, const std::string& subject, Id subject_id,
                                    Id household_id);

struct Attendee {
  std::string label;
  std::optional<Id> person_id, organisation_id;
};
struct Meeting {
  Id id = 0;
  MeetingKind kind = MeetingKind::kCourtyardMeeting;
  Id grid_id = 0;
  std::optional<Id> topic_id;
  std::string place;
  Seconds held_at = 0;
  std::vector<Attendee> attendees;
  std::string minutes;
  Seconds created_at = 0;
};
Result<Id> insert_meeting(Db& db, const Meeting& m);
Result<Meeting> get_meeting(Db& db, Id id);
struct MeetingFilter {
  GridFilter grids;
  std::optional<Id> topic_id;
  std::optional<MeetingKind> kind;
  int limit = 50;
  int offset = 0;
};
Result<std::vector<Meeting>> list_meetings(Db& db, const MeetingFilter& f);
Result<int> meetings_with_minutes(Db& db, Id topic_id);

struct Decision {
  Id id = 0;
  Id meeting_id = 0;
  std::string text;
  std::optional<Id> owner_person_id, owner_organisation_id;
  Seconds due_at = 0;
  bool done = false;
  std::optional<Seconds> done_at;
  std::string done_note;
  Seconds created_at = 0;
};
Result<Id> insert_decision(Db& db, const Decision& d);
Result<Decision> get_decision(Db& db, Id id);
Status update_decision(Db& db, const Decision& d);  // done, done_at, done_note
Result<std::vector<Decision>> decisions_of(Db& db, Id meeting_id);
// Open decisions owned by this person or this organisation, earliest due first.
Result<std::vector<Decision>> open_decisions_for(Db& db, std::optional<Id> person_id,
                                                 std::optional<Id> organisation_id);

struct Step {
  Id id = 0;
  Id topic_id = 0;
  int ordinal = 0;
  std::string title;
  std::optional<Id> owner_person_id;
  std::optional<Seconds> due_at;
  StepStatus status = StepStatus::kTodo;
  int progress = 0;
  std::string note;
  Seconds updated_at = 0;
};
Result<Id> insert_step(Db& db, const Step& s);  // ordinal: next after the topic's last
Status update_step(Db& db, const Step& s);
Result<Step> get_step(Db& db, Id id);
Result<std::vector<Step>> steps_of(Db& db, Id topic_id);

}  // namespace weige::store
