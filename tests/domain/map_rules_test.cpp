// The never-split rules as tables: a valid base map, then one mutation per row
// and the violations it must (and must only) produce.
#include "domain/map_rules.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "support/shapes.h"

namespace weige {
namespace {

using testing::rect;

// Community 2 (general grid 100) with grids 110 and 120; micro-grids 111, 112
// under 110 and 121 under 120. Compound 10 in grid 110 with building 11 and
// units 12 (micro 111) and 13 (micro 112); household 14 in unit 12.
// Community 3 with general grid 300, grid 310 and micro-grid 311.
MapSnapshot base() {
  MapSnapshot s;
  auto place = [&](Id id, PlaceKind k, std::optional<Id> parent, std::optional<Id> community,
                   std::optional<Id> grid) {
    Place p;
    p.id = id;
    p.kind = k;
    p.parent_id = parent;
    p.community_id = community;
    p.grid_id = grid;
    p.name = "p" + std::to_string(id);
    s.places.push_back(p);
  };
  auto grid = [&](Id id, GridKind k, std::optional<Id> parent, Id community, std::string code,
                  std::optional<Polygon> boundary = std::nullopt) {
    Grid g;
    g.id = id;
    g.kind = k;
    g.parent_id = parent;
    g.community_id = community;
    g.code = std::move(code);
    g.name = "g" + std::to_string(id);
    g.boundary = std::move(boundary);
    s.grids.push_back(g);
  };
  place(1, PlaceKind::kSubdistrict, std::nullopt, std::nullopt, std::nullopt);
  place(2, PlaceKind::kCommunity, 1, 2, std::nullopt);
  place(3, PlaceKind::kCommunity, 1, 3, std::nullopt);
  grid(100, GridKind::kGeneralGrid, std::nullopt, 2, "510108012005000000", rect(0, 0, 10, 10));
  grid(110, GridKind::kGrid, 100, 2, "510108012005001000", rect(0, 0, 5, 10));
  grid(111, GridKind::kMicroGrid, 110, 2, "510108012005001001", rect(0, 0, 5, 5));
  grid(112, GridKind::kMicroGrid, 110, 2, "510108012005001002", rect(0, 5, 5, 10));
  grid(120, GridKind::kGrid, 100, 2, "510108012005002000");
  grid(121, GridKind::kMicroGrid, 120, 2, "510108012005002001");
  grid(300, GridKind::kGeneralGrid, std::nullopt, 3, "510108012006000000");
  grid(310, GridKind::kGrid, 300, 3, "510108012006001000");
  grid(311, GridKind::kMicroGrid, 310, 3, "510108012006001001");
  place(10, PlaceKind::kCompound, 2, 2, 110);
  place(11, PlaceKind::kBuilding, 10, 2, std::nullopt);
  place(12, PlaceKind::kUnit, 11, 2, 111);
  place(13, PlaceKind::kUnit, 11, 2, 112);
  place(14, PlaceKind::kHousehold, 12, 2, 111);
  place(20, PlaceKind::kCompound, 3, 3, 310);
  place(21, PlaceKind::kBuilding, 20, 3, std::nullopt);
  place(22, PlaceKind::kUnit, 21, 3, 311);
  return s;
}

Place& place(MapSnapshot& s, Id id) {
  for (auto& p : s.places) {
    if (p.id == id) return p;
  }
  throw std::logic_error("no place");
}
Grid& grid(MapSnapshot& s, Id id) {
  for (auto& g : s.grids) {
    if (g.id == id) return g;
  }
  throw std::logic_error("no grid");
}

std::multiset<std::string> rules_of(const std::vector<Violation>& v) {
  std::multiset<std::string> out;
  for (const auto& x : v) out.insert(x.rule);
  return out;
}

TEST(MapRulesTest, BaseMapIsValid) {
  auto v = check_map(base());
  EXPECT_TRUE(v.empty()) << v.front().message;
}

struct RuleCase {
  const char* what;
  std::function<void(MapSnapshot&)> mutate;
  std::multiset<std::string> rules;
};

TEST(MapRulesTest, EachMutationGivesExactlyItsViolations) {
  std::vector<RuleCase> cases = {
      {"unit moved to a micro-grid of another grid splits the compound",
       [](MapSnapshot& s) { place(s, 13).grid_id = 121; }, {"grid_splits_compound"}},
      {"compound put into another grid than its units",
       [](MapSnapshot& s) { place(s, 10).grid_id = 120; }, {"grid_splits_compound"}},
      {"household in another micro-grid than its unit",
       [](MapSnapshot& s) { place(s, 14).grid_id = 112; }, {"micro_grid_splits_unit"}},
      {"household in a micro-grid of another grid splits unit and compound",
       [](MapSnapshot& s) { place(s, 14).grid_id = 121; },
       {"micro_grid_splits_unit", "grid_splits_compound"}},
      {"unit of community 2 put into community 3's micro-grid",
       [](MapSnapshot& s) {
         place(s, 12).grid_id = 311;
         place(s, 14).grid_id = 311;
       },
       {"general_grid_spans_communities", "general_grid_spans_communities", "grid_splits_compound"}},
      {"grid nested under another community's general grid",
       [](MapSnapshot& s) { grid(s, 120).parent_id = 300; },
       {"general_grid_spans_communities", "grid_code"}},
      {"second general grid for one community",
       [](MapSnapshot& s) {
         Grid g = grid(s, 100);
         g.id = 101;
         g.code = "510108012007000000";
         s.grids.push_back(g);
       },
       {"one_general_grid_per_community"}},
      {"micro-grid under a general grid",
       [](MapSnapshot& s) { grid(s, 121).parent_id = 100; }, {"grid_nesting", "grid_code"}},
      {"micro-grid code not under its parent",
       [](MapSnapshot& s) { grid(s, 112).code = "510108012005002002"; }, {"grid_code"}},
      {"unit directly in an ordinary grid",
       [](MapSnapshot& s) { place(s, 13).grid_id = 110; }, {"grid_assignment"}},
      {"unit under a compound instead of a building",
       [](MapSnapshot& s) { place(s, 13).parent_id = 10; }, {"place_nesting"}},
  };
  for (const auto& c : cases) {
    MapSnapshot s = base();
    c.mutate(s);
    auto v = check_map(s);
    EXPECT_EQ(rules_of(v), c.rules) << c.what;
    for (const auto& x : v) EXPECT_FALSE(x.message.empty()) << c.what;
  }
}

TEST(MapRulesTest, ViolationNamesThePlaceAndTheGrids) {
  MapSnapshot s = base();
  place(s, 13).grid_id = 121;
  auto v = check_map(s);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].place_id, 10);
  EXPECT_EQ(v[0].grid_ids, (std::vector<Id>{110, 120}));
  EXPECT_EQ(v[0].grid_codes, (std::vector<std::string>{"510108012005001000", "510108012005002000"}));
  EXPECT_NE(v[0].message.find("compound 10"), std::string::npos);
  EXPECT_EQ(v[0].to_json()["rule_zh"], "一般网格不破小区院落");
}

TEST(MapRulesTest, WarningsDoNotCountAsErrors) {
  MapSnapshot s = base();
  Place unit;
  unit.id = 15;
  unit.kind = PlaceKind::kUnit;
  unit.parent_id = 11;
  unit.community_id = 2;
  unit.name = "no grid";
  s.places.push_back(unit);
  place(s, 12).location = Point{9, 9};  // outside micro-grid 111's boundary
  auto v = check_map(s);
  EXPECT_EQ(rules_of(v), (std::multiset<std::string>{"location_outside_grid", "unit_without_micro_grid"}));
  EXPECT_EQ(count_errors(v), 0u);
}

}  // namespace
}  // namespace weige
