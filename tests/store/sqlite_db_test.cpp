#include "store/sqlite_db.h"

#include <gtest/gtest.h>

#include "store/map_store.h"
#include "store/migrations.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

TEST(SqliteDbTest, MissingFileIsNotFoundUnlessCreating) {
  TempDir dir;
  auto missing = open_sqlite(dir.file("none.db"), {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  SqliteOptions o;
  o.create = true;
  EXPECT_TRUE(open_sqlite(dir.file("new.db"), o));
}

TEST(SqliteDbTest, NotADatabaseIsReported) {
  TempDir dir;
  {
    std::FILE* f = std::fopen(dir.file("junk.db").c_str(), "w");
    std::fputs("this is not a database, it is a text file long enough to have a header", f);
    std::fclose(f);
  }
  auto db = open_sqlite(dir.file("junk.db"), {});
  ASSERT_FALSE(db);
  EXPECT_NE(db.status().message().find("junk.db"), std::string::npos);
}

TEST(SqliteDbTest, MigrationsApplyOnceAndInOrder) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("m.db"));
  auto v = schema_version(*db);
  ASSERT_TRUE(v);
  // The newest migration's number (numbers may be reserved by work not yet merged).
  EXPECT_EQ(*v, migrations("sqlite").back().version);
  int calls = 0;
  ASSERT_TRUE(migrate(*db, [&](int, const std::string&) { ++calls; }));
  EXPECT_EQ(calls, 0);
  for (std::size_t i = 1; i < migrations("sqlite").size(); ++i) {
    EXPECT_LT(migrations("sqlite")[i - 1].version, migrations("sqlite")[i].version);
  }
}

TEST(SqliteDbTest, FailedTransactionLeavesNothingBehind) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("t.db"));
  std::string before = testing::dump(*db);
  Status s = in_write_transaction(*db, [&]() -> Status {
    Place p;
    p.kind = PlaceKind::kSubdistrict;
    p.name = "x";
    WEIGE_TRY(insert_place(*db, p).status());
    return Status::invalid("second step failed");
  });
  EXPECT_EQ(s.code(), Code::kInvalid);
  EXPECT_FALSE(db->in_transaction());
  EXPECT_EQ(before, testing::dump(*db));
}

TEST(SqliteDbTest, ConstraintViolationIsConflict) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("c.db"));
  auto r = db->execute("INSERT INTO places (kind, name, parent_id) VALUES ('building', 'x', 999)", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), Code::kConflict);
  auto bad_kind = db->execute("INSERT INTO places (kind, name) VALUES ('castle', 'x')", {});
  EXPECT_EQ(bad_kind.status().code(), Code::kConflict);
}

TEST(SqliteDbTest, LockedDatabaseIsUnavailable) {
  TempDir dir;
  auto a = testing::open_test_db(dir.file("l.db"));
  SqliteOptions o;
  o.busy_timeout_ms = 50;
  auto b = open_sqlite(dir.file("l.db"), o);
  ASSERT_TRUE(b);
  ASSERT_TRUE(a->begin_write());
  Status s = (*b)->begin_write();
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_NE(s.message().find("locked"), std::string::npos);
  ASSERT_TRUE(a->rollback());
}

TEST(SqliteDbTest, RowBatchWritesEveryRowInOrderAcrossStatements) {
  TempDir dir;
  SqliteOptions o;
  o.create = true;
  auto db = open_sqlite(dir.file("batch.db"), o);
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, s TEXT)"));
  RowBatch batch(**db, "INSERT INTO t (n, s)", 2, 4);
  // 10 rows in statements of 4: two full ones, and flush() writes the last 2.
  for (std::int64_t i = 0; i < 10; ++i) {
    ASSERT_TRUE(batch.add({i * 10, i % 3 ? Value(std::to_string(i)) : Value(nullptr)}));
  }
  EXPECT_EQ(batch.written(), 8);
  EXPECT_EQ(*(*db)->scalar("SELECT count(*) FROM t"), 8);
  ASSERT_TRUE(batch.flush());
  ASSERT_TRUE(batch.flush());  // nothing pending: a no-op
  EXPECT_EQ(batch.written(), 10);
  auto rows = (*db)->rows("SELECT id, n, s FROM t ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 10u);
  for (std::int64_t i = 0; i < 10; ++i) {
    const Row& r = (*rows)[static_cast<std::size_t>(i)];
    EXPECT_EQ(r.i64(1), i * 10) << "row " << i << " is in the order added";
    EXPECT_EQ(r.is_null(2), i % 3 == 0);
  }

  // A row of the wrong width is refused before anything is sent.
  RowBatch wrong(**db, "INSERT INTO t (n, s)", 2, 4);
  EXPECT_EQ(wrong.add({std::int64_t{1}}).code(), Code::kInternal);
  // A failing statement reports the database's error.
  RowBatch failing(**db, "INSERT INTO t (id, n)", 2, 2);
  ASSERT_TRUE(failing.add({std::int64_t{100}, std::int64_t{1}}));
  EXPECT_EQ(failing.add({std::int64_t{1}, std::int64_t{2}}).code(), Code::kConflict) << "id 1 is taken";
}

TEST(SqliteDbTest, RingsRoundTripThroughJson) {
  Polygon p{{{104.1, 30.6}, {104.2, 30.6}, {104.2, 30.7}}};
  auto back = ring_from_json(ring_to_json(p));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->ring, p.ring);
  EXPECT_FALSE(ring_from_json("[[1,\"a\"]]"));
  EXPECT_FALSE(ring_from_json("{"));
}

}  // namespace
}  // namespace weige::store
