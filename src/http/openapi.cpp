// The OpenAPI 3 document, generated from the route table plus the component
// schemas below. A test checks every route is documented and that live
// responses carry the required properties of their declared schemas.
#include "http/api.h"
#include "http/life_openapi.h"

namespace weige::http {
namespace {

using nlohmann::json;

json obj(json properties, std::vector<std::string> required) {
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
}
json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json list_of(const std::string& name) {
  return obj({{"items", {{"type", "array"}, {"items", ref(name)}}}, {"total", {{"type", "integer"}}}},
             {"items", "total"});
}

// Peacetime and emergency (emergency_api.cpp).
void emergency_components(json& s) {
  json id = {{"type", "integer"}};
  json nid = {{"type", {"integer", "null"}}};
  json str = {{"type", "string"}};
  json num = {{"type", "number"}};
  json arr = {{"type", "array"}};
  json object = {{"type", "object"}};
  json boolean = {{"type", "boolean"}};
  json ntime = {{"type", {"string", "null"}}};
  s["Emergency"] = obj({{"id", id}, {"name", str}, {"type", str}, {"level", id}, {"scope_kind", str},
                        {"scope_ids", arr}, {"deadline_factor", num}, {"errand_hours", num},
                        {"started_at", str}, {"ended_at", ntime}, {"active", boolean}},
                       {"id", "name", "type", "level", "scope_kind", "scope_ids", "started_at", "active"});
  s["EmergencyList"] = list_of("Emergency");
  s["EmergencyInput"] = obj({{"name", str}, {"type", str}, {"level", id}, {"scope_kind", str}, {"scope_ids", arr},
                             {"deadline_factor", num}, {"errand_hours", num}, {"started_at", id},
                             {"fields", arr}, {"note", str}},
                            {"name", "type", "scope_kind", "scope_ids"});
  s["EmergencyDeclared"] = obj({{"id", id}, {"places", id}, {"buildings", id}, {"teams", id}, {"members", id},
                                {"unstaffed_buildings", arr}, {"round", ref("ScreeningRound")}},
                               {"id", "places", "buildings", "teams", "members", "round"});
  s["EmergencyLevel"] = obj({{"level", id}}, {"level"});
  s["EmergencyEnd"] = obj({{"note", str}}, {});
  s["EmergencyTeam"] = obj({{"id", id}, {"kind", str}, {"place_id", id}, {"place", str}, {"compound_id", id},
                            {"leader_person_id", nid}, {"borrowed", boolean}, {"members", arr}},
                           {"id", "kind", "place_id", "members"});
  s["EmergencyTeamList"] = list_of("EmergencyTeam");
  s["TeamMemberInput"] = obj({{"person_id", id}, {"emergency_role", str}}, {"person_id", "emergency_role"});
  s["TeamLeaderInput"] = obj({{"person_id", id}}, {"person_id"});
  s["ScreeningRound"] = obj({{"id", id}, {"round", id}, {"fields", arr}, {"started_at", str}, {"households", id},
                             {"full_coverage_at", ntime}},
                            {"id", "round", "fields", "households"});
  s["ScreeningRoundList"] = list_of("ScreeningRound");
  s["ScreeningRoundInput"] = obj({{"fields", arr}}, {});
  s["ScreeningProgress"] = obj({{"round", id}, {"by", str}, {"items", arr}, {"total", object}},
                               {"round", "by", "items", "total"});
  s["CoverageMap"] = obj({{"round", id}, {"grid_id", nid}, {"total", object}, {"areas", arr}, {"compounds", arr},
                          {"buildings", arr}},
                         {"round", "grid_id", "total", "areas", "compounds", "buildings"});
  s["ScreeningTask"] = obj({{"id", id}, {"household_id", id}, {"household", str}, {"building_id", id},
                            {"outcome", str}, {"covered", boolean}, {"data", object}, {"restricted", boolean}},
                           {"id", "household_id", "outcome", "covered"});
  s["ScreeningTaskList"] = list_of("ScreeningTask");
  s["ScreeningInput"] = obj({{"outcome", str}, {"data", object}, {"restricted", boolean}, {"note", str}}, {"outcome"});
  s["Errand"] = obj({{"id", id}, {"household_id", id}, {"kind", str}, {"details", str}, {"state", str},
                     {"due_at", str}, {"overdue", boolean}, {"runner_person_id", nid}},
                    {"id", "household_id", "kind", "state", "overdue"});
  s["ErrandList"] = list_of("Errand");
  s["ErrandInput"] = obj({{"household_id", id}, {"kind", str}, {"details", str}}, {"kind"});
  s["ErrandActionInput"] = obj({{"action", str}, {"note", str}}, {"action"});
  s["MyEmergency"] = obj({{"emergencies", arr}, {"teams", arr}, {"tasks", arr}, {"errands", arr},
                          {"household", {{"type", {"object", "null"}}}}},
                         {"emergencies", "teams", "tasks", "errands", "household"});
  s["RoleMap"] = obj({{"items", arr}, {"total", id}}, {"items", "total"});
  s["RoleMapInput"] = obj({{"emergency", str}}, {"emergency"});
  s["EmergencyReport"] = obj({{"emergency", ref("Emergency")}, {"households", id}, {"places", id},
                              {"teams", object}, {"rounds", arr}, {"errands", object}, {"cases", object},
                              {"duration_hours", num}},
                             {"emergency", "households", "teams", "rounds", "errands", "cases"});
}

json components() {
  json id = {{"type", "integer"}};
  json nid = {{"type", {"integer", "null"}}};
  json str = {{"type", "string"}};
  json point = {{"type", {"object", "null"}},
                {"properties", {{"lng", {{"type", "number"}}}, {"lat", {{"type", "number"}}}}}};
  json polygon = {{"type", {"object", "null"}}, {"description", "GeoJSON Polygon"}};
  json s;
  s["Error"] = obj({{"error", obj({{"code", str}, {"message", str}, {"details", {{"type", "object"}}}},
                                  {"code", "message", "details"})}},
                   {"error"});
  s["Health"] = obj({{"status", str}, {"version", str}, {"schema_version", id}, {"database", str}, {"prewarm", str}},
                    {"status", "schema_version"});
  s["Counts"] = obj({{"households", id}, {"persons", id}, {"staff", id}, {"party_volunteers", id},
                     {"places", id}},
                    {"households", "persons", "staff", "party_volunteers"});
  s["TreeNode"] = obj({{"type", str}, {"id", id}, {"kind", str}, {"name", str},
                       {"counts", ref("Counts")},
                       {"children", {{"type", "array"}, {"items", ref("TreeNode")}}}},
                      {"type", "id", "kind", "name", "counts", "children"});
  s["GridTree"] = obj({{"roots", {{"type", "array"}, {"items", ref("TreeNode")}}}}, {"roots"});
  s["Grid"] = obj({{"id", id}, {"kind", str}, {"code", str}, {"name", str}, {"parent_id", nid},
                   {"community_id", id}, {"boundary", polygon}},
                  {"id", "kind", "code", "name", "parent_id", "community_id"});
  s["GridInput"] = obj({{"kind", str}, {"code", str}, {"name", str}, {"parent_id", nid},
                        {"community_id", nid}, {"boundary", polygon}},
                       {"kind", "code", "name"});
  s["GridPatch"] = obj(s["GridInput"]["properties"], {});
  s["GridList"] = list_of("Grid");
  s["GridDetail"] = obj({{"id", id}, {"kind", str}, {"code", str}, {"counts", ref("Counts")},
                         {"children", {{"type", "array"}}}, {"places", {{"type", "object"}}},
                         {"roster", {{"type", "object"}, {"description", "persons by role"}}}},
                        {"id", "kind", "code", "counts", "children", "places", "roster"});
  s["Place"] = obj({{"id", id}, {"kind", str}, {"name", str}, {"code", str}, {"parent_id", nid},
                    {"community_id", nid}, {"grid_id", nid}, {"location", point},
                    {"outline", polygon}},
                   {"id", "kind", "name", "parent_id", "community_id", "grid_id"});
  s["PlaceInput"] = obj({{"kind", str}, {"name", str}, {"code", str}, {"parent_id", nid},
                         {"grid_id", nid}, {"location", point}, {"outline", polygon}},
                        {"kind", "name"});
  s["PlacePatch"] = obj(s["PlaceInput"]["properties"], {});
  s["PlaceList"] = list_of("Place");
  s["PlaceDetail"] = obj({{"id", id}, {"kind", str}, {"ancestors", {{"type", "array"}}},
                          {"grid", {{"type", {"object", "null"}}}}, {"child_count", id}},
                         {"id", "kind", "ancestors", "grid", "child_count"});
  s["CheckReport"] = obj({{"errors", id}, {"warnings", id}, {"violations", {{"type", "array"}}}},
                         {"errors", "warnings", "violations"});
  s["Person"] = obj({{"id", id}, {"kind", str}, {"name", str}, {"phone", str}, {"id_number", str},
                     {"address", str}, {"masked", {{"type", "boolean"}}},
                     {"party_member", {{"type", "boolean"}}}, {"household_id", nid}},
                    {"id", "kind", "name", "phone", "masked", "party_member"});
  s["PersonInput"] = obj({{"kind", str}, {"name", str}, {"phone", str}, {"id_number", str},
                          {"address", str}, {"gender", str}, {"birth_year", id},
                          {"party_member", {{"type", "boolean"}}}, {"household_id", nid},
                          {"relation", str}, {"organisation_id", nid}},
                         {"name"});
  s["PersonList"] = list_of("Person");
  s["PersonDetail"] = obj({{"id", id}, {"name", str}, {"assignments", {{"type", "array"}}}},
                          {"id", "name", "assignments"});
  s["Organisation"] = obj({{"id", id}, {"kind", str}, {"name", str}, {"community_id", nid},
                           {"place_id", nid}},
                          {"id", "kind", "name"});
  s["OrganisationInput"] = obj({{"kind", str}, {"name", str}, {"community_id", nid}, {"place_id", nid}},
                               {"kind", "name"});
  s["OrganisationList"] = list_of("Organisation");
  s["Assignment"] = obj({{"id", id}, {"person_id", id}, {"grid_id", id}, {"role", str},
                         {"organisation_id", nid}, {"duty", str}},
                        {"id", "person_id", "grid_id", "role"});
  s["AssignmentInput"] = obj({{"person_id", id}, {"grid_id", id}, {"role", str}, {"organisation_id", nid},
                              {"duty", str}},
                             {"person_id", "grid_id", "role"});
  s["AssignmentList"] = list_of("Assignment");
  s["Deleted"] = obj({{"deleted", id}}, {"deleted"});
  s["Link"] = obj({{"id", id}, {"tier", id}, {"from_org_id", nid}, {"from_person_id", nid},
                   {"to_person_id", nid}, {"to_household_id", nid}},
                  {"id", "tier"});
  s["LinkInput"] = obj({{"tier", id}, {"from_org_id", nid}, {"from_person_id", nid},
                        {"to_person_id", nid}, {"to_household_id", nid}},
                       {"tier"});
  s["LinkChain"] = obj({{"household_id", id}, {"chain", {{"type", "array"}}}, {"linked", {{"type", "boolean"}}}},
                       {"household_id", "chain", "linked"});

  json ratio = obj({{"numerator", id}, {"denominator", id}, {"value", {{"type", {"number", "null"}}}}},
                   {"numerator", "denominator", "value"});
  s["Ratio"] = ratio;
  s["CaseSummary"] = obj({{"id", id}, {"channel", str}, {"category_id", id}, {"level", str}, {"description", str},
                          {"state", str}, {"handler", str}, {"handling_level", str}, {"deadline", str},
                          {"stage_due_at", {{"type", {"string", "null"}}}}, {"created_at", str}},
                         {"id", "channel", "category_id", "level", "state", "handler", "deadline", "created_at"});
  s["CaseList"] = list_of("CaseSummary");
  s["CaseInput"] = obj({{"channel", str}, {"category_id", id}, {"level", str}, {"description", str},
                        {"place_id", nid}, {"grid_id", nid}, {"location", point}, {"address", str}, {"reporter_person_id", nid},
                        {"reporter_name", str}, {"reporter_phone", str}, {"anonymous", {{"type", "boolean"}}},
                        {"on_behalf_of", {{"type", "boolean"}}}, {"accept_now", {{"type", "boolean"}}}},
                       {"category_id", "description"});
  s["PublicReportInput"] = obj({{"category_id", id}, {"description", str}, {"place_id", nid}, {"grid_id", nid}, {"location", point},
                                {"address", str}, {"reporter_name", str}, {"reporter_phone", str},
                                {"anonymous", {{"type", "boolean"}}}},
                               {"category_id", "description"});
  s["IntakeResult"] = obj({{"id", id}, {"state", str}, {"tracking_token", str}, {"routing_explanation", str},
                           {"reporter", {{"type", "object"}}}, {"duplicates", {{"type", "array"}, {"items", ref("CaseSummary")}}}},
                          {"id", "state", "tracking_token", "routing_explanation", "reporter", "duplicates"});
  s["CaseDetail"] = obj({{"id", id}, {"state", str}, {"routing_explanation", str}, {"timeline", {{"type", "array"}}},
                         {"attachments", {{"type", "array"}}}, {"mediation", {{"type", {"object", "null"}}}},
                         {"allowed_actions", {{"type", "array"}}}, {"category", ref("Category")}},
                        {"id", "state", "routing_explanation", "timeline", "attachments", "mediation", "allowed_actions",
                         "category"});
  s["CaseActionInput"] = obj({{"action", str}, {"reason", str}, {"note", str}, {"rating", str},
                              {"hours", {{"type", "number"}}}, {"review_at", str}, {"target_case_id", nid},
                              {"handler", str}, {"assignee_person_id", nid}},
                             {"action"});
  s["BulkDispatchInput"] = obj({{"case_ids", {{"type", "array"}, {"items", id}}}, {"handler", str},
                                {"assignee_person_id", nid}},
                               {"case_ids"});
  s["BulkResult"] = obj({{"dispatched", {{"type", "array"}}}, {"count", id}}, {"dispatched", "count"});
  s["Attachment"] = obj({{"id", id}, {"case_id", id}, {"content_type", str}, {"size", id}, {"sha256", str}, {"url", str}},
                        {"id", "case_id", "content_type", "size", "url"});
  s["MediationInput"] = obj({{"mediator_person_id", nid}, {"parties", {{"type", "array"}}}, {"agreement", str},
                             {"signed_by", {{"type", "array"}}}, {"follow_up_note", str}, {"follow_up_at", str}},
                            {});
  s["MediationSessionInput"] = obj({{"place", str}, {"summary", str}}, {"place", "summary"});
  s["Mediation"] = obj({{"case_id", id}, {"parties", {{"type", "array"}}}, {"agreement", str},
                        {"signed_by", {{"type", "array"}}}, {"signed_at", {{"type", {"string", "null"}}}},
                        {"sessions", {{"type", "array"}}}},
                       {"case_id", "parties", "agreement", "signed_by", "sessions"});
  s["TrackedCase"] = obj({{"tracking_token", str}, {"state", str}, {"state_zh", str}, {"can_rate", {{"type", "boolean"}}}},
                         {"tracking_token", "state", "can_rate"});
  s["RatingInput"] = obj({{"rating", str}, {"comment", str}}, {"rating"});
  s["Category"] = obj({{"id", id}, {"code", str}, {"parent_id", nid}, {"name_zh", str}, {"name_en", str},
                       {"pinyin", str}, {"level", str}, {"path", str}, {"needs_verification", {{"type", "boolean"}}},
                       {"hours", {{"type", "object"}}}},
                      {"id", "code", "name_zh", "name_en", "level", "path", "needs_verification", "hours"});
  s["CategoryInput"] = obj(s["Category"]["properties"], {});
  s["CategoryList"] = list_of("Category");
  s["RoutingRule"] = obj({{"id", id}, {"priority", id}, {"category_id", nid}, {"level", {{"type", {"string", "null"}}}},
                          {"community_id", nid}, {"grid_id", nid}, {"weekday_mask", id}, {"hour_from", nid},
                          {"hour_to", nid}, {"requires_property_contract", {{"type", "boolean"}}}, {"handler", str},
                          {"organisation_id", nid}, {"note", str}, {"enabled", {{"type", "boolean"}}}},
                         {"id", "priority", "handler", "enabled"});
  s["RoutingRuleInput"] = obj(s["RoutingRule"]["properties"], {"handler"});
  s["RoutingRuleList"] = list_of("RoutingRule");
  s["CalendarDay"] = obj({{"day", str}, {"kind", str}, {"note", str}}, {"day", "kind"});
  s["CalendarDayInput"] = obj({{"kind", str}, {"note", str}}, {"kind"});
  s["Calendar"] = obj({{"items", {{"type", "array"}, {"items", ref("CalendarDay")}}}, {"total", id},
                       {"working_hours", {{"type", "array"}}}},
                      {"items", "total", "working_hours"});
  s["PropertyContractInput"] = obj({{"organisation_id", id}}, {"organisation_id"});
  s["PropertyContract"] = obj({{"place_id", id}, {"organisation_id", id}}, {"place_id", "organisation_id"});
  s["Located"] = obj({{"grid", {{"type", {"object", "null"}}}}}, {"grid"});
  s["Metrics"] = obj({{"total", id}, {"open", id}, {"overdue", id}, {"finished", id},
                      {"never_leave", {{"type", "object"}}}, {"hotline", {{"type", "object"}}},
                      {"hours_to_close", {{"type", "object"}}}, {"hot_categories", {{"type", "array"}}},
                      {"hot_places", {{"type", "array"}}}, {"workload", {{"type", "array"}}}},
                     {"total", "open", "overdue", "finished", "never_leave", "hotline", "hours_to_close",
                      "hot_categories", "hot_places", "workload"});
  s["LoginInput"] = obj({{"username", str}, {"password", str}}, {"username", "password"});
  s["User"] = obj({{"id", id}, {"username", str}, {"role", str}, {"person_id", nid}, {"scope_grid_id", nid},
                   {"organisation_id", nid}, {"disabled", {{"type", "boolean"}}}, {"permissions", {{"type", "array"}}}},
                  {"id", "username", "role", "permissions"});
  s["UserList"] = list_of("User");
  s["UserInput"] = obj({{"username", str}, {"password", str}, {"role", str}, {"person_id", nid}, {"scope_grid_id", nid},
                        {"organisation_id", nid}},
                       {"username", "password", "role"});
  s["Me"] = obj({{"user", ref("User")}, {"csrf_token", {{"type", {"string", "null"}}}}}, {"user", "csrf_token"});
  s["PasswordInput"] = obj({{"old_password", str}, {"new_password", str}}, {"old_password", "new_password"});
  s["ApiTokenInput"] = obj({{"name", str}, {"permissions", {{"type", "array"}}}, {"expires_in_days", id}}, {"name"});
  s["AuditList"] = obj({{"items", {{"type", "array"}}}, {"total", id}}, {"items", "total"});
  s["RevealInput"] = obj({{"reason", str}}, {"reason"});
  s["MetricsTrend"] = obj({{"bucket", str}, {"points", {{"type", "array"}}}}, {"bucket", "points"});
  emergency_components(s);
  add_life_schemas(s);
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

json Api::openapi() const {
  json paths = json::object();
  for (const Route& r : router_.routes()) {
    json op = {{"operationId", r.operation_id},
               {"summary", r.summary},
               {"tags", {r.tag}},
               {"x-permission", to_string(r.permission)}};
    if (r.permission != Permission::kPublic) {
      op["security"] = json::array({{{"sessionCookie", json::array()}}, {{"bearerToken", json::array()}}});
    }
    json params = json::array();
    std::string p = r.pattern;
    for (std::size_t i = p.find('{'); i != std::string::npos; i = p.find('{', i + 1)) {
      std::string name = p.substr(i + 1, p.find('}', i) - i - 1);
      params.push_back({{"name", name}, {"in", "path"}, {"required", true},
                        {"schema", {{"type", name == "id" ? "integer" : "string"}}}});
    }
    for (const ParamDoc& d : r.params) {
      params.push_back({{"name", d.name}, {"in", d.in}, {"required", d.required},
                        {"description", d.description}, {"schema", {{"type", d.type}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.request_schema.empty()) {
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", ref(r.request_schema)}}}}}};
    }
    json ok = {{"description", "success"}};
    if (!r.response_schema.empty()) {
      ok["content"] = {{"application/json", {{"schema", ref(r.response_schema)}}}};
    }
    json error = {{"description", "error"}, {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
    op["responses"] = {{std::to_string(r.success_status), ok}, {"4XX", error}, {"5XX", error}};
    // Long requests (a scan, a search, an export) may run on the slow lane,
    // and get 503 with Retry-After when its queue is full (http/slow_lane.h).
    if (r.slow) op["x-slow-lane"] = true;
    paths[r.pattern][lower(r.method)] = op;
  }
  return {{"openapi", "3.1.0"},
          {"info", {{"title", "Weige (微格) API"}, {"version", options_.version},
                    {"description", "Micro-grid community governance. Errors share one shape: "
                                    "{\"error\": {\"code\", \"message\", \"details\"}}."}}},
          {"servers", {{{"url", "/"}}}},
          {"paths", paths},
          {"components",
           {{"schemas", components()},
            {"securitySchemes",
             {{"sessionCookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "weige_session"},
                                 {"description", "from POST /api/v1/auth/login; writes also need the X-CSRF-Token header"}}},
              {"bearerToken", {{"type", "http"}, {"scheme", "bearer"}, {"description", "an API token"}}}}}}}};
}

}  // namespace weige::http
