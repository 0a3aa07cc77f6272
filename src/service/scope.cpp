#include "service/scope.h"

#include <algorithm>
#include <set>

#include "service/ref_cache.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::service {
namespace {

Status add_subtree(store::Db& db, const RefSnapshot* refs, Id grid, std::set<Id>& out) {
  WEIGE_ASSIGN(auto ids, refs ? refs->grid_subtree(db, grid) : store::grid_subtree(db, grid));
  out.insert(ids.begin(), ids.end());
  return {};
}

bool contains(const std::vector<Id>& v, std::optional<Id> id) {
  return id && std::binary_search(v.begin(), v.end(), *id);
}

}  // namespace

Result<Scope> scope_of(store::Db& db, const Principal& p, RefCache* refs) {
  Scope s;
  if (p.role == Role::kSubdistrictAdmin || p.role == Role::kSubdistrictStaff) {
    s.all = true;
    return s;
  }
  if (p.role == Role::kResident) {
    s.reporter_person_id = p.person_id.value_or(-1);
    return s;
  }
  if (p.role == Role::kPropertyStaff) {
    s.organisation_id = p.organisation_id.value_or(-1);
    return s;
  }
  std::shared_ptr<const RefSnapshot> map;
  if (refs) {
    WEIGE_ASSIGN(map, refs->current(db));
  }
  std::set<Id> grids;
  if (p.scope_grid_id) WEIGE_TRY(add_subtree(db, map.get(), *p.scope_grid_id, grids));
  if (p.person_id) {
    store::AssignmentFilter f;
    f.person_id = p.person_id;
    WEIGE_ASSIGN(auto assignments, store::list_assignments(db, f));
    for (const auto& a : assignments) WEIGE_TRY(add_subtree(db, map.get(), a.grid_id, grids));
  }
  s.grid_ids.assign(grids.begin(), grids.end());
  if (s.grid_ids.empty()) s.grid_ids.push_back(-1);  // assigned nowhere: sees nothing
  if (p.role == Role::kPolice) {
    s.police = true;
    for (const char* root : {"dispute", "safety", "order.thrown_objects"}) {
      WEIGE_ASSIGN(auto r, db.row("SELECT id FROM categories WHERE code = ?", {std::string(root)}));
      if (!r) continue;
      WEIGE_ASSIGN(auto sub, store::category_subtree(db, r->i64(0)));
      s.category_ids.insert(s.category_ids.end(), sub.begin(), sub.end());
    }
    std::sort(s.category_ids.begin(), s.category_ids.end());
  }
  return s;
}

void restrict(store::CaseFilter& f, const Scope& s) {
  if (s.all) return;
  if (s.reporter_person_id) f.reporter_person_id = s.reporter_person_id;
  if (s.organisation_id) {
    f.handler = HandlerKind::kPropertyCompany;
    f.handler_org_id = s.organisation_id;
  }
  if (!s.grid_ids.empty()) {
    if (f.grid_ids.empty()) {
      f.grid_ids = s.grid_ids;
    } else {
      std::vector<Id> both;
      for (Id g : f.grid_ids) {
        if (std::binary_search(s.grid_ids.begin(), s.grid_ids.end(), g)) both.push_back(g);
      }
      f.grid_ids = both.empty() ? std::vector<Id>{-1} : both;
    }
  }
  if (s.police) f.police_categories = s.category_ids;
}

bool case_in_scope(const store::CaseRecord& c, const Scope& s) {
  if (s.all) return true;
  if (s.reporter_person_id) return c.reporter_person_id == s.reporter_person_id;
  if (s.organisation_id) return c.handler == HandlerKind::kPropertyCompany && c.handler_org_id == s.organisation_id;
  if (!contains(s.grid_ids, c.grid_id)) return false;
  if (s.police) {
    return c.handler == HandlerKind::kPolice ||
           std::binary_search(s.category_ids.begin(), s.category_ids.end(), c.category_id);
  }
  return true;
}

bool grid_in_scope(Id grid_id, const Scope& s) {
  if (s.all) return true;
  return contains(s.grid_ids, grid_id);
}

Result<bool> community_in_scope(store::Db& db, Id community_id, const Scope& s) {
  if (s.all) return true;
  WEIGE_ASSIGN(auto grids, store::list_grids(db, community_id));
  return std::any_of(grids.begin(), grids.end(), [&](const Grid& g) { return grid_in_scope(g.id, s); });
}

Result<Grid> scoped_grid(store::Db& db, Id id, const Scope& s) {
  if (!grid_in_scope(id, s)) return store::grid_not_found(id);
  return store::get_grid(db, id);
}

Result<Place> scoped_place(store::Db& db, Id id, const Scope& s) {
  WEIGE_ASSIGN(Place p, store::get_place(db, id));
  if (p.grid_id && !grid_in_scope(*p.grid_id, s)) return store::place_not_found(id);
  return p;
}

Result<Place> scoped_place_to_change(store::Db& db, Id id, const Scope& s) {
  WEIGE_ASSIGN(Place p, scoped_place(db, id, s));
  if (p.grid_id || s.all) return p;
  std::optional<Id> community = p.kind == PlaceKind::kCommunity ? std::optional<Id>(p.id) : p.community_id;
  if (!community) return store::place_not_found(id);  // the subdistrict
  WEIGE_ASSIGN(bool ok, community_in_scope(db, *community, s));
  if (!ok) return store::place_not_found(id);
  return p;
}

Result<Place> scoped_community(store::Db& db, Id id, const Scope& s) {
  WEIGE_ASSIGN(Place p, scoped_place(db, id, s));
  if (p.kind != PlaceKind::kCommunity) return p;  // the caller says what is wrong with it
  WEIGE_ASSIGN(bool ok, community_in_scope(db, id, s));
  if (!ok) return store::place_not_found(id);
  return p;
}

Status scoped_person(store::Db& db, Id id, const Scope& s) {
  WEIGE_TRY(store::get_person(db, id).status());
  if (s.all) return {};
  if (s.grid_ids.empty()) return store::person_not_found(id);
  std::string marks;
  store::Params p{id};
  for (std::size_t i = 0; i < s.grid_ids.size(); ++i) marks += i ? ",?" : "?";
  for (Id g : s.grid_ids) p.emplace_back(g);  // households in the grids
  for (Id g : s.grid_ids) p.emplace_back(g);  // assignments to them
  WEIGE_ASSIGN(auto n, db.scalar("SELECT count(*) FROM persons WHERE id = ? AND (household_id IN (SELECT id FROM places "
                                 "WHERE grid_id IN (" + marks + ")) OR id IN (SELECT person_id FROM assignments WHERE "
                                 "grid_id IN (" + marks + ")))",
                                 p));
  if (n == 0) return store::person_not_found(id);
  return {};
}

Result<Assignment> scoped_assignment(store::Db& db, Id id, const Scope& s) {
  WEIGE_ASSIGN(Assignment a, store::get_assignment(db, id));
  if (!grid_in_scope(a.grid_id, s)) return store::assignment_not_found(id);
  return a;
}

Result<bool> organisation_in_scope(store::Db& db, const Organisation& o, const Scope& s) {
  if (s.all || !o.community_id) return true;
  return community_in_scope(db, *o.community_id, s);
}

Result<Organisation> scoped_organisation(store::Db& db, Id id, const Scope& s) {
  WEIGE_ASSIGN(Organisation o, store::get_organisation(db, id));
  WEIGE_ASSIGN(bool ok, organisation_in_scope(db, o, s));
  if (!ok) return store::organisation_not_found(id);
  return o;
}

Status as_reference(const Status& missing, const std::string& message, const std::string& field) {
  if (missing.code() != Code::kNotFound) return missing;
  return Status(missing.code(), message, {{"field", field}});
}

}  // namespace weige::service
