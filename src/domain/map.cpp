#include "domain/map.h"

#include <array>
#include <utility>

namespace weige {
namespace {

constexpr std::array<std::pair<PlaceKind, std::string_view>, 9> kPlaceNames{{
    {PlaceKind::kSubdistrict, "subdistrict"},
    {PlaceKind::kCommunity, "community"},
    {PlaceKind::kCompound, "compound"},
    {PlaceKind::kBuilding, "building"},
    {PlaceKind::kUnit, "unit"},
    {PlaceKind::kHousehold, "household"},
    {PlaceKind::kOfficeTower, "office_tower"},
    {PlaceKind::kMall, "mall"},
    {PlaceKind::kShopStreet, "shop_street"},
}};

constexpr std::array<std::pair<GridKind, std::string_view>, 4> kGridNames{{
    {GridKind::kGeneralGrid, "general_grid"},
    {GridKind::kGrid, "grid"},
    {GridKind::kMicroGrid, "micro_grid"},
    {GridKind::kExclusiveGrid, "exclusive_grid"},
}};

}  // namespace

std::string_view to_string(PlaceKind kind) {
  for (const auto& [k, n] : kPlaceNames) {
    if (k == kind) return n;
  }
  return "unknown";
}

std::string_view to_string(GridKind kind) {
  for (const auto& [k, n] : kGridNames) {
    if (k == kind) return n;
  }
  return "unknown";
}

std::optional<PlaceKind> parse_place_kind(std::string_view s) {
  for (const auto& [k, n] : kPlaceNames) {
    if (n == s) return k;
  }
  return std::nullopt;
}

std::optional<GridKind> parse_grid_kind(std::string_view s) {
  for (const auto& [k, n] : kGridNames) {
    if (n == s) return k;
  }
  return std::nullopt;
}

std::string_view label_zh(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kSubdistrict: return "街道";
    case PlaceKind::kCommunity: return "社区";
    case PlaceKind::kCompound: return "小区院落";
    case PlaceKind::kBuilding: return "楼栋";
    case PlaceKind::kUnit: return "单元";
    case PlaceKind::kHousehold: return "户";
    case PlaceKind::kOfficeTower: return "写字楼";
    case PlaceKind::kMall: return "商城";
    case PlaceKind::kShopStreet: return "商街";
  }
  return "";
}

std::string_view label_zh(GridKind kind) {
  switch (kind) {
    case GridKind::kGeneralGrid: return "总网格";
    case GridKind::kGrid: return "一般网格";
    case GridKind::kMicroGrid: return "微网格";
    case GridKind::kExclusiveGrid: return "专属网格";
  }
  return "";
}

bool is_non_residential(PlaceKind kind) {
  return kind == PlaceKind::kOfficeTower || kind == PlaceKind::kMall ||
         kind == PlaceKind::kShopStreet;
}

std::optional<PlaceKind> required_parent_kind(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kSubdistrict: return std::nullopt;
    case PlaceKind::kCommunity: return PlaceKind::kSubdistrict;
    case PlaceKind::kCompound: return PlaceKind::kCommunity;
    case PlaceKind::kBuilding: return PlaceKind::kCompound;
    case PlaceKind::kUnit: return PlaceKind::kBuilding;
    case PlaceKind::kHousehold: return PlaceKind::kUnit;
    case PlaceKind::kOfficeTower:
    case PlaceKind::kMall:
    case PlaceKind::kShopStreet: return PlaceKind::kCommunity;
  }
  return std::nullopt;
}

bool may_assign(PlaceKind kind, GridKind grid_kind) {
  switch (kind) {
    case PlaceKind::kCompound: return grid_kind == GridKind::kGrid;
    case PlaceKind::kUnit:
    case PlaceKind::kHousehold: return grid_kind == GridKind::kMicroGrid;
    case PlaceKind::kOfficeTower:
    case PlaceKind::kMall:
    case PlaceKind::kShopStreet:
      return grid_kind == GridKind::kExclusiveGrid || grid_kind == GridKind::kGrid ||
             grid_kind == GridKind::kMicroGrid;
    default: return false;
  }
}

bool may_nest(GridKind child, GridKind parent) {
  switch (child) {
    case GridKind::kGeneralGrid: return false;
    case GridKind::kGrid:
    case GridKind::kExclusiveGrid: return parent == GridKind::kGeneralGrid;
    case GridKind::kMicroGrid:
      return parent == GridKind::kGrid || parent == GridKind::kExclusiveGrid;
  }
  return false;
}

}  // namespace weige
