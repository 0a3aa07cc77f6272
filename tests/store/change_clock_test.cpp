// The change clock and its watcher (store/change_clock.h), and the cache that
// keeps answers by it (service/answer_cache.h).
#include "store/change_clock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "service/answer_cache.h"
#include "store/sqlite_db.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

TEST(ChangeClockTest, EveryWritableConnectionTicksOnceItsCommitIsDone) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("c.db"));
  auto other = open_sqlite(dir.file("c.db"), {});
  ASSERT_TRUE(other);
  std::uint64_t t = change_clock();
  ASSERT_TRUE(db->execute("INSERT INTO meta (key, value) VALUES ('clock_a', '1')", {}));
  EXPECT_GT(change_clock(), t);
  t = change_clock();
  ASSERT_TRUE(db->scalar("SELECT count(*) FROM meta"));
  EXPECT_EQ(change_clock(), t);  // a read is no change
  ASSERT_TRUE((*other)->begin_write());
  ASSERT_TRUE((*other)->execute("INSERT INTO meta (key, value) VALUES ('clock_b', '1')", {}));
  EXPECT_EQ(change_clock(), t);  // not yet committed: nothing to see
  ASSERT_TRUE((*other)->commit());
  EXPECT_GT(change_clock(), t);
  t = change_clock();
  ASSERT_TRUE((*other)->begin_write());
  ASSERT_TRUE((*other)->execute("INSERT INTO meta (key, value) VALUES ('clock_c', '1')", {}));
  ASSERT_TRUE((*other)->rollback());
  EXPECT_EQ(change_clock(), t);  // rolled back: no change
}

TEST(ChangeClockTest, TheWatcherSeesAnotherProcessCommit) {
  TempDir dir;
  const std::string path = dir.file("w.db");
  auto db = testing::open_test_db(path);
  auto conn = open_sqlite(path, {});
  ASSERT_TRUE(conn);
  auto watcher = watch_changes(std::move(conn).value(), 10);
  ASSERT_TRUE(watcher) << watcher.status().to_string();
  std::uint64_t t = change_clock();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto other = open_sqlite(path, {});
    bool ok =
        other && (*other)->execute("INSERT INTO meta (key, value) VALUES ('elsewhere', '1')", {});
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  for (int i = 0; i < 500 && (*watcher)->seen() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ((*watcher)->seen(), 1);
  EXPECT_GT(change_clock(), t);
}

TEST(ChangeClockTest, OnlyAWalDatabaseIsWatched) {
  auto memory = open_sqlite(":memory:", {});
  ASSERT_TRUE(memory);
  auto watcher = watch_changes(std::move(memory).value());
  ASSERT_FALSE(watcher);
  EXPECT_EQ(watcher.status().code(), Code::kUnsupported);
}

TEST(AnswerCacheTest, KeepsAnswersUntilTheClockMoves) {
  service::AnswerCache<int> cache(3);
  EXPECT_FALSE(cache.find(5, "a"));
  cache.keep(5, "a", 1);
  EXPECT_EQ(cache.find(5, "a"), 1);
  EXPECT_FALSE(cache.find(5, "b"));
  cache.keep(4, "b", 2);  // computed before the clock read 5: not kept
  EXPECT_FALSE(cache.find(5, "b"));
  EXPECT_FALSE(cache.find(6, "a"));  // the clock moved: everything older is gone
  EXPECT_FALSE(cache.find(5, "a"));  // a request that read 5 does not bring it back
  cache.keep(5, "a", 1);
  EXPECT_FALSE(cache.find(6, "a"));
  for (int i = 0; i < 3; ++i) cache.keep(6, std::to_string(i), i);
  EXPECT_EQ(cache.find(6, "2"), 2);
  cache.keep(6, "x", 9);  // over its bound: it starts again
  EXPECT_FALSE(cache.find(6, "0"));
  EXPECT_EQ(cache.find(6, "x"), 9);
}

}  // namespace
}  // namespace weige::store
