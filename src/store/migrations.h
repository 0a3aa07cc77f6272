#pragma once
// Numbered schema migrations, embedded in the binary from migrations/<dialect>/NNNN_name.sql.
// migrate() applies, in order and each in its own transaction, every migration
// newer than the database's recorded version.

#include <functional>
#include <string>
#include <vector>

#include "store/db.h"

namespace weige::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// The migrations for a dialect, in version order.
const std::vector<Migration>& migrations(std::string_view dialect);

// The highest applied version; 0 for an empty database.
Result<int> schema_version(Db& db);

// Applies pending migrations; calls `progress(version, name)` before each.
Status migrate(Db& db, const std::function<void(int, const std::string&)>& progress = {});

}  // namespace weige::store
