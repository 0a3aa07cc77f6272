#pragma once
// Writes to the map (places and grids), each all-or-nothing and checked
// against the never-split rules: a write whose result breaks a rule in any
// community it touches is rolled back and reported as kRuleViolation, with
// every violation in details.violations.

#include <functional>
#include <optional>
#include <set>
#include <vector>

#include "domain/map.h"
#include "domain/map_rules.h"
#include "store/db.h"

namespace weige::service {

class MapService {
 public:
  explicit MapService(store::Db& db) : db_(db) {}

  // Creates a place. kind and name are required; parent_id is required for
  // everything but a subdistrict and must be of the kind the place nests in;
  // community_id is derived. A household without grid_id joins its unit's
  // micro-grid. Returns the stored place.
  Result<Place> create_place(Place place);
  // Replaces a place's fields with `desired` (same id and kind). A new
  // parent_id moves the place with its subtree; a new grid_id reassigns it
  // (a unit's households move with it).
  Result<Place> update_place(Place desired);

  // Creates a grid. A general grid names its community (community_id) and has
  // no parent; every other grid names its parent and inherits the community.
  Result<Grid> create_grid(Grid grid);
  // Replaces a grid's fields (same id and kind). A new parent_id moves the
  // grid with its subtree, which then takes the new parent's community.
  Result<Grid> update_grid(Grid desired);

  // Batch mode, for imports and generators that write many places inside one
  // transaction of their own: between begin_batch() and end_batch() writes
  // only collect the communities they touch; end_batch() checks them all once
  // and fails with kRuleViolation on any error (the caller then rolls back).
  void begin_batch();
  Status end_batch();

  // Checks the communities, failing with kRuleViolation on any error.
  // In batch mode it only records them.
  Status enforce(const std::set<Id>& community_ids);
  // Every violation in the database, community by community, then places
  // that lie in no community. `progress(done, total)` is called per community.
  Result<std::vector<Violation>> check_all(
      const std::function<void(std::size_t, std::size_t)>& progress = {});

 private:
  Status validate_place_fields(const Place& place, Place* parent, Grid* grid);
  Status validate_grid_fields(const Grid& grid, Grid* parent);
  // Grid boundaries changed: point locators rebuild on their next lookup.
  Status bump_map_version();

  store::Db& db_;
  std::optional<std::set<Id>> batch_;
};

// A rule-violation Status summarising `violations` (errors only).
Status violation_status(const std::vector<Violation>& violations);

}  // namespace weige::service
