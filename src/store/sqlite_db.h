#pragma once
// SQLite implementation of Db: WAL journal, synchronous=FULL (a committed
// transaction is on disk before commit() returns), foreign keys on, a busy
// timeout, and a per-connection cache of prepared statements.
// A SqliteDb is one connection; use one per thread.

#include <functional>
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

// Group commit's pipelining (store/group_commit.h): from now on the
// connection's commit() returns once the transaction is in the WAL, not yet
// flushed, and the returned function flushes everything committed so far to
// stable storage (fdatasync of the WAL; callable from any thread). A write
// must not be reported done before that function has returned ok.
// kUnsupported for other backends, in-memory and non-WAL databases.
// Such a connection also hands its checkpoints to a thread and a connection
// of its own (PASSIVE, whenever a commit leaves 1,000 frames or more in the
// WAL), so the writer never stops to copy pages back.
Result<std::function<Status()>> defer_flush(Db& db);
// How many checkpoints that thread has run; -1 when the connection has none.
std::int64_t wal_checkpoints(Db& db);

// Opens (and, when asked, creates) the database at `path`. Does not migrate.
Result<std::unique_ptr<Db>> open_sqlite(const std::string& path, const SqliteOptions& options);

}  // namespace weige::store
