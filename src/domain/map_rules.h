#pragma once
// The map's invariants, checked over a snapshot of places and grids.
//
// The three never-split rules (domain.md):
//   general_grid_spans_communities  总网格不破社区   a general grid never spans two communities
//   grid_splits_compound            一般网格不破小区院落 every compound lies wholly in one grid
//   micro_grid_splits_unit          微网格不破楼栋单元 every unit lies wholly in one micro-grid
// and the structural rules they rest on (parent kinds, which place may go into
// which grid, grid codes, one general grid per community, boundaries nesting).
//
// check_map() is pure: it sees only the snapshot it is given. A write is
// accepted when the snapshot of every community it touches has no error.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/map.h"

namespace weige {

enum class Severity { kError, kWarning };

struct Violation {
  std::string rule;  // stable identifier, e.g. "grid_splits_compound"
  Severity severity = Severity::kError;
  std::string message;  // English, names the place and the grids
  Id place_id = 0;      // 0 when the subject is a grid
  std::string place_name;
  std::vector<Id> grid_ids;
  std::vector<std::string> grid_codes;

  nlohmann::json to_json() const;
};

// The Chinese name of a rule, e.g. "一般网格不破小区院落".
std::string_view rule_label_zh(std::string_view rule);

struct MapSnapshot {
  std::vector<Place> places;
  std::vector<Grid> grids;
};

// Every violation in the snapshot, errors and warnings, in a stable order
// (by rule, then place id, then grid id).
std::vector<Violation> check_map(const MapSnapshot& snapshot);

// Number of violations with severity kError.
std::size_t count_errors(const std::vector<Violation>& violations);

}  // namespace weige
