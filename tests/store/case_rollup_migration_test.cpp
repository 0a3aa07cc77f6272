// Migration 0007 on a database that already holds cases: the full-text index
// and the rollup are filled from the rows present, and agree with a scan.
#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "support/migrate_to.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::migrate_to;
using weige::testing::TempDir;

constexpr int kBeforeSearch = 6;  // the last migration without cases_fts and case_rollup

TEST(CaseRollupMigrationTest, FillsTheIndexAndTheRollupFromExistingCases) {
  TempDir dir;
  SqliteOptions o;
  o.create = true;
  auto opened = open_sqlite(dir.file("old.db"), o);
  ASSERT_TRUE(opened);
  Db& db = **opened;
  migrate_to(db, kBeforeSearch);
  ASSERT_FALSE(db.scalar("SELECT count(*) FROM case_rollup"));  // not there yet

  ASSERT_TRUE(db.execute("PRAGMA foreign_keys=OFF", {}));  // no map in this database
  const char* texts[] = {"楼上邻居家的狗晚上一直叫", "电梯又坏了，老人上不了楼", "楼道里的电动车在充电"};
  const char* states[] = {"rated", "closed", "in_progress", "merged", "rejected"};
  for (int i = 0; i < 40; ++i) {
    CaseRecord c;
    c.tracking_token = "m" + std::to_string(i);
    c.category_id = 101;
    c.description = texts[i % 3];
    c.state = *parse_case_state(states[i % 5]);
    c.community_id = i % 2 ? std::optional<Id>(7) : std::nullopt;
    c.grid_id = i % 4 ? std::optional<Id>(i % 4) : std::nullopt;
    c.created_at = c.updated_at = 1'780'000'000 + i * 40'000;
    if (i % 5 < 2) c.settled_level = static_cast<HandlingLevel>(1 + i % 4);
    c.accept_due_at = c.created_at + 3600;
    c.responded_at = c.created_at + (i % 3 ? 600 : 7200);
    if (i % 5 < 3) {
      c.first_resolved_at = c.created_at + 5000;
      c.resolve_due_at = c.created_at + (i % 2 ? 9000 : 100);
    }
    if (i % 5 == 0) c.rating = i % 10 ? Rating::kSatisfied : Rating::kUnsatisfied;
    ASSERT_TRUE(insert_case(db, c));
  }
  ASSERT_TRUE(migrate(db));

  CaseFilter f;
  f.text = "电梯又坏";
  auto found = case_facts(db, f);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->size(), 13u);  // i = 1, 4, ..., 37

  std::vector<CaseFilter> filters(4);
  filters[1].community_id = 7;
  filters[2].grid_ids = {1, 3};
  filters[3].created_from = (1'780'000'000 + 10 * 40'000 + 8 * 3600) / 86400 * 86400 - 8 * 3600;
  // The month rows of migration 0012, filled from the day rows: the unbounded
  // filters read only them, and they match the days summed by month.
  EXPECT_EQ(*db.scalar("SELECT count(*) FROM (SELECT tier, grid_id, community_id, "
                       "strftime('%Y-%m', day * 86400, 'unixepoch') m, sum(total) t FROM case_rollup GROUP BY 1, 2, 3, 4 "
                       "EXCEPT SELECT tier, grid_id, community_id, printf('%04d-%02d', month / 12, month % 12 + 1), "
                       "total FROM case_rollup_month)"),
            0);
  EXPECT_GT(*db.scalar("SELECT count(*) FROM case_rollup_month"), 3);
  for (const auto& g : filters) {
    auto rolled = rollup_rate_counts(db, g);
    ASSERT_TRUE(rolled && *rolled);
    auto facts = case_facts(db, g);
    ASSERT_TRUE(facts);
    EXPECT_EQ(**rolled, rate_counts(compute_metrics(*facts, 1'790'000'000)));
    EXPECT_GT((*rolled)->total, 0);
  }
}

}  // namespace
}  // namespace weige::store
