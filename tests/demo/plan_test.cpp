// Planning a community: nested rectangles, compounds within one grid,
// households per micro-grid.

#include "demo/plan.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace weige::demo {
namespace {

CommunitySpec spec_with(std::vector<int> micro_grids, int households = 40) {
  CommunitySpec s;
  s.subdistrict = "万年场街道";
  s.name = "双福路社区";
  s.code12 = "510108005003";
  s.rect = rect_around({104.12, 30.66}, 0.012, 0.009);
  s.micro_grids_per_grid = std::move(micro_grids);
  s.households_per_micro_grid = households;
  s.seed = 99;
  return s;
}

TEST(Split, CellsLieStrictlyInsideAndDoNotOverlap) {
  Rect r{104.0, 30.0, 104.01, 30.01};
  for (int n : {1, 2, 5, 11, 12, 129}) {
    auto cells = split(r, n, 0.02);
    ASSERT_EQ(cells.size(), static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const Rect& c = cells[i];
      EXPECT_TRUE(c.west > r.west && c.east < r.east && c.south > r.south && c.north < r.north);
      EXPECT_TRUE(c.west < c.east && c.south < c.north);
      EXPECT_TRUE(contains(r.polygon(), c.polygon()));
      for (std::size_t j = i + 1; j < cells.size(); ++j) {
        const Rect& d = cells[j];
        bool apart =
            c.east <= d.west || d.east <= c.west || c.north <= d.south || d.north <= c.south;
        EXPECT_TRUE(apart) << n << ": cells " << i << " and " << j << " overlap";
      }
    }
  }
  auto column = split(r, 2, 0.0, 1);
  EXPECT_EQ(column[0].west, r.west);
  EXPECT_GT(column[0].south, column[1].south);  // the first cell is the northern one
}

TEST(PlanCommunity, RectanglesNestAndPointsLieInTheirGrids) {
  CommunityPlan plan = plan_community(spec_with({12, 7, 9}));
  const Polygon community = plan.spec.rect.polygon();
  for (const GridPlan& g : plan.grids) {
    EXPECT_TRUE(contains(community, g.rect.polygon()));
    for (const MicroGridPlan& m : g.micro_grids) {
      EXPECT_TRUE(contains(g.rect.polygon(), m.rect.polygon()));
      for (const UnitPlan& u : m.units) EXPECT_TRUE(contains(m.rect.polygon(), u.location));
    }
  }
  for (const CompoundPlan& c : plan.compounds) {
    EXPECT_TRUE(contains(plan.grids[c.grid].rect.polygon(), c.location)) << c.name;
  }
  ASSERT_EQ(plan.exclusive_grids.size(), 2u);
  for (const ExclusiveGridPlan& e : plan.exclusive_grids) {
    EXPECT_TRUE(contains(community, e.rect.polygon()));
    for (const SitePlan& s : e.sites) EXPECT_TRUE(contains(e.rect.polygon(), s.location));
    for (const GridPlan& g : plan.grids) {
      EXPECT_TRUE(e.rect.west > g.rect.east) << "exclusive grids lie east of the residential part";
    }
  }
}

TEST(PlanCommunity, CompoundsLieInOneGridAndNumberTheirBuildings) {
  CommunityPlan plan = plan_community(spec_with({12, 12, 11}));
  std::map<std::size_t, std::set<std::size_t>> grids_of;
  std::map<std::size_t, std::vector<int>> buildings_of;
  for (std::size_t g = 0; g < plan.grids.size(); ++g) {
    for (const MicroGridPlan& m : plan.grids[g].micro_grids) {
      grids_of[m.compound].insert(g);
      buildings_of[m.compound].push_back(m.building);
    }
  }
  EXPECT_EQ(grids_of.size(), plan.compounds.size());
  for (const auto& [compound, grids] : grids_of) {
    EXPECT_EQ(grids.size(), 1u) << plan.compounds[compound].name;
    EXPECT_EQ(*grids.begin(), plan.compounds[compound].grid);
    const auto& b = buildings_of[compound];
    for (std::size_t i = 0; i < b.size(); ++i) EXPECT_EQ(b[i], static_cast<int>(i) + 1);
  }
  std::set<std::string> names;
  for (const CompoundPlan& c : plan.compounds) names.insert(c.name);
  EXPECT_EQ(names.size(), plan.compounds.size());
}

TEST(PlanCommunity, FeaturedCompoundTakesTheFirstMicroGridsOfTheFirstGrid) {
  CommunitySpec spec = spec_with({12, 12});
  spec.featured = FeaturedCompound{"华润六期锦云府", 12, "华润物业", 6};
  CommunityPlan plan = plan_community(spec);
  ASSERT_TRUE(plan.featured_compound.has_value());
  EXPECT_EQ(plan.compounds[*plan.featured_compound].name, "华润六期锦云府");
  int in_featured = 0;
  for (const GridPlan& g : plan.grids) {
    for (const MicroGridPlan& m : g.micro_grids)
      in_featured += m.compound == *plan.featured_compound;
  }
  EXPECT_EQ(in_featured, 12);
  for (const MicroGridPlan& m : plan.grids[0].micro_grids) {
    EXPECT_EQ(m.compound, *plan.featured_compound);
  }
}

TEST(PlanCommunity, HouseholdsPerMicroGridStayNearTheTarget) {
  for (int target : {6, 10, 40, 120, 400}) {
    CommunityPlan plan = plan_community(spec_with({10, 10, 10}, target));
    double average = static_cast<double>(plan.household_count()) / plan.micro_grid_count();
    EXPECT_GE(average, target * 0.85) << target;
    EXPECT_LE(average, target * 1.15 + 3) << target;
    for (const GridPlan& g : plan.grids) {
      for (const MicroGridPlan& m : g.micro_grids) {
        EXPECT_GE(m.households(), 6);
        for (const UnitPlan& u : m.units) EXPECT_LE(u.floors, 40) << target;
        if (target <= 100) {
          EXPECT_LE(m.units.size(), 2u);
        }
      }
    }
  }
}

TEST(PlanCommunity, BackbonesLiveInTheirGridsAndTheExclusiveOnesElsewhere) {
  CommunityPlan plan = plan_community(spec_with({3, 4, 5}));
  ASSERT_EQ(plan.backbones.size(), 3u + 2u);
  for (std::size_t g = 0; g < 3; ++g) EXPECT_EQ(plan.backbones[g].grid, g);
  for (const BackboneHome& b : plan.backbones) {
    EXPECT_LT(b.micro_grid, plan.grids[b.grid].micro_grids.size());
  }
}

TEST(PlanCommunity, IsDeterministic) {
  CommunityPlan a = plan_community(spec_with({12, 12}));
  CommunityPlan b = plan_community(spec_with({12, 12}));
  ASSERT_EQ(a.compounds.size(), b.compounds.size());
  for (std::size_t i = 0; i < a.compounds.size(); ++i) {
    EXPECT_EQ(a.compounds[i].name, b.compounds[i].name);
  }
  EXPECT_EQ(a.household_count(), b.household_count());
  EXPECT_EQ(a.grids[1].micro_grids[3].units[0].location,
            b.grids[1].micro_grids[3].units[0].location);
}

}  // namespace
}  // namespace weige::demo
