// Admin screens' endpoints: categories, routing rules, the working calendar,
// property contracts; and point -> micro-grid location.
#include "domain/work_calendar.h"
#include "http/api.h"
#include "http/case_dto.h"
#include "http/case_query.h"
#include "http/json_body.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::http {
namespace {

using nlohmann::json;

// The route's permission (case_admin) already restricts these to subdistrict admins.
Status require_admin(const Request& r) { return principal_of(r).status(); }

Status read_hours(const json& j, const char* key, double& out) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (!it->is_number() || it->get<double>() <= 0 || it->get<double>() > 2000) {
    return Status::invalid(std::string("'") + key + "' is a number of working hours in (0, 2000]", {{"field", key}});
  }
  out = it->get<double>();
  return {};
}

Status apply_category(const json& j, store::Category& c) {
  WEIGE_TRY(read_string(j, "code", c.code, false, 60));
  WEIGE_TRY(read_id(j, "parent_id", c.parent_id));
  WEIGE_TRY(read_string(j, "name_zh", c.name_zh, false, 60));
  WEIGE_TRY(read_string(j, "name_en", c.name_en, false, 100));
  WEIGE_TRY(read_string(j, "pinyin", c.pinyin, false, 30));
  WEIGE_TRY(read_string(j, "icon", c.icon, false, 30));
  std::string s;
  WEIGE_TRY(read_string(j, "level", s));
  if (!s.empty()) {
    auto l = parse_case_level(s);
    if (!l) return Status::invalid("unknown level '" + s + "'", {{"field", "level"}});
    c.level = *l;
  }
  s.clear();
  WEIGE_TRY(read_string(j, "path", s));
  if (!s.empty()) {
    auto p = parse_handler_kind(s);
    if (!p) return Status::invalid("unknown path '" + s + "'", {{"field", "path"}});
    c.path = *p;
  }
  WEIGE_TRY(read_bool(j, "needs_verification", c.needs_verification));
  WEIGE_TRY(read_bool(j, "emergency_only", c.emergency_only));
  WEIGE_TRY(read_bool(j, "enabled", c.enabled));
  if (j.contains("hours")) {
    const json& h = j["hours"];
    if (!h.is_object()) return Status::invalid("hours is {accept, dispatch, resolve, verify}", {{"field", "hours"}});
    WEIGE_TRY(read_hours(h, "accept", c.accept_hours));
    WEIGE_TRY(read_hours(h, "dispatch", c.dispatch_hours));
    WEIGE_TRY(read_hours(h, "resolve", c.resolve_hours));
    WEIGE_TRY(read_hours(h, "verify", c.verify_hours));
  }
  if (c.code.empty() || c.name_zh.empty() || c.name_en.empty()) {
    return Status::invalid("a category needs code, name_zh and name_en", {{"field", c.code.empty() ? "code" : "name_zh"}});
  }
  return {};
}

Status apply_rule(const json& j, RoutingRule& r, store::Db& db) {
  WEIGE_TRY(read_int(j, "priority", r.priority));
  WEIGE_TRY(read_id(j, "category_id", r.category_id));
  if (r.category_id) WEIGE_TRY(store::get_category(db, *r.category_id).status());
  if (j.contains("level")) {
    if (j["level"].is_null()) {
      r.level.reset();
    } else {
      std::string s;
      WEIGE_TRY(read_string(j, "level", s));
      r.level = parse_case_level(s);
      if (!r.level) return Status::invalid("unknown level '" + s + "'", {{"field", "level"}});
    }
  }
  WEIGE_TRY(read_id(j, "community_id", r.community_id));
  WEIGE_TRY(read_id(j, "grid_id", r.grid_id));
  if (r.grid_id) WEIGE_TRY(store::get_grid(db, *r.grid_id).status());
  WEIGE_TRY(read_int(j, "weekday_mask", r.weekday_mask));
  if (r.weekday_mask < 0 || r.weekday_mask > 127) return Status::invalid("weekday_mask is 0..127", {{"field", "weekday_mask"}});
  for (const char* key : {"hour_from", "hour_to"}) {
    if (!j.contains(key)) continue;
    auto& target = std::string(key) == "hour_from" ? r.hour_from : r.hour_to;
    if (j[key].is_null()) {
      target.reset();
    } else {
      int h = -1;
      WEIGE_TRY(read_int(j, key, h));
      if (h < 0 || h > 24) return Status::invalid(std::string(key) + " is an hour 0..24", {{"field", key}});
      target = h;
    }
  }
  WEIGE_TRY(read_bool(j, "requires_property_contract", r.requires_property_contract));
  std::string handler;
  WEIGE_TRY(read_string(j, "handler", handler));
  if (!handler.empty()) {
    auto h = parse_handler_kind(handler);
    if (!h) return Status::invalid("unknown handler '" + handler + "'", {{"field", "handler"}});
    r.handler = *h;
  }
  WEIGE_TRY(read_id(j, "organisation_id", r.organisation_id));
  if (r.organisation_id) WEIGE_TRY(store::get_organisation(db, *r.organisation_id).status());
  WEIGE_TRY(read_string(j, "note", r.note, false, 300));
  WEIGE_TRY(read_bool(j, "enabled", r.enabled));
  return {};
}

const std::set<std::string> kCategoryFields{"code", "parent_id", "name_zh", "name_en", "pinyin", "icon", "level",
                                            "path", "needs_verification", "emergency_only", "enabled", "hours"};
const std::set<std::string> kRuleFields{"priority", "category_id", "level", "community_id", "grid_id",
                                        "weekday_mask", "hour_from", "hour_to", "requires_property_contract",
                                        "handler", "organisation_id", "note", "enabled"};

}  // namespace

void Api::register_case_admin_routes() {
  router_.add({.method = "GET", .pattern = "/api/v1/categories", .operation_id = "listCategories",
               .summary = "The two-level category taxonomy with levels, paths and stage time limits",
               .tag = "admin", .response_schema = "CategoryList",
               .permission = Permission::kPublic,
               .handler = wrap([](Request&, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto cats, store::list_categories(db));
                 json items = json::array();
                 for (const auto& c : cats) items.push_back(category_json(c));
                 return json{{"items", items}, {"total", items.size()}};
               })});
  router_.add({.method = "POST", .pattern = "/api/v1/categories", .operation_id = "createCategory",
               .summary = "Add a category (subdistrict_admin)", .tag = "admin", .request_schema = "CategoryInput",
               .response_schema = "Category", .success_status = 201,
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(require_admin(r));
                 WEIGE_ASSIGN(json j, parse_object(r, kCategoryFields));
                 store::Category c;
                 WEIGE_TRY(apply_category(j, c));
                 if (c.parent_id) WEIGE_TRY(store::get_category(db, *c.parent_id).status());
                 WEIGE_ASSIGN(c.id, store::insert_category(db, c));
                 return category_json(c);
               }, 201)});
  router_.add({.method = "PATCH", .pattern = "/api/v1/categories/{id}", .operation_id = "updateCategory",
               .summary = "Change a category (subdistrict_admin)", .tag = "admin", .request_schema = "CategoryInput",
               .response_schema = "Category",
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(require_admin(r));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, kCategoryFields));
                 WEIGE_ASSIGN(store::Category c, store::get_category(db, id));
                 WEIGE_TRY(apply_category(j, c));
                 if (c.parent_id == c.id) return Status::invalid("a category cannot be its own parent", {{"field", "parent_id"}});
                 WEIGE_TRY(store::update_category(db, c));
                 return category_json(c);
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/routing-rules", .operation_id = "listRoutingRules",
               .summary = "Routing rules, highest priority first", .tag = "admin", .response_schema = "RoutingRuleList",
               .permission = Permission::kCaseRead,
               .handler = wrap([](Request&, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto rules, store::list_routing_rules(db));
                 json items = json::array();
                 for (const auto& x : rules) items.push_back(rule_json(x));
                 return json{{"items", items}, {"total", items.size()}};
               })});
  router_.add({.method = "POST", .pattern = "/api/v1/routing-rules", .operation_id = "createRoutingRule",
               .summary = "Add a routing rule (subdistrict_admin)", .tag = "admin", .request_schema = "RoutingRuleInput",
               .response_schema = "RoutingRule", .success_status = 201,
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(require_admin(r));
                 WEIGE_ASSIGN(json j, parse_object(r, kRuleFields));
                 if (!j.contains("handler")) return Status::invalid("field 'handler' is required", {{"field", "handler"}});
                 RoutingRule rule;
                 WEIGE_TRY(apply_rule(j, rule, db));
                 WEIGE_ASSIGN(rule.id, store::insert_routing_rule(db, rule));
                 return rule_json(rule);
               }, 201)});
  router_.add({.method = "PATCH", .pattern = "/api/v1/routing-rules/{id}", .operation_id = "updateRoutingRule",
               .summary = "Change a routing rule (subdistrict_admin)", .tag = "admin", .request_schema = "RoutingRuleInput",
               .response_schema = "RoutingRule",
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(require_admin(r));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, kRuleFields));
                 WEIGE_ASSIGN(auto rules, store::list_routing_rules(db));
                 auto it = std::find_if(rules.begin(), rules.end(), [&](const RoutingRule& x) { return x.id == id; });
                 if (it == rules.end()) return Status::not_found("routing rule " + std::to_string(id) + " does not exist");
                 RoutingRule rule = *it;
                 WEIGE_TRY(apply_rule(j, rule, db));
                 WEIGE_TRY(store::update_routing_rule(db, rule));
                 return rule_json(rule);
               })});
  router_.add({.method = "DELETE", .pattern = "/api/v1/routing-rules/{id}", .operation_id = "deleteRoutingRule",
               .summary = "Remove a routing rule (subdistrict_admin)", .tag = "admin", .response_schema = "Deleted",
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(require_admin(r));
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_TRY(store::delete_routing_rule(db, id));
                 return json{{"deleted", id}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/calendar", .operation_id = "listCalendarDays",
               .summary = "Holidays and make-up working days, and the working hours", .tag = "admin",
               .response_schema = "Calendar",
               .permission = Permission::kPublic,
               .handler = wrap([](Request&, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto days, store::list_calendar_days(db));
                 json items = json::array();
                 for (const auto& d : days) items.push_back({{"day", d.day}, {"kind", d.kind}, {"note", d.note}});
                 WorkCalendar cal;
                 json hours = json::array();
                 for (const auto& h : cal.hours()) hours.push_back({{"start_minute", h.start_minute}, {"end_minute", h.end_minute}});
                 return json{{"items", items}, {"total", items.size()}, {"working_hours", hours}, {"utc_offset_minutes", cal.utc_offset_minutes()}};
               })});
  router_.add({.method = "PUT", .pattern = "/api/v1/calendar/{day}", .operation_id = "setCalendarDay",
               .summary = "Mark a date a holiday or a make-up working day (subdistrict_admin)", .tag = "admin",
               .request_schema = "CalendarDayInput", .response_schema = "CalendarDay",
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(require_admin(r));
                 const std::string& day = r.path_params["day"];
                 if (!parse_day(day)) return Status::invalid("'" + day + "' is not a date YYYY-MM-DD", {{"parameter", "day"}});
                 WEIGE_ASSIGN(json j, parse_object(r, {"kind", "note"}));
                 store::CalendarDay d{day, "", ""};
                 WEIGE_TRY(read_string(j, "kind", d.kind, true));
                 if (d.kind != "holiday" && d.kind != "workday") return Status::invalid("kind is holiday or workday", {{"field", "kind"}});
                 WEIGE_TRY(read_string(j, "note", d.note, false, 100));
                 WEIGE_TRY(store::set_calendar_day(db, d));
                 return json{{"day", d.day}, {"kind", d.kind}, {"note", d.note}};
               })});
  router_.add({.method = "DELETE", .pattern = "/api/v1/calendar/{day}", .operation_id = "deleteCalendarDay",
               .summary = "Make a date an ordinary day again (subdistrict_admin)", .tag = "admin",
               .response_schema = "",
               .permission = Permission::kCaseAdmin,
               .handler = wrap([](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_TRY(require_admin(r));
                 const std::string& day = r.path_params["day"];
                 if (!parse_day(day)) return Status::invalid("'" + day + "' is not a date YYYY-MM-DD", {{"parameter", "day"}});
                 WEIGE_TRY(store::delete_calendar_day(db, day));
                 return json{{"deleted", day}};
               })});

  router_.add({.method = "PUT", .pattern = "/api/v1/places/{id}/property-contract", .operation_id = "setPropertyContract",
               .summary = "Name the property company serving a compound or non-residential place", .tag = "admin",
               .request_schema = "PropertyContractInput", .response_schema = "PropertyContract",
               .permission = Permission::kMapWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, {"organisation_id"}));
                 Id org = 0;
                 WEIGE_TRY(read_id(j, "organisation_id", org, true));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(Place p, service::scoped_place_to_change(db, id, sc));
                 if (p.kind != PlaceKind::kCompound && !is_non_residential(p.kind)) {
                   return Status::invalid("property contracts are for compounds, towers, malls and shop streets");
                 }
                 WEIGE_ASSIGN(Organisation o, service::scoped_organisation(db, org, sc));
                 if (o.kind != OrganisationKind::kPropertyCompany) {
                   return Status::invalid("organisation " + std::to_string(org) + " is not a property company", {{"field", "organisation_id"}});
                 }
                 WEIGE_TRY(store::set_property_contract(db, id, org));
                 return json{{"place_id", id}, {"organisation_id", org}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/locate", .operation_id = "locatePoint",
               .summary = "The micro-grid containing a point (R-tree over grid boundaries)", .tag = "map",
               .params = {{"lng", "query", "number", "", true}, {"lat", "query", "number", "", true}},
               .response_schema = "Located",
               .permission = Permission::kPublic,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto p, query_point(r));
                 if (!p) return Status::invalid("lng and lat are required", {{"parameter", "lng"}});
                 WEIGE_ASSIGN(auto grid, locator_.locate(db, *p));
                 if (!grid) return json{{"grid", nullptr}};
                 WEIGE_ASSIGN(Grid g, store::get_grid(db, *grid));
                 return json{{"grid", {{"id", g.id}, {"kind", to_string(g.kind)}, {"code", g.code}, {"name", g.name},
                                       {"community_id", g.community_id}}}};
               })});
}

}  // namespace weige::http
