// Group commit: batches of jobs in one transaction, each job all-or-nothing
// on its own, every acknowledgement after the batch is durable.
#include "store/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>
#include <vector>

#include "store/sqlite_db.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reader_ = testing::open_test_db(dir_.file("g.db"));
    ASSERT_TRUE(reader_->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)"));
  }
  std::int64_t rows() { return *reader_->scalar("SELECT count(*) FROM t"); }
  TempDir dir_;
  std::unique_ptr<Db> reader_;
};

Status insert(Db& db, const std::string& v) {
  return db.execute("INSERT INTO t (v) VALUES (?)", {v}).status();
}

TEST_F(GroupCommitTest, EveryAcknowledgedWriteIsVisibleToAnotherConnection) {
  GroupCommitter committer(testing::open_test_db(dir_.file("g.db")));
  std::atomic<int> seen_before_ack{0};
  std::vector<std::promise<void>> acked(200);
  for (int i = 0; i < 200; ++i) {
    committer.submit([i](Db& db) { return insert(db, "v" + std::to_string(i)); },
                     [&, i](Status s) {
                       ASSERT_TRUE(s.is_ok()) << s.to_string();
                       // Committed before the acknowledgement: a separate connection sees the row.
                       auto db = testing::open_test_db(dir_.file("g.db"));
                       if (*db->scalar("SELECT count(*) FROM t WHERE v = ?", {"v" + std::to_string(i)}) == 1) ++seen_before_ack;
                       acked[static_cast<std::size_t>(i)].set_value();
                     });
  }
  for (auto& p : acked) p.get_future().wait();
  EXPECT_EQ(seen_before_ack.load(), 200);
  EXPECT_EQ(rows(), 200);
  auto stats = committer.stats();
  EXPECT_EQ(stats.jobs, 200);
  EXPECT_LT(stats.batches, 200) << "queued jobs share commits";
  EXPECT_GT(stats.largest_batch, 1);
}

TEST_F(GroupCommitTest, AFailingJobIsRolledBackAloneAndTheOthersCommit) {
  GroupCommitter committer(testing::open_test_db(dir_.file("g.db")));
  std::vector<std::future<Status>> results;
  std::vector<std::promise<Status>> promises(30);
  for (int i = 0; i < 30; ++i) {
    committer.submit(
        [i](Db& db) -> Status {
          WEIGE_TRY(insert(db, "job" + std::to_string(i) + "-a"));
          // Every third job then fails (a duplicate of its own row): its first row must go too.
          if (i % 3 == 0) return insert(db, "job" + std::to_string(i) + "-a");
          return insert(db, "job" + std::to_string(i) + "-b");
        },
        [&promises, i](Status s) { promises[static_cast<std::size_t>(i)].set_value(s); });
  }
  int failed = 0;
  for (int i = 0; i < 30; ++i) {
    Status s = promises[static_cast<std::size_t>(i)].get_future().get();
    EXPECT_EQ(s.is_ok(), i % 3 != 0) << i;
    if (!s.is_ok()) ++failed;
  }
  EXPECT_EQ(failed, 10);
  EXPECT_EQ(rows(), 2 * 20);  // the 20 good jobs, two rows each
  for (int i = 0; i < 30; ++i) {
    std::int64_t n = *reader_->scalar("SELECT count(*) FROM t WHERE v LIKE ?", {"job" + std::to_string(i) + "-%"});
    EXPECT_EQ(n, i % 3 == 0 ? 0 : 2) << i;
  }
}

TEST_F(GroupCommitTest, ConcurrentSubmittersAndRunWaitForTheirOwnResult) {
  GroupCommitter committer(testing::open_test_db(dir_.file("g.db")));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        if (committer.run([&](Db& db) { return insert(db, std::to_string(t) + ":" + std::to_string(i)); }).is_ok()) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 200);
  EXPECT_EQ(rows(), 200);
  // A job that throws is an error for that job only.
  Status thrown = committer.run([](Db&) -> Status { throw std::runtime_error("boom"); });
  EXPECT_EQ(thrown.code(), Code::kInternal);
  EXPECT_TRUE(committer.run([](Db& db) { return insert(db, "after"); }).is_ok());
  EXPECT_EQ(rows(), 201);
}

// A connection that counts its commits and its flushes, to check that no
// acknowledgement comes before the flush that covers its batch.
class CountingDb final : public Db {
 public:
  CountingDb(std::unique_ptr<Db> inner, bool fail_flush) : inner_(std::move(inner)), fail_flush_(fail_flush) {}
  Status exec_script(std::string_view sql) override { return inner_->exec_script(sql); }
  Status query(std::string_view sql, const Params& params, const std::function<void(const Row&)>& each) override {
    return inner_->query(sql, params, each);
  }
  Result<std::int64_t> execute(std::string_view sql, const Params& params) override { return inner_->execute(sql, params); }
  Status begin_write() override { return inner_->begin_write(); }
  Status commit() override {
    Status s = inner_->commit();
    if (s.is_ok()) ++commits;
    return s;
  }
  Status rollback() override { return inner_->rollback(); }
  bool in_transaction() const override { return inner_->in_transaction(); }
  std::string_view dialect() const override { return inner_->dialect(); }
  // The real connection's deferred flush, counted.
  GroupCommitter::Flush counted_flush() {
    auto flush = defer_flush(*inner_);
    EXPECT_TRUE(flush.is_ok()) << flush.status().to_string();
    return [this, flush = *flush] {
      int covered = commits.load();
      if (fail_flush_) return Status::internal("disk gone");
      WEIGE_TRY(flush());
      flushed_through = covered;
      return Status();
    };
  }
  std::atomic<int> commits{0};
  std::atomic<int> flushed_through{0};

 private:
  std::unique_ptr<Db> inner_;
  bool fail_flush_;
};

TEST_F(GroupCommitTest, PipelinedFlushesAcknowledgeOnlyAfterAFlushCoversTheBatch) {
  auto owned = std::make_unique<CountingDb>(testing::open_test_db(dir_.file("g.db")), false);
  CountingDb* db = owned.get();
  auto flush = db->counted_flush();
  GroupCommitter committer(std::move(owned), flush);
  ASSERT_TRUE(committer.pipelined());
  std::atomic<int> early{0};
  std::vector<std::promise<void>> acked(300);
  for (int i = 0; i < 300; ++i) {
    auto batch_no = std::make_shared<int>(0);
    committer.submit(
        [i, db, batch_no](Db& d) {
          *batch_no = db->commits.load() + 1;  // the commit this job will be part of
          return insert(d, "p" + std::to_string(i));
        },
        [&, i, batch_no](Status s) {
          EXPECT_TRUE(s.is_ok()) << s.to_string();
          if (db->flushed_through.load() < *batch_no) ++early;
          acked[static_cast<std::size_t>(i)].set_value();
        });
  }
  for (auto& p : acked) p.get_future().wait();
  EXPECT_EQ(early.load(), 0) << "an acknowledgement came before the flush of its batch";
  EXPECT_EQ(rows(), 300);
  auto stats = committer.stats();
  EXPECT_GE(stats.flushes, 1);
  EXPECT_LE(stats.flushes, stats.batches) << "one flush covers one or more committed batches";
}

TEST_F(GroupCommitTest, AFailedFlushFailsTheWritesItCovered) {
  auto owned = std::make_unique<CountingDb>(testing::open_test_db(dir_.file("g.db")), true);
  auto flush = owned->counted_flush();
  GroupCommitter committer(std::move(owned), flush);
  Status s = committer.run([](Db& db) { return insert(db, "never acknowledged"); });
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_NE(s.message().find("flushed"), std::string::npos) << s.message();
}

TEST_F(GroupCommitTest, CreatePipelinesAWalFileButNotAnInMemoryDatabase) {
  auto file = GroupCommitter::create(testing::open_test_db(dir_.file("g.db")));
  EXPECT_TRUE(file->pipelined());
  EXPECT_TRUE(file->run([](Db& db) { return insert(db, "piped"); }).is_ok());
  EXPECT_EQ(rows(), 1);
  auto memory = GroupCommitter::create(testing::open_test_db(":memory:"));
  EXPECT_FALSE(memory->pipelined());
  EXPECT_TRUE(memory->run([](Db& db) { return db.exec_script("CREATE TABLE m (x INTEGER)"); }).is_ok());
}

// A connection that defers its flush hands its checkpoints to a thread of
// its own: the writer's commits only append to the WAL, and the pages reach
// the database file all the same, every row intact.
TEST_F(GroupCommitTest, APipelinedWriterCheckpointsOnAnotherThread) {
  const std::string path = dir_.file("g.db");
  auto writer = testing::open_test_db(path);
  EXPECT_EQ(wal_checkpoints(*writer), -1);  // an ordinary connection checkpoints itself
  ASSERT_TRUE(defer_flush(*writer));
  EXPECT_EQ(wal_checkpoints(*writer), 0);
  auto file_size = [&] { return std::filesystem::file_size(path); };
  const auto before = file_size();
  const std::string filler(3000, 'x');
  for (int batch = 0; batch < 10; ++batch) {
    ASSERT_TRUE(writer->begin_write());
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE(insert(*writer, std::to_string(batch * 200 + i) + filler));
    }
    ASSERT_TRUE(writer->commit());
  }
  // 2,000 rows of 3 KB: well over 1,000 WAL frames, so the checkpointer ran.
  for (int i = 0; i < 500 && (wal_checkpoints(*writer) == 0 || file_size() <= before + 4'000'000); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GT(wal_checkpoints(*writer), 0);
  EXPECT_GT(file_size(), before + 4'000'000);  // the pages were copied back
  EXPECT_EQ(rows(), 2000);
  writer.reset();
  auto again = testing::open_test_db(path);
  EXPECT_EQ(*again->scalar("SELECT count(*) FROM t WHERE length(v) > 3000"), 2000);
}

}  // namespace
}  // namespace weige::store
