#include "domain/geometry.h"

#include <gtest/gtest.h>

#include <random>

#include "support/shapes.h"

namespace weige {
namespace {

using testing::rect;

TEST(GeometryTest, ContainsPointsInsideAndOnEdges) {
  Polygon triangle{{{0, 0}, {4, 0}, {0, 4}}};
  EXPECT_TRUE(contains(triangle, {1, 1}));
  EXPECT_TRUE(contains(triangle, {2, 0}));  // edge
  EXPECT_TRUE(contains(triangle, {2, 2}));  // hypotenuse
  EXPECT_FALSE(contains(triangle, {3, 3}));
  EXPECT_FALSE(contains(triangle, {-1, 0}));
  EXPECT_TRUE(contains(rect(0, 0, 10, 10), rect(1, 1, 2, 2)));
  EXPECT_FALSE(contains(rect(0, 0, 10, 10), rect(5, 5, 12, 6)));
}

TEST(GeometryTest, ValidPolygons) {
  EXPECT_TRUE(is_valid(rect(104, 30, 104.1, 30.1)));
  EXPECT_FALSE(is_valid(Polygon{{{0, 0}, {1, 1}}}));
  EXPECT_FALSE(is_valid(Polygon{{{0, 0}, {1, 1}, {2, 2}}}));  // zero area
  EXPECT_FALSE(is_valid(rect(170, 0, 190, 10)));              // lng out of range
}

// The R-tree answers exactly as a brute-force scan over the same grids.
TEST(GeometryTest, LocatorAgreesWithBruteForce) {
  GridLocator locator;
  std::vector<std::pair<std::int64_t, Polygon>> grids;
  std::int64_t id = 1;
  for (int x = 0; x < 30; ++x) {
    for (int y = 0; y < 30; ++y) {
      Polygon p = rect(104 + x * 0.001, 30 + y * 0.001, 104 + (x + 1) * 0.001, 30 + (y + 1) * 0.001);
      grids.emplace_back(id, p);
      locator.add(id++, p);
    }
  }
  locator.build();
  EXPECT_EQ(locator.size(), 900u);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> d(-0.002, 0.032);
  for (int i = 0; i < 2000; ++i) {
    Point p{104 + d(rng), 30 + d(rng)};
    std::optional<std::int64_t> brute;
    for (const auto& [gid, poly] : grids) {
      if (contains(poly, p)) {
        brute = gid;
        // Edge points lie in several squares; the locator may pick any of them.
        break;
      }
    }
    auto found = locator.locate(p);
    ASSERT_EQ(found.has_value(), brute.has_value());
    if (found) {
      const auto& poly = grids[static_cast<std::size_t>(*found - 1)].second;
      EXPECT_TRUE(contains(poly, p));
    }
  }
}

TEST(GeometryTest, LocatorPrefersTheSmallestContainingGrid) {
  GridLocator locator;
  locator.add(1, rect(0, 0, 10, 10));
  locator.add(2, rect(2, 2, 4, 4));
  locator.build();
  EXPECT_EQ(locator.locate({3, 3}), 2);
  EXPECT_EQ(locator.locate({8, 8}), 1);
  EXPECT_EQ(locator.locate({11, 11}), std::nullopt);
}

}  // namespace
}  // namespace weige
