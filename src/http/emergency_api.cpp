// Peacetime and emergency (平战转换): declare and end, teams, screening rounds
// and tasks, errands, the role map, the after-action report, and "my
// emergency" for volunteers and residents on a phone. Scope: an emergency,
// team, task or errand outside the caller's grids is reported as not found.
#include <map>

#include "domain/mask.h"
#include "http/api.h"
#include "http/case_dto.h"
#include "http/json_body.h"
#include "report/emergency_report.h"
#include "service/emergency_map.h"
#include "service/emergency_service.h"
#include "service/people_service.h"
#include "store/people_store.h"

namespace weige::http {
namespace {

using nlohmann::json;
using service::EmergencyScope;

json emergency_json(const store::EmergencyRecord& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"type", to_string(e.type)},
          {"type_zh", label_zh(e.type)},
          {"level", e.level},
          {"scope_kind", e.scope_kind},
          {"scope_ids", e.scope_ids},
          {"deadline_factor", e.deadline_factor},
          {"errand_hours", e.errand_hours},
          {"note", e.note},
          {"started_at", time_json(e.started_at)},
          {"declared_at", time_json(e.declared_at)},
          {"declared_by", e.declared_by},
          {"ended_at", time_json(e.ended_at)},
          {"ended_by", e.ended_by},
          {"end_note", e.end_note},
          {"active", e.active()}};
}

json round_json(const store::RoundRecord& r) {
  return {{"id", r.id},
          {"emergency_id", r.emergency_id},
          {"round", r.round},
          {"fields", json::parse(r.fields, nullptr, false)},
          {"started_at", time_json(r.started_at)},
          {"closed_at", time_json(r.closed_at)},
          {"households", r.households},
          {"full_coverage_at", time_json(r.full_coverage_at)}};
}

json task_json(const store::TaskRecord& t) {
  return {{"id", t.id},
          {"round_id", t.round_id},
          {"household_id", t.household_id},
          {"household", t.household_name},
          {"building_id", t.building_id},
          {"building", t.building_name},
          {"compound_id", t.compound_id},
          {"grid_id", t.grid_id ? json(*t.grid_id) : json(nullptr)},
          {"team_id", t.team_id ? json(*t.team_id) : json(nullptr)},
          {"outcome", to_string(t.outcome)},
          {"covered", covers(t.outcome)},
          {"data", json::parse(t.data, nullptr, false)},
          {"restricted", t.restricted},
          {"note", t.note},
          {"attempts", t.attempts},
          {"screened_at", time_json(t.screened_at)},
          {"covered_at", time_json(t.covered_at)}};
}

json errand_json(const store::ErrandRecord& e, Seconds now) {
  return {{"id", e.id},
          {"emergency_id", e.emergency_id},
          {"household_id", e.household_id},
          {"household", e.household_name},
          {"building_id", e.building_id},
          {"team_id", e.team_id ? json(*e.team_id) : json(nullptr)},
          {"kind", to_string(e.kind)},
          {"details", e.details},
          {"state", to_string(e.state)},
          {"requested_at", time_json(e.requested_at)},
          {"due_at", time_json(e.due_at)},
          {"overdue", is_open(e.state) && now > e.due_at},
          {"runner_person_id", e.runner_person_id ? json(*e.runner_person_id) : json(nullptr)},
          {"accepted_at", time_json(e.accepted_at)},
          {"done_at", time_json(e.done_at)},
          {"confirmed_at", time_json(e.confirmed_at)},
          {"cancelled_at", time_json(e.cancelled_at)},
          {"note", e.note}};
}

json progress_json(const store::ProgressRow& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"total", p.total},
          {"covered", p.covered()},
          {"pending", p.pending},
          {"reached", p.reached},
          {"not_at_home", p.not_at_home},
          {"refused", p.refused},
          {"needs_help", p.needs_help},
          {"coverage", p.total ? static_cast<double>(p.covered()) / static_cast<double>(p.total) : 1.0}};
}

json coverage_area_json(const service::CoverageArea& a) {
  json j = progress_json(a.progress);
  j["kind"] = to_string(a.grid.kind);
  j["code"] = a.grid.code;
  j["parent_id"] = a.grid.parent_id ? json(*a.grid.parent_id) : json(nullptr);
  j["boundary"] = polygon_json(a.grid.boundary);
  return j;
}

json coverage_point_json(const service::CoveragePoint& p) {
  json j = progress_json(p.progress);
  j["kind"] = to_string(p.place.kind);
  j["parent_id"] = p.place.parent_id ? json(*p.place.parent_id) : json(nullptr);
  j["location"] = point_json(p.place.location);
  j["outline"] = polygon_json(p.place.outline);
  return j;
}

Status not_found_emergency(Id id) {
  return Status::not_found("emergency " + std::to_string(id) + " does not exist", {{"emergency_id", id}});
}

const std::set<std::string> kDeclareFields{"name",         "type",       "level", "scope_kind", "scope_ids",
                                           "deadline_factor", "errand_hours", "started_at", "fields", "note"};

Status read_number(const json& j, const char* key, double& out) {
  if (!j.contains(key)) return {};
  if (!j[key].is_number()) return Status::invalid(std::string("'") + key + "' is a number", {{"field", key}});
  out = j[key].get<double>();
  return {};
}

// Everything a handler needs to decide what the caller may see.
struct EmergencyCaller {
  Principal principal;
  service::Scope scope;
  EmergencyScope es;
};

Result<json> role_map_json(store::Db& db) {
  WEIGE_ASSIGN(auto map, store::load_role_map(db));
  json items = json::array();
  for (const auto& [k, v] : map) {
    items.push_back({{"peacetime", k}, {"emergency", to_string(v)}, {"emergency_zh", label_zh(v)}});
  }
  return json{{"items", items}, {"total", items.size()}};
}

Result<EmergencyCaller> caller_of(const Request& r, store::Db& db) {
  WEIGE_ASSIGN(Principal p, principal_of(r));
  WEIGE_ASSIGN(service::Scope s, service::scope_of(db, p));
  WEIGE_ASSIGN(EmergencyScope es, service::emergency_scope_of(db, p, s));
  return EmergencyCaller{p, s, es};
}

// Whether one of the emergency's places lies in the caller's sight.
Result<bool> sees_emergency(store::Db& db, Id id, const EmergencyCaller& c) {
  if (c.es.all) return true;
  WEIGE_ASSIGN(auto places, store::emergency_place_ids(db, id));
  return c.es.sees(places);
}

Result<store::EmergencyRecord> visible_emergency(store::Db& db, Id id, const EmergencyCaller& c) {
  auto e = store::get_emergency(db, id);
  if (!e) return not_found_emergency(id);
  WEIGE_ASSIGN(bool seen, sees_emergency(db, id, c));
  if (!seen) return not_found_emergency(id);
  return e;
}

// A compound, community or grid named in a declaration outside the caller's
// grids is refused exactly as one that does not exist.
Status named_scope_in_reach(store::Db& db, const service::DeclareInput& in, const EmergencyCaller& c) {
  if (c.es.all) return {};
  for (Id id : in.scope_ids) {
    bool reach = true;
    if (in.scope_kind == "compounds") {
      reach = std::binary_search(c.es.visible_compounds.begin(), c.es.visible_compounds.end(), id);
    } else if (in.scope_kind == "community") {
      reach = static_cast<bool>(service::scoped_community(db, id, c.scope));
    } else if (in.scope_kind == "grid") {
      reach = static_cast<bool>(service::scoped_grid(db, id, c.scope));
    }
    if (!reach) return store::unknown_scope_id(in.scope_kind, id);
  }
  return {};
}

bool task_visible(const store::TaskRecord& t, const store::TaskScope& s) {
  if (s.all) return true;
  auto has = [](const std::vector<Id>& v, std::optional<Id> x) { return x && std::find(v.begin(), v.end(), *x) != v.end(); };
  return has(s.grid_ids, t.grid_id) || has(s.compound_ids, t.compound_id) || has(s.team_ids, t.team_id);
}

// The household of a resident's account, if any.
Result<std::optional<Id>> household_of(store::Db& db, const Principal& p) {
  if (!p.person_id) return std::optional<Id>();
  WEIGE_ASSIGN(auto r, db.row("SELECT household_id FROM persons WHERE id = ?", {*p.person_id}));
  if (!r || r->is_null(0)) return std::optional<Id>();
  return std::optional<Id>(r->i64(0));
}

}  // namespace

void Api::register_emergency_routes() {
  auto svc = [this](store::Db& db) { return service::EmergencyService(db, options_.clock); };
  // Masked names of team members, one lookup per person.
  auto team_json = [this](store::Db& db, const store::TeamRecord& t) -> Result<json> {
    service::PeopleService people(db, vault_);
    json members = json::array();
    for (const auto& m : t.members) {
      WEIGE_ASSIGN(Person p, people.get_person(m.person_id));
      auto role = m.role;
      members.push_back({{"person_id", m.person_id},
                         {"name", mask_name(p.name)},
                         {"party_member", p.party_member},
                         {"peacetime_role", m.peacetime_role},
                         {"emergency_role", to_string(role)},
                         {"emergency_role_zh", label_zh(role)},
                         {"leader", t.leader_person_id == m.person_id},
                         {"added_by", m.added_by}});
    }
    return json{{"id", t.id},
                {"emergency_id", t.emergency_id},
                {"kind", to_string(t.kind)},
                {"place_id", t.place_id},
                {"place", t.place_name},
                {"compound_id", t.compound_id},
                {"leader_person_id", t.leader_person_id ? json(*t.leader_person_id) : json(nullptr)},
                {"borrowed", t.borrowed},
                {"members", members}};
  };

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies", .operation_id = "listEmergencies",
               .summary = "Emergencies touching the caller's grids, newest first", .tag = "emergency",
               .params = {{"active", "query", "boolean", "only active ones"}},
               .response_schema = "EmergencyList", .permission = Permission::kEmergencyRead,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 std::optional<bool> active;
                 WEIGE_TRY(query_bool(r, "active", active));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_ASSIGN(auto list, store::list_emergencies(db, active.value_or(false)));
                 json items = json::array();
                 for (const auto& e : list) {
                   WEIGE_ASSIGN(bool seen, sees_emergency(db, e.id, c));
                   if (seen) items.push_back(emergency_json(e));
                 }
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/emergencies", .operation_id = "declareEmergency",
               .summary = "Declare an emergency for a scope: forms the teams and opens screening round 1",
               .tag = "emergency", .request_schema = "EmergencyInput", .response_schema = "EmergencyDeclared",
               .success_status = 201, .permission = Permission::kEmergencyManage,
               .handler = wrap([svc](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(json j, parse_object(r, kDeclareFields));
                 service::DeclareInput in;
                 WEIGE_TRY(read_string(j, "name", in.name, true, 200));
                 std::string type;
                 WEIGE_TRY(read_string(j, "type", type, true));
                 auto t = parse_emergency_type(type);
                 if (!t) return Status::invalid("type is epidemic, flood, fire, earthquake or other", {{"field", "type"}});
                 in.type = *t;
                 WEIGE_TRY(read_int(j, "level", in.level));
                 WEIGE_TRY(read_string(j, "scope_kind", in.scope_kind, true));
                 if (!j.contains("scope_ids") || !j["scope_ids"].is_array()) {
                   return Status::invalid("scope_ids is an array of ids", {{"field", "scope_ids"}});
                 }
                 for (const auto& v : j["scope_ids"]) {
                   if (!v.is_number_integer() || v.get<Id>() <= 0) return Status::invalid("scope_ids holds positive ids", {{"field", "scope_ids"}});
                   in.scope_ids.push_back(v.get<Id>());
                 }
                 WEIGE_TRY(read_number(j, "deadline_factor", in.deadline_factor));
                 WEIGE_TRY(read_number(j, "errand_hours", in.errand_hours));
                 if (j.contains("started_at")) {
                   if (!j["started_at"].is_number_integer()) return Status::invalid("started_at is a Unix time in seconds", {{"field", "started_at"}});
                   in.started_at = j["started_at"].get<Seconds>();
                 }
                 if (j.contains("fields")) in.fields = j["fields"];
                 WEIGE_TRY(read_string(j, "note", in.note, false, 2000));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(named_scope_in_reach(db, in, c));
                 auto s = svc(db);
                 WEIGE_ASSIGN(auto out, s.declare(in, c.principal.username));
                 if (!c.es.all) {
                   // A community may declare only inside its own grids.
                   WEIGE_ASSIGN(auto places, store::emergency_place_ids(db, out.emergency.id));
                   for (Id p : places) {
                     if (!std::binary_search(c.es.visible_compounds.begin(), c.es.visible_compounds.end(), p)) {
                       return Status::forbidden("the scope reaches beyond your grids");
                     }
                   }
                 }
                 r.audit_detail = {{"emergency", out.emergency.name}, {"type", to_string(out.emergency.type)},
                                   {"places", out.places}};
                 json j_out = emergency_json(out.emergency);
                 j_out["places"] = out.places;
                 j_out["buildings"] = out.buildings;
                 j_out["teams"] = out.teams;
                 j_out["members"] = out.members;
                 j_out["unstaffed_buildings"] = out.unstaffed_buildings;
                 j_out["round"] = round_json(out.round);
                 return j_out;
               }, 201)});

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}", .operation_id = "getEmergency",
               .summary = "An emergency with its current round's progress", .tag = "emergency",
               .response_schema = "Emergency", .permission = Permission::kEmergencyRead,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_ASSIGN(auto e, visible_emergency(db, id, c));
                 json out = emergency_json(e);
                 WEIGE_ASSIGN(auto round, store::current_round(db, id));
                 out["round"] = round_json(round);
                 WEIGE_ASSIGN(auto total, store::round_progress(db, round.id, "total", c.es.tasks));
                 out["progress"] = progress_json(total.front());
                 WEIGE_ASSIGN(auto open, db.scalar("SELECT count(*) FROM errands WHERE emergency_id = ? AND state IN "
                                                   "('requested','accepted')",
                                                   {id}));
                 out["open_errands"] = open;
                 return out;
               })});

  router_.add({.method = "PATCH", .pattern = "/api/v1/emergencies/{id}", .operation_id = "updateEmergency",
               .summary = "Raise or lower an active emergency's level", .tag = "emergency",
               .request_schema = "EmergencyLevel", .response_schema = "Emergency",
               .permission = Permission::kEmergencyManage,
               .handler = wrap([svc](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"level"}));
                 int level = 0;
                 WEIGE_TRY(read_int(j, "level", level));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 auto s = svc(db);
                 WEIGE_ASSIGN(auto e, s.set_level(id, level));
                 return emergency_json(e);
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/emergencies/{id}/end", .operation_id = "endEmergency",
               .summary = "End an emergency: everyone switches back; open errands are cancelled",
               .tag = "emergency", .request_schema = "EmergencyEnd", .response_schema = "Emergency",
               .permission = Permission::kEmergencyManage,
               .handler = wrap([svc](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"note"}));
                 std::string note;
                 WEIGE_TRY(read_string(j, "note", note, false, 2000));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 auto s = svc(db);
                 WEIGE_ASSIGN(auto e, s.end(id, c.principal.username, note));
                 r.audit_detail = {{"emergency", e.name}};
                 return emergency_json(e);
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/teams", .operation_id = "listEmergencyTeams",
               .summary = "Task forces and building teams with members (peacetime and emergency roles)",
               .tag = "emergency", .params = {{"compound_id", "query", "integer", "one compound's teams"}},
               .response_schema = "EmergencyTeamList", .permission = Permission::kEmergencyRead,
               .handler = wrap([team_json](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 std::optional<Id> compound;
                 WEIGE_TRY(query_id(r, "compound_id", compound));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 WEIGE_ASSIGN(auto teams, store::list_teams(db, id, compound));
                 json items = json::array();
                 for (const auto& t : teams) {
                   if (!c.es.sees({t.compound_id})) continue;
                   WEIGE_ASSIGN(json tj, team_json(db, t));
                   items.push_back(tj);
                 }
                 return json{{"items", items}, {"total", items.size()}};
               })});

  auto team_change = [this, svc, team_json](const std::string& what) {
    return wrap([svc, team_json, what](Request& r, store::Db& db) -> Result<json> {
      WEIGE_ASSIGN(Id team_id, path_id(r));
      WEIGE_ASSIGN(auto c, caller_of(r, db));
      auto team = store::get_team(db, team_id);
      if (!team || !c.es.sees({team->compound_id})) {
        return Status::not_found("team " + std::to_string(team_id) + " does not exist", {{"team_id", team_id}});
      }
      auto s = svc(db);
      store::TeamRecord out;
      if (what == "add") {
        WEIGE_ASSIGN(json j, parse_object(r, {"person_id", "emergency_role"}));
        Id person = 0;
        WEIGE_TRY(read_id(j, "person_id", person, true));
        // A person outside the caller's grids is refused as one that does not exist.
        Status seen = service::scoped_person(db, person, c.scope);
        if (seen.code() == Code::kNotFound) {
          return Status::invalid("person " + std::to_string(person) + " does not exist", {{"field", "person_id"}});
        }
        WEIGE_TRY(seen);
        std::string role;
        WEIGE_TRY(read_string(j, "emergency_role", role, true));
        auto parsed = parse_emergency_role(role);
        if (!parsed) return Status::invalid("emergency_role is responder, screener or errand_runner", {{"field", "emergency_role"}});
        WEIGE_ASSIGN(out, s.add_member(team_id, person, *parsed, c.principal.username));
      } else if (what == "remove") {
        WEIGE_ASSIGN(Id person, path_id(r, "person_id"));
        WEIGE_ASSIGN(out, s.remove_member(team_id, person));
      } else {
        WEIGE_ASSIGN(json j, parse_object(r, {"person_id"}));
        Id person = 0;
        WEIGE_TRY(read_id(j, "person_id", person, true));
        WEIGE_ASSIGN(out, s.set_leader(team_id, person));
      }
      return team_json(db, out);
    });
  };
  router_.add({.method = "POST", .pattern = "/api/v1/emergency-teams/{id}/members", .operation_id = "addTeamMember",
               .summary = "Add a person to a team in an emergency role", .tag = "emergency",
               .request_schema = "TeamMemberInput", .response_schema = "EmergencyTeam",
               .permission = Permission::kEmergencyManage, .handler = team_change("add")});
  router_.add({.method = "DELETE", .pattern = "/api/v1/emergency-teams/{id}/members/{person_id}",
               .operation_id = "removeTeamMember", .summary = "Take a person off a team", .tag = "emergency",
               .response_schema = "EmergencyTeam", .permission = Permission::kEmergencyManage,
               .handler = team_change("remove")});
  router_.add({.method = "PUT", .pattern = "/api/v1/emergency-teams/{id}/leader", .operation_id = "setTeamLeader",
               .summary = "Make a member the team's leader", .tag = "emergency",
               .request_schema = "TeamLeaderInput", .response_schema = "EmergencyTeam",
               .permission = Permission::kEmergencyManage, .handler = team_change("leader")});

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/rounds", .operation_id = "listScreeningRounds",
               .summary = "Screening rounds of an emergency", .tag = "emergency",
               .response_schema = "ScreeningRoundList", .permission = Permission::kEmergencyRead,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 WEIGE_ASSIGN(auto rounds, store::list_rounds(db, id));
                 json items = json::array();
                 for (const auto& x : rounds) items.push_back(round_json(x));
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/emergencies/{id}/rounds", .operation_id = "startScreeningRound",
               .summary = "Start a re-screening round: one new task per household in scope", .tag = "emergency",
               .request_schema = "ScreeningRoundInput", .response_schema = "ScreeningRound", .success_status = 201,
               .permission = Permission::kEmergencyManage,
               .handler = wrap([svc](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"fields"}));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 auto s = svc(db);
                 WEIGE_ASSIGN(auto round, s.new_round(id, j.contains("fields") ? j["fields"] : json()));
                 return round_json(round);
               }, 201)});

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/progress", .operation_id = "getScreeningProgress",
               .summary = "Screening progress of a round by building, compound or grid (within scope)",
               .tag = "emergency",
               .params = {{"by", "query", "string", "building, compound (default), grid, area (micro-grids rolled into their grid) or total"},
                          {"round", "query", "integer", "round number (default: current)"}},
               .response_schema = "ScreeningProgress", .permission = Permission::kEmergencyRead,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 WEIGE_ASSIGN(auto rounds, store::list_rounds(db, id));
                 std::optional<Id> n;
                 WEIGE_TRY(query_id(r, "round", n));
                 const store::RoundRecord* round = rounds.empty() ? nullptr : &rounds.back();
                 if (n) {
                   round = nullptr;
                   for (const auto& x : rounds) if (x.round == *n) round = &x;
                 }
                 if (!round) return Status::not_found("no such screening round", {{"parameter", "round"}});
                 std::string by = r.param("by") ? *r.param("by") : "compound";
                 WEIGE_ASSIGN(auto rows, store::round_progress(db, round->id, by, c.es.tasks));
                 WEIGE_ASSIGN(auto total, store::round_progress(db, round->id, "total", c.es.tasks));
                 json items = json::array();
                 for (const auto& p : rows) items.push_back(progress_json(p));
                 return json{{"round", round->round}, {"by", by}, {"items", items},
                             {"total", progress_json(total.front())}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/coverage-map", .operation_id = "getCoverageMap",
               .summary = "The current round's coverage on the map: per grid with its boundary; with grid_id, per "
                          "grid under it (boundaries), compound and building (points, outlines), within scope",
               .tag = "emergency",
               .params = {{"grid_id", "query", "integer", "drill into this grid (default: the grids in scope)"}},
               .response_schema = "CoverageMap", .permission = Permission::kEmergencyRead,
               .slow = always_slow,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 std::optional<Id> grid;
                 WEIGE_TRY(query_id(r, "grid_id", grid));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 WEIGE_ASSIGN(auto m, service::coverage_map(db, id, c.es.tasks, grid));
                 // A grid outside the caller's grids, with none of their tasks, reads as one that does not exist.
                 if (grid && !c.es.all && m.total.total == 0 && !service::scoped_grid(db, *grid, c.scope)) {
                   return Status::not_found("grid " + std::to_string(*grid) + " does not exist", {{"parameter", "grid_id"}});
                 }
                 json areas = json::array(), compounds = json::array(), buildings = json::array();
                 for (const auto& a : m.areas) areas.push_back(coverage_area_json(a));
                 for (const auto& p : m.compounds) compounds.push_back(coverage_point_json(p));
                 for (const auto& p : m.buildings) buildings.push_back(coverage_point_json(p));
                 return json{{"round", m.round},          {"grid_id", grid ? json(*grid) : json(nullptr)},
                             {"total", progress_json(m.total)}, {"areas", areas},
                             {"compounds", compounds},    {"buildings", buildings}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/tasks", .operation_id = "listScreeningTasks",
               .summary = "Screening tasks of the current round within scope (the to-visit list with uncovered=true)",
               .tag = "emergency",
               .params = {{"building_id", "query", "integer", ""}, {"team_id", "query", "integer", ""},
                          {"compound_id", "query", "integer", ""},
                          {"grid_id", "query", "integer", "that grid and the grids directly under it"},
                          {"uncovered", "query", "boolean", "only households not yet reached"},
                          {"limit", "query", "integer", "1..500"}, {"offset", "query", "integer", ""}},
               .response_schema = "ScreeningTaskList", .permission = Permission::kEmergencyRead,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 WEIGE_ASSIGN(auto round, store::current_round(db, id));
                 store::TaskFilter f;
                 f.round_id = round.id;
                 WEIGE_TRY(query_id(r, "building_id", f.building_id));
                 WEIGE_TRY(query_id(r, "team_id", f.team_id));
                 WEIGE_TRY(query_id(r, "compound_id", f.compound_id));
                 WEIGE_TRY(query_id(r, "grid_id", f.grid_id));
                 std::optional<bool> uncovered;
                 WEIGE_TRY(query_bool(r, "uncovered", uncovered));
                 f.uncovered_only = uncovered.value_or(false);
                 WEIGE_TRY(query_page(r, f.limit, f.offset));
                 WEIGE_ASSIGN(auto page, store::list_tasks(db, f, c.es.tasks));
                 json items = json::array();
                 for (const auto& t : page.first) items.push_back(task_json(t));
                 return json{{"items", items}, {"total", page.second}, {"round", round.round}};
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/screening-tasks/{id}", .operation_id = "recordScreening",
               .summary = "Record a household's screening outcome", .tag = "emergency",
               .request_schema = "ScreeningInput", .response_schema = "ScreeningTask",
               .permission = Permission::kEmergencyAct,
               .handler = wrap([svc](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"outcome", "data", "restricted", "note"}));
                 service::ScreeningInput in;
                 std::string outcome;
                 WEIGE_TRY(read_string(j, "outcome", outcome, true));
                 auto o = parse_screening_outcome(outcome);
                 if (!o) return Status::invalid("outcome is reached, not_at_home, refused or needs_help", {{"field", "outcome"}});
                 in.outcome = *o;
                 if (j.contains("data")) in.data = j["data"];
                 if (j.contains("restricted")) {
                   bool b = false;
                   WEIGE_TRY(read_bool(j, "restricted", b));
                   in.restricted = b;
                 }
                 WEIGE_TRY(read_string(j, "note", in.note, false, 2000));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 auto task = store::get_task(db, id);
                 if (!task || !task_visible(*task, c.es.tasks)) {
                   return Status::not_found("screening task " + std::to_string(id) + " does not exist", {{"task_id", id}});
                 }
                 auto s = svc(db);
                 WEIGE_ASSIGN(auto t, s.record(id, in, c.principal.person_id));
                 return task_json(t);
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/errands", .operation_id = "listErrands",
               .summary = "Errands of an emergency within scope", .tag = "emergency",
               .params = {{"state", "query", "string", ""}, {"overdue", "query", "boolean", "open and past due"}},
               .response_schema = "ErrandList", .permission = Permission::kEmergencyRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 WEIGE_TRY(visible_emergency(db, id, c).status());
                 store::ErrandFilter f;
                 f.emergency_id = id;
                 WEIGE_TRY(query_enum(r, "state", parse_errand_state, f.state, "errand state"));
                 std::optional<bool> overdue;
                 WEIGE_TRY(query_bool(r, "overdue", overdue));
                 Seconds now = options_.clock();
                 if (overdue.value_or(false)) f.overdue_at = now;
                 WEIGE_ASSIGN(auto list, store::list_errands(db, f, c.es.tasks));
                 json items = json::array();
                 for (const auto& e : list) items.push_back(errand_json(e, now));
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "POST", .pattern = "/api/v1/emergencies/{id}/errands", .operation_id = "requestErrand",
               .summary = "Request an errand for a household (residents: their own; staff: on its behalf)",
               .tag = "emergency", .request_schema = "ErrandInput", .response_schema = "Errand",
               .success_status = 201, .permission = Permission::kErrandRequest,
               .handler = wrap([this, svc](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"household_id", "kind", "details"}));
                 std::optional<Id> household;
                 WEIGE_TRY(read_id(j, "household_id", household));
                 std::string kind;
                 WEIGE_TRY(read_string(j, "kind", kind, true));
                 auto k = parse_errand_kind(kind);
                 if (!k) return Status::invalid("kind is medicine, groceries, paperwork, medical_visit or other", {{"field", "kind"}});
                 std::string details;
                 WEIGE_TRY(read_string(j, "details", details, false, 1000));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 if (c.principal.role == Role::kResident) {
                   WEIGE_ASSIGN(auto own, household_of(db, c.principal));
                   if (!own) return Status::forbidden("your account is not linked to a household");
                   if (household && *household != *own) return Status::forbidden("residents request errands for their own household");
                   household = own;
                   // An emergency that does not cover their household is none of theirs.
                   WEIGE_ASSIGN(auto covered, store::household_in_emergency(db, id, *household));
                   if (!covered) return not_found_emergency(id);
                 } else {
                   WEIGE_TRY(visible_emergency(db, id, c).status());
                 }
                 if (!household) return Status::invalid("household_id is required", {{"field", "household_id"}});
                 auto s = svc(db);
                 WEIGE_ASSIGN(auto e, s.request_errand(id, *household, *k, details, c.principal.username));
                 if (c.principal.role != Role::kResident) {
                   store::TaskScope ts = c.es.tasks;
                   auto visible = store::list_errands(db, {id, std::nullopt, e.household_id, false, std::nullopt}, ts);
                   if (!visible || visible->empty()) return Status::forbidden("that household is outside your grids");
                 }
                 return errand_json(e, options_.clock());
               }, 201)});

  router_.add({.method = "POST", .pattern = "/api/v1/errands/{id}/actions", .operation_id = "actOnErrand",
               .summary = "Move an errand: accept and done (the building team), confirm (the household), cancel",
               .tag = "emergency", .request_schema = "ErrandActionInput", .response_schema = "Errand",
               .permission = Permission::kSignedIn,
               .handler = wrap([this, svc](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"action", "note"}));
                 std::string action;
                 WEIGE_TRY(read_string(j, "action", action, true));
                 auto a = parse_errand_action(action);
                 if (!a) return Status::invalid("action is accept, done, confirm or cancel", {{"field", "action"}});
                 std::string note;
                 WEIGE_TRY(read_string(j, "note", note, false, 1000));
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 auto errand = store::get_errand(db, id);
                 Status missing = Status::not_found("errand " + std::to_string(id) + " does not exist", {{"errand_id", id}});
                 if (!errand) return missing;
                 service::ErrandCaller who;
                 who.person_id = c.principal.person_id;
                 WEIGE_ASSIGN(auto own, household_of(db, c.principal));
                 who.household = c.principal.role == Role::kResident && own == errand->household_id;
                 if (c.principal.may(Permission::kEmergencyAct)) {
                   auto visible = store::list_errands(db, {errand->emergency_id, std::nullopt, errand->household_id,
                                                           false, std::nullopt},
                                                      c.es.tasks);
                   who.team = visible && !visible->empty();
                 }
                 who.manager = who.team && c.principal.may(Permission::kEmergencyManage);
                 if (!who.household && !who.team) return missing;
                 auto s = svc(db);
                 WEIGE_ASSIGN(auto e, s.act_errand(id, *a, who, note));
                 return errand_json(e, options_.clock());
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/my/emergency", .operation_id = "getMyEmergency",
               .summary = "My emergency: my teams and roles, my households to screen, my errands (or my household's)",
               .tag = "emergency", .response_schema = "MyEmergency", .permission = Permission::kSignedIn,
               .handler = wrap([this, team_json](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto c, caller_of(r, db));
                 Seconds now = options_.clock();
                 json teams = json::array(), tasks = json::array(), errands = json::array();
                 std::set<Id> emergencies;
                 if (c.principal.person_id) {
                   WEIGE_ASSIGN(auto mine, store::memberships_of(db, *c.principal.person_id, true));
                   for (const auto& m : mine) {
                     WEIGE_ASSIGN(auto team, store::get_team(db, m.team_id));
                     WEIGE_ASSIGN(json tj, team_json(db, team));
                     tj["my_role"] = to_string(m.role);
                     tj["my_role_zh"] = label_zh(m.role);
                     teams.push_back(tj);
                     emergencies.insert(team.emergency_id);
                     if (team.kind != TeamKind::kBuildingTeam) continue;
                     WEIGE_ASSIGN(auto round, store::current_round(db, team.emergency_id));
                     store::TaskFilter f;
                     f.round_id = round.id;
                     f.team_id = team.id;
                     f.uncovered_only = true;
                     f.limit = 500;
                     WEIGE_ASSIGN(auto page, store::list_tasks(db, f, store::TaskScope{}));
                     for (const auto& t : page.first) tasks.push_back(task_json(t));
                     store::TaskScope only_team{false, {}, {}, {team.id}};
                     WEIGE_ASSIGN(auto list, store::list_errands(db, {team.emergency_id, std::nullopt, std::nullopt,
                                                                      true, std::nullopt},
                                                                 only_team));
                     for (const auto& e : list) errands.push_back(errand_json(e, now));
                   }
                 }
                 json household = nullptr;
                 WEIGE_ASSIGN(auto own, household_of(db, c.principal));
                 if (own) {
                   WEIGE_ASSIGN(auto active, store::list_emergencies(db, true));
                   for (const auto& e : active) {
                     WEIGE_ASSIGN(auto hh, store::household_in_emergency(db, e.id, *own));
                     if (!hh) continue;
                     emergencies.insert(e.id);
                     json mine = json::array();
                     WEIGE_ASSIGN(auto list, store::list_errands(db, {e.id, std::nullopt, *own, false, std::nullopt},
                                                                 store::TaskScope{}));
                     for (const auto& x : list) mine.push_back(errand_json(x, now));
                     household = {{"household_id", *own}, {"emergency_id", e.id}, {"errands", mine}};
                     break;
                   }
                 }
                 json list = json::array();
                 for (Id id : emergencies) {
                   WEIGE_ASSIGN(auto e, store::get_emergency(db, id));
                   list.push_back(emergency_json(e));
                 }
                 return json{{"emergencies", list}, {"teams", teams}, {"tasks", tasks}, {"errands", errands},
                             {"household", household}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/emergency-role-map", .operation_id = "getEmergencyRoleMap",
               .summary = "Peacetime role -> emergency role", .tag = "emergency", .response_schema = "RoleMap",
               .permission = Permission::kEmergencyRead,
               .handler = wrap([](Request&, store::Db& db) -> Result<json> { return role_map_json(db); })});

  router_.add({.method = "PUT", .pattern = "/api/v1/emergency-role-map/{peacetime}", .operation_id = "setEmergencyRole",
               .summary = "Map a peacetime role (duty or grid role) to an emergency role (subdistrict_admin: "
                          "the map is the subdistrict's configuration)",
               .tag = "emergency", .request_schema = "RoleMapInput", .response_schema = "RoleMap",
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 const std::string& key = r.path_params["peacetime"];
                 bool known = parse_grid_role(key) || (parse_peacetime_duty(key) && !key.empty());
                 if (!known) return Status::invalid("'" + key + "' is not a duty or grid role", {{"parameter", "peacetime"}});
                 WEIGE_ASSIGN(json j, parse_object(r, {"emergency"}));
                 std::string role;
                 WEIGE_TRY(read_string(j, "emergency", role, true));
                 auto parsed = parse_emergency_role(role);
                 if (!parsed) return Status::invalid("emergency is responder, screener or errand_runner", {{"field", "emergency"}});
                 WEIGE_TRY(store::set_role_map_entry(db, key, *parsed));
                 return role_map_json(db);
               })});

  auto report_of = [this](Request& r, store::Db& db) -> Result<json> {
    WEIGE_ASSIGN(Id id, path_id(r));
    WEIGE_ASSIGN(auto c, caller_of(r, db));
    WEIGE_ASSIGN(auto e, visible_emergency(db, id, c));
    service::EmergencyService s(db, options_.clock);
    WEIGE_ASSIGN(json rep, s.report(id));
    rep["emergency"] = emergency_json(e);
    rep["emergency"]["started_at_local"] = time_json(e.started_at);
    rep["emergency"]["ended_at_local"] = time_json(e.ended_at);
    return rep;
  };
  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/report", .operation_id = "getEmergencyReport",
               .summary = "The after-action report: coverage by round, time to full coverage, errands, cases",
               .tag = "emergency", .response_schema = "EmergencyReport", .permission = Permission::kEmergencyRead,
               .slow = always_slow,
               .handler = wrap(report_of)});
  router_.add({.method = "GET", .pattern = "/api/v1/emergencies/{id}/report.xlsx",
               .operation_id = "getEmergencyReportXlsx", .summary = "The after-action report as an Excel workbook",
               .tag = "emergency", .response_schema = "", .permission = Permission::kReportExport,
               .slow = always_slow,
               .handler = [this, report_of](Request& r) -> Response {
                 auto run = [&]() -> Result<Response> {
                   auto lease = pool_.acquire();
                   if (!lease) return lease.status();
                   WEIGE_ASSIGN(json rep, report_of(r, **lease));
                   Response res;
                   WEIGE_ASSIGN(res.body, report::emergency_report_xlsx(rep));
                   res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                   res.headers.emplace_back("Content-Disposition", "attachment; filename=\"weige-emergency-" +
                                                                       r.path_params["id"] + ".xlsx\"");
                   return res;
                 };
                 auto res = run();
                 return res ? std::move(res).value() : error_response(res.status());
               }});
}

}  // namespace weige::http
