#pragma once
// The screening coverage of an emergency's current round laid on the map: per
// ordinary (or exclusive) grid with its boundary, or, drilled into one grid,
// per grid under it (micro-grids) with their boundaries and per compound and
// building with their points and outlines. Counts are those of the tasks the
// caller may see (store::TaskScope), the same as getScreeningProgress.

#include <optional>
#include <vector>

#include "domain/map.h"
#include "store/emergency_store.h"

namespace weige::service {

struct CoverageArea {
  store::ProgressRow progress;
  Grid grid;
};

struct CoveragePoint {
  store::ProgressRow progress;
  Place place;
};

struct CoverageMap {
  int round = 0;
  std::optional<Id> grid_id;       // the grid drilled into, if any
  store::ProgressRow total;        // every visible task of the round (within the grid, if drilled)
  std::vector<CoverageArea> areas;  // by grid: ordinary grids, or the grid and the grids under it
  std::vector<CoveragePoint> compounds, buildings;  // only when drilled into a grid
};

// kNotFound (parameter grid_id) when grid_id names no grid. Rows whose grid or
// place has been deleted since the round began are left out of areas/points
// but still counted in total.
Result<CoverageMap> coverage_map(store::Db& db, Id emergency_id, const store::TaskScope& scope,
                                 std::optional<Id> grid_id);

}  // namespace weige::service
