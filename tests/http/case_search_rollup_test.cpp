// Full-text search over case descriptions (the trigram index cases_fts) and
// the incremental rollup behind the dashboard's rates (case_rollup), both
// kept by the triggers of migration 0007, on the demo community's generated
// history. The rollup must give exactly what a scan of the cases gives
// (compute_metrics over case_facts, the computation the dashboard always
// used), under every filter it answers and after changes, merges and deletes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "demo/case_history.h"
#include "demo/generator.h"
#include "domain/work_calendar.h"
#include "store/case_store.h"
#include "store/map_store.h"
#include "store/sqlite_db.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

constexpr Seconds kLocalMidnightOffset = 8 * 3600;

class CaseSearchRollupTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    ASSERT_TRUE(demo::generate_demo(server_->db(), server_->vault()));
    demo::CaseHistoryParams p;
    p.end = server_->now();
    p.days = 45;
    auto h = demo::generate_case_history(server_->db(), server_->vault(), p);
    ASSERT_TRUE(h) << h.status().to_string();
  }
  static void TearDownTestSuite() { delete server_; }
  int port() { return server_->port(); }
  store::Db& db() { return server_->db(); }
  Id id_of(const std::string& sql, const store::Params& p = {}) { return *db().scalar(sql, p); }

  // Local midnight `days` before the server's day.
  Seconds midnight(int days_ago) {
    Seconds now = server_->now();
    Seconds today = (now + kLocalMidnightOffset) / 86400 * 86400 - kLocalMidnightOffset;
    return today - days_ago * 86400;
  }

  // Every filter shape the rollup answers, on the generated map.
  std::vector<std::pair<std::string, store::CaseFilter>> answered_filters() {
    std::vector<std::pair<std::string, store::CaseFilter>> out;
    Id community = id_of("SELECT id FROM places WHERE kind = 'community'");
    Id subdistrict = id_of("SELECT id FROM places WHERE kind = 'subdistrict'");
    Id huarun_grid = id_of("SELECT grid_id FROM places WHERE name = '华润六期锦云府'");
    Id busy_micro = id_of("SELECT grid_id FROM cases GROUP BY grid_id ORDER BY count(*) DESC LIMIT 1");
    out.push_back({"everything", {}});
    store::CaseFilter f;
    f.community_id = community;
    out.push_back({"community", f});
    f = {};
    f.community_ids = *store::community_ids_of(db(), subdistrict);
    out.push_back({"subdistrict", f});
    f = {};
    f.grid_ids = *store::grid_subtree(db(), huarun_grid);
    out.push_back({"grid subtree", f});
    f.community_id = community;
    out.push_back({"grid subtree in the community", f});
    f = {};
    f.grid_ids = {busy_micro};
    out.push_back({"micro-grid", f});
    f.created_from = midnight(20);
    f.created_to = midnight(5);
    out.push_back({"micro-grid, 15 days", f});
    f = {};
    f.community_id = community;
    f.created_from = midnight(30);
    out.push_back({"community, last 30 days", f});
    // Whole months come from the month rows (migration 0012), the days
    // around them from the day rows.
    Day today = (server_->now() + kLocalMidnightOffset) / 86400;
    auto local_midnight = [](Day d) { return d * 86400 - kLocalMidnightOffset; };
    Month this_month = month_index(today);
    f = {};
    f.community_id = community;
    f.created_from = local_midnight(first_day_of(this_month - 1));
    f.created_to = local_midnight(first_day_of(this_month));
    out.push_back({"community, last calendar month", f});
    f = {};
    f.community_ids = *store::community_ids_of(db(), subdistrict);
    f.created_from = midnight(44);
    f.created_to = midnight(1);
    out.push_back({"subdistrict, 44 days ago to yesterday", f});
    f = {};
    f.grid_ids = {busy_micro};
    f.created_from = local_midnight(first_day_of(this_month - 2) + 3);
    out.push_back({"micro-grid, from the 4th two months ago", f});
    f = {};
    f.grid_ids = {-1};  // what restrict() leaves for a filter outside the scope
    out.push_back({"nothing", f});
    return out;
  }

  // The rollup's counts equal the scan's for every answered filter.
  void expect_rollup_equals_scan(const std::string& when) {
    for (const auto& [name, f] : answered_filters()) {
      auto rolled = store::rollup_rate_counts(db(), f);
      ASSERT_TRUE(rolled) << rolled.status().to_string();
      ASSERT_TRUE(rolled->has_value()) << name << " should be answered by the rollup";
      auto facts = store::case_facts(db(), f);
      ASSERT_TRUE(facts);
      RateCounts scanned = rate_counts(compute_metrics(*facts, server_->now()));
      EXPECT_EQ(**rolled, scanned) << name << " " << when << ": rollup total " << (*rolled)->total << " finished "
                                   << (*rolled)->finished << ", scan total " << scanned.total << " finished "
                                   << scanned.finished;
    }
  }

  // A case in `grid` with this description (no history: these are test rows).
  Id add_case(Id grid, const std::string& description, const std::string& state = "dispatched") {
    store::CaseRecord c;
    c.tracking_token = "t" + std::to_string(++tokens_) + description.substr(0, 3);
    c.channel = Channel::kHotline;
    c.category_id = 101;
    c.description = description;
    c.grid_id = grid;
    c.community_id = id_of("SELECT community_id FROM grids WHERE id = ?", {grid});
    c.state = *parse_case_state(state);
    c.created_at = c.updated_at = server_->now() - 3600;
    auto id = store::insert_case(db(), c);
    EXPECT_TRUE(id) << id.status().to_string();
    return *id;
  }

  json search(const std::string& q, const Headers& as = {}) {
    Reply r = http(port(), {"GET", "/api/v1/cases?q=" + q + "&limit=50", "", "", as});
    EXPECT_EQ(r.status, 200) << r.body;
    return body(r);
  }
  static std::vector<Id> ids(const json& page) {
    std::vector<Id> out;
    for (const auto& c : page["items"]) out.push_back(c["id"].get<Id>());
    return out;
  }

  static TestServer* server_;
  int tokens_ = 0;
};
TestServer* CaseSearchRollupTest::server_ = nullptr;

// Percent-encodes UTF-8 for a query string.
std::string enc(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char ch : s) {
    if (std::isalnum(ch)) {
      out += static_cast<char>(ch);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

TEST_F(CaseSearchRollupTest, RollupEqualsTheScanOnTheGeneratedHistory) {
  ASSERT_GT(id_of("SELECT count(*) FROM cases WHERE state IN ('closed','rated')"), 1000);
  expect_rollup_equals_scan("after generation");
  // And the rates are not trivial: some settle in the micro-grid, some above.
  auto all = store::rollup_rate_counts(db(), {});
  ASSERT_TRUE(all && *all);
  EXPECT_GT((*all)->settled_micro, 0);
  EXPECT_GT((*all)->settled_community, (*all)->settled_micro);
  EXPECT_GT((*all)->rated, 0);
  // An independent count over the raw rows.
  EXPECT_EQ((*all)->finished, id_of("SELECT count(*) FROM cases WHERE state IN ('closed','rated')"));
  EXPECT_EQ((*all)->responded,
            id_of("SELECT count(*) FROM cases WHERE state <> 'merged' AND responded_at <= accept_due_at"));
}

TEST_F(CaseSearchRollupTest, RollupDeclinesFiltersItCannotAnswer) {
  store::CaseFilter f;
  f.category_ids = {101};
  EXPECT_FALSE(store::rollup_rate_counts(db(), f)->has_value());
  f = {};
  f.created_from = midnight(3) + 3600;  // not a local midnight
  EXPECT_FALSE(store::rollup_rate_counts(db(), f)->has_value());
  f = {};
  f.text = "电梯";
  EXPECT_FALSE(store::rollup_rate_counts(db(), f)->has_value());
}

TEST_F(CaseSearchRollupTest, RollupFollowsChangesMergesAndDeletes) {
  auto open = db().rows("SELECT id FROM cases WHERE state IN ('dispatched','in_progress') ORDER BY id LIMIT 4");
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 4u);
  // Settled in the micro-grid, rated, on time.
  auto c = store::get_case(db(), (*open)[0].i64(0));
  ASSERT_TRUE(c);
  c->state = CaseState::kRated;
  c->first_resolved_at = c->resolved_at = c->created_at + 3600;
  c->resolve_due_at = c->created_at + 7200;
  c->closed_at = c->created_at + 7300;
  c->settled_level = HandlingLevel::kMicroGrid;
  c->rating = Rating::kUnsatisfied;
  ASSERT_TRUE(store::update_case(db(), *c));
  // Merged into another case: it counts nowhere any more.
  c = store::get_case(db(), (*open)[1].i64(0));
  c->state = CaseState::kMerged;
  c->merged_into = (*open)[2].i64(0);
  ASSERT_TRUE(store::update_case(db(), *c));
  // Moved to another grid and day.
  c = store::get_case(db(), (*open)[3].i64(0));
  c->grid_id = id_of("SELECT id FROM grids WHERE kind = 'micro_grid' AND id <> ? ORDER BY id LIMIT 1",
                     {store::opt(c->grid_id)});
  c->created_at -= 3 * 86400;
  ASSERT_TRUE(store::update_case(db(), *c));
  expect_rollup_equals_scan("after updates");
  // Inserted and deleted again.
  Id grid = id_of("SELECT id FROM grids WHERE kind = 'micro_grid' ORDER BY id LIMIT 1");
  Id added = add_case(grid, "临时记录，稍后删除", "closed");
  expect_rollup_equals_scan("after an insert");
  ASSERT_TRUE(db().execute("DELETE FROM cases WHERE id = ?", {added}));
  expect_rollup_equals_scan("after a delete");
}

TEST_F(CaseSearchRollupTest, RatesFieldsComeFromTheRollupAndMatchTheFullMetrics) {
  Id community = id_of("SELECT id FROM places WHERE kind = 'community'");
  Id subdistrict = id_of("SELECT id FROM places WHERE kind = 'subdistrict'");
  for (const std::string& q : {"community_id=" + std::to_string(community),
                              "subdistrict_id=" + std::to_string(subdistrict), std::string("from=2000-01-01"),
                              "community_id=" + std::to_string(community) + "&category_id=1"}) {
    Reply full = get(port(), "/api/v1/metrics?" + q);
    Reply rates = get(port(), "/api/v1/metrics?fields=rates&" + q);
    ASSERT_EQ(full.status, 200) << full.body;
    ASSERT_EQ(rates.status, 200) << rates.body;
    json f = body(full), r = body(rates);
    EXPECT_EQ(r["source"], q.find("category_id") == std::string::npos ? "rollup" : "scan") << q;
    for (const char* key : {"total", "open", "finished", "never_leave", "hotline"}) EXPECT_EQ(r[key], f[key]) << q << " " << key;
    EXPECT_FALSE(r.contains("workload"));
    EXPECT_GT(r["total"].get<std::int64_t>(), 0) << q;
  }
  Reply bad = get(port(), "/api/v1/metrics?fields=everything");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("fields"), std::string::npos);
  Reply not_subdistrict = get(port(), "/api/v1/metrics?fields=rates&subdistrict_id=" + std::to_string(community));
  EXPECT_EQ(not_subdistrict.status, 400);
}

// The rates are kept between commits (service/answer_cache.h), never past one:
// a commit by this process shows at once, another process's within the
// change watcher's period.
TEST_F(CaseSearchRollupTest, KeptRatesNeverOutliveACommit) {
  Id community = id_of("SELECT id FROM places WHERE kind = 'community'");
  Id grid = id_of("SELECT id FROM grids WHERE kind = 'micro_grid' AND community_id = ? ORDER BY id LIMIT 1",
                  {community});
  const std::string path = "/api/v1/metrics?fields=rates&community_id=" + std::to_string(community);
  auto total = [&] {
    Reply r = get(port(), path);
    EXPECT_EQ(r.status, 200) << r.body;
    return body(r)["total"].get<std::int64_t>();
  };
  const std::int64_t before = total();
  EXPECT_EQ(total(), before);  // answered again, now from what was kept
  Id added = add_case(grid, "缓存之后新增的案件", "closed");
  EXPECT_EQ(total(), before + 1);  // this process's commit: at once
  ASSERT_TRUE(db().execute("DELETE FROM cases WHERE id = ?", {added}));
  EXPECT_EQ(total(), before);

  // Another process merges a closed case of the community into another: it
  // counts nowhere any more.
  Id gone = id_of("SELECT id FROM cases WHERE community_id = ? AND state = 'closed' ORDER BY id LIMIT 1", {community});
  Id into = id_of("SELECT id FROM cases WHERE community_id = ? AND id <> ? ORDER BY id LIMIT 1", {community, gone});
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto other = store::open_sqlite(server_->db_path(), {});
    auto done = other ? (*other)->execute("UPDATE cases SET state = 'merged', merged_into = ? WHERE id = ?", {into, gone})
                      : Result<std::int64_t>(other.status());
    if (!done) std::fprintf(stderr, "child: %s\n", done.status().to_string().c_str());
    ::_exit(done ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::int64_t seen = before;
  for (int i = 0; i < 100 && seen == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    seen = total();
  }
  EXPECT_EQ(seen, before - 1);
  expect_rollup_equals_scan("after another process's merge");
}

TEST_F(CaseSearchRollupTest, RatesObeyTheCallersScope) {
  Id huarun_grid = id_of("SELECT grid_id FROM places WHERE name = '华润六期锦云府'");
  Headers worker = server_->as("grid_worker", std::nullopt, huarun_grid);
  Reply full = http(port(), {"GET", "/api/v1/metrics", "", "", worker});
  Reply rates = http(port(), {"GET", "/api/v1/metrics?fields=rates", "", "", worker});
  Reply everything = get(port(), "/api/v1/metrics?fields=rates");
  ASSERT_EQ(rates.status, 200) << rates.body;
  json f = body(full), r = body(rates);
  EXPECT_EQ(r["source"], "rollup");
  EXPECT_EQ(r["total"], f["total"]);
  EXPECT_EQ(r["hotline"], f["hotline"]);
  EXPECT_EQ(r["never_leave"], f["never_leave"]);
  EXPECT_GT(r["total"].get<std::int64_t>(), 0);
  EXPECT_LT(r["total"].get<std::int64_t>(), body(everything)["total"].get<std::int64_t>());
}

TEST_F(CaseSearchRollupTest, SearchFindsChineseSubstringsWithinTheScope) {
  Id grid_a = id_of("SELECT id FROM grids WHERE kind = 'micro_grid' ORDER BY id LIMIT 1");
  Id grid_b = id_of("SELECT id FROM grids WHERE kind = 'micro_grid' ORDER BY id LIMIT 1 OFFSET 5");
  Id a = add_case(grid_a, "三号楼楼道里堆放杂物挡住了消防通道，请尽快清理");
  Id b = add_case(grid_b, "二单元门口的WiFi路由器噪声很大，堆放杂物挡住了出口");
  auto found = ids(search(enc("杂物挡住")));
  EXPECT_EQ(found, (std::vector<Id>{b, a}));  // newest first: equal times, higher id first
  EXPECT_EQ(ids(search(enc("三号楼楼道"))), std::vector<Id>{a});
  EXPECT_EQ(ids(search("wifi")), std::vector<Id>{b});  // case-insensitive
  EXPECT_TRUE(ids(search(enc("杂物挡不住"))).empty());
  // One and two characters cannot use the trigram index; they still search.
  auto two = ids(search(enc("杂物")));
  EXPECT_NE(std::find(two.begin(), two.end(), a), two.end());
  EXPECT_NE(std::find(two.begin(), two.end(), b), two.end());
  // Quotes and operators are text, not query syntax.
  EXPECT_TRUE(ids(search(enc("杂物\" OR \"消防"))).empty());
  // A grid worker of grid B sees only B's case.
  Headers worker_b = server_->as("grid_worker", std::nullopt, grid_b);
  EXPECT_EQ(ids(search(enc("杂物挡住"), worker_b)), std::vector<Id>{b});
  EXPECT_EQ(search(enc("杂物挡住"), worker_b)["total"], 1);
  // Metrics with q search the same way.
  Reply m = get(port(), "/api/v1/metrics?q=" + enc("杂物挡住"));
  EXPECT_EQ(body(m)["total"], 2);
}

TEST_F(CaseSearchRollupTest, SearchFollowsDescriptionChanges) {
  Id grid = id_of("SELECT id FROM grids WHERE kind = 'micro_grid' ORDER BY id LIMIT 1 OFFSET 2");
  Id id = add_case(grid, "小区东门的路灯坏了一个星期");
  EXPECT_EQ(ids(search(enc("路灯坏了"))), std::vector<Id>{id});
  auto c = store::get_case(db(), id);
  ASSERT_TRUE(c);
  c->description = "小区东门的井盖松动，夜里有响声";
  ASSERT_TRUE(store::update_case(db(), *c));
  EXPECT_TRUE(ids(search(enc("路灯坏了"))).empty());
  EXPECT_EQ(ids(search(enc("井盖松动"))), std::vector<Id>{id});
  ASSERT_TRUE(db().execute("DELETE FROM cases WHERE id = ?", {id}));
  EXPECT_TRUE(ids(search(enc("井盖松动"))).empty());
  // The index and its queue (migration 0009) hold exactly the rows of cases: once the queue is
  // indexed, the index alone does.
  ASSERT_TRUE(store::in_write_transaction(db(), [&] { return store::index_pending_cases(db()); }));
  EXPECT_EQ(*db().scalar("SELECT count(*) FROM cases_fts_pending"), 0);
  EXPECT_TRUE(db().execute("INSERT INTO cases_fts(cases_fts, rank) VALUES ('integrity-check', 1)", {}));
}

}  // namespace
}  // namespace weige::testing
