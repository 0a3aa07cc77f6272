// The never-leave and hotline rates, trends, and the monthly report.
#include <map>
#include <set>

#include "domain/work_calendar.h"
#include "http/api.h"
#include "http/case_dto.h"
#include "http/case_query.h"
#include "http/json_body.h"
#include "report/monthly_report.h"
#include "store/map_store.h"

namespace weige::http {
namespace {

// Every figure but the rates alone comes from scanning the cases.
bool scans_cases(const Request& r) {
  const std::string* fields = r.param("fields");
  return !fields || *fields != "rates";
}

using nlohmann::json;

// Hot spot ids with their names.
Result<json> named(store::Db& db, const std::vector<Ranked>& ranked, bool categories) {
  json out = json::array();
  for (const auto& r : ranked) {
    json item{{"id", r.id}, {"count", r.count}};
    if (categories) {
      WEIGE_ASSIGN(auto c, store::get_category(db, r.id));
      item["name_zh"] = c.name_zh;
      item["name_en"] = c.name_en;
    } else {
      WEIGE_ASSIGN(auto p, store::find_place(db, r.id));
      item["name"] = p ? p->name : "";
    }
    out.push_back(item);
  }
  return out;
}

// The never-leave and hotline rates alone: from the rollup when it can answer
// the filter (kept in `cache` while the change clock reads `changes`), else
// from the cases (the same counts, slower).
Result<json> rates_json(store::Db& db, const store::CaseFilter& f, Seconds now,
                        service::AnswerCache<RateCounts>& cache, std::optional<std::uint64_t> changes) {
  std::optional<RateCounts> counts;
  const char* source = "rollup";
  if (auto q = store::rollup_query(f)) {
    if (changes) counts = cache.find(*changes, q->key());
    if (!counts) {
      WEIGE_ASSIGN(counts, store::run_rollup_query(db, *q));
      if (changes) cache.keep(*changes, q->key(), *counts);
    }
  } else {
    WEIGE_ASSIGN(auto facts, store::case_facts(db, f));
    counts = rate_counts(compute_metrics(facts, now));
    source = "scan";
  }
  json j = metrics_json(metrics_from(*counts));
  for (const char* key : {"overdue", "hours_to_close", "hot_categories", "hot_places", "workload"}) j.erase(key);
  j["source"] = source;
  j["as_of"] = time_json(now);
  return j;
}

}  // namespace

void Api::register_metrics_routes() {
  auto metrics_params = case_query_params(false);
  metrics_params.push_back({"fields", "query", "string",
                            "rates: only total, open, finished and the never-leave and hotline rates, read from the "
                            "incremental rollup when the filter allows (grids, community, subdistrict, dates)"});
  router_.add({.method = "GET", .pattern = "/api/v1/metrics", .operation_id = "getMetrics",
               .summary = "Never-leave rates, hotline rates, times to close, open and overdue, hot spots, workload "
                          "for a grid subtree, period and category (fields=rates: the rates alone, fast)",
               .tag = "metrics", .params = metrics_params, .response_schema = "Metrics",
               .permission = Permission::kMetricsRead,
               .slow = scans_cases,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 Seconds now = options_.clock();
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(auto f, parse_case_filter(r, db, sc, now, false));
                 if (const std::string* fields = r.param("fields")) {
                   if (*fields != "rates") return Status::invalid("fields is rates", {{"parameter", "fields"}});
                   return rates_json(db, f, now, rates_, read_changes());
                 }
                 WEIGE_ASSIGN(auto facts, store::case_facts(db, f));
                 Metrics m = compute_metrics(facts, now);
                 json j = metrics_json(m);
                 WEIGE_ASSIGN(j["hot_categories"], named(db, m.hot_categories, true));
                 WEIGE_ASSIGN(j["hot_places"], named(db, m.hot_places, false));
                 j["as_of"] = time_json(now);
                 return j;
               })});

  auto trend_params = case_query_params(false);
  trend_params.push_back({"bucket", "query", "string", "day, week or month (default month)"});
  router_.add({.method = "GET", .pattern = "/api/v1/metrics/trend", .operation_id = "getMetricsTrend",
               .summary = "The same metrics per day, week or month of creation", .tag = "metrics",
               .params = trend_params, .response_schema = "MetricsTrend",
               .permission = Permission::kMetricsRead,
               .slow = always_slow,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 Bucket bucket = Bucket::kMonth;
                 if (const std::string* b = r.param("bucket")) {
                   if (*b == "day") {
                     bucket = Bucket::kDay;
                   } else if (*b == "week") {
                     bucket = Bucket::kWeek;
                   } else if (*b != "month") {
                     return Status::invalid("bucket is day, week or month", {{"parameter", "bucket"}});
                   }
                 }
                 Seconds now = options_.clock();
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(auto f, parse_case_filter(r, db, sc, now, false));
                 WEIGE_ASSIGN(auto facts, store::case_facts(db, f));
                 json points = json::array();
                 for (const auto& p : trend(facts, bucket, now)) {
                   json m = metrics_json(p.metrics);
                   m.erase("hot_categories");
                   m.erase("hot_places");
                   m.erase("workload");
                   points.push_back({{"period", p.period}, {"metrics", m}});
                 }
                 return json{{"bucket", bucket == Bucket::kDay ? "day" : bucket == Bucket::kWeek ? "week" : "month"},
                             {"points", points}};
               })});

  router_.add({.method = "GET", .pattern = "/api/v1/reports/monthly", .operation_id = "getMonthlyReport",
               .summary = "A community's monthly report as Excel (format=xlsx) or CSV (format=csv)", .tag = "metrics",
               .params = {{"community_id", "query", "integer", "", true},
                          {"month", "query", "string", "YYYY-MM", true},
                          {"format", "query", "string", "xlsx (default) or csv"}},
               .response_schema = "",
               .permission = Permission::kReportExport,
               .slow = always_slow,
               .handler = [this](Request& r) -> Response {
                 auto run = [&]() -> Result<Response> {
                   auto lease = pool_.acquire();
                   if (!lease) return lease.status();
                   store::Db& db = **lease;
                   std::optional<Id> community;
                   WEIGE_TRY(query_id(r, "community_id", community));
                   if (!community) return Status::invalid("community_id is required", {{"parameter", "community_id"}});
                   WEIGE_ASSIGN(auto sc, scope(r, db));
                   WEIGE_ASSIGN(Place c, service::scoped_community(db, *community, sc));
                   if (c.kind != PlaceKind::kCommunity) return Status::invalid("place " + std::to_string(c.id) + " is not a community");
                   const std::string* month = r.param("month");
                   auto first = month ? parse_day(*month + "-01") : std::nullopt;
                   if (!first) return Status::invalid("month is YYYY-MM", {{"parameter", "month"}});
                   std::string format = r.param("format") ? *r.param("format") : "xlsx";
                   if (format != "xlsx" && format != "csv") return Status::invalid("format is xlsx or csv", {{"parameter", "format"}});
                   int y = std::stoi(month->substr(0, 4)), mo = std::stoi(month->substr(5, 2));
                   Day next = day_from_civil(mo == 12 ? y + 1 : y, mo == 12 ? 1 : static_cast<unsigned>(mo + 1), 1);
                   store::CaseFilter f;
                   f.community_id = c.id;
                   f.created_from = *first * 86400 - 8 * 3600;
                   f.created_to = next * 86400 - 8 * 3600;
                   service::restrict(f, sc);
                   WEIGE_ASSIGN(auto facts, store::case_facts(db, f));
                   Seconds now = options_.clock();
                   report::MonthlyReport rep;
                   rep.community = c.name;
                   rep.month = *month;
                   rep.overall = compute_metrics(facts, now);
                   rep.by_day = trend(facts, Bucket::kDay, now);
                   // By ordinary grid: each case's grid rolled up to its grid (or exclusive grid).
                   WEIGE_ASSIGN(auto grids, store::list_grids(db, c.id));
                   std::map<Id, const Grid*> by_id;
                   for (const auto& g : grids) by_id[g.id] = &g;
                   WEIGE_ASSIGN(auto grid_of_case, db.rows("SELECT id, grid_id, category_id FROM cases WHERE community_id = ? "
                                                           "AND created_at >= ? AND created_at < ?",
                                                           {c.id, *f.created_from, *f.created_to}));
                   std::set<Id> in_scope;
                   for (const auto& fact : facts) in_scope.insert(fact.id);
                   std::map<Id, Id> case_grid;
                   for (const auto& row : grid_of_case) {
                     if (!in_scope.count(row.i64(0))) continue;
                     auto it = by_id.find(row.i64(1));
                     if (it == by_id.end()) continue;
                     const Grid* g = it->second;
                     if (g->kind == GridKind::kMicroGrid && g->parent_id && by_id.count(*g->parent_id)) g = by_id[*g->parent_id];
                     case_grid[row.i64(0)] = g->id;
                   }
                   std::map<Id, std::vector<CaseFact>> per_grid, per_root_category;
                   WEIGE_ASSIGN(auto cats, store::list_categories(db));
                   std::map<Id, const store::Category*> cat_by_id;
                   for (const auto& x : cats) cat_by_id[x.id] = &x;
                   for (const auto& fact : facts) {
                     if (auto it = case_grid.find(fact.id); it != case_grid.end()) per_grid[it->second].push_back(fact);
                     const store::Category* cat = cat_by_id[fact.category_id];
                     while (cat && cat->parent_id && cat_by_id.count(*cat->parent_id)) cat = cat_by_id[*cat->parent_id];
                     if (cat) per_root_category[cat->id].push_back(fact);
                   }
                   for (const auto& [gid, list] : per_grid) {
                     rep.by_grid.push_back({by_id[gid]->name + " (" + by_id[gid]->code + ")", compute_metrics(list, now)});
                   }
                   for (const auto& [cid, list] : per_root_category) {
                     rep.by_category.push_back({cat_by_id[cid]->name_zh + " " + cat_by_id[cid]->name_en, compute_metrics(list, now)});
                   }
                   Response res;
                   std::string file = "weige-" + std::to_string(c.id) + "-" + *month;
                   if (format == "csv") {
                     res.content_type = "text/csv; charset=utf-8";
                     res.body = report::to_csv(rep);
                     file += ".csv";
                   } else {
                     WEIGE_ASSIGN(res.body, report::to_xlsx(rep));
                     res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                     file += ".xlsx";
                   }
                   res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
                   return res;
                 };
                 auto res = run();
                 return res ? std::move(res).value() : error_response(res.status());
               }});
}

}  // namespace weige::http
