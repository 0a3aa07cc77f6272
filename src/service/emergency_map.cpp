#include "service/emergency_map.h"

#include "store/map_store.h"

namespace weige::service {
namespace {

// Appends what `get` finds for each row; a row whose grid or place is gone is skipped.
template <class T, class Get, class Out>
Status with_each(const std::vector<store::ProgressRow>& rows, Get get, std::vector<Out>& into) {
  for (const auto& row : rows) {
    Result<T> found = get(row.id);
    if (!found) {
      if (found.status().code() != Code::kNotFound) return found.status();
      continue;
    }
    into.push_back({row, *found});
  }
  return {};
}

}  // namespace

Result<CoverageMap> coverage_map(store::Db& db, Id emergency_id, const store::TaskScope& scope,
                                 std::optional<Id> grid_id) {
  CoverageMap out;
  out.grid_id = grid_id;
  if (grid_id) {
    auto g = store::get_grid(db, *grid_id);
    if (!g && g.status().code() != Code::kNotFound) return g.status();
    if (!g) return Status::not_found("grid " + std::to_string(*grid_id) + " does not exist", {{"parameter", "grid_id"}});
  }
  WEIGE_ASSIGN(auto round, store::current_round(db, emergency_id));
  out.round = round.round;
  WEIGE_ASSIGN(auto total, store::round_progress(db, round.id, "total", scope, grid_id));
  out.total = total.front();
  WEIGE_ASSIGN(auto areas, store::round_progress(db, round.id, grid_id ? "grid" : "area", scope, grid_id));
  auto grid = [&](Id id) { return store::get_grid(db, id); };
  WEIGE_TRY(with_each<Grid>(areas, grid, out.areas));
  if (!grid_id) return out;
  auto place = [&](Id id) { return store::get_place(db, id); };
  auto points = [&](const char* by, std::vector<CoveragePoint>& into) -> Status {
    WEIGE_ASSIGN(auto rows, store::round_progress(db, round.id, by, scope, grid_id));
    return with_each<Place>(rows, place, into);
  };
  WEIGE_TRY(points("compound", out.compounds));
  WEIGE_TRY(points("building", out.buildings));
  return out;
}

}  // namespace weige::service
