#pragma once
// SQLite implementation of Db: WAL journal, synchronous=FULL (a committed
// transaction is on disk before commit() returns), foreign keys on, a busy
// timeout, and a per-connection cache of prepared statements.
// A SqliteDb is one connection; use one per thread.

#include <memory>
#include <string>

#include "store/db.h"

namespace weige::store {

struct SqliteOptions {
  bool create = false;        // create the file when missing (else kNotFound)
  bool read_only = false;     // open read-only
  int busy_timeout_ms = 5000;  // wait this long for a lock before kUnavailable
  int cache_mib = 64;         // page cache size per connection
};

// Opens (and, when asked, creates) the database at `path`. Does not migrate.
Result<std::unique_ptr<Db>> open_sqlite(const std::string& path, const SqliteOptions& options);

}  // namespace weige::store
