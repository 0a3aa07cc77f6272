#pragma once
// Places and grids in the database. Plain reads and writes; the rules are
// checked by the service layer over snapshots these functions load.

#include <optional>
#include <string>
#include <vector>

#include "domain/map.h"
#include "domain/map_rules.h"
#include "store/db.h"

namespace weige::store {

std::string ring_to_json(const Polygon& polygon);
std::optional<Polygon> ring_from_json(const std::string& text);

// Inserts a place or grid; a non-zero id is kept, zero lets the database choose.
Result<Id> insert_place(Db& db, const Place& place);
Status update_place(Db& db, const Place& place);
Result<std::optional<Place>> find_place(Db& db, Id id);
Result<Place> get_place(Db& db, Id id);  // kNotFound names the id: place_not_found()
// The kNotFound of get_place() / get_grid() for an id that does not exist.
Status place_not_found(Id id);
Status grid_not_found(Id id);
Result<std::optional<Place>> find_place_by_code(Db& db, PlaceKind kind, const std::string& code);

Result<Id> insert_grid(Db& db, const Grid& grid);
Status update_grid(Db& db, const Grid& grid);
Result<Grid> get_grid(Db& db, Id id);
Result<std::optional<Grid>> find_grid_by_code(Db& db, const std::string& code);
Result<std::vector<Grid>> list_grids(Db& db, std::optional<Id> community_id = std::nullopt);
// The general grid of a community, if it has one.
Result<std::optional<Grid>> general_grid_of(Db& db, Id community_id);

// Ids of every grid in the subtree rooted at `grid_id`, the root included.
Result<std::vector<Id>> grid_subtree(Db& db, Id grid_id);
// The grid and its ancestors, nearest first (empty for no grid).
Result<std::vector<Id>> grid_path(Db& db, std::optional<Id> grid_id);
// The place and its ancestors, nearest first (a household: unit, building,
// compound, community, subdistrict).
Result<std::vector<Id>> place_path(Db& db, Id place_id);
// Households below a place (itself when it is one), in id order.
Result<std::vector<Id>> households_below_place(Db& db, Id place_id);
// Households put into a grid of the subtree rooted at `grid_id`, in id order.
Result<std::vector<Id>> households_in_grid_subtree(Db& db, Id grid_id);
// Sets community_id on a place and all its descendants.
Status set_place_subtree_community(Db& db, Id place_id, std::optional<Id> community_id);
// Sets community_id on a grid and all its descendants.
Status set_grid_subtree_community(Db& db, Id grid_id, Id community_id);
// Moves every household of a unit that was in `from` into `to`.
Status move_households_with_unit(Db& db, Id unit_id, std::optional<Id> from, std::optional<Id> to);

struct PlaceFilter {
  std::optional<PlaceKind> kind;
  std::optional<Id> parent_id;
  std::optional<Id> community_id;
  std::vector<Id> grid_ids;  // places put into any of these grids
  // The caller's scope: places put into one of these grids, or into no grid
  // (communities, buildings). Empty: no restriction.
  std::vector<Id> scope_grid_ids;
  std::string name_contains;
  int limit = 50;
  int offset = 0;
};
struct PlacePage {
  std::vector<Place> items;
  std::int64_t total = 0;
};
Result<PlacePage> list_places(Db& db, const PlaceFilter& filter);

// Ids of all communities.
Result<std::vector<Id>> community_ids(Db& db);
// Ids of the communities of one subdistrict (none for an unknown id).
Result<std::vector<Id>> community_ids_of(Db& db, Id subdistrict_id);
// Every grid of the community, every place in the community, every place put
// into one of its grids, and every grid such places are put into.
Result<MapSnapshot> load_community_snapshot(Db& db, Id community_id);
// Places and grids with no community (not yet placed anywhere).
Result<MapSnapshot> load_unplaced_snapshot(Db& db);

struct GridCounts {
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t staff = 0;             // distinct assigned persons
  std::int64_t party_volunteers = 0;  // distinct party members with a volunteer assignment
  std::int64_t places = 0;            // places put directly into the grid

  // Field-by-field sum. staff and party_volunteers count distinct persons, so
  // the sum is exact only over subtrees that share no one.
  GridCounts& operator+=(const GridCounts& o) {
    households += o.households;
    persons += o.persons;
    staff += o.staff;
    party_volunteers += o.party_volunteers;
    places += o.places;
    return *this;
  }
};
// Counts per grid, rolled up over each grid's subtree.
Result<std::unordered_map<Id, GridCounts>> grid_counts(Db& db, const std::vector<Grid>& grids);

}  // namespace weige::store
