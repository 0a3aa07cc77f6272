#include "domain/geometry.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <limits>
#include <utility>

namespace weige {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using BgPoint = bg::model::d2::point_xy<double>;
using BgBox = bg::model::box<BgPoint>;
using RtreeValue = std::pair<BgBox, std::uint32_t>;

double ring_area(const Polygon& polygon) {
  double a = 0;
  const auto& r = polygon.ring;
  for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
    a += (r[j].lng * r[i].lat) - (r[i].lng * r[j].lat);
  }
  return std::abs(a) / 2;
}
}  // namespace

Box bounding_box(const Polygon& polygon) {
  Box b{{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()},
        {std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()}};
  for (const Point& p : polygon.ring) {
    b.min.lng = std::min(b.min.lng, p.lng);
    b.min.lat = std::min(b.min.lat, p.lat);
    b.max.lng = std::max(b.max.lng, p.lng);
    b.max.lat = std::max(b.max.lat, p.lat);
  }
  return b;
}

namespace {
// Even-odd ray casting over a ring of n points, with points on an edge
// counted as inside.
bool ring_contains(const Point* r, std::size_t n, Point p) {
  if (n < 3) return false;
  bool inside = false;
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Point& a = r[i];
    const Point& b = r[j];
    double cross = (b.lng - a.lng) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lng - a.lng);
    bool within_x = std::min(a.lng, b.lng) <= p.lng && p.lng <= std::max(a.lng, b.lng);
    bool within_y = std::min(a.lat, b.lat) <= p.lat && p.lat <= std::max(a.lat, b.lat);
    if (std::abs(cross) < 1e-12 && within_x && within_y) return true;
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      double x = a.lng + (p.lat - a.lat) * (b.lng - a.lng) / (b.lat - a.lat);
      if (p.lng < x) inside = !inside;
    }
  }
  return inside;
}
}  // namespace

bool contains(const Polygon& polygon, Point p) { return ring_contains(polygon.ring.data(), polygon.ring.size(), p); }

bool contains(const Polygon& outer, const Polygon& inner) {
  return std::all_of(inner.ring.begin(), inner.ring.end(),
                     [&](const Point& p) { return contains(outer, p); });
}

bool is_valid(const Polygon& polygon) {
  if (polygon.ring.size() < 3) return false;
  for (const Point& p : polygon.ring) {
    if (!std::isfinite(p.lng) || !std::isfinite(p.lat)) return false;
    if (p.lng < -180 || p.lng > 180 || p.lat < -90 || p.lat > 90) return false;
  }
  return ring_area(polygon) > 0;
}

// Every ring's points in one array (ring i is points[offsets[i]] up to
// points[offsets[i + 1]]): a lookup reads contiguous memory instead of one
// heap block per candidate grid.
struct GridLocator::Impl {
  std::vector<std::int64_t> ids;
  std::vector<double> areas;
  std::vector<Box> boxes;
  std::vector<Point> points;
  std::vector<std::uint32_t> offsets{0};
  bgi::rtree<RtreeValue, bgi::quadratic<8>> tree;
};

GridLocator::GridLocator() : impl_(std::make_unique<Impl>()) {}
GridLocator::~GridLocator() = default;
GridLocator::GridLocator(GridLocator&&) noexcept = default;
GridLocator& GridLocator::operator=(GridLocator&&) noexcept = default;

void GridLocator::add(std::int64_t grid_id, Polygon boundary) {
  impl_->areas.push_back(ring_area(boundary));
  impl_->boxes.push_back(bounding_box(boundary));
  impl_->ids.push_back(grid_id);
  impl_->points.insert(impl_->points.end(), boundary.ring.begin(), boundary.ring.end());
  impl_->offsets.push_back(static_cast<std::uint32_t>(impl_->points.size()));
}

void GridLocator::build() {
  std::vector<RtreeValue> values;
  values.reserve(impl_->ids.size());
  for (std::uint32_t i = 0; i < impl_->ids.size(); ++i) {
    const Box& b = impl_->boxes[i];
    values.emplace_back(BgBox(BgPoint(b.min.lng, b.min.lat), BgPoint(b.max.lng, b.max.lat)), i);
  }
  // The packing constructor (bulk load) gives a well-balanced tree.
  impl_->tree = decltype(impl_->tree)(values.begin(), values.end());
}

std::optional<std::int64_t> GridLocator::locate(Point p) const {
  std::optional<std::int64_t> best;
  double best_area = std::numeric_limits<double>::max();
  BgPoint q(p.lng, p.lat);
  // query() with an output functor, not qbegin(): the query iterator is
  // type-erased and costs an allocation per lookup.
  impl_->tree.query(bgi::intersects(q), boost::make_function_output_iterator([&](const RtreeValue& v) {
                      std::uint32_t i = v.second;
                      const std::uint32_t from = impl_->offsets[i], to = impl_->offsets[i + 1];
                      if (impl_->areas[i] < best_area &&
                          ring_contains(impl_->points.data() + from, to - from, p)) {
                        best = impl_->ids[i];
                        best_area = impl_->areas[i];
                      }
                    }));
  return best;
}

std::size_t GridLocator::size() const { return impl_->ids.size(); }

}  // namespace weige
