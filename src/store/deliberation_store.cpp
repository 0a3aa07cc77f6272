#include "store/deliberation_store.h"

#include <nlohmann/json.hpp>

#include "store/sql_util.h"

namespace weige::store {
namespace {

constexpr const char* kTopicColumns =
    "id, grid_id, community_id, title, description, source, source_case_id, source_observation_id, "
    "raised_by_person_id, raised_by_household_id, state, quorum_percent, majority, "
    "eligible_households, result, "
    "decided_at, published_at, created_at, updated_at";

Topic topic_from(const Row& r) {
  Topic t;
  t.id = r.i64(0);
  t.grid_id = r.i64(1);
  t.community_id = r.opt_i64(2);
  t.title = r.text(3);
  t.description = r.text(4);
  t.source = r.text(5);
  t.source_case_id = r.opt_i64(6);
  t.source_observation_id = r.opt_i64(7);
  t.raised_by_person_id = r.opt_i64(8);
  t.raised_by_household_id = r.opt_i64(9);
  t.state = parse_topic_state(r.text(10)).value_or(TopicState::kRaised);
  t.rule.quorum_percent = static_cast<int>(r.i64(11));
  t.rule.majority = parse_majority(r.text(12)).value_or(Majority::kMoreThanHalf);
  t.eligible_households = static_cast<int>(r.i64(13));
  t.result = r.text(14);
  t.decided_at = r.opt_i64(15);
  t.published_at = r.opt_i64(16);
  t.created_at = r.i64(17);
  t.updated_at = r.i64(18);
  return t;
}

Params topic_params(const Topic& t) {
  return {t.grid_id,
          opt(t.community_id),
          t.title,
          t.description,
          t.source,
          opt(t.source_case_id),
          opt(t.source_observation_id),
          opt(t.raised_by_person_id),
          opt(t.raised_by_household_id),
          std::string(to_string(t.state)),
          static_cast<std::int64_t>(t.rule.quorum_percent),
          std::string(to_string(t.rule.majority)),
          static_cast<std::int64_t>(t.eligible_households),
          t.result,
          opt(t.decided_at),
          opt(t.published_at),
          t.created_at,
          t.updated_at};
}

constexpr const char* kMeetingColumns =
    "id, kind, grid_id, topic_id, place, held_at, attendees, minutes, created_at";

std::string attendees_json(const std::vector<Attendee>& list) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& x : list) {
    a.push_back(
        {{"label", x.label},
         {"person_id", x.person_id ? nlohmann::json(*x.person_id) : nlohmann::json(nullptr)},
         {"organisation_id",
          x.organisation_id ? nlohmann::json(*x.organisation_id) : nlohmann::json(nullptr)}});
  }
  return a.dump();
}

std::vector<Attendee> attendees_from(const std::string& text) {
  std::vector<Attendee> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& x : j) {
    Attendee a;
    a.label = x.value("label", "");
    if (x.contains("person_id") && x["person_id"].is_number_integer())
      a.person_id = x["person_id"].get<Id>();
    if (x.contains("organisation_id") && x["organisation_id"].is_number_integer()) {
      a.organisation_id = x["organisation_id"].get<Id>();
    }
    out.push_back(std::move(a));
  }
  return out;
}

Meeting meeting_from(const Row& r) {
  return {r.i64(0),
          parse_meeting_kind(r.text(1)).value_or(MeetingKind::kCourtyardMeeting),
          r.i64(2),
          r.opt_i64(3),
          r.text(4),
          r.i64(5),
          attendees_from(r.text(6)),
          r.text(7),
          r.i64(8)};
}

constexpr const char* kDecisionColumns =
    "id, meeting_id, text, owner_person_id, owner_organisation_id, due_at, status, done_at, "
    "done_note, created_at";

Decision decision_from(const Row& r) {
  return {r.i64(0),     r.i64(1), r.text(2),           r.opt_i64(3),
          r.opt_i64(4), r.i64(5), r.text(6) == "done", r.opt_i64(7),
          r.text(8),    r.i64(9)};
}

constexpr const char* kStepColumns =
    "id, topic_id, ordinal, title, owner_person_id, due_at, status, progress, note, updated_at";

Step step_from(const Row& r) {
  return {r.i64(0),
          r.i64(1),
          static_cast<int>(r.i64(2)),
          r.text(3),
          r.opt_i64(4),
          r.opt_i64(5),
          parse_step_status(r.text(6)).value_or(StepStatus::kTodo),
          static_cast<int>(r.i64(7)),
          r.text(8),
          r.i64(9)};
}

template <typename T, typename From>
Result<std::vector<T>> all(Db& db, const std::string& sql, const Params& params, From from) {
  std::vector<T> out;
  WEIGE_TRY(db.query(sql, params, [&](const Row& r) { out.push_back(from(r)); }));
  return out;
}

template <typename T, typename From>
Result<T> one(Db& db, const std::string& sql, Id id, const char* what, From from) {
  WEIGE_ASSIGN(auto r, db.row(sql, {id}));
  if (!r)
    return Status::not_found(std::string(what) + " " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  return from(*r);
}

}  // namespace

Result<Id> insert_topic(Db& db, const Topic& t) {
  return db.scalar(
      "INSERT INTO topics (grid_id, community_id, title, description, source, source_case_id, "
      "source_observation_id, raised_by_person_id, raised_by_household_id, state, quorum_percent, "
      "majority, eligible_households, result, decided_at, published_at, created_at, updated_at) "
      "VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      topic_params(t));
}

Status update_topic(Db& db, const Topic& t) {
  Params p = topic_params(t);
  p.emplace_back(t.id);
  return db
      .execute(
          "UPDATE topics SET grid_id = ?, community_id = ?, title = ?, description = ?, source = "
          "?, "
          "source_case_id = ?, source_observation_id = ?, raised_by_person_id = ?, "
          "raised_by_household_id = ?, "
          "state = ?, quorum_percent = ?, majority = ?, eligible_households = ?, result = ?, "
          "decided_at = ?, "
          "published_at = ?, created_at = ?, updated_at = ? WHERE id = ?",
          p)
      .status();
}

Result<Topic> get_topic(Db& db, Id id) {
  return one<Topic>(db, std::string("SELECT ") + kTopicColumns + " FROM topics WHERE id = ?", id,
                    "topic", topic_from);
}

Result<TopicPage> list_topics(Db& db, const TopicFilter& f) {
  std::string where = " WHERE 1 = 1";
  Params params;
  and_in(where, params, "grid_id", f.grids);
  and_if(where, params, "state = ?",
         f.state ? std::optional<std::string>(to_string(*f.state)) : std::nullopt);
  if (f.open_only) where += " AND state NOT IN ('rejected', 'done', 'withdrawn')";
  return select_page<Topic>(db, kTopicColumns, "topics", where, params, "updated_at DESC, id DESC",
                            f.limit, f.offset, topic_from);
}

Result<Id> append_topic_event(Db& db, const TopicEvent& e) {
  return db.scalar(
      "INSERT INTO topic_events (topic_id, at, action, from_state, to_state, actor_role, "
      "actor_person_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.topic_id, e.at, e.action,
       e.from_state ? Value(std::string(to_string(*e.from_state))) : Value(nullptr),
       std::string(to_string(e.to_state)), e.actor_role, opt(e.actor_person_id), e.note});
}

Result<std::vector<TopicEvent>> topic_events(Db& db, Id topic_id) {
  return all<TopicEvent>(db,
                         "SELECT id, topic_id, at, action, from_state, to_state, actor_role, "
                         "actor_person_id, note FROM topic_events "
                         "WHERE topic_id = ? ORDER BY id",
                         {topic_id}, [](const Row& r) {
                           return TopicEvent{
                               r.i64(0),
                               r.i64(1),
                               r.i64(2),
                               r.text(3),
                               parse_topic_state(r.text(4)),
                               parse_topic_state(r.text(5)).value_or(TopicState::kRaised),
                               r.text(6),
                               r.opt_i64(7),
                               r.text(8)};
                         });
}

Result<Id> insert_comment(Db& db, const Comment& c) {
  return db.scalar(
      "INSERT INTO comments (subject, subject_id, section_key, author_kind, person_id, "
      "household_id, "
      "organisation_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.subject, c.subject_id, c.section_key, std::string(to_string(c.author_kind)),
       opt(c.person_id), opt(c.household_id), opt(c.organisation_id), c.text, c.created_at});
}

Result<std::vector<Comment>> comments_of(Db& db, const std::string& subject, Id subject_id) {
  return all<Comment>(
      db,
      "SELECT id, subject, subject_id, section_key, author_kind, person_id, household_id, "
      "organisation_id, text, created_at FROM comments WHERE subject = ? AND subject_id = ? ORDER "
      "BY id",
      {subject, subject_id}, [](const Row& r) {
        return Comment{r.i64(0),
                       r.text(1),
                       r.i64(2),
                       r.text(3),
                       parse_author_kind(r.text(4)).value_or(AuthorKind::kResident),
                       r.opt_i64(5),
                       r.opt_i64(6),
                       r.opt_i64(7),
                       r.text(8),
                       r.i64(9)};
      });
}

Result<Id> insert_vote(Db& db, const Vote& v) {
  WEIGE_ASSIGN(auto existing, vote_of(db, v.subject, v.subject_id, v.household_id));
  if (existing) {
    return Status::conflict("household " + std::to_string(v.household_id) + " has already voted",
                            {{"household_id", v.household_id}, {"vote_id", existing->id}});
  }
  return db.scalar(
      "INSERT INTO votes (subject, subject_id, household_id, person_id, ballot, cast_at) VALUES "
      "(?, ?, ?, ?, ?, ?) RETURNING id",
      {v.subject, v.subject_id, v.household_id, opt(v.person_id), std::string(to_string(v.ballot)),
       v.cast_at});
}

Result<VoteCount> count_votes(Db& db, const std::string& subject, Id subject_id) {
  VoteCount c;
  WEIGE_TRY(db.query(
      "SELECT ballot, count(*) FROM votes WHERE subject = ? AND subject_id = ? GROUP BY ballot",
      {subject, subject_id}, [&](const Row& r) {
        int n = static_cast<int>(r.i64(1));
        auto b = parse_ballot(r.text(0));
        if (b == Ballot::kFor) c.in_favour += n;
        if (b == Ballot::kAgainst) c.against += n;
        if (b == Ballot::kAbstain) c.abstain += n;
      }));
  return c;
}

Result<std::optional<Vote>> vote_of(Db& db, const std::string& subject, Id subject_id,
                                    Id household_id) {
  WEIGE_ASSIGN(
      auto r,
      db.row("SELECT id, subject, subject_id, household_id, person_id, ballot, cast_at FROM votes "
             "WHERE subject = ? AND subject_id = ? AND household_id = ?",
             {subject, subject_id, household_id}));
  if (!r) return std::optional<Vote>();
  return std::optional<Vote>(Vote{r->i64(0), r->text(1), r->i64(2), r->i64(3), r->opt_i64(4),
                                  parse_ballot(r->text(5)).value_or(Ballot::kAbstain), r->i64(6)});
}

Result<Id> insert_meeting(Db& db, const Meeting& m) {
  return db.scalar(
      "INSERT INTO meetings (kind, grid_id, topic_id, place, held_at, attendees, minutes, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string(to_string(m.kind)), m.grid_id, opt(m.topic_id), m.place, m.held_at,
       attendees_json(m.attendees), m.minutes, m.created_at});
}

Result<Meeting> get_meeting(Db& db, Id id) {
  return one<Meeting>(db, std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE id = ?",
                      id, "meeting", meeting_from);
}

Result<std::vector<Meeting>> list_meetings(Db& db, const MeetingFilter& f) {
  std::string sql = std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE 1 = 1";
  Params params;
  and_in(sql, params, "grid_id", f.grids);
  and_if(sql, params, "topic_id = ?", f.topic_id);
  and_if(sql, params, "kind = ?",
         f.kind ? std::optional<std::string>(to_string(*f.kind)) : std::nullopt);
  page_params(params, f.limit, f.offset);
  return all<Meeting>(db, sql + " ORDER BY held_at DESC, id DESC LIMIT ? OFFSET ?", params,
                      meeting_from);
}

Result<int> meetings_with_minutes(Db& db, Id topic_id) {
  WEIGE_ASSIGN(
      auto n,
      db.scalar("SELECT count(*) FROM meetings WHERE topic_id = ? AND minutes <> ''", {topic_id}));
  return static_cast<int>(n);
}

Result<Id> insert_decision(Db& db, const Decision& d) {
  return db.scalar(
      "INSERT INTO meeting_decisions (meeting_id, text, owner_person_id, owner_organisation_id, "
      "due_at, "
      "status, done_at, done_note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {d.meeting_id, d.text, opt(d.owner_person_id), opt(d.owner_organisation_id), d.due_at,
       std::string(d.done ? "done" : "open"), opt(d.done_at), d.done_note, d.created_at});
}

Result<Decision> get_decision(Db& db, Id id) {
  return one<Decision>(
      db, std::string("SELECT ") + kDecisionColumns + " FROM meeting_decisions WHERE id = ?", id,
      "decision", decision_from);
}

Status update_decision(Db& db, const Decision& d) {
  return db
      .execute("UPDATE meeting_decisions SET status = ?, done_at = ?, done_note = ? WHERE id = ?",
               {std::string(d.done ? "done" : "open"), opt(d.done_at), d.done_note, d.id})
      .status();
}

Result<std::vector<Decision>> decisions_of(Db& db, Id meeting_id) {
  return all<Decision>(db,
                       std::string("SELECT ") + kDecisionColumns +
                           " FROM meeting_decisions WHERE meeting_id = ? ORDER BY id",
                       {meeting_id}, decision_from);
}

Result<std::vector<Decision>> open_decisions_for(Db& db, std::optional<Id> person_id,
                                                 std::optional<Id> organisation_id) {
  return all<Decision>(
      db,
      std::string("SELECT ") + kDecisionColumns +
          " FROM meeting_decisions WHERE status = 'open' AND (owner_person_id = ? OR "
          "owner_organisation_id = ?) ORDER BY due_at, id",
      {opt(person_id), opt(organisation_id)}, decision_from);
}

Result<Id> insert_step(Db& db, const Step& s) {
  return db.scalar(
      "INSERT INTO topic_steps (topic_id, ordinal, title, owner_person_id, due_at, status, "
      "progress, "
      "note, updated_at) VALUES (?, (SELECT coalesce(max(ordinal), 0) + 1 FROM topic_steps WHERE "
      "topic_id = ?), ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {s.topic_id, s.topic_id, s.title, opt(s.owner_person_id), opt(s.due_at),
       std::string(to_string(s.status)), static_cast<std::int64_t>(s.progress), s.note,
       s.updated_at});
}

Status update_step(Db& db, const Step& s) {
  return db
      .execute(
          "UPDATE topic_steps SET title = ?, owner_person_id = ?, due_at = ?, status = ?, progress "
          "= ?, note = ?, "
          "updated_at = ? WHERE id = ?",
          {s.title, opt(s.owner_person_id), opt(s.due_at), std::string(to_string(s.status)),
           static_cast<std::int64_t>(s.progress), s.note, s.updated_at, s.id})
      .status();
}

Result<Step> get_step(Db& db, Id id) {
  return one<Step>(db, std::string("SELECT ") + kStepColumns + " FROM topic_steps WHERE id = ?", id,
                   "step", step_from);
}

Result<std::vector<Step>> steps_of(Db& db, Id topic_id) {
  return all<Step>(db,
                   std::string("SELECT ") + kStepColumns +
                       " FROM topic_steps WHERE topic_id = ? ORDER BY ordinal",
                   {topic_id}, step_from);
}

}  // namespace weige::store
