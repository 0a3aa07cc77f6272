#pragma once
// Deliberation (议事): topics through the workflow of topic_workflow.h, with
// comments (opinions), meetings (courtyard meetings and the community-property
// joint meeting in the Red Harbour) with attendees and minutes, one vote per
// household, and implementation steps. Meetings record decisions with an
// owner (a person or an organisation) and a due date; an owner's open
// decisions are their inbox (my_decisions).
//
// Anyone who sees a topic's grid may raise topics and comment; residents for
// their household. Votes come from households of the topic's grid: a
// resident's own, or one a manager of the grid records. Workflow actions,
// meetings, decisions and steps need a manager of the grid (and a role the
// table allows).

#include <optional>
#include <string>
#include <vector>

#include "domain/topic_workflow.h"
#include "service/case_service.h"
#include "service/life_scope.h"
#include "store/deliberation_store.h"

namespace weige::service {

struct TopicInput {
  std::optional<Id> grid_id;  // default: the resident's micro-grid, the case's or the patrol's grid
  std::string title;
  std::string description;
  std::optional<Id> case_id;         // raised from a case
  std::optional<Id> observation_id;  // raised from a patrol suggestion
  std::optional<VoteRule> rule;
};

struct TopicView {
  store::Topic topic;
  VoteCount votes;
  Tally tally;
  int meetings_with_minutes = 0;
  std::vector<store::Step> steps;
  std::vector<store::Comment> comments;
  std::vector<store::Meeting> meetings;
  std::vector<store::TopicEvent> events;
  std::vector<TopicAction> allowed;
  std::optional<store::Vote> my_vote;  // the caller's household's vote
};

struct MeetingInput {
  MeetingKind kind = MeetingKind::kCourtyardMeeting;
  std::optional<Id> grid_id;       // required without a topic
  std::optional<Id> topic_id;      // the topic must be in its meeting state
  std::string place;               // a joint meeting defaults to 红色港湾
  std::optional<Seconds> held_at;  // default: now
  std::vector<store::Attendee> attendees;
  std::string minutes;
};

struct MeetingView {
  store::Meeting meeting;
  std::vector<store::Decision> decisions;
};

struct DecisionInput {
  std::string text;
  std::optional<Id> owner_person_id, owner_organisation_id;  // at least one
  Seconds due_at = 0;
};

struct StepDraft {
  std::string title;
  std::optional<Id> owner_person_id;
  std::optional<Seconds> due_at;
};

struct StepPatch {
  std::optional<StepStatus> status;
  std::optional<int> progress;  // 0-100; done means 100
  std::optional<std::string> note;
};

class DeliberationService {
 public:
  DeliberationService(store::Db& db, Clock clock) : db_(db), clock_(std::move(clock)) {}

  Result<TopicView> raise(const LifeCaller& c, const TopicInput& in);
  Result<store::TopicPage> list(const LifeCaller& c, store::TopicFilter f);
  Result<TopicView> get(const LifeCaller& c, Id topic_id);
  // One workflow action; `rule` may reset quorum and majority when voting opens.
  Result<TopicView> act(const LifeCaller& c, Id topic_id, TopicAction action, const StepInput& in,
                        std::optional<VoteRule> rule = std::nullopt);
  Result<TopicView> comment(const LifeCaller& c, Id topic_id, const std::string& text,
                            std::optional<Id> household, std::optional<AuthorKind> author);
  // kConflict when the topic is not voting or the household has voted.
  Result<TopicView> vote(const LifeCaller& c, Id topic_id, Ballot ballot,
                         std::optional<Id> household);
  Result<TopicView> add_step(const LifeCaller& c, Id topic_id, const StepDraft& in);
  Result<TopicView> update_step(const LifeCaller& c, Id step_id, const StepPatch& in);

  Result<MeetingView> record_meeting(const LifeCaller& c, const MeetingInput& in);
  Result<std::vector<store::Meeting>> meetings(const LifeCaller& c, store::MeetingFilter f);
  Result<MeetingView> meeting(const LifeCaller& c, Id meeting_id);
  Result<MeetingView> add_decision(const LifeCaller& c, Id meeting_id, const DecisionInput& in);
  // The owner (the person, or staff of the owning organisation) or a manager
  // of the meeting's grid marks a decision done; kConflict when it is.
  Result<store::Decision> complete_decision(const LifeCaller& c, Id decision_id,
                                            const std::string& note);
  Result<std::vector<store::Decision>> my_decisions(const LifeCaller& c);

 private:
  Result<store::Topic> visible_topic(const LifeCaller& c, Id topic_id);
  Result<TopicFacts> facts_of(const store::Topic& t);
  Status append(const store::Topic& t, const std::string& action, std::optional<TopicState> from,
                const Actor& a, const std::string& note);
  Result<store::Topic> touch(store::Topic t);

  store::Db& db_;
  Clock clock_;
};

}  // namespace weige::service
