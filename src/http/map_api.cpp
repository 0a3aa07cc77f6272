// Grids and places: the map endpoints.
#include <set>
#include <unordered_map>

#include "http/api.h"
#include "http/dto.h"
#include "http/json_body.h"
#include "service/map_service.h"
#include "service/people_service.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::http {
namespace {

using nlohmann::json;

const std::set<std::string> kPlaceFields{"kind", "name", "code", "parent_id", "grid_id",
                                         "location", "outline"};
const std::set<std::string> kGridFields{"kind", "name", "code", "parent_id", "community_id",
                                        "boundary"};

// Applies the JSON fields present in `j` onto `p`.
Status apply_place(const json& j, Place& p) {
  WEIGE_TRY(read_string(j, "name", p.name, false, 200));
  WEIGE_TRY(read_string(j, "code", p.code, false, 100));
  WEIGE_TRY(read_id(j, "parent_id", p.parent_id));
  WEIGE_TRY(read_id(j, "grid_id", p.grid_id));
  WEIGE_TRY(read_point(j, "location", p.location));
  WEIGE_TRY(read_polygon(j, "outline", p.outline));
  return {};
}

Status apply_grid(const json& j, Grid& g) {
  WEIGE_TRY(read_string(j, "name", g.name, false, 200));
  WEIGE_TRY(read_string(j, "code", g.code, false, 18));
  WEIGE_TRY(read_id(j, "parent_id", g.parent_id));
  WEIGE_TRY(read_id(j, "community_id", g.community_id));
  WEIGE_TRY(read_polygon(j, "boundary", g.boundary));
  return {};
}

// The grid and place a place would be put under lie in the scope; otherwise
// the answer MapService gives when they do not exist.
Status references_in_scope(store::Db& db, const service::Scope& sc, std::optional<Id> parent_id, std::optional<Id> grid_id) {
  if (parent_id) {
    WEIGE_TRY(service::as_reference(service::scoped_place_to_change(db, *parent_id, sc).status(),
                                    "parent place " + std::to_string(*parent_id) + " does not exist", "parent_id"));
  }
  if (grid_id) {
    WEIGE_TRY(service::as_reference(service::scoped_grid(db, *grid_id, sc).status(),
                                    "grid " + std::to_string(*grid_id) + " does not exist", "grid_id"));
  }
  return {};
}

// A grid's parent lies in the scope (a general grid's community holds a grid
// in it); otherwise the answer MapService gives when it does not exist.
Status grid_references_in_scope(store::Db& db, const service::Scope& sc, const Grid& g) {
  if (g.parent_id) {
    return service::as_reference(service::scoped_grid(db, *g.parent_id, sc).status(),
                                 "parent grid " + std::to_string(*g.parent_id) + " does not exist", "parent_id");
  }
  WEIGE_ASSIGN(bool ok, service::community_in_scope(db, g.community_id, sc));
  if (!ok) return Status::invalid("a general grid needs community_id, the id of a community place", {{"field", "community_id"}});
  return {};
}

json tree_node(const Grid& g, const std::unordered_map<Id, std::vector<const Grid*>>& children,
               const std::unordered_map<Id, store::GridCounts>& counts, int depth) {
  json node = {{"type", "grid"},
               {"id", g.id},
               {"kind", to_string(g.kind)},
               {"kind_zh", label_zh(g.kind)},
               {"code", g.code},
               {"name", g.name}};
  auto c = counts.find(g.id);
  node["counts"] = counts_json(c == counts.end() ? store::GridCounts{} : c->second);
  json kids = json::array();
  std::size_t n_children = 0;
  if (auto it = children.find(g.id); it != children.end()) {
    n_children = it->second.size();
    if (depth != 0) {
      for (const Grid* child : it->second) kids.push_back(tree_node(*child, children, counts, depth - 1));
    }
  }
  node["child_count"] = n_children;
  node["children"] = kids;
  return node;
}

// The tree of the grids in scope and their ancestors. Counts cover only the
// grids in scope: an ancestor shows the sum of its children in scope, so
// totals never reveal what lies outside.
Result<json> grid_tree(store::Db& db, std::optional<Id> community_filter, int depth, const service::Scope& scope) {
  WEIGE_ASSIGN(auto all_grids, store::list_grids(db, community_filter));
  std::vector<Grid> grids;
  std::vector<Grid> counted;
  if (scope.all) {
    grids = all_grids;
    counted = all_grids;
  } else {
    std::unordered_map<Id, const Grid*> by_id;
    for (const Grid& g : all_grids) by_id[g.id] = &g;
    std::set<Id> keep;
    for (const Grid& g : all_grids) {
      if (!service::grid_in_scope(g.id, scope)) continue;
      counted.push_back(g);
      for (const Grid* cur = &g; cur; cur = cur->parent_id && by_id.count(*cur->parent_id) ? by_id[*cur->parent_id] : nullptr) {
        keep.insert(cur->id);
      }
    }
    for (const Grid& g : all_grids) {
      if (keep.count(g.id)) grids.push_back(g);
    }
  }
  WEIGE_ASSIGN(auto counts, store::grid_counts(db, counted));
  if (!scope.all) {
    // Ancestors outside the scope: the sum of their children's counts, deepest first.
    std::unordered_map<Id, const Grid*> by_id;
    for (const Grid& g : grids) by_id[g.id] = &g;
    std::vector<const Grid*> order;
    for (const Grid& g : grids) order.push_back(&g);
    auto depth_of = [&](const Grid* g) {
      int d = 0;
      while (g->parent_id && by_id.count(*g->parent_id)) {
        g = by_id[*g->parent_id];
        ++d;
      }
      return d;
    };
    std::stable_sort(order.begin(), order.end(), [&](const Grid* a, const Grid* b) { return depth_of(a) > depth_of(b); });
    for (const Grid* g : order) {
      if (service::grid_in_scope(g->id, scope)) continue;
      store::GridCounts sum;
      for (const Grid& c : grids) {
        if (c.parent_id != g->id) continue;
        sum += counts[c.id];
      }
      counts[g->id] = sum;
    }
  }
  std::unordered_map<Id, std::vector<const Grid*>> children;
  std::unordered_map<Id, std::vector<const Grid*>> generals;  // by community
  for (const Grid& g : grids) {
    if (g.parent_id) {
      children[*g.parent_id].push_back(&g);
    } else {
      generals[g.community_id].push_back(&g);
    }
  }
  store::PlaceFilter f;
  f.limit = 100000;
  f.kind = PlaceKind::kSubdistrict;
  WEIGE_ASSIGN(auto subdistricts, store::list_places(db, f));
  f.kind = PlaceKind::kCommunity;
  WEIGE_ASSIGN(auto communities, store::list_places(db, f));
  json roots = json::array();
  for (const Place& s : subdistricts.items) {
    json sub = {{"type", "place"}, {"id", s.id}, {"kind", "subdistrict"}, {"kind_zh", "街道"},
                {"name", s.name}, {"code", s.code}};
    json comms = json::array();
    store::GridCounts total;
    for (const Place& c : communities.items) {
      if (c.parent_id != s.id) continue;
      if (community_filter && *community_filter != c.id) continue;
      if (!scope.all && generals[c.id].empty()) continue;
      json comm = {{"type", "place"}, {"id", c.id}, {"kind", "community"}, {"kind_zh", "社区"},
                   {"name", c.name}, {"code", c.code}};
      json kids = json::array();
      store::GridCounts cc;
      for (const Grid* g : generals[c.id]) {
        kids.push_back(tree_node(*g, children, counts, depth));
        cc += counts[g->id];
      }
      comm["counts"] = counts_json(cc);
      comm["children"] = kids;
      total += cc;
      comms.push_back(comm);
    }
    if ((community_filter || !scope.all) && comms.empty()) continue;
    sub["counts"] = counts_json(total);
    sub["children"] = comms;
    roots.push_back(sub);
  }
  return json{{"roots", roots}};
}

}  // namespace

void Api::register_map_routes() {
  router_.add({.method = "GET",
               .pattern = "/api/v1/grids/tree",
               .operation_id = "getGridTree",
               .summary = "Subdistricts, communities and their grid trees with counts per node",
               .tag = "map",
               .params = {{"community_id", "query", "integer", "only this community"},
                          {"depth", "query", "integer", "grid levels below general grids (default all)"}},
               .response_schema = "GridTree",
               .permission = Permission::kMapRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 std::optional<Id> community;
                 WEIGE_TRY(query_id(r, "community_id", community));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 int depth = -1;
                 if (const std::string* d = r.param("depth")) {
                   if (*d != "0" && *d != "1" && *d != "2" && *d != "3") {
                     return Status::invalid("depth is 0, 1, 2 or 3", {{"parameter", "depth"}});
                   }
                   depth = std::stoi(*d);
                 }
                 if (community) {
                   WEIGE_ASSIGN(Place c, service::scoped_community(db, *community, sc));
                   if (c.kind != PlaceKind::kCommunity) {
                     return Status::invalid("place " + std::to_string(*community) + " is not a community");
                   }
                 }
                 return grid_tree(db, community, depth, sc);
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/grids",
               .operation_id = "listGrids",
               .summary = "Grids, optionally of one community, kind or parent",
               .tag = "map",
               .params = {{"community_id", "query", "integer", ""},
                          {"kind", "query", "string", "general_grid, grid, micro_grid, exclusive_grid"},
                          {"parent_id", "query", "integer", ""}},
               .response_schema = "GridList",
               .permission = Permission::kMapRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 std::optional<Id> community, parent;
                 WEIGE_TRY(query_id(r, "community_id", community));
                 WEIGE_TRY(query_id(r, "parent_id", parent));
                 std::optional<GridKind> kind;
                 if (const std::string* k = r.param("kind")) {
                   kind = parse_grid_kind(*k);
                   if (!kind) return Status::invalid("unknown grid kind '" + *k + "'", {{"parameter", "kind"}});
                 }
                 WEIGE_ASSIGN(auto grids, store::list_grids(db, community));
                 json items = json::array();
                 for (const Grid& g : grids) {
                   if (kind && g.kind != *kind) continue;
                   if (parent && g.parent_id != parent) continue;
                   if (!service::grid_in_scope(g.id, sc)) continue;
                   items.push_back(grid_json(g));
                 }
                 return json{{"items", items}, {"total", items.size()}};
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/grids/{id}",
               .operation_id = "getGrid",
               .summary = "A grid with its counts, child grids, places and roster by role",
               .tag = "map",
               .response_schema = "GridDetail",
               .permission = Permission::kMapRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(Grid g, service::scoped_grid(db, id, sc));
                 WEIGE_ASSIGN(auto subtree_ids, store::grid_subtree(db, id));
                 WEIGE_ASSIGN(auto community_grids, store::list_grids(db, g.community_id));
                 WEIGE_ASSIGN(auto counts, store::grid_counts(db, community_grids));
                 json out = grid_json(g);
                 out["counts"] = counts_json(counts[id]);
                 json children = json::array();
                 for (const Grid& c : community_grids) {
                   if (c.parent_id == id) {
                     json cj = grid_json(c);
                     cj.erase("boundary");
                     cj["counts"] = counts_json(counts[c.id]);
                     children.push_back(cj);
                   }
                 }
                 out["children"] = children;
                 store::PlaceFilter f;
                 f.grid_ids = {id};
                 f.limit = 200;
                 WEIGE_ASSIGN(auto places, store::list_places(db, f));
                 json pl = json::array();
                 for (const Place& p : places.items) pl.push_back(place_json(p));
                 out["places"] = {{"items", pl}, {"total", places.total}};
                 // Roster: everyone assigned to this grid, grouped by role.
                 store::AssignmentFilter af;
                 af.grid_ids = {id};
                 WEIGE_ASSIGN(auto assignments, store::list_assignments(db, af));
                 service::PeopleService people(db, vault_);
                 json roster = json::object();
                 for (const Assignment& a : assignments) {
                   WEIGE_ASSIGN(Person p, people.get_person(a.person_id));
                   json entry = person_json(p);
                   entry["assignment_id"] = a.id;
                   roster[std::string(to_string(a.role))].push_back(entry);
                 }
                 out["roster"] = roster;
                 out["subtree_grid_count"] = subtree_ids.size();
                 return out;
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/grids",
               .operation_id = "createGrid",
               .summary = "Create a grid (checked against the never-split rules)",
               .tag = "map",
               .request_schema = "GridInput",
               .response_schema = "Grid",
               .success_status = 201,
               .permission = Permission::kMapWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, kGridFields));
                     std::string kind_s;
                     WEIGE_TRY(read_string(j, "kind", kind_s, true));
                     auto kind = parse_grid_kind(kind_s);
                     if (!kind) return Status::invalid("unknown grid kind '" + kind_s + "'", {{"field", "kind"}});
                     Grid g;
                     g.kind = *kind;
                     WEIGE_TRY(read_string(j, "code", g.code, true, 18));
                     WEIGE_TRY(read_string(j, "name", g.name, true, 200));
                     WEIGE_TRY(apply_grid(j, g));
                     WEIGE_ASSIGN(auto sc, scope(r, db));
                     WEIGE_TRY(grid_references_in_scope(db, sc, g));
                     service::MapService svc(db);
                     WEIGE_ASSIGN(Grid created, svc.create_grid(std::move(g)));
                     return grid_json(created);
                   },
                   201)});

  router_.add({.method = "PATCH",
               .pattern = "/api/v1/grids/{id}",
               .operation_id = "updateGrid",
               .summary = "Rename, recode, re-bound or move a grid (parent_id)",
               .tag = "map",
               .request_schema = "GridPatch",
               .response_schema = "Grid",
               .permission = Permission::kMapWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, kGridFields));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(Grid g, service::scoped_grid(db, id, sc));
                 std::optional<Id> old_parent = g.parent_id;
                 Id old_community = g.community_id;
                 if (j.contains("kind") && j["kind"] != to_string(g.kind)) {
                   return Status::invalid("the kind of a grid cannot change", {{"field", "kind"}});
                 }
                 WEIGE_TRY(apply_grid(j, g));
                 if (g.parent_id != old_parent || g.community_id != old_community) {
                   WEIGE_TRY(grid_references_in_scope(db, sc, g));
                 }
                 service::MapService svc(db);
                 WEIGE_ASSIGN(Grid updated, svc.update_grid(std::move(g)));
                 return grid_json(updated);
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/places",
               .operation_id = "listPlaces",
               .summary = "Places with filters and pagination",
               .tag = "map",
               .params = {{"kind", "query", "string", "place kind"},
                          {"parent_id", "query", "integer", ""},
                          {"community_id", "query", "integer", ""},
                          {"grid_id", "query", "integer", "places put into this grid or any grid below it"},
                          {"q", "query", "string", "name contains"},
                          {"limit", "query", "integer", "1-500, default 50"},
                          {"offset", "query", "integer", "default 0"}},
               .response_schema = "PlaceList",
               .permission = Permission::kMapRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 store::PlaceFilter f;
                 WEIGE_TRY(query_page(r, f.limit, f.offset));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 if (!sc.all) f.scope_grid_ids = sc.grid_ids.empty() ? std::vector<Id>{-1} : sc.grid_ids;
                 WEIGE_TRY(query_id(r, "parent_id", f.parent_id));
                 WEIGE_TRY(query_id(r, "community_id", f.community_id));
                 if (const std::string* k = r.param("kind")) {
                   f.kind = parse_place_kind(*k);
                   if (!f.kind) return Status::invalid("unknown place kind '" + *k + "'", {{"parameter", "kind"}});
                 }
                 std::optional<Id> grid;
                 WEIGE_TRY(query_id(r, "grid_id", grid));
                 if (grid) {
                   WEIGE_TRY(service::scoped_grid(db, *grid, sc).status());
                   WEIGE_ASSIGN(f.grid_ids, store::grid_subtree(db, *grid));
                 }
                 if (const std::string* q = r.param("q")) f.name_contains = *q;
                 WEIGE_ASSIGN(auto page, store::list_places(db, f));
                 json items = json::array();
                 for (const Place& p : page.items) items.push_back(place_json(p));
                 return json{{"items", items}, {"total", page.total}, {"limit", f.limit}, {"offset", f.offset}};
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/places/{id}",
               .operation_id = "getPlace",
               .summary = "A place with its ancestors, its grid and its number of children",
               .tag = "map",
               .response_schema = "PlaceDetail",
               .permission = Permission::kMapRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(Place p, service::scoped_place(db, id, sc));
                 json out = place_json(p);
                 json path = json::array();
                 std::optional<Id> cur = p.parent_id;
                 for (int i = 0; cur && i < 10; ++i) {
                   WEIGE_ASSIGN(Place a, store::get_place(db, *cur));
                   path.insert(path.begin(), json{{"id", a.id}, {"kind", to_string(a.kind)}, {"name", a.name}});
                   cur = a.parent_id;
                 }
                 out["ancestors"] = path;
                 if (p.grid_id) {
                   WEIGE_ASSIGN(Grid g, store::get_grid(db, *p.grid_id));
                   json gj = grid_json(g);
                   gj.erase("boundary");
                   out["grid"] = gj;
                 } else {
                   out["grid"] = nullptr;
                 }
                 store::PlaceFilter f;
                 f.parent_id = id;
                 f.limit = 1;
                 WEIGE_ASSIGN(auto kids, store::list_places(db, f));
                 out["child_count"] = kids.total;
                 return out;
               })});

  router_.add({.method = "POST",
               .pattern = "/api/v1/places",
               .operation_id = "createPlace",
               .summary = "Create a place (checked against the never-split rules)",
               .tag = "map",
               .request_schema = "PlaceInput",
               .response_schema = "Place",
               .success_status = 201,
               .permission = Permission::kMapWrite,
               .handler = wrap(
                   [this](Request& r, store::Db& db) -> Result<json> {
                     WEIGE_ASSIGN(json j, parse_object(r, kPlaceFields));
                     std::string kind_s;
                     WEIGE_TRY(read_string(j, "kind", kind_s, true));
                     auto kind = parse_place_kind(kind_s);
                     if (!kind) return Status::invalid("unknown place kind '" + kind_s + "'", {{"field", "kind"}});
                     Place p;
                     p.kind = *kind;
                     WEIGE_TRY(read_string(j, "name", p.name, true, 200));
                     WEIGE_TRY(apply_place(j, p));
                     WEIGE_ASSIGN(auto sc, scope(r, db));
                     WEIGE_TRY(references_in_scope(db, sc, p.parent_id, p.grid_id));
                     service::MapService svc(db);
                     WEIGE_ASSIGN(Place created, svc.create_place(std::move(p)));
                     return place_json(created);
                   },
                   201)});

  router_.add({.method = "PATCH",
               .pattern = "/api/v1/places/{id}",
               .operation_id = "updatePlace",
               .summary = "Rename, move (parent_id) or reassign (grid_id) a place",
               .tag = "map",
               .request_schema = "PlacePatch",
               .response_schema = "Place",
               .permission = Permission::kMapWrite,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 WEIGE_ASSIGN(Id id, path_id(r));
                 WEIGE_ASSIGN(json j, parse_object(r, kPlaceFields));
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 WEIGE_ASSIGN(Place p, service::scoped_place_to_change(db, id, sc));
                 std::optional<Id> old_parent = p.parent_id, old_grid = p.grid_id;
                 if (j.contains("kind") && j["kind"] != to_string(p.kind)) {
                   return Status::invalid("the kind of a place cannot change", {{"field", "kind"}});
                 }
                 WEIGE_TRY(apply_place(j, p));
                 WEIGE_TRY(references_in_scope(db, sc, p.parent_id != old_parent ? p.parent_id : std::nullopt,
                                               p.grid_id != old_grid ? p.grid_id : std::nullopt));
                 service::MapService svc(db);
                 WEIGE_ASSIGN(Place updated, svc.update_place(std::move(p)));
                 return place_json(updated);
               })});

  router_.add({.method = "GET",
               .pattern = "/api/v1/check",
               .operation_id = "checkMap",
               .summary = "Every never-split and structural violation in the database (in the caller's grids)",
               .tag = "map",
               .response_schema = "CheckReport",
               .permission = Permission::kMapRead,
               .handler = wrap([this](Request& r, store::Db& db) -> Result<json> {
                 service::MapService svc(db);
                 WEIGE_ASSIGN(auto violations, svc.check_all());
                 // A limited scope sees the violations that name one of its grids.
                 WEIGE_ASSIGN(auto sc, scope(r, db));
                 if (!sc.all) {
                   std::erase_if(violations, [&](const Violation& v) {
                     return std::none_of(v.grid_ids.begin(), v.grid_ids.end(),
                                         [&](Id g) { return service::grid_in_scope(g, sc); });
                   });
                 }
                 std::size_t errors = count_errors(violations);
                 return json{{"errors", errors},
                             {"warnings", violations.size() - errors},
                             {"violations", violations_json(violations)}};
               })});
}

}  // namespace weige::http
