#include "store/group_commit.h"

#include <future>

#include "store/sqlite_db.h"

namespace weige::store {

GroupCommitter::GroupCommitter(std::unique_ptr<Db> db, Flush flush, std::size_t max_batch)
    : db_(std::move(db)), max_batch_(max_batch == 0 ? 1 : max_batch) {
  flush_ = std::move(flush);
  if (flush_) flusher_ = std::thread([this] { flush_loop(); });
  writer_ = std::thread([this] { loop(); });
}

std::unique_ptr<GroupCommitter> GroupCommitter::create(std::unique_ptr<Db> db) {
  auto flush = defer_flush(*db);
  return std::make_unique<GroupCommitter>(std::move(db), flush ? std::move(flush).value() : Flush{});
}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  writer_.join();
  if (flusher_.joinable()) {
    {
      std::lock_guard lock(flush_mu_);
      flush_stopping_ = true;
    }
    flush_cv_.notify_all();
    flusher_.join();
  }
}

void GroupCommitter::flush_loop() {
  for (;;) {
    std::deque<Committed> waiting;
    {
      std::unique_lock lock(flush_mu_);
      flush_cv_.wait(lock, [this] { return flush_stopping_ || !committed_.empty(); });
      if (committed_.empty()) return;  // stopping, nothing left
      waiting.swap(committed_);
    }
    // One flush covers every batch committed before it started.
    Status flushed = flush_();
    {
      std::lock_guard lock(mu_);
      ++stats_.flushes;
    }
    for (auto& batch : waiting) {
      for (std::size_t i = 0; i < batch.done.size(); ++i) {
        Status s = std::move(batch.results[i]);
        if (s.is_ok() && !flushed.is_ok()) s = Status::internal("the write could not be flushed to disk: " + flushed.message());
        batch.done[i](std::move(s));
      }
    }
  }
}

void GroupCommitter::submit(Work work, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(work), std::move(done)});
  }
  cv_.notify_one();
}

Status GroupCommitter::run(Work work) {
  std::promise<Status> p;
  auto f = p.get_future();
  submit(std::move(work), [&p](Status s) { p.set_value(std::move(s)); });
  return f.get();
}

GroupCommitStats GroupCommitter::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void GroupCommitter::loop() {
  for (;;) {
    std::deque<Job> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      ++stats_.batches;
      stats_.jobs += static_cast<std::int64_t>(batch.size());
      stats_.largest_batch = std::max(stats_.largest_batch, static_cast<std::int64_t>(batch.size()));
    }
    run_batch(batch);
  }
}

void GroupCommitter::run_batch(std::deque<Job>& batch) {
  std::vector<Status> results(batch.size());
  Status begun = db_->begin_write();
  if (!begun.is_ok()) {
    for (auto& job : batch) job.done(begun);
    return;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Status sp = db_->execute("SAVEPOINT weige_job", {}).status();
    if (!sp.is_ok()) {
      results[i] = sp;
      continue;
    }
    Status s;
    try {
      s = batch[i].work(*db_);
    } catch (const std::exception& e) {
      s = Status::internal(std::string("write job threw: ") + e.what());
    }
    if (s.is_ok()) {
      s = db_->execute("RELEASE weige_job", {}).status();
    } else if (db_->in_transaction()) {
      (void)db_->exec_script("ROLLBACK TO weige_job; RELEASE weige_job");
    }
    results[i] = std::move(s);
    if (!db_->in_transaction()) {
      // The engine rolled the whole transaction back (e.g. disk full): the
      // jobs before this one are lost too. Fail them and start again.
      Status lost = Status::unavailable("the write batch was rolled back; try again");
      for (std::size_t j = 0; j < i; ++j) {
        if (results[j].is_ok()) results[j] = lost;
      }
      if (Status again = db_->begin_write(); !again.is_ok()) {
        for (std::size_t j = i + 1; j < batch.size(); ++j) results[j] = again;
        for (std::size_t j = 0; j < batch.size(); ++j) batch[j].done(std::move(results[j]));
        return;
      }
    }
  }
  Status committed = before_commit_ ? before_commit_(*db_) : Status{};
  if (committed.is_ok()) committed = db_->commit();
  if (!committed.is_ok()) {
    (void)db_->rollback();
    for (auto& r : results) {
      if (r.is_ok()) r = committed;
    }
  }
  if (flush_ && committed.is_ok()) {
    Committed waiting;
    waiting.results = std::move(results);
    waiting.done.reserve(batch.size());
    for (auto& job : batch) waiting.done.push_back(std::move(job.done));
    {
      std::lock_guard lock(flush_mu_);
      committed_.push_back(std::move(waiting));
    }
    flush_cv_.notify_one();
    return;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
}

}  // namespace weige::store
