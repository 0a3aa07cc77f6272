#pragma once
// Hierarchical grid codes: 18 digits =
//   6 district + 3 subdistrict + 3 community + 3 grid + 3 micro-grid.
// A general grid ends in 000000; an ordinary grid has grid part 001-899 and
// micro part 000; an exclusive grid has grid part 900-999 and micro part 000;
// a micro-grid shares its parent's first 15 digits and has micro part 001-999.

#include <optional>
#include <string>
#include <string_view>

#include "domain/map.h"

namespace weige {

struct GridCode {
  std::string district;     // 6 digits
  std::string subdistrict;  // 3
  std::string community;    // 3
  std::string grid;         // 3
  std::string micro;        // 3
};

std::optional<GridCode> parse_grid_code(std::string_view code);
// The grid kind a well-formed code denotes.
GridKind kind_of(const GridCode& code);
// Empty when `code` is a valid code for a grid of `kind` under `parent_code`
// (empty parent_code for a general grid); otherwise a message saying why not.
std::string check_grid_code(std::string_view code, GridKind kind, std::string_view parent_code);
// The 18-digit code of a grid with these parts, zero-padded.
std::string make_grid_code(std::string_view community_prefix12, int grid, int micro);

}  // namespace weige
