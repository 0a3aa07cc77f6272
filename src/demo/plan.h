#pragma once
// The shape of a generated community, decided before anything is written:
// its grids and micro-grids with nested rectangle boundaries, its compounds,
// buildings and units, and the non-residential sites of its exclusive grids.
// Planning is pure and deterministic: the same spec gives the same plan.
//
// Layout: the community rectangle is split into a residential part (west)
// and a strip for the exclusive grids (east). The residential part is split
// into one rectangle per ordinary grid, each of those into one per
// micro-grid. Every child rectangle is shrunk by a margin so it lies strictly
// inside its parent, and every point (unit, compound, site) lies inside the
// rectangle of the grid it is put into.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "demo/rng.h"
#include "domain/map.h"

namespace weige::demo {

// An axis-aligned rectangle in degrees.
struct Rect {
  double west = 0, south = 0, east = 0, north = 0;

  Polygon polygon() const;
  Point center() const;
  // The point at fractions (fx, fy) of the width and height from the south-west corner.
  Point at(double fx, double fy) const;
};

// A rectangle of width x height degrees centred on (lng, lat).
Rect rect_around(Point center, double width, double height);
// Splits `r` into n cells, `columns` wide (0: ceil(sqrt(n))), row by row from
// the north-west; each cell shrunk by `margin` (a fraction of its size) per side.
std::vector<Rect> split(const Rect& r, int n, double margin, int columns = 0);

// The compound with a name of its own, e.g. Huarun Phase 6 Jinyunfu: it takes
// the first `micro_grids` micro-grids of the community's first ordinary grid.
struct FeaturedCompound {
  std::string name;
  int micro_grids = 12;
  std::string property_company;  // its property company (an organisation)
  int property_party_staff = 6;  // party members of that company who serve as micro-grid workers
};

// What a community should contain. Grid numbers count from 1 in order.
struct CommunitySpec {
  std::string subdistrict;  // 万年场街道, for addresses
  std::string name;         // 双福路社区
  std::string code12;       // district + subdistrict + community digits of its grid codes
  Rect rect;
  std::vector<int> micro_grids_per_grid;  // one entry per ordinary grid (at most 899)
  int households_per_micro_grid = 40;     // the average; each micro-grid gets 80%-120% of it
  std::optional<FeaturedCompound> featured;
  // Sites of the two exclusive grids; empty names are derived from the community name.
  std::string office_tower, mall, shop_street;
  std::uint64_t seed = 0;
};

struct UnitPlan {
  int number = 1;  // N单元
  int floors = 1;
  int rooms_per_floor = 2;
  Point location;
  int households() const { return floors * rooms_per_floor; }
};

struct MicroGridPlan {
  int number = 1;  // micro part of the grid code
  Rect rect;
  std::size_t compound = 0;  // index into CommunityPlan::compounds
  int building = 1;          // the micro-grid holds the units of this building (N栋)
  std::vector<UnitPlan> units;
  int households() const;
};

struct GridPlan {
  int number = 1;  // grid part of the grid code
  Rect rect;
  std::vector<MicroGridPlan> micro_grids;
};

struct CompoundPlan {
  std::string name;
  std::size_t grid = 0;  // the ordinary grid it lies in wholly
  Point location;
  bool featured = false;
};

struct SitePlan {
  PlaceKind kind = PlaceKind::kOfficeTower;
  std::string name;
  Point location;
  std::vector<std::string> businesses;
};

struct ExclusiveGridPlan {
  int number = 901;
  std::string name;
  Rect rect;
  std::vector<SitePlan> sites;
};

// Where a party backbone lives: the micro-grid whose household provides them.
struct BackboneHome {
  std::size_t grid = 0;
  std::size_t micro_grid = 0;
};

struct CommunityPlan {
  CommunitySpec spec;
  std::vector<GridPlan> grids;
  std::vector<CompoundPlan> compounds;
  std::vector<ExclusiveGridPlan> exclusive_grids;
  // One backbone per ordinary grid (in that grid), then one per exclusive grid.
  std::vector<BackboneHome> backbones;
  std::optional<std::size_t> featured_compound;

  int micro_grid_count() const;
  int household_count() const;
};

// Plans a community. The spec must be valid: at least one grid, each with at
// least one micro-grid, households_per_micro_grid >= 6, and a featured
// compound no larger than the first grid.
CommunityPlan plan_community(const CommunitySpec& spec);

}  // namespace weige::demo
