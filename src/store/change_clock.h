#pragma once
// A process-wide count of committed changes, so that a cache can keep an
// answer without asking the database whether it still holds.
//
// Every SQLite connection this process opens for writing ticks the clock
// from its WAL hook, which runs after each commit, once the commit is visible
// to new readers. Commits by other processes are caught by a ChangeWatcher.
//
// The rule for a cache: read the clock (T), then start the read snapshot the
// answer comes from; the answer may be served to any later request that read
// the clock as T too. A commit after T moves the clock on, so no answer is
// served past a commit this process made, and past another process's commit
// for at most the watcher's period.

#include <cstdint>
#include <memory>

#include "store/db.h"

namespace weige::store {

std::uint64_t change_clock();
void tick_change_clock();

// Ticks the clock when another connection or process commits to the
// database: a thread of its own polls `PRAGMA data_version` on a connection
// of its own. Stops when destroyed.
class ChangeWatcher {
 public:
  virtual ~ChangeWatcher() = default;
  // How many changes by others it has seen (for tests).
  virtual std::int64_t seen() const = 0;
};

// A watcher over the database `db` is connected to, polling every
// `period_ms`; kUnsupported unless `db` is a SQLite connection in WAL mode
// (a server over PostgreSQL keeps no such cache).
Result<std::unique_ptr<ChangeWatcher>> watch_changes(std::unique_ptr<Db> db, int period_ms = 200);

}  // namespace weige::store
