// Group commit: batches of jobs in one transaction, each job all-or-nothing
// on its own, every acknowledgement after the batch is durable.
#include "store/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

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

}  // namespace
}  // namespace weige::store
