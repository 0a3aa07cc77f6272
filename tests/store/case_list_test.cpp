// The inbox's pages: every sort order, paged through to the end, gives the
// filtered cases exactly once each, in the order the sort names (ties broken
// by id), with the full count on every page.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "store/case_store.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

struct Fixture {
  std::unique_ptr<Db> db;
  std::vector<CaseRecord> cases;  // as inserted, with their ids
};

Fixture seeded(const std::string& path) {
  auto db = weige::testing::open_test_db(path);
  EXPECT_TRUE(db->execute("PRAGMA foreign_keys=OFF", {}));  // cases without a map
  Fixture f;
  const char* states[] = {"reported", "closed", "in_progress", "dispatched",
                          "rated",    "parked", "accepted"};
  for (int i = 0; i < 140; ++i) {
    CaseRecord c;
    c.tracking_token = "t" + std::to_string(i);
    c.category_id = 101;
    c.description = "case " + std::to_string(i);
    c.state = *parse_case_state(states[i % 7]);
    c.community_id = 1;
    c.grid_id = 10 + i % 5;
    c.place_id = 100;
    // Every creation time is shared by two cases, 70 ids apart: ties.
    c.created_at = c.updated_at = 1'780'000'000 + (i * 37) % 70 * 600;
    if (i % 4 != 0) c.stage_due_at = 1'790'000'000 + (i * 104'729) % 50 * 3600;
    auto id = insert_case(*db, c);
    EXPECT_TRUE(id) << i;
    c.id = id ? *id : 0;
    f.cases.push_back(c);
  }
  f.db = std::move(db);
  return f;
}

// What list_cases should return for the filter, sorted the filter's way.
std::vector<Id> expected(const std::vector<CaseRecord>& all, const CaseFilter& f) {
  std::set<CaseState> states(f.states.begin(), f.states.end());
  std::set<Id> grids(f.grid_ids.begin(), f.grid_ids.end());
  std::vector<CaseRecord> in;
  for (const auto& c : all) {
    if (!states.empty() && !states.count(c.state)) continue;
    if (!grids.empty() && !grids.count(c.grid_id.value_or(0))) continue;
    in.push_back(c);
  }
  auto less = [&](const CaseRecord& a, const CaseRecord& b) {
    if (f.sort == "created_at") return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
    if (f.sort == "-created_at") return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
    if (f.sort == "due") {  // no deadline last
      if (a.stage_due_at.has_value() != b.stage_due_at.has_value())
        return a.stage_due_at.has_value();
      return std::tie(a.stage_due_at, a.id) < std::tie(b.stage_due_at, b.id);
    }
    // -due: no deadline sorts lowest, so last
    if (a.stage_due_at != b.stage_due_at) return a.stage_due_at > b.stage_due_at;
    return a.id > b.id;
  };
  std::sort(in.begin(), in.end(), less);
  std::vector<Id> ids;
  for (const auto& c : in) ids.push_back(c.id);
  return ids;
}

TEST(CaseListTest, EverySortPagesThroughTheFilteredCasesOnceInOrder) {
  TempDir dir;
  Fixture fx = seeded(dir.file("list.db"));
  std::vector<CaseFilter> filters(3);
  filters[1].states = {CaseState::kReported, CaseState::kAccepted, CaseState::kDispatched,
                       CaseState::kInProgress, CaseState::kParked};
  filters[1].grid_ids = {10, 12, 13};
  filters[2].grid_ids = {14};
  for (const auto& base : filters) {
    for (std::string sort : {"-created_at", "created_at", "due", "-due"}) {
      CaseFilter f = base;
      f.sort = sort;
      f.limit = 7;
      std::vector<Id> want = expected(fx.cases, f);
      ASSERT_GT(want.size(), 7u) << sort;  // more than one page
      std::vector<Id> got;
      for (f.offset = 0; f.offset <= static_cast<int>(want.size()); f.offset += f.limit) {
        auto page = list_cases(*fx.db, f);
        ASSERT_TRUE(page) << page.status().message();
        EXPECT_EQ(page->total, static_cast<std::int64_t>(want.size()))
            << sort << " at " << f.offset;
        EXPECT_LE(page->items.size(), 7u);
        for (const auto& c : page->items) got.push_back(c.id);
      }
      EXPECT_EQ(got, want) << "sort " << sort << ", " << base.states.size() << " states, "
                           << base.grid_ids.size() << " grids";
    }
  }
}

// The console's inbox asks for every open state; its count and page are then
// served by the index of open cases (migration 0011), one seek a grid instead
// of one per grid and state. Asking for a settled state too cannot use it.
TEST(CaseListTest, TheOpenInboxUsesTheIndexOfOpenCases) {
  TempDir dir;
  Fixture fx = seeded(dir.file("plan.db"));
  auto uses_open_index = [&](const CaseFilter& f) {
    auto plan = case_list_plan(*fx.db, f);
    EXPECT_TRUE(plan) << plan.status().message();
    std::string all;
    if (plan) for (const auto& line : *plan) all += line + "\n";
    return all.find("cases_open_grid_created") != std::string::npos;
  };
  CaseFilter open;
  for (int s = 0; s <= static_cast<int>(CaseState::kMerged); ++s) {
    if (is_open(static_cast<CaseState>(s))) open.states.push_back(static_cast<CaseState>(s));
  }
  ASSERT_EQ(open.states.size(), 8u);
  open.grid_ids = {10, 12, 13};
  EXPECT_TRUE(uses_open_index(open));
  CaseFilter with_closed = open;
  with_closed.states.push_back(CaseState::kClosed);
  EXPECT_FALSE(uses_open_index(with_closed));

  // Either way the page holds exactly the cases in those states and grids.
  for (const CaseFilter& f : {open, with_closed}) {
    CaseFilter g = f;
    g.limit = 200;
    auto page = list_cases(*fx.db, g);
    ASSERT_TRUE(page) << page.status().message();
    std::vector<Id> got;
    for (const auto& c : page->items) got.push_back(c.id);
    EXPECT_EQ(got, expected(fx.cases, g)) << g.states.size() << " states";
    EXPECT_EQ(page->total, static_cast<std::int64_t>(got.size()));
  }
}

}  // namespace
}  // namespace weige::store
