#pragma once
// Group commit: one writer thread runs submitted write jobs in batches, each
// job inside its own savepoint of one shared transaction, and commits (one
// fsync) for the whole batch. A job that fails is rolled back to its
// savepoint alone; the others still commit. Every `done` callback runs after
// the batch's commit has returned, so an acknowledged write is durable (at
// the connection's synchronous level). With SQLite's single writer this turns
// N concurrent durable commits into about one flush per batch.
//
// Pipelined flushes: when the connection can defer its flush (defer_flush in
// sqlite_db.h: SQLite in WAL mode), commit() only writes the WAL, and a second thread, the
// flusher, makes the committed batches durable with one fdatasync for all
// that are waiting, and only then runs their `done` callbacks. The writer
// goes on with the next batch while the disk flushes, so throughput is bound
// by the writer's work, not by the flush rate. A batch is still acknowledged
// only after a flush that covers it (see docs/decisions.md).

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
  std::int64_t flushes = 0;  // pipelined mode: fdatasync calls, each covering one or more batches
};

class GroupCommitter {
 public:
  using Work = std::function<Status(Db&)>;
  using Done = std::function<void(Status)>;

  // Takes ownership of `db` (a connection of its own). `max_batch` bounds a
  // batch; a batch starts as soon as the writer is free, so a lone request
  // is never delayed waiting for company.
  using Flush = std::function<Status()>;
  // With `flush`, commits are expected not to flush and the flusher thread
  // calls `flush` before acknowledging (pipelined); without it, commit()
  // itself must be durable.
  explicit GroupCommitter(std::unique_ptr<Db> db, Flush flush = {}, std::size_t max_batch = 256);
  // Pipelined when the connection can defer its flush, else plain.
  static std::unique_ptr<GroupCommitter> create(std::unique_ptr<Db> db);
  // Finishes the queued jobs, then stops the writer thread.
  ~GroupCommitter();

  // Queues `work`; `done` receives its Status (or the commit's failure) from
  // the writer thread. Never blocks on the database.
  void submit(Work work, Done done);
  // Runs `work` and waits for the result: for callers without a callback.
  Status run(Work work);

  // Work run once per batch after its jobs, before the commit (e.g. the
  // search index's queue); its failure fails the batch. Set it before the
  // first submit.
  void set_before_commit(Work work) { before_commit_ = std::move(work); }

  GroupCommitStats stats() const;
  // True when flushes run on their own thread (see above).
  bool pipelined() const { return static_cast<bool>(flush_); }

 private:
  struct Job {
    Work work;
    Done done;
  };
  // A committed batch waiting for its flush.
  struct Committed {
    std::vector<Done> done;
    std::vector<Status> results;
  };
  Work before_commit_;
  void loop();
  void run_batch(std::deque<Job>& batch);
  void flush_loop();

  std::function<Status()> flush_;  // set when flushes are pipelined
  std::mutex flush_mu_;
  std::condition_variable flush_cv_;
  std::deque<Committed> committed_;
  bool flush_stopping_ = false;
  std::thread flusher_;

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
