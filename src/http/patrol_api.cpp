// Patrols: plans, patrols as walked, check-ins, observations and their
// outcome (a case or a suggestion), monthly route coverage.
#include "http/api.h"
#include "http/case_dto.h"
#include "http/json_body.h"
#include "http/life_dto.h"

namespace weige::http {
namespace {

using nlohmann::json;

Status read_checkin(const json& j, service::CheckinInput& in) {
  if (!j.is_object())
    return Status::invalid("a check-in is {place_id, at, note}", {{"field", "checkins"}});
  WEIGE_TRY(read_id(j, "place_id", in.place_id, true));
  WEIGE_TRY(read_time(j, "at", in.at));
  return read_string(j, "note", in.note, false, 4000);
}

Status read_observation(const json& j, service::ObservationInput& in) {
  if (!j.is_object())
    return Status::invalid("an observation is {place_id, text, suggestion}",
                           {{"field", "observations"}});
  WEIGE_TRY(read_id(j, "place_id", in.place_id));
  WEIGE_TRY(read_string(j, "text", in.text, true, 4000));
  return read_string(j, "suggestion", in.suggestion, false, 4000);
}

template <typename T, typename Read>
Status read_list(const json& j, const char* key, std::vector<T>& out, Read read) {
  if (!j.contains(key)) return {};
  if (!j[key].is_array()) return Status::invalid(std::string(key) + " is a list", {{"field", key}});
  for (const auto& x : j[key]) {
    T item;
    WEIGE_TRY(read(x, item));
    out.push_back(std::move(item));
  }
  return {};
}

}  // namespace

void Api::register_patrol_routes() {
  router_.add({.method = "GET",
               .pattern = "/api/v1/patrol-plans",
               .operation_id = "listPatrolPlans",
               .summary = "Patrol plans of the grids you see (of grid_id's subtree when given)",
               .tag = "patrols",
               .params = {{"grid_id", "query", "integer", "a grid subtree"}},
               .response_schema = "PatrolPlanList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 std::optional<Id> grid;
                 WEIGE_TRY(query_id(r, "grid_id", grid));
                 WEIGE_ASSIGN(auto plans,
                              service::PatrolService(db, options_.clock).list_plans(c, grid));
                 Names n(db, vault_);
                 return list_json(plans, [&](const auto& p) { return plan_json(p, n); });
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/patrol-plans",
               .operation_id = "createPatrolPlan",
               .summary = "Plan a grid's patrol: who, how often, which route of places",
               .tag = "patrols",
               .request_schema = "PatrolPlanInput",
               .response_schema = "PatrolPlan",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(json j, parse_object(r, {"grid_id", "name", "frequency", "route",
                                                           "participants"}));
                     service::PlanInput in;
                     WEIGE_TRY(read_id(j, "grid_id", in.grid_id, true));
                     WEIGE_TRY(read_string(j, "name", in.name, true, 200));
                     std::optional<PatrolFrequency> f;
                     WEIGE_TRY(read_enum(j, "frequency", parse_patrol_frequency, f));
                     in.frequency = f.value_or(PatrolFrequency::kMonthly);
                     WEIGE_TRY(read_ids(j, "route", in.route, 100));
                     WEIGE_TRY(read_participants(j, in.participants));
                     return rendered(
                         db, vault_,
                         service::PatrolService(db, options_.clock).create_plan(c, std::move(in)),
                         plan_json);
                   },
                   201)});

  router_.add({.method = "GET",
               .pattern = "/api/v1/patrol-plans/{id}",
               .operation_id = "getPatrolPlan",
               .summary = "A patrol plan: route, participants, frequency",
               .tag = "patrols",
               .response_schema = "PatrolPlan",
               .permission = Permission::kLifeRead,
               .handler = wrap(by_id(
                   vault_,
                   [this](store::Db& db, const service::LifeCaller& c, Id id) {
                     return service::PatrolService(db, options_.clock).get_plan(c, id);
                   },
                   plan_json))});

  router_.add({.method = "GET",
               .pattern = "/api/v1/patrols",
               .operation_id = "listPatrols",
               .summary = "Patrols walked in the grids you see, newest first",
               .tag = "patrols",
               .params = {{"plan_id", "query", "integer", ""},
                          {"month", "query", "string", "YYYY-MM"},
                          {"limit", "query", "integer", ""},
                          {"offset", "query", "integer", ""}},
               .response_schema = "PatrolList",
               .permission = Permission::kLifeRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                 store::PatrolFilter f;
                 WEIGE_TRY(query_page(r, f.limit, f.offset));
                 WEIGE_TRY(query_id(r, "plan_id", f.plan_id));
                 if (r.param("month")) {
                   WEIGE_ASSIGN(Window m, query_month(r, options_.clock()));
                   f.from = m.from;
                   f.to = m.to;
                 }
                 WEIGE_ASSIGN(auto page, service::PatrolService(db, options_.clock).list(c, f));
                 Names n(db, vault_);
                 return list_json(
                     page.items, [&](const auto& p) { return patrol_summary_json(p, n); },
                     page.total);
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/patrols",
               .operation_id = "recordPatrol",
               .summary = "Record a patrol: participants, check-ins at places, observations",
               .tag = "patrols",
               .request_schema = "PatrolInput",
               .response_schema = "Patrol",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(json j, parse_object(r, {"plan_id", "grid_id", "started_at",
                                                           "ended_at", "summary", "participants",
                                                           "checkins", "observations"}));
                     service::PatrolInput in;
                     WEIGE_TRY(read_id(j, "plan_id", in.plan_id));
                     WEIGE_TRY(read_id(j, "grid_id", in.grid_id));
                     WEIGE_TRY(read_time(j, "started_at", in.started_at));
                     WEIGE_TRY(read_time(j, "ended_at", in.ended_at));
                     WEIGE_TRY(read_string(j, "summary", in.summary, false, 4000));
                     WEIGE_TRY(read_participants(j, in.participants));
                     WEIGE_TRY(read_list(j, "checkins", in.checkins, read_checkin));
                     WEIGE_TRY(read_list(j, "observations", in.observations, read_observation));
                     return rendered(db, vault_,
                                     service::PatrolService(db, options_.clock).record(c, in),
                                     patrol_json);
                   },
                   201)});

  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/patrols/coverage",
       .operation_id = "getPatrolCoverage",
       .summary = "Monthly coverage: the route places of each active plan that were not patrolled",
       .tag = "patrols",
       .params = {{"grid_id", "query", "integer", "a grid subtree"},
                  {"month", "query", "string", "YYYY-MM (default: this month)"}},
       .response_schema = "PatrolCoverage",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         std::optional<Id> grid;
         WEIGE_TRY(query_id(r, "grid_id", grid));
         WEIGE_ASSIGN(Window month, query_month(r, options_.clock()));
         WEIGE_ASSIGN(auto rows,
                      service::PatrolService(db, options_.clock).coverage(c, grid, month));
         Names n(db, vault_);
         return coverage_json(rows, month, n);
       })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/patrols/{id}",
               .operation_id = "getPatrol",
               .summary = "A patrol with its participants, check-ins and observations",
               .tag = "patrols",
               .response_schema = "Patrol",
               .permission = Permission::kLifeRead,
               .handler = wrap(by_id(
                   vault_,
                   [this](store::Db& db, const service::LifeCaller& c, Id id) {
                     return service::PatrolService(db, options_.clock).get(c, id);
                   },
                   patrol_json))});

  router_.add({.method = "POST",
               .pattern = "/api/v1/patrols/{id}/checkins",
               .operation_id = "addPatrolCheckin",
               .summary = "Check in at a place along the patrol",
               .tag = "patrols",
               .request_schema = "CheckinInput",
               .response_schema = "Patrol",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(Id id, path_id(r));
                     WEIGE_ASSIGN(json j, parse_object(r, {"place_id", "at", "note"}));
                     service::CheckinInput in;
                     WEIGE_TRY(read_checkin(j, in));
                     return rendered(
                         db, vault_,
                         service::PatrolService(db, options_.clock).add_checkin(c, id, in),
                         patrol_json);
                   },
                   201)});

  router_.add({.method = "POST",
               .pattern = "/api/v1/patrols/{id}/observations",
               .operation_id = "addPatrolObservation",
               .summary = "Record what the patrol saw, and what it suggests",
               .tag = "patrols",
               .request_schema = "ObservationInput",
               .response_schema = "Patrol",
               .success_status = 201,
               .permission = Permission::kLifeWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(auto c, life_caller_of(r, db));
                     WEIGE_ASSIGN(Id id, path_id(r));
                     WEIGE_ASSIGN(json j, parse_object(r, {"place_id", "text", "suggestion"}));
                     service::ObservationInput in;
                     WEIGE_TRY(read_observation(j, in));
                     return rendered(
                         db, vault_,
                         service::PatrolService(db, options_.clock).add_observation(c, id, in),
                         patrol_json);
                   },
                   201)});

  router_.add(
      {.method = "GET",
       .pattern = "/api/v1/patrol-observations",
       .operation_id = "listPatrolObservations",
       .summary = "Observations of the patrols you see (e.g. outcome=suggestion), newest first",
       .tag = "patrols",
       .params = {{"outcome", "query", "string", "open, case or suggestion"}},
       .response_schema = "ObservationList",
       .permission = Permission::kLifeRead,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         std::optional<ObservationOutcome> outcome;
         WEIGE_TRY(query_enum(r, "outcome", parse_observation_outcome, outcome, "outcome"));
         WEIGE_ASSIGN(auto list,
                      service::PatrolService(db, options_.clock).observations(c, outcome));
         Names n(db, vault_);
         return list_json(list, [&](const auto& o) { return observation_json(o, n); });
       })});

  router_.add(
      {.method = "POST",
       .pattern = "/api/v1/patrol-observations/{id}/outcome",
       .operation_id = "decidePatrolObservation",
       .summary = "Make an observation a case (taken in and routed like any other) or a "
                  "suggestion, in one action",
       .tag = "patrols",
       .request_schema = "ObservationOutcomeInput",
       .response_schema = "ObservationResult",
       .permission = Permission::kLifeWrite,
       .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
         WEIGE_ASSIGN(auto c, life_caller_of(r, db));
         WEIGE_ASSIGN(Id id, path_id(r));
         WEIGE_ASSIGN(json j, parse_object(r, {"outcome", "category_id", "level", "accept_now"}));
         service::OutcomeInput in;
         std::optional<ObservationOutcome> outcome;
         WEIGE_TRY(read_enum(j, "outcome", parse_observation_outcome, outcome, true));
         in.outcome = *outcome;
         WEIGE_TRY(read_id(j, "category_id", in.category_id));
         WEIGE_TRY(read_enum(j, "level", parse_case_level, in.level));
         WEIGE_TRY(read_bool(j, "accept_now", in.accept_now));
         auto case_svc = cases(db);
         WEIGE_ASSIGN(auto res,
                      service::PatrolService(db, options_.clock).decide(c, id, in, case_svc));
         Names n(db, vault_);
         json out = observation_json(res.observation, n);
         out["case"] = res.created_case
                           ? case_summary_json(res.created_case->record, options_.clock())
                           : json(nullptr);
         if (res.created_case)
           out["case"]["routing_explanation"] = res.created_case->record.routing_explanation;
         return out;
       })});
}

}  // namespace weige::http
