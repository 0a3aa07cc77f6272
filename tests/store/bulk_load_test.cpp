// Bulk loading with indexes and derived-table triggers set aside: the schema
// comes back exactly, a rolled-back load leaves the schema untouched, and the
// rebuilt search index and rollup equal what the triggers (and the search
// index's queue, drained as every writer drains it) keep row by row.
#include <gtest/gtest.h>

#include "store/bulk_load.h"
#include "store/case_store.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

std::unique_ptr<Db> fresh(const std::string& path) {
  auto db = weige::testing::open_test_db(path);
  EXPECT_TRUE(db->execute("PRAGMA foreign_keys=OFF", {}));  // cases without a map
  return db;
}

std::vector<std::string> schema(Db& db) {
  std::vector<std::string> out;
  EXPECT_TRUE(db.query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name",
                       {}, [&](const Row& r) { out.push_back(r.text(0)); }));
  return out;
}

std::vector<std::string> table(Db& db, const std::string& sql) {
  std::vector<std::string> out;
  EXPECT_TRUE(db.query(sql, {}, [&](const Row& r) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) line += r.text(i) + "|";
    out.push_back(line);
  }));
  return out;
}

void insert_cases(Db& db, int n) {
  const char* texts[] = {"楼上邻居家的狗晚上一直叫", "电梯又坏了，老人上不了楼", "楼道里的电动车在充电"};
  const char* states[] = {"rated", "closed", "in_progress", "merged", "rejected", "reported"};
  for (int i = 0; i < n; ++i) {
    CaseRecord c;
    c.tracking_token = "t" + std::to_string(i);
    c.category_id = 101;
    c.description = texts[i % 3];
    c.state = *parse_case_state(states[i % 6]);
    c.community_id = 1 + i % 3;
    c.grid_id = 10 + i % 7;
    c.place_id = 100 + i % 11;
    c.created_at = c.updated_at = 1'780'000'000 + i * 17'000;
    if (i % 6 < 2) c.settled_level = static_cast<HandlingLevel>(1 + i % 4);
    c.accept_due_at = c.created_at + 3600;
    c.responded_at = c.created_at + (i % 3 ? 600 : 7200);
    if (i % 6 < 3) {
      c.first_resolved_at = c.created_at + 5000;
      c.resolve_due_at = c.created_at + (i % 2 ? 9000 : 100);
    }
    if (i % 6 == 0) c.rating = i % 12 ? Rating::kSatisfied : Rating::kUnsatisfied;
    ASSERT_TRUE(insert_case(db, c));
  }
}

TEST(BulkLoadTest, SetsAsideAndRestoresIndexesAndTriggersExactly) {
  TempDir dir;
  auto db = fresh(dir.file("a.db"));
  auto before = schema(*db);
  DeferredSchema d;
  ASSERT_TRUE(in_write_transaction(*db, [&]() -> Status {
    WEIGE_ASSIGN(d, DeferredSchema::set_aside(*db, {"cases", "case_events"}, {"cases_fts_insert", "case_rollup_insert"}));
    return {};
  }));
  // Every secondary index of both tables and the two triggers are gone; the
  // UNIQUE constraint's own index stays.
  EXPECT_GE(d.size(), 10u);
  EXPECT_EQ(*db->scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL"), 0);
  EXPECT_GT(*db->scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'"), 0);
  EXPECT_EQ(*db->scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('cases_fts_insert','case_rollup_insert')"), 0);
  EXPECT_NE(schema(*db), before);
  ASSERT_TRUE(in_write_transaction(*db, [&] { return d.restore(*db); }));
  EXPECT_EQ(schema(*db), before);
  EXPECT_EQ(d.size(), 0u);
  ASSERT_TRUE(d.restore(*db));  // a second restore does nothing
  EXPECT_EQ(schema(*db), before);
}

TEST(BulkLoadTest, ARolledBackLoadLeavesTheSchemaAsItWas) {
  TempDir dir;
  auto db = fresh(dir.file("a.db"));
  auto before = schema(*db);
  Status s = in_write_transaction(*db, [&]() -> Status {
    WEIGE_ASSIGN(auto d, DeferredSchema::set_aside(*db, {"persons"}));
    EXPECT_EQ(d.size(), 4u);
    return Status::invalid("the load failed");
  });
  EXPECT_FALSE(s);
  EXPECT_EQ(schema(*db), before);
  // An unknown trigger is refused before anything is dropped.
  s = in_write_transaction(*db, [&]() -> Status {
    return DeferredSchema::set_aside(*db, {"cases"}, {"no_such_trigger"}).status();
  });
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(schema(*db), before);
}

TEST(BulkLoadTest, RebuiltSearchIndexAndRollupEqualWhatTheTriggersKeep) {
  TempDir dir;
  auto by_trigger = fresh(dir.file("trigger.db"));
  insert_cases(*by_trigger, 300);
  ASSERT_TRUE(in_write_transaction(*by_trigger, [&] { return index_pending_cases(*by_trigger); }));

  auto bulk = fresh(dir.file("bulk.db"));
  DeferredSchema d;
  ASSERT_TRUE(in_write_transaction(*bulk, [&]() -> Status {
    WEIGE_ASSIGN(d, DeferredSchema::set_aside(*bulk, {"cases", "case_events"}, {"cases_fts_insert", "case_rollup_insert"}));
    insert_cases(*bulk, 300);
    return {};
  }));
  EXPECT_EQ(*bulk->scalar("SELECT count(*) FROM case_rollup"), 0);  // the triggers were really off
  ASSERT_TRUE(in_write_transaction(*bulk, [&]() -> Status {
    WEIGE_TRY(d.restore(*bulk));
    return rebuild_case_derivatives(*bulk);
  }));

  const std::string rollup = "SELECT * FROM case_rollup ORDER BY tier, grid_id, community_id, day";
  auto expected = table(*by_trigger, rollup);
  EXPECT_GT(expected.size(), 300u);
  EXPECT_EQ(table(*bulk, rollup), expected);
  const std::string by_month = "SELECT * FROM case_rollup_month ORDER BY tier, grid_id, community_id, month";
  auto months = table(*by_trigger, by_month);
  EXPECT_GT(months.size(), 10u);
  EXPECT_EQ(table(*bulk, by_month), months);
  for (const char* phrase : {"电梯又坏", "电动车", "一直叫"}) {
    std::string q = std::string("SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"") + phrase + "\"' ORDER BY rowid";
    auto hits = table(*by_trigger, q);
    EXPECT_EQ(hits.size(), 100u) << phrase;
    EXPECT_EQ(table(*bulk, q), hits) << phrase;
  }
  // Later writes are kept by the restored triggers again.
  CaseRecord c;
  c.tracking_token = "later";
  c.category_id = 101;
  c.description = "新的电梯故障";
  c.created_at = c.updated_at = 1'790'000'000;
  ASSERT_TRUE(insert_case(*bulk, c));
  ASSERT_TRUE(in_write_transaction(*bulk, [&] { return index_pending_cases(*bulk); }));
  EXPECT_EQ(*bulk->scalar("SELECT count(*) FROM cases_fts WHERE cases_fts MATCH '\"电梯故障\"'"), 1);
  EXPECT_EQ(*bulk->scalar("SELECT sum(total) FROM case_rollup WHERE tier = 0"), 301 - 300 / 6);  // merged excluded
}

}  // namespace
}  // namespace weige::store
