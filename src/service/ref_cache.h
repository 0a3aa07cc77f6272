#pragma once
// The reference data that every case intake reads (categories, routing
// rules, the work calendar, where a place lies and who manages it, whether
// any emergency is active), kept in memory between requests.
//
// Freshness: migration 0008 keeps a counter, meta 'ref_version', that
// triggers bump on every change to those tables, by any writer (the server,
// the command line, another process). A snapshot is used only while the
// counter it was built at is still current, so checking costs one row read
// inside the caller's own transaction, and a change is seen by the next
// request after its commit.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/routing.h"
#include "domain/work_calendar.h"
#include "store/case_store.h"
#include "store/db.h"

namespace weige::service {

// Where a place lies, as intake needs it.
struct PlaceFacts {
  Id place_id = 0;
  PlaceKind kind = PlaceKind::kHousehold;
  std::optional<Id> grid_id;
  std::optional<Id> compound_id;
  std::optional<Id> community_id;
  std::optional<Point> location;
  std::optional<Id> property_company_id;
  std::string property_company_name;
};

// The facts of a place read from the database (no cache). A subdistrict is
// refused: cases lie in a community or below.
Result<PlaceFacts> read_place_facts(store::Db& db, Id place_id);

class RefSnapshot {
 public:
  std::int64_t version = -1;
  std::unordered_map<Id, store::Category> categories;
  std::unordered_map<Id, std::vector<Id>> category_paths;
  std::vector<RoutingRule> rules;
  WorkCalendar calendar;
  bool any_active_emergency = false;

  // Filled on first use; bounded. Thread-safe.
  Result<PlaceFacts> place(store::Db& db, Id place_id) const;
  Result<std::vector<Id>> grid_path(store::Db& db, std::optional<Id> grid_id) const;
  // A grid and every grid below it (a scope's grids).
  Result<std::vector<Id>> grid_subtree(store::Db& db, Id grid_id) const;

 private:
  // The entry for `key` in `memo`, filled by `read` on a miss.
  template <typename T, typename Read>
  Result<T> remembered(std::unordered_map<Id, T>& memo, Id key, Read read) const;

  static constexpr std::size_t kMaxEntries = 500000;
  mutable std::mutex mu_;
  mutable std::unordered_map<Id, PlaceFacts> places_;
  mutable std::unordered_map<Id, std::vector<Id>> grid_paths_;
  mutable std::unordered_map<Id, std::vector<Id>> grid_subtrees_;
};

class RefCache {
 public:
  // The snapshot current for `db`'s view of the data: the cached one when
  // the counter has not moved, else a fresh one.
  Result<std::shared_ptr<const RefSnapshot>> current(store::Db& db);

 private:
  std::mutex mu_;
  std::shared_ptr<const RefSnapshot> snapshot_;
};

// A counter of migration 0008 in meta ('ref_version', 'auth_version'); 0
// when the row is missing.
Result<std::int64_t> meta_counter(store::Db& db, const char* key);
inline Result<std::int64_t> ref_version(store::Db& db) { return meta_counter(db, "ref_version"); }

}  // namespace weige::service
