#pragma once
// Bulk loading (the city-scale generators). Inserting millions of rows into a
// table with secondary indexes pays a random B-tree insert per row and index;
// dropping those indexes for the load and building them again afterwards
// turns that into one sort per index. Triggers that keep derived tables (the
// full-text index, the rollup) can be set aside the same way, and the derived
// tables rebuilt once at the end.
//
// Drop and restore run in the caller's transaction when there is one, so a
// load done in one transaction stays all-or-nothing. SQLite only: for other
// backends both are no-ops.

#include <string>
#include <utility>
#include <vector>

#include "store/db.h"

namespace weige::store {

class DeferredSchema {
 public:
  // Drops the secondary indexes of `tables` (not those behind UNIQUE or
  // PRIMARY KEY constraints) and the triggers named in `triggers`, keeping
  // their definitions. Drops nothing when `db` is not SQLite.
  static Result<DeferredSchema> set_aside(Db& db, const std::vector<std::string>& tables,
                                          const std::vector<std::string>& triggers = {});

  // Creates everything set aside again, indexes first, calling `progress`
  // with each object's name before it is built. Idempotent: a second call
  // does nothing.
  Status restore(Db& db, const std::function<void(const std::string&)>& progress = {});

  std::size_t size() const { return saved_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> saved_;  // name, CREATE statement
};

// Rebuilds what triggers derive from the cases: the trigram index over the
// descriptions and the dashboard's rollup (migration 0007), from the cases
// present. For use after a bulk load with those triggers set aside.
Status rebuild_case_derivatives(Db& db);

}  // namespace weige::store
