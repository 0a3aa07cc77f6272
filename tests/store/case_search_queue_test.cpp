// Migration 0009: new cases wait in a queue and reach the trigram index once
// per write transaction. Searches are exact before and after indexing, and
// changed or deleted descriptions keep the index right either way.
#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/group_commit.h"
#include "store/sqlite_db.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

class CaseSearchQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::open_test_db(dir_.file("q.db"));
    ASSERT_TRUE(db_->execute("PRAGMA foreign_keys=OFF", {}));  // cases without a map
  }
  Id add(const std::string& description) {
    CaseRecord c;
    c.tracking_token = "t" + std::to_string(next_++);
    c.category_id = 101;
    c.description = description;
    c.created_at = c.updated_at = 1'780'000'000 + next_;
    auto id = insert_case(*db_, c);
    EXPECT_TRUE(id);
    return id ? *id : 0;
  }
  // The search as the case list runs it.
  std::vector<Id> search(const std::string& text) {
    CaseFilter f;
    f.text = text;
    auto facts = case_facts(*db_, f);
    EXPECT_TRUE(facts);
    std::vector<Id> ids;
    for (const auto& x : *facts) ids.push_back(x.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  // What the index alone holds for a phrase.
  std::int64_t indexed(const std::string& phrase) {
    return *db_->scalar("SELECT count(*) FROM cases_fts WHERE cases_fts MATCH ?", {"\"" + phrase + "\""});
  }
  std::int64_t queued() { return *db_->scalar("SELECT count(*) FROM cases_fts_pending"); }
  TempDir dir_;
  std::unique_ptr<Db> db_;
  int next_ = 0;
};

TEST_F(CaseSearchQueueTest, QueuedCasesAreFoundAndIndexedOnce) {
  Id a = add("电梯故障老人被困"), b = add("楼道电动车充电"), c = add("Elevator broken again");
  EXPECT_EQ(queued(), 3);
  EXPECT_EQ(indexed("电梯故障"), 0);
  EXPECT_EQ(search("电梯故障"), std::vector<Id>{a});
  EXPECT_EQ(search("电动车"), std::vector<Id>{b});
  EXPECT_EQ(search("ELEVATOR"), std::vector<Id>{c});  // ASCII case folds, as in the index

  ASSERT_TRUE(in_write_transaction(*db_, [&] { return index_pending_cases(*db_); }));
  EXPECT_EQ(queued(), 0);
  EXPECT_EQ(indexed("电梯故障"), 1);
  EXPECT_EQ(indexed("elevator"), 1);
  EXPECT_EQ(search("电梯故障"), std::vector<Id>{a});
  EXPECT_EQ(search("ELEVATOR"), std::vector<Id>{c});
  // Indexed once: a second call finds an empty queue and changes nothing.
  ASSERT_TRUE(in_write_transaction(*db_, [&] { return index_pending_cases(*db_); }));
  EXPECT_EQ(indexed("电梯故障"), 1);
  EXPECT_EQ(*db_->scalar("SELECT count(*) FROM cases_fts"), 3);
}

TEST_F(CaseSearchQueueTest, ChangedAndDeletedDescriptionsKeepTheIndexRight) {
  Id queued_case = add("旧的描述一号"), indexed_case = add("旧的描述二号"), gone = add("将被删除的案件");
  Id gone_indexed = add("索引后删除的案件");
  ASSERT_TRUE(db_->execute("DELETE FROM cases_fts_pending WHERE case_id <> ?", {queued_case}));
  ASSERT_TRUE(db_->execute("INSERT INTO cases_fts (rowid, description) SELECT id, description FROM cases WHERE id <> ?",
                           {queued_case}));
  // Changed while queued: only the new text is ever indexed.
  ASSERT_TRUE(db_->execute("UPDATE cases SET description = '新的描述一号' WHERE id = ?", {queued_case}));
  // Changed once indexed: the old text leaves the index, the new one enters.
  ASSERT_TRUE(db_->execute("UPDATE cases SET description = '新的描述二号' WHERE id = ?", {indexed_case}));
  ASSERT_TRUE(db_->execute("DELETE FROM cases WHERE id = ?", {gone_indexed}));
  Id gone_queued = add("排队时删除的案件");
  ASSERT_TRUE(db_->execute("DELETE FROM cases WHERE id = ?", {gone_queued}));
  EXPECT_EQ(queued(), 1);  // the deleted queued case left the queue
  ASSERT_TRUE(in_write_transaction(*db_, [&] { return index_pending_cases(*db_); }));

  EXPECT_EQ(indexed("旧的描述"), 0);
  EXPECT_EQ(search("旧的描述"), std::vector<Id>{});
  EXPECT_EQ(search("新的描述"), (std::vector<Id>{queued_case, indexed_case}));
  EXPECT_EQ(indexed("删除的案件"), 1);
  EXPECT_EQ(search("删除的案件"), std::vector<Id>{gone});
  // The index agrees with its content table.
  EXPECT_TRUE(db_->execute("INSERT INTO cases_fts(cases_fts) VALUES ('integrity-check')", {}));
}

TEST_F(CaseSearchQueueTest, TheGroupCommitterIndexesEachBatchBeforeItCommits) {
  GroupCommitter committer(testing::open_test_db(dir_.file("q.db")));
  committer.set_before_commit(index_pending_cases);
  Id category = *db_->scalar("SELECT min(id) FROM categories");
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(committer.run([&, i](Db& db) -> Status {
      CaseRecord c;
      c.tracking_token = "g" + std::to_string(i);
      c.category_id = category;
      c.description = "批次里的案件" + std::to_string(i);
      c.created_at = c.updated_at = 1'780'000'000;
      return insert_case(db, c).status();
    }));
  }
  EXPECT_EQ(queued(), 0);
  EXPECT_EQ(indexed("批次里的案件"), 5);
}

}  // namespace
}  // namespace weige::store
