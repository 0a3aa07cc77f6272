#pragma once
// The file formats and datasets import_map and export_map speak. See README.md.

#include <optional>
#include <string_view>

namespace weige::io {

enum class Format { kCsv, kGeoJson };

// kMap is grids then places in one file; GeoJSON only (CSV holds one dataset
// per file, so a CSV kMap is refused with kInvalid).
enum class Dataset { kPlaces, kGrids, kAssignments, kMap };

// "csv", "geojson"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view s);
// "places", "grids", "assignments", "map"; nullopt for anything else.
std::optional<Dataset> parse_dataset(std::string_view s);
std::string_view to_string(Format format);
std::string_view to_string(Dataset dataset);

}  // namespace weige::io
