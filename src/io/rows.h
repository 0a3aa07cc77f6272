#pragma once
// Internal to src/io: the rows an import applies, whatever file they came
// from, and the column names both formats share. Not part of the public API.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/geometry.h"
#include "domain/map.h"
#include "domain/people.h"
#include "io/format.h"
#include "io/map_import.h"

namespace weige::io::detail {

// A field an import row may leave out. When `given` is false the stored
// value is kept on update (and the default used on create); when true,
// `value` replaces it, an empty value clearing it.
template <typename T>
struct Given {
  bool given = false;
  T value{};
};

template <typename T>
Given<T> given(T value) {
  return {true, std::move(value)};
}

struct PlaceRow {
  std::size_t line = 0;
  PlaceKind kind = PlaceKind::kHousehold;
  std::string code;
  std::string name;
  Given<std::string> parent_code;
  Given<std::string> grid_code;
  Given<std::optional<Point>> location;
  Given<std::optional<Polygon>> outline;
};

struct GridRow {
  std::size_t line = 0;
  GridKind kind = GridKind::kMicroGrid;
  std::string code;
  std::string name;
  Given<std::string> parent_code;
  Given<std::string> community_code;
  Given<std::optional<Polygon>> boundary;
};

struct AssignmentRow {
  std::size_t line = 0;
  std::string phone;
  std::string grid_code;
  GridRole role = GridRole::kVolunteer;
  std::string organisation;
};

// Everything read from one file, before any of it touches the database.
struct ParsedFile {
  std::size_t records = 0;  // data records (CSV) or features (GeoJSON)
  std::vector<PlaceRow> places;
  std::vector<GridRow> grids;
  std::vector<AssignmentRow> assignments;
  std::vector<RowError> errors;  // records with an error are in no list above
};

// Column names, in the order export writes them.
inline const std::vector<std::string_view> kPlaceColumns{"kind",      "code", "parent_code", "name",
                                                         "grid_code", "lng",  "lat"};
inline const std::vector<std::string_view> kGridColumns{
    "kind", "code", "name", "parent_code", "community_code", "boundary"};
inline const std::vector<std::string_view> kAssignmentColumns{"phone", "grid_code", "role",
                                                              "organisation"};

// Nesting depth of a place kind: 0 for a subdistrict, 5 for a household.
int depth(PlaceKind kind);
// Nesting depth of a grid kind: 0 for a general grid, 2 for a micro-grid.
int depth(GridKind kind);

// Reads a CSV file of one dataset (places, grids or assignments).
ParsedFile read_csv(std::string_view text, Dataset dataset);
// Reads a GeoJSON FeatureCollection of places, grids or both (kMap).
ParsedFile read_geojson(std::string_view text, Dataset dataset);

// A number as the shortest text that reads back to the same double.
std::string format_number(double value);
// Parses a whole string as a finite double.
std::optional<double> parse_number(std::string_view text);
// A JSON ring [[lng,lat],...] without the closing point; nullopt when the
// text is not an array of at least three [number, number] positions. A
// repeated closing point is dropped.
std::optional<Polygon> parse_ring_json(std::string_view text);

}  // namespace weige::io::detail
