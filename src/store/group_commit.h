#pragma once
// Group commit: one writer thread runs submitted write jobs in batches, each
// job inside its own savepoint of one shared transaction, and commits (one
// fsync) for the whole batch. A job that fails is rolled back to its
// savepoint alone; the others still commit. Every `done` callback runs after
// the batch's commit has returned, so an acknowledged write is durable (at
// the connection's synchronous level). With SQLite's single writer this turns
// N concurrent durable commits into about one flush per batch.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "store/db.h"

namespace weige::store {

struct GroupCommitStats {
  std::int64_t batches = 0;
  std::int64_t jobs = 0;
  std::int64_t largest_batch = 0;
};

class GroupCommitter {
 public:
  using Work = std::function<Status(Db&)>;
  using Done = std::function<void(Status)>;

  // Takes ownership of `db` (a connection of its own). `max_batch` bounds a
  // batch; a batch starts as soon as the writer is free, so a lone request
  // is never delayed waiting for company.
  explicit GroupCommitter(std::unique_ptr<Db> db, std::size_t max_batch = 256);
  // Finishes the queued jobs, then stops the writer thread.
  ~GroupCommitter();

  // Queues `work`; `done` receives its Status (or the commit's failure) from
  // the writer thread. Never blocks on the database.
  void submit(Work work, Done done);
  // Runs `work` and waits for the result: for callers without a callback.
  Status run(Work work);

  GroupCommitStats stats() const;

 private:
  struct Job {
    Work work;
    Done done;
  };
  void loop();
  void run_batch(std::deque<Job>& batch);

  std::unique_ptr<Db> db_;
  std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  GroupCommitStats stats_;
  std::thread writer_;
};

}  // namespace weige::store
