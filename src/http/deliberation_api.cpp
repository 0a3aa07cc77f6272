// Deliberation: topics through their workflow, comments, votes,
// implementation steps, meetings and their decisions, and the decisions a
// person or organisation owns (their inbox).
#include "http/api.h"
#include "http/json_body.h"
#include "http/life_dto.h"

namespace weige::http {
namespace {

using nlohmann::json;

Status read_attendees(const json& j, std::vector<store::Attendee>& out) {
  if (!j.contains("attendees")) return {};
  if (!j["attendees"].is_array())
    return Status::invalid("attendees is a list", {{"field", "attendees"}});
  for (const auto& a : j["attendees"]) {
    if (!a.is_object())
      return Status::invalid("each attendee is {label, person_id, organisation_id}",
                             {{"field", "attendees"}});
    store::Attendee x;
    WEIGE_TRY(read_string(a, "label", x.label, false, 100));
    WEIGE_TRY(read_id(a, "person_id", x.person_id));
    WEIGE_TRY(read_id(a, "organisation_id", x.organisation_id));
    out.push_back(std::move(x));
  }
  return {};
}

}  // namespace

void Api::register_deliberation_routes() {
  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/topics",
       .operation_id = "listTopics",
       .summary =
           "Deliberation topics of the grids you see (a resident: of their micro-grid and above)",
       .tag = "deliberation",
       .params = {{"state", "query", "string", ""},
                  {"open", "query", "boolean", "only topics not rejected, done or withdrawn"},
                  {"limit", "query", "integer", ""},
                  {"offset", "query", "integer", ""}},
       .response_schema = "TopicList",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         store::TopicFilter f;
         WEIGE_TRY(query_page(r, f.limit, f.offset));
         WEIGE_TRY(query_enum(r, "state", parse_topic_state, f.state, "state"));
         std::optional<bool> open;
         WEIGE_TRY(query_bool(r, "open", open));
         f.open_only = open.value_or(false);
         WEIGE_ASSIGN(auto page, service::DeliberationService(db, options_.clock).list(c, f));
         Names n(db, vault_);
         return list_json(
             page.items, [&](const auto& t) { return topic_summary_json(t, n); }, page.total);
       })});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/topics",
       .operation_id = "raiseTopic",
       .summary =
           "Raise a topic (a resident for their micro-grid; from a case or a patrol suggestion)",
       .tag = "deliberation",
       .request_schema = "TopicInput",
       .response_schema = "Topic",
       .success_status = 201,
       .permission = Permission::kLifeParticipate,
       .handler = wrap(
           [this](Request& r, store::Db& db) -> Result<json> {
             WEIGE_ASSIGN(auto c, life_caller_of(r, db));
             WEIGE_ASSIGN(json j,
                          parse_object(r, {"grid_id", "title", "description", "case_id",
                                           "observation_id", "quorum_percent", "majority"}));
             service::TopicInput in;
             WEIGE_TRY(read_id(j, "grid_id", in.grid_id));
             WEIGE_TRY(read_string(j, "title", in.title, true, 200));
             WEIGE_TRY(read_string(j, "description", in.description, false, 4000));
             WEIGE_TRY(read_id(j, "case_id", in.case_id));
             WEIGE_TRY(read_id(j, "observation_id", in.observation_id));
             WEIGE_TRY(read_rule(j, in.rule));
             return rendered(db, vault_,
                             service::DeliberationService(db, options_.clock).raise(c, in),
                             topic_json);
           },
           201)});

  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/topics/{id}",
       .operation_id = "getTopic",
       .summary =
           "A topic: comments, meetings, the vote tally, steps, history, the actions you may take",
       .tag = "deliberation",
       .response_schema = "Topic",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         WEIGE_ASSIGN(Id id, path_id(r));
         return rendered(db, vault_, service::DeliberationService(db, options_.clock).get(c, id),
                         topic_json);
       })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/topics/{id}/actions",
               .operation_id = "actOnTopic",
               .summary = "Apply one deliberation workflow action (see docs/workflow.md); refused "
                          "actions change nothing",
               .tag = "deliberation",
               .request_schema = "TopicActionInput",
               .response_schema = "Topic",
               .permission = Permission::kLifeWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"action", "reason", "note", "quorum_percent",
                                                       "majority"}));
                 std::optional<TopicAction> action;
                 WEIGE_TRY(read_enum(j, "action", parse_topic_action, action, true));
                 StepInput in;
                 WEIGE_TRY(read_string(j, "reason", in.reason, false, 2000));
                 WEIGE_TRY(read_string(j, "note", in.note, false, 4000));
                 std::optional<VoteRule> rule;
                 if (j.contains("quorum_percent") || j.contains("majority")) {
                   WEIGE_ASSIGN(auto t, store::get_topic(db, id));
                   rule = t.rule;
                 }
                 WEIGE_TRY(read_rule(j, rule));
                 return rendered(
                     db, vault_,
                     service::DeliberationService(db, options_.clock).act(c, id, *action, in, rule),
                     topic_json);
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/topics/{id}/comments",
               .operation_id = "commentOnTopic",
               .summary = "Give an opinion on a topic (residents for their household)",
               .tag = "deliberation",
               .request_schema = "CommentInput",
               .response_schema = "Topic",
               .success_status = 201,
               .permission = Permission::kLifeParticipate,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(Id id, path_id(r));
                     WEIGE_ASSIGN(json j, parse_object(r, {"text", "household_id", "author_kind"}));
                     std::string text;
                     WEIGE_TRY(read_string(j, "text", text, true, 4000));
                     std::optional<Id> household;
                     WEIGE_TRY(read_id(j, "household_id", household));
                     std::optional<AuthorKind> author;
                     WEIGE_TRY(read_enum(j, "author_kind", parse_author_kind, author));
                     return rendered(db, vault_,
                                     service::DeliberationService(db, options_.clock)
                                         .comment(c, id, text, household, author),
                                     topic_json);
                   },
                   201)});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/topics/{id}/votes",
       .operation_id = "voteOnTopic",
       .summary = "Vote for a household (one vote per household; a resident votes for their own)",
       .tag = "deliberation",
       .request_schema = "VoteInput",
       .response_schema = "Topic",
       .success_status = 201,
       .permission = Permission::kLifeParticipate,
       .handler = wrap(
           [this](Request& r, store::Db& db) -> Result<json> {
             WEIGE_ASSIGN(auto c, life_caller_of(r, db));
             WEIGE_ASSIGN(Id id, path_id(r));
             WEIGE_ASSIGN(json j, parse_object(r, {"ballot", "household_id"}));
             std::optional<Ballot> ballot;
             WEIGE_TRY(read_enum(j, "ballot", parse_ballot, ballot, true));
             std::optional<Id> household;
             WEIGE_TRY(read_id(j, "household_id", household));
             return rendered(
                 db, vault_,
                 service::DeliberationService(db, options_.clock).vote(c, id, *ballot, household),
                 topic_json);
           },
           201)});

  router_.add({.method = "POST",
               .pattern = "/api/v1/topics/{id}/steps",
               .operation_id = "addTopicStep",
               .summary = "Add an implementation step to a decided topic",
               .tag = "deliberation",
               .request_schema = "StepInput",
               .response_schema = "Topic",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(Id id, path_id(r));
                     WEIGE_ASSIGN(json j, parse_object(r, {"title", "owner_person_id", "due_on"}));
                     service::StepDraft in;
                     WEIGE_TRY(read_string(j, "title", in.title, true, 200));
                     WEIGE_TRY(read_id(j, "owner_person_id", in.owner_person_id));
                     WEIGE_TRY(read_time(j, "due_on", in.due_at));
                     return rendered(
                         db, vault_,
                         service::DeliberationService(db, options_.clock).add_step(c, id, in),
                         topic_json);
                   },
                   201)});

  router_.add({.method = "PATCH",
               .pattern = "/api/v1/topic-steps/{id}",
               .operation_id = "updateTopicStep",
               .summary = "Report an implementation step's status and progress",
               .tag = "deliberation",
               .request_schema = "StepPatch",
               .response_schema = "Topic",
               .permission = Permission::kLifeWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"status", "progress", "note"}));
                 service::StepPatch in;
                 WEIGE_TRY(read_enum(j, "status", parse_step_status, in.status));
                 if (j.contains("progress")) {
                   int progress = 0;
                   WEIGE_TRY(read_int(j, "progress", progress));
                   in.progress = progress;
                 }
                 if (j.contains("note")) {
                   std::string note;
                   WEIGE_TRY(read_string(j, "note", note, false, 4000));
                   in.note = note;
                 }
                 return rendered(
                     db, vault_,
                     service::DeliberationService(db, options_.clock).update_step(c, id, in),
                     topic_json);
               })});

  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/meetings",
       .operation_id = "listMeetings",
       .summary = "Courtyard meetings and joint meetings of the grids you see, newest first",
       .tag = "deliberation",
       .params = {{"kind", "query", "string", "courtyard_meeting or joint_meeting"},
                  {"topic_id", "query", "integer", ""},
                  {"limit", "query", "integer", ""},
                  {"offset", "query", "integer", ""}},
       .response_schema = "MeetingList",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         store::MeetingFilter f;
         WEIGE_TRY(query_page(r, f.limit, f.offset));
         WEIGE_TRY(query_enum(r, "kind", parse_meeting_kind, f.kind, "meeting kind"));
         WEIGE_TRY(query_id(r, "topic_id", f.topic_id));
         WEIGE_ASSIGN(auto list, service::DeliberationService(db, options_.clock).meetings(c, f));
         Names n(db, vault_);
         return list_json(list, [&](const auto& m) { return meeting_json(m, n); });
       })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/meetings",
               .operation_id = "recordMeeting",
               .summary = "Record a meeting (a courtyard meeting, or the joint meeting in the Red "
                          "Harbour) with attendees and minutes",
               .tag = "deliberation",
               .request_schema = "MeetingInput",
               .response_schema = "Meeting",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(json j, parse_object(r, {"kind", "grid_id", "topic_id", "place",
                                                           "held_at", "attendees", "minutes"}));
                     service::MeetingInput in;
                     std::optional<MeetingKind> kind;
                     WEIGE_TRY(read_enum(j, "kind", parse_meeting_kind, kind, true));
                     in.kind = *kind;
                     WEIGE_TRY(read_id(j, "grid_id", in.grid_id));
                     WEIGE_TRY(read_id(j, "topic_id", in.topic_id));
                     WEIGE_TRY(read_string(j, "place", in.place, false, 200));
                     WEIGE_TRY(read_time(j, "held_at", in.held_at));
                     WEIGE_TRY(read_attendees(j, in.attendees));
                     WEIGE_TRY(read_string(j, "minutes", in.minutes, false, 20000));
                     return rendered(
                         db, vault_,
                         service::DeliberationService(db, options_.clock).record_meeting(c, in),
                         meeting_view_json);
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/meetings/{id}",
               .operation_id = "getMeeting",
               .summary = "A meeting with its attendees, minutes and decisions",
               .tag = "deliberation",
               .response_schema = "Meeting",
               .permission = Permission::kLifeRead,
               .handler = wrap(by_id(
                   vault_,
                   [this](store::Db& db, const service::LifeCaller& c, Id id) {
                     return service::DeliberationService(db, options_.clock).meeting(c, id);
                   },
                   meeting_view_json))});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/meetings/{id}/decisions",
       .operation_id = "addMeetingDecision",
       .summary =
           "Record a meeting's decision with an owner (person or organisation) and a due date",
       .tag = "deliberation",
       .request_schema = "DecisionInput",
       .response_schema = "Meeting",
       .success_status = 201,
       .permission = Permission::kLifeWrite,
       .handler = wrap(
           [this](Request& r, store::Db& db) -> Result<json> {
             WEIGE_ASSIGN(auto c, life_caller_of(r, db));
             WEIGE_ASSIGN(Id id, path_id(r));
             WEIGE_ASSIGN(json j, parse_object(r, {"text", "owner_person_id",
                                                   "owner_organisation_id", "due_on"}));
             service::DecisionInput in;
             WEIGE_TRY(read_string(j, "text", in.text, true, 4000));
             WEIGE_TRY(read_id(j, "owner_person_id", in.owner_person_id));
             WEIGE_TRY(read_id(j, "owner_organisation_id", in.owner_organisation_id));
             std::optional<Seconds> due;
             WEIGE_TRY(read_time(j, "due_on", due));
             in.due_at = due.value_or(0);
             return rendered(
                 db, vault_,
                 service::DeliberationService(db, options_.clock).add_decision(c, id, in),
                 meeting_view_json);
           },
           201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/decisions/mine",
               .operation_id = "listMyDecisions",
               .summary = "My inbox of meeting decisions: open ones owned by me or my "
                          "organisation, earliest due first",
               .tag = "deliberation",
               .response_schema = "DecisionList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 WEIGE_ASSIGN(auto list,
                              service::DeliberationService(db, options_.clock).my_decisions(c));
                 Names n(db, vault_);
                 Seconds now = options_.clock();
                 return list_json(list, [&](const auto& d) { return decision_json(d, n, now); });
               })});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/decisions/{id}/done",
       .operation_id = "completeDecision",
       .summary = "Mark a meeting decision done (its owner, or staff of the meeting's grid)",
       .tag = "deliberation",
       .request_schema = "DecisionDoneInput",
       .response_schema = "Decision",
       .permission = Permission::kLifeParticipate,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         WEIGE_ASSIGN(Id id, path_id(r));
         WEIGE_ASSIGN(json j, parse_object(r, {"note"}));
         std::string note;
         WEIGE_TRY(read_string(j, "note", note, false, 4000));
         WEIGE_ASSIGN(
             auto d,
             service::DeliberationService(db, options_.clock).complete_decision(c, id, note));
         Names n(db, vault_);
         return decision_json(d, n, options_.clock());
       })});
}

}  // namespace weige::http
