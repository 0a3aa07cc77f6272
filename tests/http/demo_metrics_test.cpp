// The demo community through the API: the article's figures in the grid tree,
// and the never-leave and hotline rates matching an independent count over
// the raw cases, with the micro-grid share rising through the year.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "demo/case_history.h"
#include "demo/generator.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;

class DemoMetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    ASSERT_TRUE(demo::generate_demo(server_->db(), server_->vault()));
    demo::CaseHistoryParams p;
    p.end = server_->now();
    auto h = demo::generate_case_history(server_->db(), server_->vault(), p);
    ASSERT_TRUE(h) << h.status().to_string();
    grandma_ = h->grandma_wang_case_id;
    community_ = *server_->db().scalar("SELECT id FROM places WHERE kind = 'community'");
  }
  static void TearDownTestSuite() { delete server_; }
  int port() { return server_->port(); }
  std::int64_t count(const std::string& where) {
    return *server_->db().scalar("SELECT count(*) FROM cases WHERE community_id = ? AND " + where, {community_});
  }
  std::map<std::string, std::string> leader;  // the test server's default admin sign-in

  static TestServer* server_;
  static Id grandma_;
  static Id community_;
};
TestServer* DemoMetricsTest::server_ = nullptr;
Id DemoMetricsTest::grandma_ = 0;
Id DemoMetricsTest::community_ = 0;

TEST_F(DemoMetricsTest, GridTreeShowsTheArticlesFigures) {
  Reply r = get(port(), "/api/v1/grids/tree");
  ASSERT_EQ(r.status, 200);
  json community = body(r)["roots"][0]["children"][0];
  EXPECT_EQ(community["name"], "双福路社区");
  EXPECT_EQ(community["counts"]["party_volunteers"], 142);
  json general = community["children"][0];
  int grids = 0, exclusive = 0, micro = 0;
  for (const auto& g : general["children"]) {
    if (g["kind"] == "grid") ++grids;
    if (g["kind"] == "exclusive_grid") ++exclusive;
    micro += static_cast<int>(g["children"].size());
  }
  EXPECT_EQ(grids, 11);
  EXPECT_EQ(exclusive, 2);
  EXPECT_EQ(micro, 129);
  Reply check = get(port(), "/api/v1/check");
  EXPECT_EQ(body(check)["errors"], 0);
  EXPECT_EQ(body(check)["warnings"], 0);
}

TEST_F(DemoMetricsTest, RatesMatchAnIndependentCountOverTheRawCases) {
  Reply r = http(port(), {"GET", "/api/v1/metrics?community_id=" + std::to_string(community_), "", "", leader});
  ASSERT_EQ(r.status, 200) << r.body;
  json m = body(r);
  std::int64_t finished = count("state IN ('closed','rated')");
  ASSERT_GT(finished, 10000);
  EXPECT_EQ(m["finished"], finished);
  EXPECT_EQ(m["total"], count("state <> 'merged'"));
  EXPECT_EQ(m["never_leave"]["micro_grid"]["numerator"], count("state IN ('closed','rated') AND settled_level = 1"));
  EXPECT_EQ(m["never_leave"]["community"]["numerator"], count("state IN ('closed','rated') AND settled_level <= 2"));
  EXPECT_EQ(m["never_leave"]["subdistrict"]["numerator"], count("state IN ('closed','rated') AND settled_level <= 3"));
  EXPECT_EQ(m["never_leave"]["micro_grid"]["denominator"], finished);
  EXPECT_EQ(m["hotline"]["response_rate"]["numerator"], count("state <> 'merged' AND responded_at <= accept_due_at"));
  EXPECT_EQ(m["hotline"]["response_rate"]["denominator"], count("state <> 'merged'"));
  EXPECT_EQ(m["hotline"]["on_time_resolution_rate"]["numerator"], count("first_resolved_at IS NOT NULL AND first_resolved_at <= resolve_due_at"));
  EXPECT_EQ(m["hotline"]["on_time_resolution_rate"]["denominator"], count("first_resolved_at IS NOT NULL"));
  EXPECT_EQ(m["hotline"]["satisfaction_rate"]["numerator"], count("rating IN ('satisfied','basically_satisfied')"));
  EXPECT_EQ(m["hotline"]["satisfaction_rate"]["denominator"], count("rating IS NOT NULL"));
  EXPECT_EQ(m["open"], count("state NOT IN ('rejected','closed','rated','merged')"));
}

TEST_F(DemoMetricsTest, HuarunStartsAtFiftyADayAndTheMicroGridsTakeOver) {
  Id huarun = *server_->db().scalar("SELECT id FROM places WHERE name = '华润六期锦云府'");
  Id grid = *server_->db().scalar("SELECT grid_id FROM places WHERE id = ?", {huarun});
  Reply r = http(port(), {"GET", "/api/v1/metrics/trend?bucket=month&grid_id=" + std::to_string(grid), "", "", leader});
  ASSERT_EQ(r.status, 200) << r.body;
  json points = body(r)["points"];
  ASSERT_GE(points.size(), 12u);
  double first = points[1]["metrics"]["never_leave"]["micro_grid"]["value"];  // the first whole month
  double last = points[points.size() - 2]["metrics"]["never_leave"]["micro_grid"]["value"];
  EXPECT_LT(first, 0.25);
  EXPECT_GT(last, 0.55);
  // About 50 requests a day, most of them to the property office at first.
  std::int64_t first_month = points[1]["metrics"]["total"];
  EXPECT_GT(first_month, 30 * 40);
  EXPECT_LT(first_month, 31 * 55);
  Reply inbox = http(port(), {"GET", "/api/v1/cases?grid_id=" + std::to_string(grid) + "&handler=property_company&limit=1", "", "", leader});
  EXPECT_GT(body(inbox)["total"].get<std::int64_t>(), 5000);
}

TEST_F(DemoMetricsTest, GrandmaWangsCaseIsReplayed) {
  Reply r = http(port(), {"GET", "/api/v1/cases/" + std::to_string(grandma_), "", "", leader});
  ASSERT_EQ(r.status, 200) << r.body;
  json c = body(r);
  EXPECT_EQ(c["channel"], "walk_in");
  EXPECT_EQ(c["category"]["code"], "dispute.pets");
  EXPECT_EQ(c["state"], "rated");
  EXPECT_EQ(c["settled_level"], "micro_grid");
  EXPECT_EQ(c["rating"], "satisfied");
  EXPECT_EQ(c["mediation"]["signed_by"].size(), 2u);
  EXPECT_FALSE(c["mediation"]["agreement"].get<std::string>().empty());
  EXPECT_EQ(c["mediation"]["sessions"].size(), 1u);
  bool visited = false;
  for (const auto& e : c["timeline"]) visited = visited || e["action"] == "visit";
  EXPECT_TRUE(visited);
}

}  // namespace
}  // namespace weige::testing
