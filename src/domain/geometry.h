#pragma once
// Plain geometry in WGS84 longitude/latitude degrees, and the point -> grid
// locator (an R-tree over grid boundaries). Boost.Geometry stays in geometry.cpp.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace weige {

struct Point {
  double lng = 0;
  double lat = 0;
  bool operator==(const Point&) const = default;
};

// A simple polygon: one outer ring, first point not repeated at the end.
struct Polygon {
  std::vector<Point> ring;
};

struct Box {
  Point min;
  Point max;
};

Box bounding_box(const Polygon& polygon);
// True when p lies inside or on the edge of the polygon.
bool contains(const Polygon& polygon, Point p);
// True when every vertex of inner lies inside outer (rings without holes, so this
// is enough for the convex and grid-aligned shapes of our maps).
bool contains(const Polygon& outer, const Polygon& inner);
// A ring needs at least three distinct points and finite coordinates in range.
bool is_valid(const Polygon& polygon);

// Finds the grid whose boundary contains a point. Built once from a set of
// (id, boundary) pairs; lookups are thread-safe after construction.
class GridLocator {
 public:
  GridLocator();
  ~GridLocator();
  GridLocator(GridLocator&&) noexcept;
  GridLocator& operator=(GridLocator&&) noexcept;

  // Adds a boundary; call build() after the last add.
  void add(std::int64_t grid_id, Polygon boundary);
  void build();
  // The id of a grid containing p, or nullopt. When boundaries overlap the
  // smallest containing one wins.
  std::optional<std::int64_t> locate(Point p) const;
  std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace weige
