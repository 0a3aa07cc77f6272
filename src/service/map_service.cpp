#include "service/map_service.h"

#include <cmath>

#include "domain/grid_code.h"
#include "store/map_store.h"

namespace weige::service {
namespace {

bool valid_point(const Point& p) {
  return std::isfinite(p.lng) && std::isfinite(p.lat) && p.lng >= -180 && p.lng <= 180 &&
         p.lat >= -90 && p.lat <= 90;
}

std::string id_str(Id id) { return std::to_string(id); }

}  // namespace

Status violation_status(const std::vector<Violation>& violations) {
  nlohmann::json list = nlohmann::json::array();
  const Violation* first = nullptr;
  for (const Violation& v : violations) {
    if (v.severity != Severity::kError) continue;
    if (!first) first = &v;
    list.push_back(v.to_json());
  }
  if (!first) return {};
  std::string msg = std::string(rule_label_zh(first->rule)) + " (" + first->rule + "): " +
                    first->message;
  if (list.size() > 1) msg += " (and " + std::to_string(list.size() - 1) + " more)";
  return Status::violation(msg, {{"violations", list}});
}

void MapService::begin_batch() { batch_.emplace(); }

Status MapService::bump_map_version() {
  return db_
      .execute("INSERT INTO meta (key, value) VALUES ('map_version', '1') ON CONFLICT (key) DO UPDATE SET "
               "value = CAST(value AS INTEGER) + 1",
               {})
      .status();
}

Status MapService::end_batch() {
  if (!batch_) return {};
  std::set<Id> touched = std::move(*batch_);
  batch_.reset();
  return enforce(touched);
}

Status MapService::enforce(const std::set<Id>& community_ids) {
  if (batch_) {
    batch_->insert(community_ids.begin(), community_ids.end());
    return {};
  }
  std::vector<Violation> all;
  for (Id c : community_ids) {
    WEIGE_ASSIGN(MapSnapshot snap, store::load_community_snapshot(db_, c));
    auto v = check_map(snap);
    all.insert(all.end(), v.begin(), v.end());
  }
  return violation_status(all);
}

Result<std::vector<Violation>> MapService::check_all(
    const std::function<void(std::size_t, std::size_t)>& progress) {
  WEIGE_ASSIGN(auto communities, store::community_ids(db_));
  std::vector<Violation> all;
  for (std::size_t i = 0; i < communities.size(); ++i) {
    WEIGE_ASSIGN(MapSnapshot snap, store::load_community_snapshot(db_, communities[i]));
    auto v = check_map(snap);
    // A place of another community put into this one's grid is reported by
    // both communities' snapshots; keep one copy.
    for (auto& x : v) {
      bool dup = std::any_of(all.begin(), all.end(), [&](const Violation& y) {
        return y.rule == x.rule && y.place_id == x.place_id && y.grid_ids == x.grid_ids;
      });
      if (!dup) all.push_back(std::move(x));
    }
    if (progress) progress(i + 1, communities.size());
  }
  WEIGE_ASSIGN(MapSnapshot loose, store::load_unplaced_snapshot(db_));
  for (const Place& p : loose.places) {
    Violation v;
    v.rule = "place_nesting";
    v.message = std::string(to_string(p.kind)) + " " + id_str(p.id) + " '" + p.name +
                "' does not lie in any community";
    v.place_id = p.id;
    v.place_name = p.name;
    all.push_back(std::move(v));
  }
  return all;
}

Status MapService::validate_place_fields(const Place& p, Place* parent, Grid* grid) {
  if (p.name.empty()) return Status::invalid("a place needs a name", {{"field", "name"}});
  if (p.name.size() > 200) return Status::invalid("a place name has at most 200 bytes", {{"field", "name"}});
  auto want = required_parent_kind(p.kind);
  if (!want && p.parent_id) {
    return Status::invalid("a subdistrict has no parent place", {{"field", "parent_id"}});
  }
  if (want && !p.parent_id) {
    return Status::invalid("a " + std::string(to_string(p.kind)) + " needs parent_id (a " +
                               std::string(to_string(*want)) + ")",
                           {{"field", "parent_id"}});
  }
  if (p.parent_id) {
    auto found = store::find_place(db_, *p.parent_id);
    if (!found) return found.status();
    if (!*found) {
      return Status::not_found("parent place " + id_str(*p.parent_id) + " does not exist",
                               {{"field", "parent_id"}});
    }
    *parent = **found;
    if (parent->kind != *want) {
      return Status::invalid("a " + std::string(to_string(p.kind)) + " lies under a " +
                                 std::string(to_string(*want)) + ", and place " +
                                 id_str(parent->id) + " is a " +
                                 std::string(to_string(parent->kind)),
                             {{"field", "parent_id"}});
    }
  }
  if (p.grid_id) {
    auto g = store::get_grid(db_, *p.grid_id);
    if (!g) return Status(g.status().code(), g.status().message(), {{"field", "grid_id"}});
    *grid = *g;
    if (!may_assign(p.kind, grid->kind)) {
      return Status::invalid("a " + std::string(to_string(p.kind)) + " cannot be put into a " +
                                 std::string(to_string(grid->kind)) + " (grid " + grid->code + ")",
                             {{"field", "grid_id"}});
    }
  }
  if (p.location && !valid_point(*p.location)) {
    return Status::invalid("location needs finite lng in [-180,180] and lat in [-90,90]",
                           {{"field", "location"}});
  }
  if (p.outline && !is_valid(*p.outline)) {
    return Status::invalid("outline is not a valid polygon", {{"field", "outline"}});
  }
  return {};
}

Result<Place> MapService::create_place(Place p) {
  Place parent;
  Grid grid;
  WEIGE_TRY(validate_place_fields(p, &parent, &grid));
  if (p.kind == PlaceKind::kSubdistrict) {
    p.community_id.reset();
  } else if (p.kind != PlaceKind::kCommunity) {
    p.community_id = parent.community_id;
  }
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    if (p.kind == PlaceKind::kHousehold && !p.grid_id) p.grid_id = parent.grid_id;
    WEIGE_ASSIGN(p.id, store::insert_place(db_, p));
    if (p.kind == PlaceKind::kCommunity) {
      p.community_id = p.id;
      WEIGE_TRY(store::update_place(db_, p));
    }
    std::set<Id> touched;
    if (p.community_id) touched.insert(*p.community_id);
    if (p.grid_id) touched.insert(grid.community_id);
    return enforce(touched);
  });
  if (!s) return s;
  return p;
}

Result<Place> MapService::update_place(Place p) {
  WEIGE_ASSIGN(Place current, store::get_place(db_, p.id));
  if (p.kind != current.kind) {
    return Status::invalid("the kind of a place cannot change", {{"field", "kind"}});
  }
  Place parent;
  Grid grid;
  WEIGE_TRY(validate_place_fields(p, &parent, &grid));
  if (p.kind == PlaceKind::kCommunity) {
    p.community_id = p.id;
  } else if (p.kind != PlaceKind::kSubdistrict) {
    p.community_id = parent.community_id;
  }
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_TRY(store::update_place(db_, p));
    if (p.parent_id != current.parent_id && p.community_id != current.community_id) {
      WEIGE_TRY(store::set_place_subtree_community(db_, p.id, p.community_id));
    }
    if (p.kind == PlaceKind::kUnit && p.grid_id != current.grid_id) {
      WEIGE_TRY(store::move_households_with_unit(db_, p.id, current.grid_id, p.grid_id));
    }
    std::set<Id> touched;
    if (p.community_id) touched.insert(*p.community_id);
    if (current.community_id) touched.insert(*current.community_id);
    if (p.grid_id) touched.insert(grid.community_id);
    return enforce(touched);
  });
  if (!s) return s;
  return p;
}

Status MapService::validate_grid_fields(const Grid& g, Grid* parent) {
  if (g.name.empty()) return Status::invalid("a grid needs a name", {{"field", "name"}});
  if (g.kind == GridKind::kGeneralGrid) {
    if (g.parent_id) {
      return Status::invalid("a general grid has no parent grid", {{"field", "parent_id"}});
    }
    auto c = store::find_place(db_, g.community_id);
    if (!c) return c.status();
    if (!*c || (*c)->kind != PlaceKind::kCommunity) {
      return Status::invalid("a general grid needs community_id, the id of a community place",
                             {{"field", "community_id"}});
    }
  } else {
    if (!g.parent_id) {
      return Status::invalid("a " + std::string(to_string(g.kind)) + " needs parent_id",
                             {{"field", "parent_id"}});
    }
    auto found = store::get_grid(db_, *g.parent_id);
    if (!found) {
      return Status(found.status().code(), "parent grid " + id_str(*g.parent_id) + " does not exist",
                    {{"field", "parent_id"}});
    }
    *parent = *found;
    if (!may_nest(g.kind, parent->kind)) {
      return Status::invalid("a " + std::string(to_string(g.kind)) + " cannot nest under a " +
                                 std::string(to_string(parent->kind)),
                             {{"field", "parent_id"}});
    }
  }
  std::string code_problem = check_grid_code(g.code, g.kind, parent->code);
  if (!code_problem.empty()) return Status::invalid(code_problem, {{"field", "code"}});
  if (g.boundary && !is_valid(*g.boundary)) {
    return Status::invalid("boundary is not a valid polygon (at least 3 points, lng/lat in range)",
                           {{"field", "boundary"}});
  }
  WEIGE_ASSIGN(auto same_code, store::find_grid_by_code(db_, g.code));
  if (same_code && same_code->id != g.id) {
    return Status::conflict("grid code " + g.code + " is already used by grid " +
                                id_str(same_code->id),
                            {{"field", "code"}});
  }
  return {};
}

Result<Grid> MapService::create_grid(Grid g) {
  Grid parent;
  WEIGE_TRY(validate_grid_fields(g, &parent));
  if (g.kind != GridKind::kGeneralGrid) {
    if (g.community_id && g.community_id != parent.community_id) {
      return Status::violation(
          "总网格不破社区 (general_grid_spans_communities): grid " + g.code +
              " names community " + id_str(g.community_id) + " but its parent " + parent.code +
              " belongs to community " + id_str(parent.community_id),
          {{"violations",
            {{{"rule", "general_grid_spans_communities"}, {"grid_ids", {parent.id}}}}}});
    }
    g.community_id = parent.community_id;
  }
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(g.id, store::insert_grid(db_, g));
    WEIGE_TRY(bump_map_version());
    return enforce({g.community_id});
  });
  if (!s) return s;
  return g;
}

Result<Grid> MapService::update_grid(Grid g) {
  WEIGE_ASSIGN(Grid current, store::get_grid(db_, g.id));
  if (g.kind != current.kind) return Status::invalid("the kind of a grid cannot change", {{"field", "kind"}});
  Grid parent;
  WEIGE_TRY(validate_grid_fields(g, &parent));
  if (g.kind != GridKind::kGeneralGrid) g.community_id = parent.community_id;
  Status s = store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_TRY(store::update_grid(db_, g));
    WEIGE_TRY(bump_map_version());
    if (g.community_id != current.community_id) {
      WEIGE_TRY(store::set_grid_subtree_community(db_, g.id, g.community_id));
    }
    return enforce({g.community_id, current.community_id});
  });
  if (!s) return s;
  return g;
}

}  // namespace weige::service
