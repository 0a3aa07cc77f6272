#include "service/ref_cache.h"

#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::service {

Result<std::int64_t> meta_counter(store::Db& db, const char* key) {
  WEIGE_ASSIGN(auto r, db.row("SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", {std::string(key)}));
  return r ? r->i64(0) : 0;
}

Result<PlaceFacts> read_place_facts(store::Db& db, Id place_id) {
  WEIGE_ASSIGN(Place p, store::get_place(db, place_id));
  PlaceFacts f;
  f.place_id = p.id;
  f.kind = p.kind;
  switch (p.kind) {
    case PlaceKind::kSubdistrict:
      return Status::invalid("a case lies in a community or below, not in a whole subdistrict", {{"field", "place_id"}});
    case PlaceKind::kCommunity: {
      WEIGE_ASSIGN(auto g, store::general_grid_of(db, p.id));
      if (g) f.grid_id = g->id;
      break;
    }
    case PlaceKind::kBuilding: {
      WEIGE_ASSIGN(Place compound, store::get_place(db, *p.parent_id));
      f.grid_id = compound.grid_id;
      f.compound_id = compound.id;
      break;
    }
    case PlaceKind::kUnit:
    case PlaceKind::kHousehold: {
      f.grid_id = p.grid_id;
      std::optional<Id> cur = p.parent_id;
      for (int i = 0; cur && i < 4; ++i) {
        WEIGE_ASSIGN(Place a, store::get_place(db, *cur));
        if (a.kind == PlaceKind::kCompound) {
          f.compound_id = a.id;
          break;
        }
        cur = a.parent_id;
      }
      break;
    }
    default:  // compound and non-residential places
      f.grid_id = p.grid_id;
      f.compound_id = p.id;
      break;
  }
  f.community_id = p.kind == PlaceKind::kCommunity ? std::optional<Id>(p.id) : p.community_id;
  f.location = p.location;
  WEIGE_ASSIGN(f.property_company_id, store::property_company_of(db, p.id));
  if (f.property_company_id) {
    WEIGE_ASSIGN(auto org, store::get_organisation(db, *f.property_company_id));
    f.property_company_name = org.name;
  }
  return f;
}

template <typename T, typename Read>
Result<T> RefSnapshot::remembered(std::unordered_map<Id, T>& memo, Id key, Read read) const {
  {
    std::lock_guard lock(mu_);
    if (auto it = memo.find(key); it != memo.end()) return it->second;
  }
  WEIGE_ASSIGN(T value, read());
  std::lock_guard lock(mu_);
  if (memo.size() >= kMaxEntries) memo.clear();
  memo.emplace(key, value);
  return value;
}

Result<PlaceFacts> RefSnapshot::place(store::Db& db, Id place_id) const {
  return remembered(places_, place_id, [&] { return read_place_facts(db, place_id); });
}

Result<std::vector<Id>> RefSnapshot::grid_path(store::Db& db, std::optional<Id> grid_id) const {
  if (!grid_id) return store::grid_path(db, grid_id);
  return remembered(grid_paths_, *grid_id, [&] { return store::grid_path(db, grid_id); });
}

Result<std::vector<Id>> RefSnapshot::grid_subtree(store::Db& db, Id grid_id) const {
  return remembered(grid_subtrees_, grid_id, [&] { return store::grid_subtree(db, grid_id); });
}

Result<std::shared_ptr<const RefSnapshot>> RefCache::current(store::Db& db) {
  WEIGE_ASSIGN(std::int64_t version, ref_version(db));
  {
    std::lock_guard lock(mu_);
    if (snapshot_ && snapshot_->version == version) return snapshot_;
  }
  auto fresh = std::make_shared<RefSnapshot>();
  fresh->version = version;
  WEIGE_ASSIGN(auto categories, store::list_categories(db));
  for (auto& c : categories) {
    WEIGE_ASSIGN(fresh->category_paths[c.id], store::category_path(db, c.id));
    fresh->categories.emplace(c.id, std::move(c));
  }
  WEIGE_ASSIGN(fresh->rules, store::list_routing_rules(db));
  WEIGE_ASSIGN(fresh->calendar, store::load_calendar(db));
  WEIGE_ASSIGN(auto active, db.scalar("SELECT count(*) FROM emergencies WHERE ended_at IS NULL"));
  fresh->any_active_emergency = active > 0;
  std::lock_guard lock(mu_);
  // Keep the newer of two snapshots built at once.
  if (!snapshot_ || snapshot_->version <= version) snapshot_ = fresh;
  return std::shared_ptr<const RefSnapshot>(fresh);
}

}  // namespace weige::service
