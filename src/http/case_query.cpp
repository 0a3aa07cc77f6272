#include "http/case_query.h"

#include <cmath>

#include "domain/work_calendar.h"
#include "http/json_body.h"
#include "store/map_store.h"

namespace weige::http {
namespace {

Result<Seconds> local_midnight(const Request& r, const char* key) {
  auto day = parse_day(*r.param(key));
  if (!day) return Status::invalid(std::string(key) + " is a date YYYY-MM-DD", {{"parameter", key}});
  return *day * 86400 - 8 * 3600;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    auto j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

Result<std::optional<Point>> query_point(const Request& r) {
  const std::string* lng = r.param("lng");
  const std::string* lat = r.param("lat");
  if (!lng && !lat) return std::optional<Point>();
  if (!lng || !lat) return Status::invalid("lng and lat go together", {{"parameter", lng ? "lat" : "lng"}});
  try {
    std::size_t a = 0, b = 0;
    Point p{std::stod(*lng, &a), std::stod(*lat, &b)};
    if (a != lng->size() || b != lat->size() || !std::isfinite(p.lng) || !std::isfinite(p.lat) ||
        std::abs(p.lng) > 180 || std::abs(p.lat) > 90) {
      throw std::invalid_argument("range");
    }
    return std::optional<Point>(p);
  } catch (const std::exception&) {
    return Status::invalid("lng and lat are numbers within [-180,180] and [-90,90]", {{"parameter", "lng"}});
  }
}

Result<store::CaseFilter> parse_case_filter(const Request& r, store::Db& db, const service::Scope& scope, Seconds now,
                                            bool paged) {
  store::CaseFilter f;
  if (paged) WEIGE_TRY(query_page(r, f.limit, f.offset));
  if (const std::string* s = r.param("state")) {
    for (const auto& name : split(*s)) {
      auto st = parse_case_state(name);
      if (!st) return Status::invalid("unknown state '" + name + "'", {{"parameter", "state"}});
      f.states.push_back(*st);
    }
  }
  std::optional<Id> category, grid, person;
  WEIGE_TRY(query_id(r, "category_id", category));
  if (category) {
    WEIGE_TRY(store::get_category(db, *category).status());
    WEIGE_ASSIGN(f.category_ids, store::category_subtree(db, *category));
  }
  WEIGE_TRY(query_enum(r, "level", parse_case_level, f.level, "level"));
  WEIGE_TRY(query_enum(r, "channel", parse_channel, f.channel, "channel"));
  WEIGE_TRY(query_enum(r, "handler", parse_handler_kind, f.handler, "handler"));
  WEIGE_TRY(query_id(r, "grid_id", grid));
  if (grid) {
    WEIGE_TRY(service::scoped_grid(db, *grid, scope).status());
    WEIGE_ASSIGN(f.grid_ids, store::grid_subtree(db, *grid));
  }
  WEIGE_TRY(query_id(r, "community_id", f.community_id));
  std::optional<Id> subdistrict;
  WEIGE_TRY(query_id(r, "subdistrict_id", subdistrict));
  if (subdistrict) {
    WEIGE_ASSIGN(Place s, store::get_place(db, *subdistrict));
    if (s.kind != PlaceKind::kSubdistrict) {
      return Status::invalid("place " + std::to_string(s.id) + " is not a subdistrict", {{"parameter", "subdistrict_id"}});
    }
    WEIGE_ASSIGN(f.community_ids, store::community_ids_of(db, s.id));
    if (f.community_ids.empty()) f.community_ids.push_back(-1);  // none: nothing matches
  }
  WEIGE_TRY(query_id(r, "handler_person_id", f.handler_person_id));
  std::optional<bool> overdue, emergency;
  WEIGE_TRY(query_bool(r, "overdue", overdue));
  if (overdue && *overdue) f.overdue_at = now;
  WEIGE_TRY(query_bool(r, "emergency", emergency));
  f.emergency = emergency;
  if (r.param("from")) {
    WEIGE_ASSIGN(f.created_from, local_midnight(r, "from"));
  }
  if (r.param("to")) {
    WEIGE_ASSIGN(f.created_to, local_midnight(r, "to"));
  }
  if (const std::string* q = r.param("q")) f.text = q->substr(0, 200);
  if (const std::string* s = r.param("sort")) {
    if (*s != "created_at" && *s != "-created_at" && *s != "due" && *s != "-due") {
      return Status::invalid("sort is created_at, -created_at, due or -due", {{"parameter", "sort"}});
    }
    f.sort = *s;
  }
  service::restrict(f, scope);
  return f;
}

std::vector<ParamDoc> case_query_params(bool paged) {
  std::vector<ParamDoc> p{{"state", "query", "string", "comma-separated states"},
                          {"category_id", "query", "integer", "a category and its children"},
                          {"level", "query", "string", "micro, small, big, beyond"},
                          {"channel", "query", "string", ""},
                          {"handler", "query", "string", "micro_grid, property_company, community, police, subdistrict, district"},
                          {"grid_id", "query", "integer", "cases in this grid's subtree"},
                          {"community_id", "query", "integer", ""},
                          {"subdistrict_id", "query", "integer", "cases in this subdistrict's communities"},
                          {"handler_person_id", "query", "integer", ""},
                          {"overdue", "query", "boolean", "open past the stage deadline"},
                          {"emergency", "query", "boolean", ""},
                          {"from", "query", "string", "created on or after this local date"},
                          {"to", "query", "string", "created before this local date"},
                          {"q", "query", "string", "description contains (case-insensitive; 3+ characters use the full-text index)"}};
  if (paged) {
    p.push_back({"sort", "query", "string", "created_at, -created_at, due, -due"});
    p.push_back({"limit", "query", "integer", ""});
    p.push_back({"offset", "query", "integer", ""});
  }
  return p;
}

}  // namespace weige::http
