#include "store/sqlite_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/change_clock.h"

namespace weige::store {
namespace {

Status error_status(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::unavailable("the database is locked by another process or writer (" + msg + ")");
  }
  if (primary == SQLITE_CONSTRAINT) return Status::conflict(msg);
  return Status::internal(msg);
}

// Flushes a WAL file written by commits at synchronous=NORMAL. Keeps one
// descriptor and reopens it if the file was replaced (a new inode).
class WalFlusher {
 public:
  explicit WalFlusher(std::string path) : path_(std::move(path)) {}
  WalFlusher(const WalFlusher&) = delete;
  WalFlusher& operator=(const WalFlusher&) = delete;
  ~WalFlusher() {
    if (fd_ >= 0) ::close(fd_);
  }

  Status flush() {
    std::lock_guard lock(mu_);
    struct stat now {};
    if (::stat(path_.c_str(), &now) != 0) {
      // No WAL file: nothing was written through it since it was last reset.
      if (errno == ENOENT) return {};
      return Status::internal("cannot stat " + path_ + ": " + std::strerror(errno));
    }
    if (fd_ >= 0 && (now.st_ino != inode_ || now.st_dev != device_)) {
      ::close(fd_);
      fd_ = -1;
    }
    if (fd_ < 0) {
      fd_ = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
      if (fd_ < 0) return Status::internal("cannot open " + path_ + ": " + std::strerror(errno));
      inode_ = now.st_ino;
      device_ = now.st_dev;
    }
    if (::fdatasync(fd_) != 0) return Status::internal("cannot flush " + path_ + ": " + std::strerror(errno));
    return {};
  }

 private:
  std::mutex mu_;
  std::string path_;
  int fd_ = -1;
  ino_t inode_ = 0;
  dev_t device_ = 0;
};

// Checkpoints a WAL on a thread and a connection of its own, so the writer
// never stops to copy pages back into the database and flush it: the
// writer's connection turns its automatic checkpoints off and, through its
// WAL hook, wakes this thread after a commit leaves the WAL at kPages frames
// or more. The checkpoint is PASSIVE (it never waits for readers or the
// writer) and, at synchronous=FULL, flushes the WAL before it copies pages,
// so no page reaches the database before its frame is durable.
class WalCheckpointer {
 public:
  static constexpr int kPages = 1000;  // SQLite's own automatic threshold
  static constexpr std::chrono::milliseconds kPause{50};

  explicit WalCheckpointer(std::unique_ptr<Db> db) : db_(std::move(db)), thread_([this] { loop(); }) {}
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  ~WalCheckpointer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  // The writer's WAL hook: after every commit, with the WAL's size in frames.
  static int on_commit(void* self, sqlite3*, const char*, int frames) {
    if (frames >= kPages) static_cast<WalCheckpointer*>(self)->wake();
    return SQLITE_OK;
  }
  std::int64_t checkpoints() const { return done_.load(); }

 private:
  void wake() {
    {
      std::lock_guard lock(mu_);
      wanted_ = true;
    }
    cv_.notify_one();
  }
  void loop() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return stopping_ || wanted_; });
      if (stopping_) return;
      wanted_ = false;
      lock.unlock();
      // Busy only means a concurrent checkpoint or reset: next time.
      (void)db_->exec_script("PRAGMA wal_checkpoint(PASSIVE)");
      ++done_;
      lock.lock();
      // At most one checkpoint per kPause: each flushes the database file,
      // and a WAL that cannot restart yet would otherwise ask after every
      // commit (a lone client's intake then paid two flushes per case).
      cv_.wait_for(lock, kPause, [this] { return stopping_; });
    }
  }

  std::unique_ptr<Db> db_;  // the checkpointer's own connection, synchronous=FULL
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::atomic<std::int64_t> done_{0};
  std::thread thread_;
};

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  ~SqliteDb() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_wal_hook(db_, nullptr, nullptr);
    checkpointer_.reset();  // before the writer's connection: its last checkpoint may still run
    sqlite3_close_v2(db_);
  }

  // The writer's checkpoints move to a WalCheckpointer on a connection of its
  // own, opened on the same file with the same settings.
  Status checkpoint_elsewhere() {
    WEIGE_ASSIGN(auto other, open_sqlite(sqlite3_db_filename(db_, "main"), {}));
    // on_commit wakes it instead of checkpointing on this connection.
    checkpointer_ = std::make_unique<WalCheckpointer>(std::move(other));
    return {};
  }
  // The WAL hook of every writable connection: runs after each commit, once
  // it is visible to new readers. Ticks the change clock, then checkpoints
  // as SQLite's own automatic hook (which this one replaces) would, or wakes
  // the checkpointer that took this connection's checkpoints over.
  static int on_commit(void* self, sqlite3* db, const char* name, int frames) {
    tick_change_clock();
    auto* me = static_cast<SqliteDb*>(self);
    if (me->checkpointer_) return WalCheckpointer::on_commit(me->checkpointer_.get(), db, name, frames);
    if (frames >= WalCheckpointer::kPages) (void)sqlite3_wal_checkpoint(db, name);
    return SQLITE_OK;
  }
  std::int64_t checkpoints() const { return checkpointer_ ? checkpointer_->checkpoints() : -1; }

  Status exec_script(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return error_status(nullptr, rc, msg);
    }
    return {};
  }

  Status query(std::string_view sql, const Params& params,
               const std::function<void(const Row&)>& each) override {
    WEIGE_ASSIGN(sqlite3_stmt * stmt, prepare(sql, params));
    int rc;
    const int ncols = sqlite3_column_count(stmt);
    Row row({});
    row.columns().reserve(ncols);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      auto& cols = row.columns();
      cols.clear();
      for (int i = 0; i < ncols; ++i) cols.push_back(column(stmt, i));
      each(row);
    }
    Status s = rc == SQLITE_DONE ? Status() : error_status(db_, rc, "query failed");
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return s;
  }

  Result<std::int64_t> execute(std::string_view sql, const Params& params) override {
    WEIGE_ASSIGN(sqlite3_stmt * stmt, prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    Status s = rc == SQLITE_DONE ? Status() : error_status(db_, rc, "statement failed");
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!s) return s;
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
  }

  Result<std::function<Status()>> defer_flush() {
    const char* main = sqlite3_db_filename(db_, "main");
    if (!main || !*main) return Status(Code::kUnsupported, "an in-memory database has no file to flush");
    WEIGE_ASSIGN(auto mode, scalar_text("PRAGMA journal_mode"));
    if (mode != "wal") return Status(Code::kUnsupported, "only a WAL database can defer its flush");
    // Commits now write the WAL without flushing it; checkpoints still flush
    // the WAL before copying it back, so the file stays consistent.
    WEIGE_TRY(exec_script("PRAGMA synchronous=NORMAL"));
    WEIGE_TRY(checkpoint_elsewhere());
    auto flusher = std::make_shared<WalFlusher>(sqlite3_filename_wal(main));
    return std::function<Status()>([flusher] { return flusher->flush(); });
  }

  Result<std::string> scalar_text(std::string_view sql) {
    std::optional<std::string> out;
    WEIGE_TRY(query(sql, {}, [&](const Row& r) { out = r.text(0); }));
    if (!out) return Status::internal(std::string(sql) + " returned no row");
    return *out;
  }

  // Prepared once and cached like any statement: these run once per write.
  Status begin_write() override { return execute("BEGIN IMMEDIATE", {}).status(); }
  Status commit() override { return execute("COMMIT", {}).status(); }
  Status rollback() override {
    if (sqlite3_get_autocommit(db_)) return {};
    return exec_script("ROLLBACK");
  }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  std::string_view dialect() const override { return "sqlite"; }

 private:
  std::unique_ptr<WalCheckpointer> checkpointer_;  // set by checkpoint_elsewhere()
  Result<sqlite3_stmt*> prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return error_status(db_, rc, "cannot prepare statement");
      cache_.emplace(std::move(key), stmt);
    }
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      return Status::internal("statement expects " +
                              std::to_string(sqlite3_bind_parameter_count(stmt)) +
                              " parameters, got " + std::to_string(params.size()));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              return sqlite3_bind_null(stmt, idx);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(stmt, idx, v);
            } else if constexpr (std::is_same_v<T, double>) {
              return sqlite3_bind_double(stmt, idx, v);
            } else if constexpr (std::is_same_v<T, std::string>) {
              return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()),
                                       SQLITE_STATIC);
            } else {
              return sqlite3_bind_blob(stmt, idx, v.bytes.data(), static_cast<int>(v.bytes.size()),
                                       SQLITE_STATIC);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) return error_status(db_, rc, "cannot bind parameter");
    }
    return stmt;
  }

  static Value column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
      case SQLITE_FLOAT: return sqlite3_column_double(stmt, i);
      case SQLITE_TEXT:
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                           sqlite3_column_bytes(stmt, i));
      case SQLITE_BLOB: {
        const void* p = sqlite3_column_blob(stmt, i);
        return Blob{std::string(static_cast<const char*>(p), sqlite3_column_bytes(stmt, i))};
      }
      default: return nullptr;
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::function<Status()>> defer_flush(Db& db) {
  auto* sqlite = dynamic_cast<SqliteDb*>(&db);
  if (!sqlite) return Status(Code::kUnsupported, "only a SQLite connection can defer its flush");
  return sqlite->defer_flush();
}

std::int64_t wal_checkpoints(Db& db) {
  auto* sqlite = dynamic_cast<SqliteDb*>(&db);
  return sqlite ? sqlite->checkpoints() : -1;
}

namespace {

// Once per process, before the first connection: no global memory statistics.
// With them on (SQLite's default) every allocation of every connection takes
// one process-wide mutex, and concurrent readers queue on it
// (docs/decisions.md, "SQLite without memory statistics").
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
  });
}

}  // namespace

Result<std::unique_ptr<Db>> open_sqlite(const std::string& path, const SqliteOptions& options) {
  configure_sqlite_once();
  struct stat st {};
  bool exists = path == ":memory:" || ::stat(path.c_str(), &st) == 0;
  if (!exists && !options.create) {
    return Status::not_found("database " + path + " does not exist (create it with `weige demo` or `weige init`)");
  }
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = Status::internal("cannot open database " + path + ": " +
                                (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return s;
  }
  auto conn = std::make_unique<SqliteDb>(db);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA cache_size=-" +
                        std::to_string(options.cache_mib * 1024) + "; PRAGMA temp_store=MEMORY;";
  if (!options.read_only) {
    pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
    sqlite3_wal_hook(db, &SqliteDb::on_commit, conn.get());
  }
  if (Status s = conn->exec_script(pragmas); !s) {
    return Status(s.code(), "cannot use database " + path + ": " + s.message());
  }
  // A file that is not a database fails on the first read.
  if (auto r = conn->scalar("SELECT count(*) FROM sqlite_schema"); !r) {
    return Status(r.status().code(), "cannot read database " + path + ": " + r.status().message());
  }
  return std::unique_ptr<Db>(std::move(conn));
}

}  // namespace weige::store
