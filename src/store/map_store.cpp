#include "store/map_store.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

namespace weige::store {
namespace {

constexpr const char* kPlaceColumns =
    "id, kind, parent_id, community_id, grid_id, name, code, lng, lat, outline";
constexpr const char* kGridColumns = "id, kind, parent_id, community_id, code, name, boundary";

Place place_from(const Row& r) {
  Place p;
  p.id = r.i64(0);
  p.kind = parse_place_kind(r.text(1)).value_or(PlaceKind::kHousehold);
  p.parent_id = r.opt_i64(2);
  p.community_id = r.opt_i64(3);
  p.grid_id = r.opt_i64(4);
  p.name = r.text(5);
  p.code = r.text(6);
  if (!r.is_null(7) && !r.is_null(8)) p.location = Point{r.f64(7), r.f64(8)};
  if (!r.is_null(9)) p.outline = ring_from_json(r.text(9));
  return p;
}

Grid grid_from(const Row& r) {
  Grid g;
  g.id = r.i64(0);
  g.kind = parse_grid_kind(r.text(1)).value_or(GridKind::kMicroGrid);
  g.parent_id = r.opt_i64(2);
  g.community_id = r.i64(3);
  g.code = r.text(4);
  g.name = r.text(5);
  if (!r.is_null(6)) g.boundary = ring_from_json(r.text(6));
  return g;
}

Value ring_value(const std::optional<Polygon>& p) {
  if (!p) return nullptr;
  return ring_to_json(*p);
}

Params place_params(const Place& p) {
  return {std::string(to_string(p.kind)),
          opt(p.parent_id),
          opt(p.community_id),
          opt(p.grid_id),
          p.name,
          p.code,
          p.location ? Value(p.location->lng) : Value(nullptr),
          p.location ? Value(p.location->lat) : Value(nullptr),
          ring_value(p.outline)};
}

Params grid_params(const Grid& g) {
  return {std::string(to_string(g.kind)), opt(g.parent_id), g.community_id, g.code, g.name,
          ring_value(g.boundary)};
}

Status collect_places(Db& db, const std::string& sql, const Params& params,
                      std::vector<Place>& out) {
  return db.query(sql, params, [&](const Row& r) { out.push_back(place_from(r)); });
}

}  // namespace

std::string ring_to_json(const Polygon& polygon) {
  nlohmann::json j = nlohmann::json::array();
  for (const Point& p : polygon.ring) j.push_back({p.lng, p.lat});
  return j.dump();
}

std::optional<Polygon> ring_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return std::nullopt;
  Polygon p;
  for (const auto& pt : j) {
    if (!pt.is_array() || pt.size() < 2 || !pt[0].is_number() || !pt[1].is_number()) {
      return std::nullopt;
    }
    p.ring.push_back({pt[0].get<double>(), pt[1].get<double>()});
  }
  return p;
}

Result<Id> insert_place(Db& db, const Place& place) {
  Params params = place_params(place);
  params.insert(params.begin(), place.id ? Value(place.id) : Value(nullptr));
  return db.scalar(
      "INSERT INTO places (id, kind, parent_id, community_id, grid_id, name, code, lng, lat, "
      "outline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      params);
}

Status update_place(Db& db, const Place& place) {
  Params params = place_params(place);
  params.push_back(place.id);
  WEIGE_ASSIGN(auto n, db.execute("UPDATE places SET kind = ?, parent_id = ?, community_id = ?, "
                                  "grid_id = ?, name = ?, code = ?, lng = ?, lat = ?, outline = ? "
                                  "WHERE id = ?",
                                  params));
  if (n == 0) return Status::not_found("place " + std::to_string(place.id) + " does not exist");
  return {};
}

Result<std::optional<Place>> find_place(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kPlaceColumns + " FROM places WHERE id = ?",
                              {id}));
  if (!r) return std::optional<Place>();
  return std::optional<Place>(place_from(*r));
}

Result<Place> get_place(Db& db, Id id) {
  WEIGE_ASSIGN(auto p, find_place(db, id));
  if (!p) return place_not_found(id);
  return *p;
}

Status place_not_found(Id id) {
  return Status::not_found("place " + std::to_string(id) + " does not exist", {{"place_id", id}});
}

Status grid_not_found(Id id) {
  return Status::not_found("grid " + std::to_string(id) + " does not exist", {{"grid_id", id}});
}

Result<std::optional<Place>> find_place_by_code(Db& db, PlaceKind kind, const std::string& code) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kPlaceColumns +
                                  " FROM places WHERE kind = ? AND code = ? AND code <> ''",
                              {std::string(to_string(kind)), code}));
  if (!r) return std::optional<Place>();
  return std::optional<Place>(place_from(*r));
}

Result<Id> insert_grid(Db& db, const Grid& grid) {
  Params params = grid_params(grid);
  params.insert(params.begin(), grid.id ? Value(grid.id) : Value(nullptr));
  return db.scalar(
      "INSERT INTO grids (id, kind, parent_id, community_id, code, name, boundary) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      params);
}

Status update_grid(Db& db, const Grid& grid) {
  Params params = grid_params(grid);
  params.push_back(grid.id);
  WEIGE_ASSIGN(auto n, db.execute("UPDATE grids SET kind = ?, parent_id = ?, community_id = ?, "
                                  "code = ?, name = ?, boundary = ? WHERE id = ?",
                                  params));
  if (n == 0) return Status::not_found("grid " + std::to_string(grid.id) + " does not exist");
  return {};
}

Result<Grid> get_grid(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kGridColumns + " FROM grids WHERE id = ?",
                              {id}));
  if (!r) return grid_not_found(id);
  return grid_from(*r);
}

Result<std::optional<Grid>> find_grid_by_code(Db& db, const std::string& code) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kGridColumns + " FROM grids WHERE code = ?",
                              {code}));
  if (!r) return std::optional<Grid>();
  return std::optional<Grid>(grid_from(*r));
}

Result<std::vector<Grid>> list_grids(Db& db, std::optional<Id> community_id) {
  std::vector<Grid> out;
  std::string sql = std::string("SELECT ") + kGridColumns + " FROM grids";
  Params params;
  if (community_id) {
    sql += " WHERE community_id = ?";
    params.push_back(*community_id);
  }
  sql += " ORDER BY code";
  WEIGE_TRY(db.query(sql, params, [&](const Row& r) { out.push_back(grid_from(r)); }));
  return out;
}

Result<std::optional<Grid>> general_grid_of(Db& db, Id community_id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kGridColumns +
                                  " FROM grids WHERE community_id = ? AND kind = 'general_grid' "
                                  "ORDER BY id LIMIT 1",
                              {community_id}));
  if (!r) return std::optional<Grid>();
  return std::optional<Grid>(grid_from(*r));
}

Result<std::vector<Id>> grid_subtree(Db& db, Id grid_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query(
      "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT g.id FROM grids g JOIN sub ON "
      "g.parent_id = sub.id) SELECT id FROM sub",
      {grid_id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<Id>> grid_path(Db& db, std::optional<Id> grid_id) {
  std::vector<Id> out;
  if (!grid_id) return out;
  WEIGE_TRY(db.query("WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM grids WHERE id = ? "
                     "UNION ALL SELECT g.id, g.parent_id, up.depth + 1 FROM grids g JOIN up ON g.id = up.parent_id "
                     "WHERE up.depth < 6) SELECT id FROM up ORDER BY depth",
                     {*grid_id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<Id>> place_path(Db& db, Id place_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM places WHERE id = ? "
                     "UNION ALL SELECT p.id, p.parent_id, up.depth + 1 FROM places p JOIN up ON p.id = up.parent_id "
                     "WHERE up.depth < 8) SELECT id FROM up ORDER BY depth",
                     {place_id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<Id>> households_below_place(Db& db, Id place_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT p.id FROM places p JOIN sub ON "
                     "p.parent_id = sub.id) SELECT p.id FROM places p JOIN sub ON sub.id = p.id WHERE p.kind = "
                     "'household' ORDER BY p.id",
                     {place_id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<Id>> households_in_grid_subtree(Db& db, Id grid_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT g.id FROM grids g JOIN sub ON "
                     "g.parent_id = sub.id) SELECT id FROM places WHERE kind = 'household' AND grid_id IN (SELECT id "
                     "FROM sub) ORDER BY id",
                     {grid_id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Status set_place_subtree_community(Db& db, Id place_id, std::optional<Id> community_id) {
  return db
      .execute(
          "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT p.id FROM places p JOIN sub ON "
          "p.parent_id = sub.id) UPDATE places SET community_id = ? WHERE id IN (SELECT id FROM "
          "sub) AND kind NOT IN ('subdistrict', 'community')",
          {place_id, opt(community_id)})
      .status();
}

Status set_grid_subtree_community(Db& db, Id grid_id, Id community_id) {
  return db
      .execute(
          "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT g.id FROM grids g JOIN sub ON "
          "g.parent_id = sub.id) UPDATE grids SET community_id = ? WHERE id IN (SELECT id FROM "
          "sub)",
          {grid_id, community_id})
      .status();
}

Status move_households_with_unit(Db& db, Id unit_id, std::optional<Id> from, std::optional<Id> to) {
  return db
      .execute(
          "UPDATE places SET grid_id = ? WHERE parent_id = ? AND kind = 'household' AND "
          "(grid_id IS ? OR grid_id IS NULL)",
          {opt(to), unit_id, opt(from)})
      .status();
}

Result<PlacePage> list_places(Db& db, const PlaceFilter& f) {
  std::string where = " WHERE 1=1";
  Params params;
  if (f.kind) {
    where += " AND kind = ?";
    params.emplace_back(std::string(to_string(*f.kind)));
  }
  if (f.parent_id) {
    where += " AND parent_id = ?";
    params.emplace_back(*f.parent_id);
  }
  if (f.community_id) {
    where += " AND community_id = ?";
    params.emplace_back(*f.community_id);
  }
  if (!f.grid_ids.empty()) {
    where += " AND grid_id IN (";
    for (std::size_t i = 0; i < f.grid_ids.size(); ++i) {
      where += i ? ",?" : "?";
      params.emplace_back(f.grid_ids[i]);
    }
    where += ")";
  }
  if (!f.scope_grid_ids.empty()) {
    where += " AND (grid_id IS NULL OR grid_id IN (";
    for (std::size_t i = 0; i < f.scope_grid_ids.size(); ++i) {
      where += i ? ",?" : "?";
      params.emplace_back(f.scope_grid_ids[i]);
    }
    where += "))";
  }
  if (!f.name_contains.empty()) {
    where += " AND instr(name, ?) > 0";
    params.emplace_back(f.name_contains);
  }
  PlacePage page;
  WEIGE_ASSIGN(page.total, db.scalar("SELECT count(*) FROM places" + where, params));
  Params page_params = params;
  page_params.emplace_back(static_cast<std::int64_t>(f.limit));
  page_params.emplace_back(static_cast<std::int64_t>(f.offset));
  WEIGE_TRY(collect_places(db,
                           std::string("SELECT ") + kPlaceColumns + " FROM places" + where +
                               " ORDER BY id LIMIT ? OFFSET ?",
                           page_params, page.items));
  return page;
}

Result<std::vector<Id>> community_ids(Db& db) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("SELECT id FROM places WHERE kind = 'community' ORDER BY id", {},
                     [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<Id>> community_ids_of(Db& db, Id subdistrict_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("SELECT id FROM places WHERE kind = 'community' AND parent_id = ? ORDER BY id", {subdistrict_id},
                     [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<MapSnapshot> load_community_snapshot(Db& db, Id community_id) {
  MapSnapshot s;
  WEIGE_ASSIGN(s.grids, list_grids(db, community_id));
  std::set<Id> grid_ids;
  for (const Grid& g : s.grids) grid_ids.insert(g.id);
  // Places in the community, the community itself, and places of other
  // communities put into this community's grids.
  WEIGE_TRY(collect_places(
      db,
      std::string("SELECT ") + kPlaceColumns +
          " FROM places WHERE community_id = ?1 OR id = ?1 UNION SELECT " + kPlaceColumns +
          " FROM places WHERE grid_id IN (SELECT id FROM grids WHERE community_id = ?1) AND "
          "(community_id IS NULL OR community_id <> ?1)",
      {community_id}, s.places));
  // Grids of other communities that places of this one are put into.
  std::set<Id> foreign;
  for (const Place& p : s.places) {
    if (p.grid_id && !grid_ids.count(*p.grid_id)) foreign.insert(*p.grid_id);
  }
  for (const Grid& g : s.grids) {
    if (g.parent_id && !grid_ids.count(*g.parent_id)) foreign.insert(*g.parent_id);
  }
  for (Id id : foreign) {
    WEIGE_ASSIGN(Grid g, get_grid(db, id));
    s.grids.push_back(std::move(g));
  }
  return s;
}

Result<MapSnapshot> load_unplaced_snapshot(Db& db) {
  MapSnapshot s;
  WEIGE_TRY(collect_places(db,
                           std::string("SELECT ") + kPlaceColumns +
                               " FROM places WHERE community_id IS NULL AND kind NOT IN "
                               "('subdistrict', 'community')",
                           {}, s.places));
  return s;
}

Result<std::unordered_map<Id, GridCounts>> grid_counts(Db& db, const std::vector<Grid>& grids) {
  std::unordered_map<Id, GridCounts> direct;
  std::unordered_map<Id, std::set<Id>> staff, volunteers;
  WEIGE_TRY(db.query(
      "SELECT grid_id, sum(kind = 'household'), count(*) FROM places WHERE grid_id IS NOT NULL "
      "GROUP BY grid_id",
      {}, [&](const Row& r) {
        direct[r.i64(0)].households = r.i64(1);
        direct[r.i64(0)].places = r.i64(2);
      }));
  WEIGE_TRY(db.query(
      "SELECT h.grid_id, count(*) FROM persons p JOIN places h ON h.id = p.household_id WHERE "
      "h.grid_id IS NOT NULL GROUP BY h.grid_id",
      {}, [&](const Row& r) { direct[r.i64(0)].persons = r.i64(1); }));
  WEIGE_TRY(db.query(
      "SELECT a.grid_id, a.person_id, a.role = 'volunteer' AND p.party_member = 1 FROM "
      "assignments a JOIN persons p ON p.id = a.person_id",
      {}, [&](const Row& r) {
        staff[r.i64(0)].insert(r.i64(1));
        if (r.i64(2)) volunteers[r.i64(0)].insert(r.i64(1));
      }));

  // Roll up children into parents, deepest first (micro, then grid, then general).
  std::unordered_map<Id, std::vector<Id>> children;
  for (const Grid& g : grids) {
    if (g.parent_id) children[*g.parent_id].push_back(g.id);
  }
  std::unordered_map<Id, GridCounts> out;
  std::function<std::pair<std::set<Id>, std::set<Id>>(Id)> roll = [&](Id id) {
    GridCounts c = direct[id];
    std::set<Id> s = staff[id];
    std::set<Id> v = volunteers[id];
    for (Id child : children[id]) {
      auto [cs, cv] = roll(child);
      const GridCounts& cc = out[child];
      c.households += cc.households;
      c.persons += cc.persons;
      c.places += cc.places;
      s.insert(cs.begin(), cs.end());
      v.insert(cv.begin(), cv.end());
    }
    c.staff = static_cast<std::int64_t>(s.size());
    c.party_volunteers = static_cast<std::int64_t>(v.size());
    out[id] = c;
    return std::make_pair(std::move(s), std::move(v));
  };
  std::set<Id> present;
  for (const Grid& g : grids) present.insert(g.id);
  for (const Grid& g : grids) {
    if (!g.parent_id || !present.count(*g.parent_id)) roll(g.id);
  }
  return out;
}

}  // namespace weige::store
