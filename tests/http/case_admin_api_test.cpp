// Admin endpoints (categories, routing rules, calendar) and the monthly report.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

class CaseAdminTest : public ::testing::Test {
 protected:
  TestServer server;
  int port() { return server.port(); }
  Headers admin = server.as("subdistrict_admin");
  Headers secretary = server.as("community_admin");
};

TEST_F(CaseAdminTest, CategoriesAreSeededAndEditableByTheAdminOnly) {
  Reply list = get(port(), "/api/v1/categories");
  ASSERT_EQ(list.status, 200);
  json items = body(list)["items"];
  std::set<std::string> codes;
  for (const auto& c : items) codes.insert(c["code"]);
  for (const char* code : {"dispute.neighbour", "dispute.pets", "dispute.noise", "environment.fumes", "order.thrown_objects",
                           "order.illegal_construction", "order.street_vending", "order.parking", "environment.sanitation",
                           "facilities.public", "property.lift", "property.leak", "property.cleaning", "property.greenery",
                           "property.security", "safety.fire_exit", "safety.ebike_charging", "care.elderly", "care.disabled",
                           "enquiry.policy", "suggestion.general", "praise.general"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
  json new_cat{{"code", "order.dog_fouling"}, {"parent_id", 3}, {"name_zh", "犬只粪便"}, {"name_en", "Dog fouling"},
               {"pinyin", "qzfb"}, {"level", "micro"}, {"path", "micro_grid"}, {"hours", {{"resolve", 8}}}};
  EXPECT_EQ(http(port(), {"POST", "/api/v1/categories", new_cat.dump(), "application/json", secretary}).status, 403);
  Reply made = http(port(), {"POST", "/api/v1/categories", new_cat.dump(), "application/json", admin});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(body(made)["hours"]["resolve"], 8.0);
  Id id = body(made)["id"];
  Reply dup = http(port(), {"POST", "/api/v1/categories", new_cat.dump(), "application/json", admin});
  EXPECT_EQ(dup.status, 409);
  Reply patched = http(port(), {"PATCH", "/api/v1/categories/" + std::to_string(id),
                                json{{"enabled", false}, {"hours", {{"resolve", -1}}}}.dump(), "application/json", admin});
  EXPECT_EQ(patched.status, 400);
  patched = http(port(), {"PATCH", "/api/v1/categories/" + std::to_string(id), json{{"enabled", false}}.dump(), "application/json", admin});
  EXPECT_EQ(body(patched)["enabled"], false);
  // A disabled category takes no new cases.
  MiniMap m = build(port());
  Reply refused = http(port(), {"POST", "/api/v1/cases", json{{"category_id", id}, {"place_id", m.unit1}, {"description", "x"}}.dump(),
                                "application/json", admin});
  EXPECT_EQ(refused.status, 400) << refused.body;
}

TEST_F(CaseAdminTest, RoutingRulesDecideAndAreExplained) {
  MiniMap m = build(port());
  json rule{{"priority", 500}, {"category_id", 201}, {"grid_id", m.grid_a1}, {"handler", "subdistrict"}, {"note", "商街油烟由街道综合执法处理"}};
  EXPECT_EQ(http(port(), {"POST", "/api/v1/routing-rules", rule.dump(), "application/json", secretary}).status, 403);
  Reply made = http(port(), {"POST", "/api/v1/routing-rules", rule.dump(), "application/json", admin});
  ASSERT_EQ(made.status, 201) << made.body;
  Reply c = http(port(), {"POST", "/api/v1/cases", json{{"category_id", 201}, {"place_id", m.unit1}, {"description", "油烟"}}.dump(),
                          "application/json", admin});
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(body(c)["handler"], "subdistrict");
  EXPECT_NE(body(c)["routing_explanation"].get<std::string>().find("商街油烟由街道综合执法处理"), std::string::npos);
  Reply bad = http(port(), {"POST", "/api/v1/routing-rules", json{{"handler", "wizard"}}.dump(), "application/json", admin});
  EXPECT_EQ(bad.status, 400);
  Reply del = http(port(), {"DELETE", "/api/v1/routing-rules/" + std::to_string(body(made)["id"].get<Id>()), "", "", admin});
  EXPECT_EQ(del.status, 200);
  // Without the rule, the category's default path applies.
  Reply c2 = http(port(), {"POST", "/api/v1/cases", json{{"category_id", 201}, {"place_id", m.unit1}, {"description", "油烟2"}}.dump(),
                           "application/json", admin});
  EXPECT_EQ(body(c2)["handler"], "community");
}

TEST_F(CaseAdminTest, HolidaysMoveDeadlines) {
  MiniMap m = build(port());
  // Monday 2026-11-30 10:00; dispute.noise accept stage is 1 working hour.
  EXPECT_EQ(http(port(), {"PUT", "/api/v1/calendar/2026-11-30", json{{"kind", "holiday"}}.dump(), "application/json", secretary}).status, 403);
  Reply h = http(port(), {"PUT", "/api/v1/calendar/2026-11-30", json{{"kind", "holiday"}, {"note", "test"}}.dump(), "application/json", admin});
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_EQ(http(port(), {"PUT", "/api/v1/calendar/2026-02-30", json{{"kind", "holiday"}}.dump(), "application/json", admin}).status, 400);
  Reply c = http(port(), {"POST", "/api/v1/cases", json{{"category_id", 103}, {"place_id", m.unit1}, {"description", "噪音"}}.dump(),
                          "application/json", admin});
  EXPECT_EQ(body(c)["stage_due_at"], "2026-12-01T10:00:00+08:00");
  Reply cal = get(port(), "/api/v1/calendar");
  EXPECT_EQ(body(cal)["items"][0]["day"], "2026-11-30");
  EXPECT_EQ(http(port(), {"DELETE", "/api/v1/calendar/2026-11-30", "", "", admin}).status, 200);
  Reply c2 = http(port(), {"POST", "/api/v1/cases", json{{"category_id", 103}, {"place_id", m.unit1}, {"description", "噪音2"}}.dump(),
                           "application/json", admin});
  EXPECT_EQ(body(c2)["stage_due_at"], "2026-11-30T11:00:00+08:00");
}

TEST_F(CaseAdminTest, MonthlyReportAsExcelAndCsv) {
  MiniMap m = build(port());
  for (int i = 0; i < 3; ++i) {
    create(port(), "/api/v1/cases", {{"category_id", 102}, {"place_id", m.unit1}, {"description", "狗叫" + std::to_string(i)}}, admin);
  }
  Reply xlsx = http(port(), {"GET", "/api/v1/reports/monthly?community_id=" + std::to_string(m.community_a) + "&month=2026-11", "", "", admin});
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip container
  EXPECT_NE(xlsx.headers["content-disposition"].find(".xlsx"), std::string::npos);
  Reply csv = http(port(), {"GET", "/api/v1/reports/monthly?community_id=" + std::to_string(m.community_a) + "&month=2026-11&format=csv", "", "", admin});
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("category,矛盾纠纷 Disputes,3"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("grid,第一网格 (510108012005001000),3"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("total,双福路社区 2026-11,3"), std::string::npos) << csv.body;
  Reply december = http(port(), {"GET", "/api/v1/reports/monthly?community_id=" + std::to_string(m.community_a) + "&month=2026-12&format=csv", "", "", admin});
  EXPECT_NE(december.body.find("total,双福路社区 2026-12,0"), std::string::npos) << december.body;
  EXPECT_EQ(http(port(), {"GET", "/api/v1/reports/monthly?community_id=" + std::to_string(m.community_a) + "&month=2026-13", "", "", admin}).status, 400);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/reports/monthly?community_id=" + std::to_string(m.unit1) + "&month=2026-11", "", "", admin}).status, 400);
}

}  // namespace
}  // namespace weige::testing
