#pragma once
// Pre-warming: reads every page of the tables that the case paths touch at
// random (cases, their events, places, the rollup, the search index) and of
// their indexes, once, front to back, so that the operating system's page
// cache holds them before requests need them. At the city tier a restarted
// server otherwise serves its first minutes from the disk: case reads ran at
// 4,582/s cold and 11,170/s warm, 64 connections (docs/decisions.md, "The
// server warms its hot tables at start"). The pages go to the OS cache, not
// to SQLite's: the server's resident memory does not grow.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "store/db.h"

namespace weige::store {

// The tables the case paths read at random, hottest first.
const std::vector<std::string>& hot_tables();

struct PrewarmReport {
  int objects = 0;           // tables and indexes read
  std::int64_t entries = 0;  // rows and index entries counted on the way
  bool stopped = false;      // `stop` was set before the end
};

// Reads each existing table of `tables` and each of its indexes in full
// (tables that do not exist are skipped). `progress` hears of every object
// read, with its entries; `stop`, when set, ends the work between objects.
Result<PrewarmReport> prewarm(Db& db, const std::vector<std::string>& tables,
                              const std::function<void(const std::string& object, std::int64_t entries)>& progress = {},
                              const std::atomic<bool>* stop = nullptr);

// prewarm(hot_tables()) on a thread and a read-only connection of its own,
// started at construction; `done` hears the outcome and the seconds it took.
// The destructor stops it between objects and waits for it.
class Prewarmer {
 public:
  using Done = std::function<void(const Result<PrewarmReport>& report, double seconds)>;
  explicit Prewarmer(std::string path, Done done = {});
  Prewarmer(const Prewarmer&) = delete;
  Prewarmer& operator=(const Prewarmer&) = delete;
  ~Prewarmer();
  // "running", then "done" or "failed".
  std::string state() const;

 private:
  enum State { kRunning, kDone, kFailed };
  std::atomic<int> state_{kRunning};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace weige::store
