#include "store/change_clock.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace weige::store {
namespace {

std::atomic<std::uint64_t> g_changes{0};

class DataVersionWatcher final : public ChangeWatcher {
 public:
  DataVersionWatcher(std::unique_ptr<Db> db, std::int64_t version, int period_ms)
      : db_(std::move(db)), version_(version), period_(period_ms), thread_([this] { loop(); }) {}
  DataVersionWatcher(const DataVersionWatcher&) = delete;
  DataVersionWatcher& operator=(const DataVersionWatcher&) = delete;
  ~DataVersionWatcher() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  std::int64_t seen() const override { return seen_.load(); }

 private:
  void loop() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, period_, [this] { return stopping_; })) {
      lock.unlock();
      // data_version moves when any other connection, of this process or
      // another, has committed since this one last asked.
      auto v = db_->scalar("PRAGMA data_version");
      if (v && *v != version_) {
        version_ = *v;
        ++seen_;
        tick_change_clock();
      }
      lock.lock();
    }
  }

  std::unique_ptr<Db> db_;
  std::int64_t version_;
  std::chrono::milliseconds period_;
  std::atomic<std::int64_t> seen_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace

std::uint64_t change_clock() {
  return g_changes.load(std::memory_order_acquire);
}

void tick_change_clock() {
  g_changes.fetch_add(1, std::memory_order_acq_rel);
}

Result<std::unique_ptr<ChangeWatcher>> watch_changes(std::unique_ptr<Db> db, int period_ms) {
  if (db->dialect() != "sqlite")
    return Status(Code::kUnsupported, "only a SQLite database is watched");
  std::optional<std::string> mode;
  WEIGE_TRY(db->query("PRAGMA journal_mode", {}, [&](const Row& r) { mode = r.text(0); }));
  if (mode != "wal") return Status(Code::kUnsupported, "only a WAL database is watched");
  WEIGE_ASSIGN(std::int64_t version, db->scalar("PRAGMA data_version"));
  return std::unique_ptr<ChangeWatcher>(
      std::make_unique<DataVersionWatcher>(std::move(db), version, period_ms));
}

}  // namespace weige::store
