#include "service/life_scope.h"

#include <algorithm>
#include <set>

#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::service {
namespace {

bool contains(const std::vector<Id>& v, Id id) {
  return std::binary_search(v.begin(), v.end(), id);
}

}  // namespace

bool LifeScope::manages(Id grid) const {
  return all || contains(managed, grid);
}
bool LifeScope::sees(Id grid) const {
  return all || contains(visible, grid);
}
store::GridFilter LifeScope::managed_filter() const {
  return all ? store::GridFilter() : store::GridFilter(managed);
}
store::GridFilter LifeScope::visible_filter() const {
  return all ? store::GridFilter() : store::GridFilter(visible);
}

Result<LifeScope> life_scope_of(store::Db& db, const Principal& p) {
  LifeScope s;
  if (p.role == Role::kSubdistrictAdmin || p.role == Role::kSubdistrictStaff) {
    s.all = true;
    return s;
  }
  std::set<Id> managed, visible;
  if (p.role == Role::kResident) {
    s.resident = true;
    if (p.person_id) {
      auto person = store::get_person(db, *p.person_id);
      if (person && person->household_id) {
        s.household_id = person->household_id;
        WEIGE_ASSIGN(s.household_places, store::place_path(db, *s.household_id));
        WEIGE_ASSIGN(Place h, store::get_place(db, *s.household_id));
        WEIGE_ASSIGN(s.household_grids, store::grid_path(db, h.grid_id));
        visible.insert(s.household_grids.begin(), s.household_grids.end());
      }
    }
  } else {
    std::vector<Id> roots;
    if (p.scope_grid_id) roots.push_back(*p.scope_grid_id);
    if (p.person_id) {
      store::AssignmentFilter f;
      f.person_id = p.person_id;
      WEIGE_ASSIGN(auto assignments, store::list_assignments(db, f));
      for (const auto& a : assignments) roots.push_back(a.grid_id);
    }
    for (Id root : roots) {
      WEIGE_ASSIGN(auto below, store::grid_subtree(db, root));
      managed.insert(below.begin(), below.end());
      WEIGE_ASSIGN(auto above, store::grid_path(db, root));
      visible.insert(above.begin(), above.end());
    }
    visible.insert(managed.begin(), managed.end());
  }
  s.managed.assign(managed.begin(), managed.end());
  s.visible.assign(visible.begin(), visible.end());
  return s;
}

Result<LifeCaller> life_caller(store::Db& db, const Principal& p) {
  LifeCaller c;
  c.actor = p.actor();
  c.organisation_id = p.organisation_id;
  WEIGE_ASSIGN(c.scope, life_scope_of(db, p));
  return c;
}

Status require_visible(const LifeCaller& c, Id grid, const char* what, Id id) {
  if (c.scope.sees(grid)) return {};
  return Status::not_found(std::string(what) + " " + std::to_string(id) + " does not exist",
                           {{"id", id}});
}

Status require_managed(const LifeCaller& c, Id grid, const char* what, Id id) {
  WEIGE_TRY(require_visible(c, grid, what, id));
  if (c.scope.manages(grid)) return {};
  return Status::forbidden("a " + std::string(to_string(c.actor.role)) + " may not change " + what +
                           " " + std::to_string(id) + " outside their grids");
}

Status unknown_in_body(const char* what, Id id, const char* field) {
  return Status::not_found(std::string(what) + " " + std::to_string(id) + " does not exist",
                           {{"field", field}});
}

Result<Grid> visible_grid_in_body(store::Db& db, const LifeCaller& c, Id grid_id,
                                  const char* field) {
  auto grid = store::get_grid(db, grid_id);
  if (!grid && grid.status().code() != Code::kNotFound) return grid.status();
  if (!grid || !c.scope.sees(grid->id)) return unknown_in_body("grid", grid_id, field);
  return grid;
}

Result<Id> acting_household(store::Db& db, const LifeCaller& c, std::optional<Id> requested) {
  if (c.is_resident()) {
    if (!c.scope.household_id)
      return Status::forbidden("your account is not linked to a household");
    if (requested && *requested != *c.scope.household_id) {
      return Status::forbidden("residents take part for their own household only");
    }
    return *c.scope.household_id;
  }
  if (!requested) return Status::invalid("household_id is required", {{"field", "household_id"}});
  auto h = store::get_place(db, *requested);
  if (!h || h->kind != PlaceKind::kHousehold) {
    return Status::invalid("place " + std::to_string(*requested) + " is not a household",
                           {{"field", "household_id"}});
  }
  if (!h->grid_id || !c.scope.manages(*h->grid_id)) {
    return Status::forbidden("household " + std::to_string(*requested) +
                             " lies outside your grids");
  }
  return h->id;
}

Result<AuthorKind> author_kind_of(store::Db& db, const LifeCaller& c,
                                  std::optional<AuthorKind> requested) {
  switch (c.actor.role) {
    case Role::kResident: {
      if (requested) return Status::forbidden("residents comment as themselves");
      if (!c.actor.person_id) return AuthorKind::kResident;
      WEIGE_ASSIGN(auto person, store::get_person(db, *c.actor.person_id));
      return person.kind == PersonKind::kTenant ? AuthorKind::kTenant : AuthorKind::kResident;
    }
    case Role::kPropertyStaff:
      return AuthorKind::kPropertyCompany;
    default:
      break;
  }
  if (requested) return *requested;
  bool volunteer = c.actor.role == Role::kMicroGridHead || c.actor.role == Role::kMicroGridWorker ||
                   c.actor.role == Role::kVolunteer;
  return volunteer ? AuthorKind::kVolunteer : AuthorKind::kStaff;
}

Status add_comment(store::Db& db, const LifeCaller& c, store::Comment cm,
                   std::optional<AuthorKind> author, Seconds now) {
  WEIGE_TRY(check_text(cm.text, "text", true));
  WEIGE_ASSIGN(cm.author_kind, author_kind_of(db, c, author));
  cm.person_id = c.actor.person_id;
  if (cm.author_kind == AuthorKind::kPropertyCompany) cm.organisation_id = c.organisation_id;
  cm.created_at = now;
  return store::insert_comment(db, cm).status();
}

Status check_text(const std::string& value, const char* field, bool required, std::size_t max_len) {
  if (required && value.empty())
    return Status::invalid(std::string(field) + " is required", {{"field", field}});
  if (value.size() > max_len) {
    return Status::invalid(
        std::string(field) + " has at most " + std::to_string(max_len) + " bytes",
        {{"field", field}});
  }
  return {};
}

Result<Id> grid_of_place(store::Db& db, Id place_id) {
  WEIGE_ASSIGN(Place p, store::get_place(db, place_id));
  std::optional<Id> grid = p.grid_id;
  if (p.kind == PlaceKind::kCommunity) {
    WEIGE_ASSIGN(auto g, store::general_grid_of(db, p.id));
    if (g) grid = g->id;
  } else if (p.kind == PlaceKind::kBuilding) {
    std::set<Id> unit_grids;
    WEIGE_TRY(
        db.query("SELECT DISTINCT grid_id FROM places WHERE parent_id = ? AND kind = 'unit' AND "
                 "grid_id IS NOT NULL",
                 {p.id}, [&](const store::Row& r) { unit_grids.insert(r.i64(0)); }));
    if (unit_grids.size() == 1) {
      grid = *unit_grids.begin();
    } else if (p.parent_id) {
      WEIGE_ASSIGN(Place compound, store::get_place(db, *p.parent_id));
      grid = compound.grid_id;
    }
  }
  if (!grid) {
    return Status::violation(
        std::string(label_zh(p.kind)) + " " + std::to_string(p.id) + " lies in no grid",
        {{"place_id", p.id}});
  }
  return *grid;
}

}  // namespace weige::service
