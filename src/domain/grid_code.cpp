#include "domain/grid_code.h"

#include <algorithm>
#include <cstdio>

namespace weige {

std::optional<GridCode> parse_grid_code(std::string_view code) {
  if (code.size() != 18) return std::nullopt;
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return GridCode{std::string(code.substr(0, 6)), std::string(code.substr(6, 3)),
                  std::string(code.substr(9, 3)), std::string(code.substr(12, 3)),
                  std::string(code.substr(15, 3))};
}

GridKind kind_of(const GridCode& c) {
  if (c.grid == "000") return GridKind::kGeneralGrid;
  if (c.micro != "000") return GridKind::kMicroGrid;
  return c.grid[0] == '9' ? GridKind::kExclusiveGrid : GridKind::kGrid;
}

std::string check_grid_code(std::string_view code, GridKind kind, std::string_view parent_code) {
  auto parsed = parse_grid_code(code);
  if (!parsed) return "a grid code has exactly 18 digits";
  if (parsed->community == "000" || parsed->subdistrict == "000") {
    return "the subdistrict and community parts of a grid code are not 000";
  }
  if (parsed->grid == "000" && parsed->micro != "000") {
    return "a general grid code ends in 000000";
  }
  if (kind_of(*parsed) != kind) {
    return "code " + std::string(code) + " denotes a " + std::string(to_string(kind_of(*parsed))) +
           ", not a " + std::string(to_string(kind));
  }
  if (kind == GridKind::kGeneralGrid) return {};
  std::size_t shared = kind == GridKind::kMicroGrid ? 15 : 12;
  if (parent_code.size() != 18 || code.substr(0, shared) != parent_code.substr(0, shared)) {
    return "code " + std::string(code) + " does not start with its parent grid's code " +
           std::string(parent_code.substr(0, std::min(shared, parent_code.size())));
  }
  return {};
}

std::string make_grid_code(std::string_view community_prefix12, int grid, int micro) {
  char buf[8];
  std::string out(community_prefix12);
  std::snprintf(buf, sizeof buf, "%03d", grid);
  out += buf;
  std::snprintf(buf, sizeof buf, "%03d", micro);
  out += buf;
  return out;
}

}  // namespace weige
