#pragma once
// Places and grids: the map every other part of Weige refers to.
//
// Places nest: subdistrict > community > compound > building > unit > household;
// office towers, malls and shop streets hang under a community.
// Grids nest: general_grid (one per community) > grid > micro_grid; an
// exclusive_grid hangs under the general grid and covers non-residential places.
// A place is put into a grid through Place::grid_id (see kAssignableGridKinds).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/geometry.h"

namespace weige {

using Id = std::int64_t;

enum class PlaceKind {
  kSubdistrict,
  kCommunity,
  kCompound,
  kBuilding,
  kUnit,
  kHousehold,
  kOfficeTower,
  kMall,
  kShopStreet,
};

enum class GridKind { kGeneralGrid, kGrid, kMicroGrid, kExclusiveGrid };

std::string_view to_string(PlaceKind kind);
std::string_view to_string(GridKind kind);
std::optional<PlaceKind> parse_place_kind(std::string_view s);
std::optional<GridKind> parse_grid_kind(std::string_view s);
// Chinese label for user-facing output, e.g. "小区院落".
std::string_view label_zh(PlaceKind kind);
std::string_view label_zh(GridKind kind);

bool is_non_residential(PlaceKind kind);

// The kind a place's parent must have; nullopt for a subdistrict (a root).
std::optional<PlaceKind> required_parent_kind(PlaceKind kind);
// Whether a place of `kind` may be put directly into a grid of `grid_kind`.
bool may_assign(PlaceKind kind, GridKind grid_kind);
// Whether a grid of kind `child` may nest directly under one of kind `parent`:
// grid and exclusive_grid under a general_grid; micro_grid under a grid or an
// exclusive_grid. A general grid has no parent grid.
bool may_nest(GridKind child, GridKind parent);

struct Place {
  Id id = 0;
  PlaceKind kind = PlaceKind::kHousehold;
  std::optional<Id> parent_id;
  std::optional<Id> community_id;  // derived: the community this place lies in
  std::optional<Id> grid_id;       // the grid this place is put into, if any
  std::string name;
  std::string code;  // optional external code
  std::optional<Point> location;
  std::optional<Polygon> outline;  // optional footprint (compounds, buildings)
};

struct Grid {
  Id id = 0;
  GridKind kind = GridKind::kMicroGrid;
  std::optional<Id> parent_id;
  Id community_id = 0;  // the community of its general grid
  std::string code;     // 18 digits, see grid_code.h
  std::string name;
  std::optional<Polygon> boundary;
};

}  // namespace weige
