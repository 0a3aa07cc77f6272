// The scope matrix for lists and aggregates (see scope_matrix_test.cpp for
// the routes that name one resource). Every caller calls every list:
//   unfiltered     exactly the rows the caller's scope covers, and a total
//                  (or count, or metric) that counts those and nothing else;
//   filtered by a scoped id at each placement (?grid_id=, ?community_id=, ...)
//                  only rows in scope, totals to match; and an id outside the
//                  scope is answered like an id that does not exist: where the
//                  route answers 404 for an unknown id, the same 404.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "http/api.h"
#include "http/scope_routes.h"
#include "support/scope_world.h"

namespace weige::testing {
namespace {

using nlohmann::json;

// What an answer shows: the ids of its rows, and the total it claims.
struct Seen {
  std::set<Id> ids;
  std::optional<std::int64_t> total;
};

struct Filter {
  std::string name;  // the query parameter
  Family family;     // what it names
};

struct ListCall {
  std::string path;  // unfiltered, with a limit that fits the whole world
  std::function<Seen(const Reply&)> read;
  // The rows the caller should see without a filter; the answer shows exactly
  // these (kExact) or some of them (kSubset: aggregates, the change feed).
  std::function<std::set<Id>(const ScopeWorld&, const Caller&)> rows;
  enum { kExact, kSubset } match = kExact;
  // The total the unfiltered answer claims; unset: the number of rows.
  std::function<std::int64_t(const ScopeWorld&, const Caller&)> total = nullptr;
  std::vector<Filter> filters = {};
  Headers extra = {};
  std::function<void(ScopeWorld&)> prepare = nullptr;  // set the world up for this list
  bool stream = false;                                 // server-sent events: read for a second
  bool staff_only = false;  // community life kept from residents: 403 for them
};

std::set<Id> item_ids(const json& items) {
  std::set<Id> out;
  for (const auto& i : items) out.insert(i["id"].get<Id>());
  return out;
}

Seen items_and_total(const Reply& r) {
  json j = body(r);
  return {item_ids(j["items"]), j["total"].get<std::int64_t>()};
}

template <typename Pred>
std::set<Id> keep(const std::vector<Id>& all, Pred pred) {
  std::set<Id> out;
  for (Id id : all) {
    if (pred(id)) out.insert(id);
  }
  return out;
}

// The grid nodes of a tree, and the number of households it counts at its roots.
void walk_tree(const json& node, Seen& seen) {
  if (node.value("type", "") == "grid") seen.ids.insert(node["id"].get<Id>());
  for (const auto& child : node["children"]) walk_tree(child, seen);
}

Seen read_tree(const Reply& r) {
  Seen seen{{}, 0};
  json tree = body(r);
  for (const auto& root : tree["roots"]) {
    walk_tree(root, seen);
    *seen.total += root["counts"]["households"].get<std::int64_t>();
  }
  return seen;
}

// The case ids of the change feed, replayed from the start (Last-Event-ID: 0).
Seen read_events(const Reply& r) {
  Seen seen;
  std::istringstream in(r.body);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("data: ", 0) != 0) continue;
    json e = json::parse(line.substr(6), nullptr, false);
    if (e.is_object() && e.contains("id")) seen.ids.insert(e["id"].get<Id>());
  }
  return seen;
}

// The monthly report's CSV: its total row's first column is the number of cases.
Seen read_report(const Reply& r) {
  std::istringstream in(r.body);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("total,", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    return {{}, cells.size() > 2 && !cells[2].empty() ? std::stoll(cells[2]) : 0};
  }
  return {{}, std::nullopt};
}

Seen read_violations(const Reply& r) {
  Seen seen;
  json check = body(r);
  for (const auto& v : check["violations"]) {
    for (const auto& g : v["grid_ids"]) seen.ids.insert(g.get<Id>());
  }
  seen.total = check["errors"].get<std::int64_t>() + check["warnings"].get<std::int64_t>();
  return seen;
}

// The world's community-life resources of the families (one each per
// placement) the caller sees (ScopeWorld::sees).
std::set<Id> visible_life(const ScopeWorld& w, const Caller& c, std::initializer_list<Family> fs) {
  std::set<Id> out;
  for (Family f : fs) {
    for (Placement p : kPlacements) {
      Id id = w.resource(f, {p});
      if (w.sees(c, f, {p}, id)) out.insert(id);
    }
  }
  return out;
}

// The rows of {"items": [...]} named by `key` ("household": {"id": ...} when `nested`).
std::function<Seen(const Reply&)> ids_under(const std::string& list, const std::string& key,
                                            bool nested, const std::string& total = "") {
  return [=](const Reply& r) {
    json j = body(r);
    Seen s;
    for (const auto& row : j[list])
      s.ids.insert(nested ? row[key]["id"].get<Id>() : row[key].get<Id>());
    if (!total.empty()) s.total = j[total].get<std::int64_t>();
    return s;
  };
}

std::set<Id> visible_cases(const ScopeWorld& w, const Caller& c) {
  return keep(w.cases(), [&](Id id) { return w.sees_case(c, id); });
}

const std::map<std::string, ListCall>& list_calls() {
  using W = const ScopeWorld&;
  using C = const Caller&;
  using F = Family;
  static const std::vector<Filter> case_filters{
      {"grid_id", F::kGrid}, {"community_id", F::kCommunity}, {"handler_person_id", F::kWorker}};
  static const std::map<std::string, ListCall> m{
      {"listGrids",
       {.path = "/api/v1/grids",
        .read = items_and_total,
        .rows = [](W w, C c) { return keep(w.grids(), [&](Id g) { return w.sees_grid(c, g); }); },
        .filters = {{"community_id", F::kCommunity}, {"parent_id", F::kOrdinaryGrid}}}},
      {"getGridTree",
       {.path = "/api/v1/grids/tree",
        .read = read_tree,
        .rows = [](W w, C c) { return w.grids_with_ancestors(c); },
        .total =
            [](W w, C c) {
              auto seen = keep(w.places(PlaceKind::kHousehold),
                               [&](Id h) { return w.sees_grid(c, *w.grid_of(h)); });
              return static_cast<std::int64_t>(seen.size());
            },
        .filters = {{"community_id", F::kCommunity}}}},
      {"listPlaces",
       {.path = "/api/v1/places?limit=500",
        .read = items_and_total,
        .rows = [](W w, C c) { return keep(w.places(), [&](Id p) { return w.sees_place(c, p); }); },
        .filters = {{"community_id", F::kCommunity},
                    {"grid_id", F::kGrid},
                    {"parent_id", F::kUnit}}}},
      {"listPersons",
       {.path = "/api/v1/persons?limit=500",
        .read = items_and_total,
        .rows = [](W w,
                   C c) { return keep(w.persons(), [&](Id p) { return w.sees_person(c, p); }); },
        .filters = {{"household_id", F::kHousehold}, {"grid_id", F::kGrid}}}},
      {"listOrganisations",
       {.path = "/api/v1/organisations",
        .read = items_and_total,
        .rows =
            [](W w, C c) {
              return keep(w.organisations(), [&](Id o) { return w.sees_organisation(c, o); });
            },
        .filters = {{"community_id", F::kCommunity}}}},
      {"listAssignments",
       {.path = "/api/v1/assignments",
        .read = items_and_total,
        .rows =
            [](W w, C c) {
              return keep(w.assignments(), [&](Id a) { return w.sees_assignment(c, a); });
            },
        .filters = {{"grid_id", F::kGrid}, {"person_id", F::kWorker}}}},
      {"listCases",
       {.path = "/api/v1/cases?limit=500",
        .read = items_and_total,
        .rows = visible_cases,
        .filters = case_filters}},
      {"findDuplicateCases",
       {.path = "/api/v1/cases/duplicates?category_id=102",
        .read = items_and_total,
        .rows = visible_cases,
        .match = ListCall::kSubset,
        .total = [](W, C) { return std::int64_t{0}; },  // nothing without a place
        .filters = {{"place_id", F::kHousehold}}}},
      {"getMetrics",
       {.path = "/api/v1/metrics",
        .read =
            [](const Reply& r) {
              return Seen{{}, body(r)["total"].get<std::int64_t>()};
            },
        .rows = visible_cases,
        .match = ListCall::kSubset,
        .filters = case_filters}},
      {"getMetricsTrend",
       {.path = "/api/v1/metrics/trend",
        .read =
            [](const Reply& r) {
              Seen s{{}, 0};
              json trend = body(r);
              for (const auto& p : trend["points"])
                *s.total += p["metrics"]["total"].get<std::int64_t>();
              return s;
            },
        .rows = visible_cases,
        .match = ListCall::kSubset,
        .filters = case_filters}},
      {"getMonthlyReport",
       {.path = "/api/v1/reports/monthly?month=2026-11&format=csv&community_id={home_community}",
        .read = read_report,
        .rows =
            [](W w, C c) {
              return keep(w.cases_in(w.map().community_a),
                          [&](Id id) { return w.sees_case(c, id); });
            },
        .match = ListCall::kSubset,
        .filters = {{"community_id", F::kCommunity}}}},
      {"streamEvents",
       {.path = "/api/v1/events",
        .read = read_events,
        .rows = visible_cases,
        .match = ListCall::kSubset,
        .extra = {{"Last-Event-ID", "0"}},
        .stream = true}},
      {"checkMap",
       {.path = "/api/v1/check",
        .read = read_violations,
        .rows = [](W w, C c) { return keep(w.grids(), [&](Id g) { return w.sees_grid(c, g); }); },
        .match = ListCall::kSubset,
        .total =
            [](W w, C c) {
              std::int64_t n = 0;
              for (Placement p : kPlacements) n += w.sees_grid(c, w.site(p).micro_grid);
              return n;
            },
        // Each placement's micro-grid gets a code that does not fit under its grid.
        .prepare =
            [](ScopeWorld& w) {
              int micro = 901;
              for (Placement p : kPlacements) {
                ASSERT_TRUE(w.db().execute(
                    "UPDATE grids SET code = ? WHERE id = ?",
                    {"510108012099999" + std::to_string(micro++), w.site(p).micro_grid}));
              }
            }}},
      {"listEmergencies",
       {.path = "/api/v1/emergencies",
        .read = items_and_total,
        .rows =
            [](W w, C c) {
              return keep(w.emergencies(), [&](Id e) { return w.sees_emergency(c, e); });
            }}},
      // Community life: what the caller sees (life_scope.h), from the grids above theirs too.
      {"listTopics",
       {.path = "/api/v1/topics?limit=200",
        .read = items_and_total,
        .rows =
            [](W w, C c) {
              return visible_life(w, c, {F::kTopic, F::kPublishedTopic});
            }}},
      {"listMeetings",
       {.path = "/api/v1/meetings",
        .read = items_and_total,
        .rows =
            [](W w, C c) {
              return visible_life(w, c, {F::kMeeting, F::kTopicMeeting});
            }}},
      {"listConventions",
       {.path = "/api/v1/conventions",
        .read = items_and_total,
        .rows = [](W w, C c) { return visible_life(w, c, {F::kConvention}); }}},
      {"listCampaigns",
       {.path = "/api/v1/campaigns",
        .read = items_and_total,
        .rows = [](W w, C c) { return visible_life(w, c, {F::kCampaign}); }}},
      // Patrols are for staff and volunteers.
      {"listPatrolPlans",
       {.path = "/api/v1/patrol-plans",
        .read = items_and_total,
        .rows = [](W w, C c) { return visible_life(w, c, {F::kPatrolPlan}); },
        .filters = {{"grid_id", F::kLifeGrid}},
        .staff_only = true}},
      {"listPatrols",
       {.path = "/api/v1/patrols?limit=200",
        .read = items_and_total,
        .rows = [](W w, C c) { return visible_life(w, c, {F::kPatrol}); },
        .staff_only = true}},
      // Each plan's coverage this month; the route places counted are the seen plans' only.
      {"getPatrolCoverage",
       {.path = "/api/v1/patrols/coverage",
        .read = ids_under("plans", "plan_id", false, "route_places"),
        .rows = [](W w, C c) { return visible_life(w, c, {F::kPatrolPlan}); },
        .filters = {{"grid_id", F::kLifeGrid}},
        .staff_only = true}},
      {"listPatrolObservations",
       {.path = "/api/v1/patrol-observations",
        .read = items_and_total,
        .rows = [](W w, C c) { return visible_life(w, c, {F::kObservation}); },
        .staff_only = true}},
      // Visits and care: the households of the grids one manages; a resident their own.
      {"listVisits",
       {.path = "/api/v1/visits?limit=200",
        .read = items_and_total,
        .rows = [](W w, C c) { return visible_life(w, c, {F::kVisit}); },
        .filters = {{"household_id", F::kCaredHousehold}}}},
      // The tier-3 links of the households reached, by their party member; the households counted.
      {"getVisitCoverage",
       {.path = "/api/v1/visits/coverage",
        .read = ids_under("links", "person", true, "households"),
        .rows =
            [](W w, C c) {
              std::set<Id> out;
              for (Placement p : kPlacements) {
                if (w.life_reaches_household(c, p)) out.insert(w.site(p).worker);
              }
              return out;
            },
        .filters = {{"grid_id", F::kLifeGrid}},
        .staff_only = true}},
      // The households the caller links (tier 3) in grids they see: the
      // micro-grid worker links their placement's household; other staff link none.
      {"listMyLinkedHouseholds",
       {.path = "/api/v1/visits/my-households",
        .read = ids_under("items", "household_id", false, "total"),
        .rows =
            [](W w, C c) {
              std::set<Id> out;
              for (Placement p : kPlacements) {
                const Site& s = w.site(p);
                if (c.member == s.worker && w.life_sees(c, s.micro_grid)) out.insert(s.household);
              }
              return out;
            },
        .staff_only = true}},
      // The world's households were visited months ago: every one is overdue.
      {"listOverdueCare",
       {.path = "/api/v1/care/overdue",
        .read = ids_under("items", "household", true, "total"),
        .rows = [](W w, C c) { return visible_life(w, c, {F::kCaredHousehold}); },
        .filters = {{"grid_id", F::kLifeGrid}},
        .staff_only = true}},
      {"listNotices",
       {.path = "/api/v1/notices?limit=200",
        .read = items_and_total,
        .rows = [](W w, C c) { return visible_life(w, c, {F::kNotice}); },
        .filters = {{"campaign_id", F::kCampaign}}}},
      // The world's meetings have no decisions: nobody's inbox holds any.
      {"listMyDecisions",
       {.path = "/api/v1/decisions/mine",
        .read = items_and_total,
        .rows = [](W, C) { return std::set<Id>{}; }}},
  };
  return m;
}

// `path` with the query parameter `name` set to `value` (replaced when present).
std::string with_param(std::string path, const std::string& name, Id value) {
  std::smatch present;
  if (std::regex_search(path, present, std::regex("[?&]" + name + "=([^&]*)"))) {
    return path.replace(present.position(1), present.length(1), std::to_string(value));
  }
  return path + (path.find('?') == std::string::npos ? "?" : "&") + name + "=" +
         std::to_string(value);
}

std::string names(const std::set<Id>& ids) {
  std::string s;
  for (Id id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return "{" + s + "}";
}

TEST(ScopeMatrixListsTable, EveryListRouteHasItsCall) {
  for (const auto& op : routes_of(RouteClass::kList)) {
    EXPECT_EQ(list_calls().count(op), 1u) << op << " has no ListCall";
  }
  EXPECT_EQ(list_calls().size(), routes_of(RouteClass::kList).size());
}

// Stands in for a route without its ListCall (EveryListRouteHasItsCall names it).
const ListCall& no_call() {
  static const ListCall none{.path = "/api/v1/health", .read = nullptr, .rows = nullptr};
  return none;
}

class ScopeMatrixLists : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(list_calls().count(GetParam())) << GetParam() << " has no ListCall";
    ASSERT_FALSE(HasFailure()) << "the world could not be built";
    if (call.prepare) call.prepare(w);
    ASSERT_NE(route, nullptr);
    base = std::regex_replace(call.path, std::regex("\\{home_community\\}"),
                              std::to_string(w.map().community_a));
  }

  Reply send(const Caller& c, const std::string& path) {
    Headers h = c.headers;
    h.insert(call.extra.begin(), call.extra.end());
    if (!call.stream) return http(server.port(), {"GET", path, "", "", h});
    // A stream never ends: take what it sends within a second.
    std::string req = "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    for (const auto& [k, v] : h) {
      if (k != "X-No-Auth") req += k + ": " + v + "\r\n";
    }
    std::string raw = raw_exchange(server.port(), req + "\r\n", 1200);
    Reply r;
    r.status = raw.size() > 12 ? std::stoi(raw.substr(9, 3)) : 0;
    r.body = raw.substr(std::min(raw.size(), raw.find("\r\n\r\n") + 4));
    return r;
  }

  bool permitted(const Caller& c) const {
    return c.role && role_allows(*c.role, route->permission) &&
           !(call.staff_only && c.role == Role::kResident);
  }

  // Unfiltered: exactly the rows in scope, and a total that counts only those.
  void unfiltered(const Caller& c, const std::set<Id>& rows) {
    SCOPED_TRACE(c.name + " x GET " + base + " (unfiltered), expected rows " + names(rows));
    Reply r = send(c, base);
    if (!permitted(c)) {
      EXPECT_EQ(r.status, c.role ? 403 : 401) << r.body.substr(0, 200);
      return;
    }
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
    Seen seen = call.read(r);
    if (call.match == ListCall::kExact) {
      EXPECT_EQ(names(seen.ids), names(rows));
    } else {
      EXPECT_TRUE(std::includes(rows.begin(), rows.end(), seen.ids.begin(), seen.ids.end()))
          << "shows " << names(seen.ids) << ", beyond the scope";
    }
    if (seen.total) {
      EXPECT_EQ(*seen.total, call.total ? call.total(w, c) : static_cast<std::int64_t>(rows.size()))
          << "the total leaks";
    }
  }

  // Filtered by a scoped id: only rows in scope, totals to match; an id out of
  // scope answered like one that does not exist where the route tells those apart.
  void filtered(const Caller& c, const std::set<Id>& rows, const Filter& f, const Target& t) {
    Id id = w.resource(f.family, t);
    bool visible = w.sees(c, f.family, t, id);
    std::string path = with_param(base, f.name, id);
    SCOPED_TRACE(c.name + " x GET " + path + " (" + f.name + " " + label(f.family, t) + ", " +
                 (visible ? "in scope" : "out of scope") + ")");
    Reply r = send(c, path);
    if (!permitted(c)) {
      EXPECT_EQ(r.status, c.role ? 403 : 401);
      return;
    }
    Reply twin = send(c, with_param(base, f.name, kNoSuchId));
    if (!visible && twin.status == 404) {
      EXPECT_EQ(r.status, 404)
          << "an id outside the scope is told apart from one that does not exist: "
          << r.body.substr(0, 200);
      EXPECT_EQ(without_id(r.body, id), without_id(twin.body, kNoSuchId));
      return;
    }
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
    Seen seen = call.read(r);
    EXPECT_TRUE(std::includes(rows.begin(), rows.end(), seen.ids.begin(), seen.ids.end()))
        << "shows " << names(seen.ids) << ", beyond the scope " << names(rows);
    if (!seen.total) return;
    if (!seen.ids.empty() || call.match == ListCall::kExact) {
      if (!call.total) {
        EXPECT_EQ(*seen.total, static_cast<std::int64_t>(seen.ids.size())) << "the total leaks";
      }
    } else if (!visible) {
      EXPECT_EQ(*seen.total, *call.read(twin).total) << "counts what lies outside the scope";
    } else {
      EXPECT_LE(*seen.total, static_cast<std::int64_t>(rows.size()))
          << "counts what lies outside the scope";
    }
  }

  TestServer server;
  ScopeWorld w{server};
  const ListCall& call = list_calls().count(GetParam()) ? list_calls().at(GetParam()) : no_call();
  const http::Route* route = route_of(server, GetParam());
  std::string base;
};

TEST_P(ScopeMatrixLists, ShowAndCountOnlyWhatTheScopeCovers) {
  int cells = 0;
  for (const Caller& c : w.callers()) {
    std::set<Id> rows = call.rows(w, c);
    unfiltered(c, rows);
    ++cells;
    if (!permitted(c)) continue;
    for (const Filter& f : call.filters) {
      for (const Target& t : targets(f.family)) {
        filtered(c, rows, f, t);
        ++cells;
      }
    }
  }
  RecordProperty("cells", cells);
}

INSTANTIATE_TEST_SUITE_P(Routes, ScopeMatrixLists,
                         ::testing::ValuesIn(routes_of(RouteClass::kList)),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace weige::testing
