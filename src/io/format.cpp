#include "io/format.h"

namespace weige::io {

std::optional<Format> parse_format(std::string_view s) {
  if (s == "csv") return Format::kCsv;
  if (s == "geojson") return Format::kGeoJson;
  return std::nullopt;
}

std::optional<Dataset> parse_dataset(std::string_view s) {
  if (s == "places") return Dataset::kPlaces;
  if (s == "grids") return Dataset::kGrids;
  if (s == "assignments") return Dataset::kAssignments;
  if (s == "map") return Dataset::kMap;
  return std::nullopt;
}

std::string_view to_string(Format format) {
  return format == Format::kCsv ? "csv" : "geojson";
}

std::string_view to_string(Dataset dataset) {
  switch (dataset) {
    case Dataset::kPlaces:
      return "places";
    case Dataset::kGrids:
      return "grids";
    case Dataset::kAssignments:
      return "assignments";
    case Dataset::kMap:
      return "map";
  }
  return "";
}

}  // namespace weige::io
