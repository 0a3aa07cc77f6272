// Pre-warming reads every index of each hot table and then the table itself,
// skips tables that do not exist, and stops between objects when told to.
#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include "store/case_store.h"
#include "store/prewarm.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

TEST(PrewarmTest, ReadsEveryIndexThenTheTableOfEachHotTable) {
  TempDir dir;
  auto db = weige::testing::open_test_db(dir.file("warm.db"));
  ASSERT_TRUE(db->execute("PRAGMA foreign_keys=OFF", {}));  // cases without a map
  for (int i = 0; i < 30; ++i) {
    CaseRecord c;
    c.tracking_token = "w" + std::to_string(i);
    c.category_id = 101;
    c.description = "warm " + std::to_string(i);
    c.state = i % 3 ? CaseState::kReported : CaseState::kClosed;
    c.grid_id = 10;
    c.created_at = c.updated_at = 1'780'000'000 + i;
    ASSERT_TRUE(insert_case(*db, c)) << i;
  }
  std::map<std::string, std::int64_t> seen;
  std::vector<std::string> order;
  auto report = prewarm(*db, {"cases", "no_such_table"}, [&](const std::string& object, std::int64_t n) {
    seen[object] = n;
    order.push_back(object);
  });
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_FALSE(report->stopped);

  // Every index of `cases` (the automatic one of the unique tracking token
  // too), each counted in full, then the table last.
  auto indexes = db->rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'cases'");
  ASSERT_TRUE(indexes);
  ASSERT_GE(indexes->size(), 10u);
  EXPECT_EQ(report->objects, static_cast<int>(indexes->size()) + 1);
  EXPECT_EQ(seen.size(), indexes->size() + 1);
  EXPECT_EQ(seen["cases"], 30);
  EXPECT_EQ(order.back(), "cases");
  EXPECT_EQ(seen["sqlite_autoindex_cases_1"], 30);
  EXPECT_EQ(seen["cases_open_grid_created"], 20);  // partial: the open cases only
  EXPECT_FALSE(seen.count("no_such_table"));
  std::int64_t sum = 0;
  for (const auto& [name, n] : seen) sum += n;
  EXPECT_EQ(report->entries, sum);

  // The server's list names tables that exist.
  auto hot = prewarm(*db, hot_tables());
  ASSERT_TRUE(hot) << hot.status().message();
  EXPECT_GT(hot->objects, report->objects);

  std::atomic<bool> stop{true};
  auto stopped = prewarm(*db, hot_tables(), {}, &stop);
  ASSERT_TRUE(stopped);
  EXPECT_TRUE(stopped->stopped);
  EXPECT_EQ(stopped->objects, 0);
}

}  // namespace
}  // namespace weige::store
