// Cases: intake, lists, detail, workflow actions, duplicates, attachments,
// mediation, and the public tracking page for reporters.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/api.h"
#include "http/case_dto.h"
#include "http/case_query.h"
#include "http/json_body.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::http {
namespace {

// A full-text search (q=) scans the trigram index: the slow lane's.
bool is_search(const Request& r) {
  const std::string* q = r.param("q");
  return q && !q->empty();
}

using nlohmann::json;

const std::set<std::string> kIntakeFields{"channel", "category_id", "level", "description", "place_id", "grid_id", "location",
                                          "address", "reporter_person_id", "reporter_name", "reporter_phone",
                                          "anonymous", "on_behalf_of", "accept_now"};

Result<service::IntakeInput> parse_intake(const json& j) {
  service::IntakeInput in;
  std::string channel = "walk_in";
  WEIGE_TRY(read_string(j, "channel", channel));
  auto ch = parse_channel(channel);
  if (!ch) return Status::invalid("unknown channel '" + channel + "'", {{"field", "channel"}});
  in.channel = *ch;
  WEIGE_TRY(read_id(j, "category_id", in.category_id, true));
  std::string level;
  WEIGE_TRY(read_string(j, "level", level));
  if (!level.empty()) {
    in.level = parse_case_level(level);
    if (!in.level) return Status::invalid("unknown level '" + level + "'", {{"field", "level"}});
  }
  WEIGE_TRY(read_string(j, "description", in.description, true, 4000));
  WEIGE_TRY(read_id(j, "place_id", in.place_id));
  WEIGE_TRY(read_id(j, "grid_id", in.grid_id));
  WEIGE_TRY(read_point(j, "location", in.location));
  WEIGE_TRY(read_string(j, "address", in.address, false, 300));
  WEIGE_TRY(read_id(j, "reporter_person_id", in.reporter_person_id));
  WEIGE_TRY(read_string(j, "reporter_name", in.reporter_name, false, 100));
  WEIGE_TRY(read_string(j, "reporter_phone", in.reporter_phone, false, 30));
  WEIGE_TRY(read_bool(j, "anonymous", in.anonymous));
  WEIGE_TRY(read_bool(j, "on_behalf_of", in.on_behalf_of));
  WEIGE_TRY(read_bool(j, "accept_now", in.accept_now));
  return in;
}

Result<Actor> known_actor(const Request& r, store::Db&) {
  WEIGE_ASSIGN(Principal p, principal_of(r));
  return p.actor();
}

// The case, when it lies in the caller's scope; otherwise "not found", so
// that ids outside one's scope reveal nothing.
Result<store::CaseRecord> case_for(const Request& r, store::Db& db, Id id, service::RefCache* refs) {
  WEIGE_ASSIGN(Principal p, principal_of(r));
  WEIGE_ASSIGN(auto scope, service::scope_of(db, p, refs));
  auto c = store::get_case(db, id);
  if (!c || !service::case_in_scope(*c, scope)) {
    return Status::not_found("case " + std::to_string(id) + " does not exist", {{"case_id", id}});
  }
  return c;
}

json actions_json(const std::vector<Action>& actions) {
  json a = json::array();
  for (Action x : actions) a.push_back({{"action", to_string(x)}, {"label_zh", label_zh(x)}});
  return a;
}

// The detail of a case already read (and scope-checked) by the caller.
Result<json> case_detail(store::Db& db, service::CaseService& svc, const store::CaseRecord& record, const Actor& actor,
                         Seconds now) {
  const Id id = record.id;
  WEIGE_ASSIGN(auto v, svc.view(record));
  json j = case_json(v, now);
  WEIGE_ASSIGN(auto events, store::events_of(db, id));
  json timeline = json::array();
  for (const auto& e : events) timeline.push_back(event_json(e));
  j["timeline"] = timeline;
  WEIGE_ASSIGN(auto files, store::attachments_of(db, id));
  json attachments = json::array();
  for (const auto& a : files) attachments.push_back(attachment_json(a));
  j["attachments"] = attachments;
  WEIGE_ASSIGN(auto mediation, store::get_mediation(db, id));
  j["mediation"] = mediation ? mediation_json(*mediation) : json(nullptr);
  WEIGE_ASSIGN(auto cat, store::get_category(db, v.record.category_id));
  j["category"] = category_json(cat);
  const auto& c = v.record;
  CaseFacts facts = store::workflow_facts(c);
  j["allowed_actions"] = actions_json(allowed_actions(facts, actor));
  return j;
}

// The tracking token, for staff who take requests in and hand the link over.
void add_tracking_token(json& j, const Request& r, const store::CaseRecord& c) {
  if (r.principal && r.principal->may(Permission::kCaseIntake)) j["tracking_token"] = c.tracking_token;
}

Result<ActionInput> parse_action_input(const json& j, Action& action, std::optional<Id>& assignee) {
  std::string name;
  WEIGE_TRY(read_string(j, "action", name, true));
  auto a = parse_action(name);
  if (!a) return Status::invalid("unknown action '" + name + "'", {{"field", "action"}});
  action = *a;
  ActionInput in;
  WEIGE_TRY(read_string(j, "reason", in.reason, false, 2000));
  WEIGE_TRY(read_string(j, "note", in.note, false, 4000));
  std::string rating;
  WEIGE_TRY(read_string(j, "rating", rating));
  if (!rating.empty()) {
    in.rating = parse_rating(rating);
    if (!in.rating) return Status::invalid("rating is satisfied, basically_satisfied or unsatisfied", {{"field", "rating"}});
  }
  if (j.contains("hours")) {
    if (!j["hours"].is_number()) return Status::invalid("field 'hours' must be a number", {{"field", "hours"}});
    in.hours = j["hours"].get<double>();
  }
  std::string review;
  WEIGE_TRY(read_string(j, "review_at", review));
  if (!review.empty()) {
    auto day = parse_day(review.substr(0, 10));
    if (!day) return Status::invalid("review_at is a date YYYY-MM-DD", {{"field", "review_at"}});
    in.review_at = *day * 86400 + 9 * 3600 - 8 * 3600;  // 09:00 local
  }
  WEIGE_TRY(read_id(j, "target_case_id", in.target_case_id));
  std::string handler;
  WEIGE_TRY(read_string(j, "handler", handler));
  if (!handler.empty()) {
    in.handler = parse_handler_kind(handler);
    if (!in.handler) return Status::invalid("unknown handler '" + handler + "'", {{"field", "handler"}});
  }
  WEIGE_TRY(read_id(j, "assignee_person_id", assignee));
  return in;
}

const std::set<std::string> kActionFields{"action", "reason", "note", "rating", "hours", "review_at",
                                          "target_case_id", "handler", "assignee_person_id"};

}  // namespace

void Api::register_case_routes() {
  router_.add({.method = "POST",
               .pattern = "/api/v1/cases",
               .operation_id = "createCase",
               .summary = "Take in a request from any channel (staff); routes it and suggests duplicates",
               .tag = "cases",
               .request_schema = "CaseInput",
               .response_schema = "IntakeResult",
               .success_status = 201,
               .permission = Permission::kCaseIntake,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(Actor actor, known_actor(r, db));
                     WEIGE_ASSIGN(json j, parse_object(r, kIntakeFields));
                     WEIGE_ASSIGN(auto in, parse_intake(j));
                     // Staff take requests in for places, grids and reporters in their scope.
                     WEIGE_ASSIGN(auto sc, scope(r, db));
                     if (in.place_id) {
                       auto place = service::scoped_place_to_change(db, *in.place_id, sc);
                       WEIGE_TRY(service::as_reference(place.status(), place.status().message(), "place_id"));
                     } else if (in.grid_id) {
                       auto grid = service::scoped_grid(db, *in.grid_id, sc);
                       WEIGE_TRY(service::as_reference(grid.status(), grid.status().message(), "grid_id"));
                     }
                     if (in.reporter_person_id) {
                       Status person = service::scoped_person(db, *in.reporter_person_id, sc);
                       WEIGE_TRY(service::as_reference(person, person.message(), "reporter_person_id"));
                     }
                     auto svc = cases(db);
                     WEIGE_ASSIGN(auto res, svc.intake(in, actor));
                     Seconds now = options_.clock();
                     json dups = json::array();
                     for (const auto& d : res.duplicates) {
                       if (service::case_in_scope(d, sc)) dups.push_back(case_summary_json(d, now));
                     }
                     json out = case_json(res.view, now);
                     out["tracking_token"] = res.view.record.tracking_token;
                     out["duplicates"] = dups;
                     return out;
                   },
                   201)});

  router_.add({.method = "POST",
               .pattern = "/api/v1/public/reports",
               .operation_id = "createPublicReport",
               .summary = "A resident reports a matter online (no account); returns the tracking token",
               .tag = "public",
               .request_schema = "PublicReportInput",
               .response_schema = "TrackedCase",
               .success_status = 201,
               .permission = Permission::kPublic,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, {"category_id", "description", "place_id", "grid_id", "location",
                                                           "address", "reporter_name", "reporter_phone", "anonymous"}));
                     WEIGE_ASSIGN(auto in, parse_intake(j));
                     WEIGE_TRY(read_id(j, "grid_id", in.grid_id));
                     in.channel = Channel::kOnline;
                     auto svc = cases(db);
                     WEIGE_ASSIGN(auto res, svc.intake(in, {Role::kResident, std::nullopt}));
                     const auto& c = res.view.record;
                     return json{{"id", c.id},
                                 {"tracking_token", c.tracking_token},
                                 {"tracking_url", "/m/track/" + c.tracking_token},
                                 {"state", to_string(c.state)},
                                 {"state_zh", label_zh(c.state)},
                                 {"created_at", time_json(c.created_at)}};
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/cases",
               .operation_id = "listCases",
               .summary = "The case inbox: filters, deadline colours, pagination",
               .tag = "cases",
               .params = case_query_params(true),
               .response_schema = "CaseList",
               .permission = Permission::kCaseRead,
               .slow = is_search,
               .handler = wrap_text([this](Request& r, store::Db& db) -> Result<std::string> {
                 WEIGE_TRY(known_actor(r, db).status());
                 Seconds now = options_.clock();
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(store::CaseFilter f, parse_case_filter(r, db, sc, now, true));
                 WEIGE_ASSIGN(auto page, store::list_cases(db, f));
                 // Written as text, keys in sorted order (docs/decisions.md,
                 // "The inbox writes its JSON as text").
                 JsonText out;
                 out.begin_object().key("items").begin_array();
                 for (const auto& c : page.items) write_case_summary(out, c, now);
                 out.end_array();
                 out.key("limit").value(f.limit).key("offset").value(f.offset).key("total").value(page.total);
                 out.end_object();
                 return out.take();
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/cases/duplicates",
               .operation_id = "findDuplicateCases",
               .summary = "Likely duplicates before saving: open cases, same place (or micro-grid) and category, last 7 days",
               .tag = "cases",
               .params = {{"category_id", "query", "integer", "", true},
                          {"place_id", "query", "integer", ""},
                          {"lng", "query", "number", ""},
                          {"lat", "query", "number", ""}},
               .response_schema = "CaseList",
               .permission = Permission::kCaseRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(known_actor(r, db).status());
                 std::optional<Id> category, place;
                 WEIGE_TRY(query_id(r, "category_id", category));
                 if (!category) return Status::invalid("category_id is required", {{"parameter", "category_id"}});
                 WEIGE_TRY(query_id(r, "place_id", place));
                 WEIGE_ASSIGN(auto point, query_point(r));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 if (place) WEIGE_TRY(service::scoped_place(db, *place, sc).status());
                 auto svc = cases(db);
                 WEIGE_ASSIGN(auto dups, svc.duplicates_for(place, point, *category, std::nullopt));
                 Seconds now = options_.clock();
                 json items = json::array();
                 for (const auto& c : dups) {
                   if (service::case_in_scope(c, sc)) items.push_back(case_summary_json(c, now));
                 }
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/cases/{id}",
               .operation_id = "getCase",
               .summary = "A case: timeline, routing explanation, attachments, mediation, the actions you may take now",
               .tag = "cases",
               .response_schema = "CaseDetail",
               .permission = Permission::kCaseRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Actor actor, known_actor(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto c, case_for(r, db, id, &refs_));
                 auto svc = cases(db);
                 WEIGE_ASSIGN(json j, case_detail(db, svc, c, actor, options_.clock()));
                 add_tracking_token(j, r, c);
                 return j;
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/cases/{id}/actions",
               .operation_id = "actOnCase",
               .summary = "Apply one workflow action (see docs/workflow.md); refused actions change nothing",
               .tag = "cases",
               .request_schema = "CaseActionInput",
               .response_schema = "CaseDetail",
               .permission = Permission::kCaseAct,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Actor actor, known_actor(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_TRY(case_for(r, db, id, &refs_).status());
                 WEIGE_ASSIGN(json j, parse_object(r, kActionFields));
                 Action action{};
                 std::optional<Id> assignee;
                 WEIGE_ASSIGN(ActionInput in, parse_action_input(j, action, assignee));
                 auto svc = cases(db);
                 WEIGE_ASSIGN(auto acted, svc.act(id, action, actor, in, assignee));
                 return case_detail(db, svc, acted.record, actor, options_.clock());
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/cases/bulk-dispatch",
               .operation_id = "bulkDispatchCases",
               .summary = "Dispatch several accepted cases at once, all or nothing",
               .tag = "cases",
               .request_schema = "BulkDispatchInput",
               .response_schema = "BulkResult",
               .permission = Permission::kCaseAct,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Actor actor, known_actor(r, db));
                 WEIGE_ASSIGN(json j, parse_object(r, {"case_ids", "handler", "assignee_person_id"}));
                 if (!j.contains("case_ids") || !j["case_ids"].is_array() || j["case_ids"].empty() ||
                     j["case_ids"].size() > 200) {
                   return Status::invalid("case_ids is a list of 1 to 200 case ids", {{"field", "case_ids"}});
                 }
                 json body = j;
                 body["action"] = "dispatch";
                 body.erase("case_ids");
                 Action action{};
                 std::optional<Id> assignee;
                 WEIGE_ASSIGN(ActionInput in, parse_action_input(body, action, assignee));
                 auto svc = cases(db);
                 json done = json::array();
                 Status s = store::in_write_transaction(db, [&]() -> Status {
                   for (const auto& idj : j["case_ids"]) {
                     if (!idj.is_number_integer()) return Status::invalid("case_ids holds integer ids", {{"field", "case_ids"}});
                     Id id = idj.get<Id>();
                     WEIGE_TRY(case_for(r, db, id, &refs_).status());
                     auto res = svc.act(id, action, actor, in, assignee);
                     if (!res) {
                       return Status(res.status().code(), "case " + std::to_string(id) + ": " + res.status().message(),
                                     {{"case_id", id}});
                     }
                     done.push_back(id);
                   }
                   return {};
                 });
                 if (!s) return s;
                 return json{{"dispatched", done}, {"count", done.size()}};
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/cases/{id}/attachments",
               .operation_id = "attachToCase",
               .summary = "Attach a photo (raw JPEG, PNG or WebP body, at most 5 MiB; X-Filename names it)",
               .tag = "cases",
               .response_schema = "Attachment",
               .success_status = 201,
               .permission = Permission::kPublic,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     Actor actor{Role::kResident, std::nullopt};
                     if (r.principal) {
                       if (!r.principal->may(Permission::kCaseAct)) {
                         return Status(Code::kForbidden, "a " + std::string(to_string(r.principal->role)) + " may not attach to cases");
                       }
                       actor = r.principal->actor();
                       WEIGE_ASSIGN(Id id, path_id(r));
                       WEIGE_TRY(case_for(r, db, id, &refs_).status());
                     } else {
                       // A reporter may attach to their own case with its tracking token.
                       const std::string* token = r.header("x-tracking-token");
                       if (!token) return Status(Code::kUnauthorized, "sign in, or attach with the case's X-Tracking-Token");
                       WEIGE_ASSIGN(Id id, path_id(r));
                       WEIGE_ASSIGN(auto c, store::find_case_by_token(db, *token));
                       if (!c || c->id != id) return Status(Code::kForbidden, "the tracking token is not this case's");
                     }
                     WEIGE_ASSIGN(Id id, path_id(r));
                     const std::string* ct = r.header("content-type");
                     const std::string* name = r.header("x-filename");
                     auto svc = cases(db);
                     WEIGE_ASSIGN(auto a, svc.attach(id, ct ? *ct : "", r.body, name ? *name : "",
                                                     options_.files_dir, actor));
                     return attachment_json(a);
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/attachments/{id}",
               .operation_id = "getAttachment",
               .summary = "The stored photo",
               .tag = "cases",
               .response_schema = "",
               .permission = Permission::kCaseRead,
               .handler = [this](Request& r) -> Response {
                 auto lease = pool_.acquire();
                 if (!lease) return error_response(lease.status());
                 auto id = path_id(r);
                 if (!id) return error_response(id.status());
                 auto a = store::get_attachment(**lease, *id);
                 if (!a) return error_response(a.status());
                 if (auto c = case_for(r, **lease, a->case_id, &refs_); !c) {
                   return error_response(Status::not_found("attachment " + std::to_string(*id) + " does not exist"));
                 }
                 std::ifstream in(std::filesystem::path(options_.files_dir) / "attachments" / a->stored_name, std::ios::binary);
                 if (!in) return error_response(Status::not_found("the file of attachment " + std::to_string(*id) + " is missing"));
                 std::ostringstream ss;
                 ss << in.rdbuf();
                 Response res;
                 res.content_type = a->content_type;
                 res.body = ss.str();
                 res.headers.emplace_back("Cache-Control", "private, max-age=86400");
                 res.headers.emplace_back("X-Content-Type-Options", "nosniff");
                 return res;
               }});

  router_.add({.method = "PUT",
               .pattern = "/api/v1/cases/{id}/mediation",
               .operation_id = "saveMediation",
               .summary = "Record a dispute's mediation: parties, mediator, agreement and who signed it, follow-up",
               .tag = "cases",
               .request_schema = "MediationInput",
               .response_schema = "Mediation",
               .permission = Permission::kCaseAct,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Actor actor, known_actor(r, db));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_TRY(case_for(r, db, id, &refs_).status());
                 WEIGE_ASSIGN(json j, parse_object(r, {"mediator_person_id", "parties", "agreement", "signed_by",
                                                       "follow_up_note", "follow_up_at"}));
                 // Fields not given keep their recorded values.
                 WEIGE_ASSIGN(auto existing, store::get_mediation(db, id));
                 store::Mediation m = existing ? *existing : store::Mediation{};
                 WEIGE_TRY(read_id(j, "mediator_person_id", m.mediator_person_id));
                 if (j.contains("parties")) {
                   if (!j["parties"].is_array()) return Status::invalid("parties is a list", {{"field", "parties"}});
                   for (const auto& p : j["parties"]) {
                     if (!p.is_object() || !p.contains("label") || !p["label"].is_string()) {
                       return Status::invalid("each party has a label (and optionally person_id, side)", {{"field", "parties"}});
                     }
                   }
                   m.parties = j["parties"].dump();
                 }
                 WEIGE_TRY(read_string(j, "agreement", m.agreement, false, 8000));
                 if (j.contains("signed_by")) m.signed_by = j["signed_by"].dump();
                 WEIGE_TRY(read_string(j, "follow_up_note", m.follow_up_note, false, 4000));
                 std::string follow;
                 WEIGE_TRY(read_string(j, "follow_up_at", follow));
                 if (!follow.empty()) {
                   auto day = parse_day(follow.substr(0, 10));
                   if (!day) return Status::invalid("follow_up_at is a date YYYY-MM-DD", {{"field", "follow_up_at"}});
                   m.follow_up_at = *day * 86400 + 3600;
                 }
                 auto svc = cases(db);
                 WEIGE_ASSIGN(auto saved, svc.save_mediation(id, m, actor));
                 return mediation_json(saved);
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/cases/{id}/mediation/sessions",
               .operation_id = "addMediationSession",
               .summary = "Add a mediation session (date, place, what was said)",
               .tag = "cases",
               .request_schema = "MediationSessionInput",
               .response_schema = "Mediation",
               .success_status = 201,
               .permission = Permission::kCaseAct,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(Actor actor, known_actor(r, db));
                     WEIGE_ASSIGN(Id id, path_id(r));
                     WEIGE_TRY(case_for(r, db, id, &refs_).status());
                     WEIGE_ASSIGN(json j, parse_object(r, {"place", "summary", "at"}));
                     store::MediationSession s;
                     WEIGE_TRY(read_string(j, "place", s.place, true, 200));
                     WEIGE_TRY(read_string(j, "summary", s.summary, true, 4000));
                     s.at = options_.clock();
                     auto svc = cases(db);
                     WEIGE_ASSIGN(auto saved, svc.add_mediation_session(id, s, actor));
                     return mediation_json(saved);
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/track/{token}",
               .operation_id = "trackCase",
               .summary = "The reporter's view of their case by tracking token (no personal data)",
               .tag = "public",
               .response_schema = "TrackedCase",
               .permission = Permission::kPublic,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 const std::string& token = r.path_params["token"];
                 WEIGE_ASSIGN(auto c, store::find_case_by_token(db, token));
                 if (!c) return Status::not_found("no case with this tracking token");
                 WEIGE_ASSIGN(auto cat, store::get_category(db, c->category_id));
                 WEIGE_ASSIGN(auto events, store::events_of(db, c->id));
                 json timeline = json::array();
                 for (const auto& e : events) {
                   timeline.push_back({{"at", time_json(e.at)}, {"action", e.action}, {"to_state", to_string(e.to_state)},
                                       {"to_state_zh", label_zh(e.to_state)}});
                 }
                 return json{{"tracking_token", c->tracking_token},
                             {"state", to_string(c->state)},
                             {"state_zh", label_zh(c->state)},
                             {"category", {{"id", cat.id}, {"name_zh", cat.name_zh}, {"name_en", cat.name_en}}},
                             {"description", c->description},
                             {"handler", to_string(c->handler)},
                             {"handler_zh", label_zh(c->handler)},
                             {"created_at", time_json(c->created_at)},
                             {"rating", c->rating ? json(to_string(*c->rating)) : json(nullptr)},
                             {"can_rate", c->state == CaseState::kClosed},
                             {"timeline", timeline}};
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/track/{token}/rating",
               .operation_id = "rateCase",
               .summary = "The reporter rates the outcome: satisfied, basically_satisfied or unsatisfied",
               .tag = "public",
               .request_schema = "RatingInput",
               .response_schema = "TrackedCase",
               .permission = Permission::kPublic,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 const std::string& token = r.path_params["token"];
                 WEIGE_ASSIGN(json j, parse_object(r, {"rating", "comment"}));
                 WEIGE_ASSIGN(auto c, store::find_case_by_token(db, token));
                 if (!c) return Status::not_found("no case with this tracking token");
                 json body{{"action", "rate"}};
                 if (j.contains("rating")) body["rating"] = j["rating"];
                 if (j.contains("comment")) body["note"] = j["comment"];
                 Action action{};
                 std::optional<Id> assignee;
                 WEIGE_ASSIGN(ActionInput in, parse_action_input(body, action, assignee));
                 auto svc = cases(db);
                 WEIGE_ASSIGN(auto v, svc.act(c->id, Action::kRate, {Role::kResident, c->reporter_person_id}, in));
                 return json{{"tracking_token", token},
                             {"state", to_string(v.record.state)},
                             {"state_zh", label_zh(v.record.state)},
                             {"rating", to_string(*v.record.rating)},
                             {"can_rate", v.record.state == CaseState::kClosed}};
               })});
}

}  // namespace weige::http
