#include "demo/plan.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "demo/names.h"

namespace weige::demo {
namespace {

constexpr double kResidentialShare = 0.78;  // of the community's width; the rest is exclusive grids
constexpr double kGridMargin = 0.02;
constexpr double kMicroGridMargin = 0.04;
constexpr int kMaxFloors = 33;

// Coordinates rounded to 1e-7 degrees (about 1 cm), so stored JSON stays short.
double round7(double v) {
  return std::round(v * 1e7) / 1e7;
}

// A point inside the central 70% of `r`, drawn from the rng.
Point point_in(Rng& rng, const Rect& r) {
  double fx = 0.15 + 0.7 * rng.range(0, 1000) / 1000.0;
  double fy = 0.15 + 0.7 * rng.range(0, 1000) / 1000.0;
  return r.at(fx, fy);
}

// The units of one micro-grid: together about `target` households.
std::vector<UnitPlan> plan_units(Rng& rng, int target, const Rect& rect) {
  bool two_units = rng.chance(40);
  int units = std::max((target + 99) / 100, two_units && target >= 24 ? 2 : 1);
  std::vector<UnitPlan> out;
  for (int u = 0; u < units; ++u) {
    int share = target / units + (u < target % units ? 1 : 0);
    static const std::vector<int> kRooms{2, 2, 3, 4};
    UnitPlan unit;
    unit.number = u + 1;
    // 3 to kMaxFloors floors: a share is at most 100 households, so 4 rooms a floor suffice.
    int rooms = std::max(rng.pick(kRooms), (share + kMaxFloors - 1) / kMaxFloors);
    unit.rooms_per_floor = std::min(rooms, std::max(2, share / 3));
    unit.floors = std::max(3, (share + unit.rooms_per_floor / 2) / unit.rooms_per_floor);
    unit.location = point_in(rng, rect);
    out.push_back(unit);
  }
  return out;
}

// Cuts micro-grids [first, count) of a grid into compounds of 1-5 micro-grids.
void plan_compounds(Rng& rng, CommunityPlan& plan, std::size_t grid, std::size_t first,
                    std::unordered_set<std::string>& taken) {
  auto& micro = plan.grids[grid].micro_grids;
  for (std::size_t start = first; start < micro.size();) {
    std::size_t size =
        std::min<std::size_t>(static_cast<std::size_t>(rng.range(1, 5)), micro.size() - start);
    CompoundPlan compound;
    compound.name = compound_name(rng, taken);
    compound.grid = grid;
    compound.location = micro[start].rect.center();
    plan.compounds.push_back(compound);
    for (std::size_t i = 0; i < size; ++i) {
      micro[start + i].compound = plan.compounds.size() - 1;
      micro[start + i].building = static_cast<int>(i) + 1;
    }
    start += size;
  }
}

void plan_featured(CommunityPlan& plan, const FeaturedCompound& featured,
                   std::unordered_set<std::string>& taken) {
  auto& micro = plan.grids[0].micro_grids;
  CompoundPlan compound;
  compound.name = featured.name;
  compound.grid = 0;
  compound.location = micro[0].rect.center();
  compound.featured = true;
  taken.insert(featured.name);
  plan.compounds.push_back(compound);
  plan.featured_compound = plan.compounds.size() - 1;
  for (int i = 0; i < featured.micro_grids; ++i) {
    micro[static_cast<std::size_t>(i)].compound = *plan.featured_compound;
    micro[static_cast<std::size_t>(i)].building = i + 1;
  }
}

std::vector<std::string> businesses(Rng& rng, BusinessSite site, int lo, int hi,
                                    std::unordered_set<std::string>& taken) {
  std::vector<std::string> out;
  int n = rng.range(lo, hi);
  for (int i = 0; i < n; ++i) out.push_back(business_name(rng, site, taken));
  return out;
}

// Grid 901 holds the office tower; grid 902 the mall and the shop street.
void plan_exclusive(Rng& rng, CommunityPlan& plan, const Rect& strip) {
  const CommunitySpec& spec = plan.spec;
  const std::string prefix = strip_suffix(spec.name, "社区");
  std::string tower = spec.office_tower.empty() ? prefix + "商务中心" : spec.office_tower;
  std::string mall = spec.mall.empty() ? prefix + "商城" : spec.mall;
  std::string street = spec.shop_street.empty() ? prefix + "商业街" : spec.shop_street;
  std::vector<Rect> rects = split(strip, 2, kGridMargin, 1);
  std::unordered_set<std::string> taken;

  ExclusiveGridPlan office{901, tower + "专属网格", rects[0], {}};
  office.sites.push_back({PlaceKind::kOfficeTower, tower, rects[0].at(0.5, 0.6),
                          businesses(rng, BusinessSite::kOfficeTower, 5, 8, taken)});
  ExclusiveGridPlan trade{902, mall + "、" + street + "专属网格", rects[1], {}};
  trade.sites.push_back({PlaceKind::kMall, mall, rects[1].at(0.5, 0.7),
                         businesses(rng, BusinessSite::kMall, 4, 6, taken)});
  trade.sites.push_back({PlaceKind::kShopStreet, street, rects[1].at(0.5, 0.3),
                         businesses(rng, BusinessSite::kShopStreet, 5, 8, taken)});
  plan.exclusive_grids.push_back(std::move(office));
  plan.exclusive_grids.push_back(std::move(trade));
}

void plan_backbones(CommunityPlan& plan) {
  for (std::size_t g = 0; g < plan.grids.size(); ++g) plan.backbones.push_back({g, 0});
  for (std::size_t e = 0; e < plan.exclusive_grids.size(); ++e) {
    std::size_t g = (e + 1) % plan.grids.size();
    plan.backbones.push_back({g, plan.grids[g].micro_grids.size() - 1});
  }
}

}  // namespace

Polygon Rect::polygon() const {
  return Polygon{{{west, south}, {east, south}, {east, north}, {west, north}}};
}

Point Rect::center() const {
  return at(0.5, 0.5);
}

Point Rect::at(double fx, double fy) const {
  return {round7(west + (east - west) * fx), round7(south + (north - south) * fy)};
}

Rect rect_around(Point c, double width, double height) {
  return {round7(c.lng - width / 2), round7(c.lat - height / 2), round7(c.lng + width / 2),
          round7(c.lat + height / 2)};
}

std::vector<Rect> split(const Rect& r, int n, double margin, int columns) {
  int cols = columns > 0 ? columns : static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
  int rows = (n + cols - 1) / cols;
  double w = (r.east - r.west) / cols;
  double h = (r.north - r.south) / rows;
  std::vector<Rect> out;
  for (int i = 0; i < n; ++i) {
    int col = i % cols;
    int row = i / cols;  // 0 is the northernmost row
    double west = r.west + w * col;
    double north = r.north - h * row;
    out.push_back({round7(west + w * margin), round7(north - h + h * margin),
                   round7(west + w - w * margin), round7(north - h * margin)});
  }
  return out;
}

int MicroGridPlan::households() const {
  int n = 0;
  for (const UnitPlan& u : units) n += u.households();
  return n;
}

int CommunityPlan::micro_grid_count() const {
  int n = 0;
  for (const GridPlan& g : grids) n += static_cast<int>(g.micro_grids.size());
  return n;
}

int CommunityPlan::household_count() const {
  int n = 0;
  for (const GridPlan& g : grids) {
    for (const MicroGridPlan& m : g.micro_grids) n += m.households();
  }
  return n;
}

CommunityPlan plan_community(const CommunitySpec& spec) {
  Rng rng(spec.seed);
  CommunityPlan plan;
  plan.spec = spec;
  const Rect& c = spec.rect;
  double split_lng = c.west + (c.east - c.west) * kResidentialShare;
  Rect residential{c.west, c.south, split_lng, c.north};
  Rect strip{split_lng, c.south, c.east, c.north};

  int t = spec.households_per_micro_grid;
  std::vector<Rect> grid_rects =
      split(residential, static_cast<int>(spec.micro_grids_per_grid.size()), kGridMargin);
  for (std::size_t g = 0; g < grid_rects.size(); ++g) {
    GridPlan grid{static_cast<int>(g) + 1, grid_rects[g], {}};
    int m = spec.micro_grids_per_grid[g];
    std::vector<Rect> micro_rects = split(grid.rect, m, kMicroGridMargin);
    for (int i = 0; i < m; ++i) {
      MicroGridPlan micro;
      micro.number = i + 1;
      micro.rect = micro_rects[static_cast<std::size_t>(i)];
      int target = std::max(6, rng.range(t * 8 / 10, t * 12 / 10));
      micro.units = plan_units(rng, target, micro.rect);
      grid.micro_grids.push_back(std::move(micro));
    }
    plan.grids.push_back(std::move(grid));
  }

  std::unordered_set<std::string> taken;
  std::size_t first_free = 0;
  if (spec.featured) {
    plan_featured(plan, *spec.featured, taken);
    first_free = static_cast<std::size_t>(spec.featured->micro_grids);
  }
  for (std::size_t g = 0; g < plan.grids.size(); ++g) {
    plan_compounds(rng, plan, g, g == 0 ? first_free : 0, taken);
  }
  plan_exclusive(rng, plan, strip);
  plan_backbones(plan);
  return plan;
}

}  // namespace weige::demo
