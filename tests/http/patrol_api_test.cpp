// Patrols through the real server: Aunt Zhang's monthly patrol (the article),
// observation -> case routing to the community-business-resident alliance,
// a suggestion raising a topic, monthly coverage against a hand count, data
// scope, and refused input that writes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/categories.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

class PatrolApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m = build(port());
    exclusive = create(port(), "/api/v1/grids",
                       {{"kind", "exclusive_grid"}, {"code", "510108012005901000"}, {"name", "润街专属网格"}, {"parent_id", m.general_a}});
    shop_street = create(port(), "/api/v1/places",
                         {{"kind", "shop_street"}, {"name", "润街"}, {"parent_id", m.community_a}, {"grid_id", exclusive}});
    alliance = create(port(), "/api/v1/organisations",
                      {{"kind", "alliance"}, {"name", "双福路社区社商居联盟"}, {"community_id", m.community_a}});
    // Fumes from the shop street go to the alliance (a routing rule, as an admin keeps them).
    create(port(), "/api/v1/routing-rules",
           {{"priority", 80}, {"category_id", kFumesCategory}, {"grid_id", exclusive}, {"handler", "community"},
            {"organisation_id", alliance}, {"note", "商街油烟由社商居联盟协调商户"}});
    zhang = create(port(), "/api/v1/persons", {{"name", "张桂兰"}, {"kind", "volunteer"}, {"party_member", true}, {"birth_year", 1958}});
    street = create(port(), "/api/v1/persons", {{"name", "街道干部"}, {"kind", "staff"}});
    community = create(port(), "/api/v1/persons", {{"name", "社区干部"}, {"kind", "staff"}});
    property = create(port(), "/api/v1/persons", {{"name", "物业管家"}, {"kind", "staff"}});
    grid_worker = create(port(), "/api/v1/persons", {{"name", "赵敏"}, {"kind", "staff"}});
    other_worker = create(port(), "/api/v1/persons", {{"name", "二网格员"}, {"kind", "staff"}});
    create(port(), "/api/v1/assignments", {{"person_id", zhang}, {"grid_id", m.micro_a11}, {"role", "micro_grid_worker"}});
    create(port(), "/api/v1/assignments", {{"person_id", grid_worker}, {"grid_id", m.grid_a1}, {"role", "grid_worker"}});
    create(port(), "/api/v1/assignments", {{"person_id", other_worker}, {"grid_id", m.grid_a2}, {"role", "grid_worker"}});
  }
  int port() { return server.port(); }
  Reply send(const std::string& method, const std::string& path, const json& j, const Headers& who) {
    return http(port(), {method, path, j.dump(), "application/json", who});
  }
  json participants() {
    return json::array({{{"person_id", zhang}, {"kind", "volunteer"}},
                        {{"person_id", street}, {"kind", "subdistrict_staff"}},
                        {{"person_id", community}, {"kind", "community_staff"}},
                        {{"person_id", property}, {"kind", "property_staff"}}});
  }
  Id plan(const Headers& who) {
    Reply r = send("POST", "/api/v1/patrol-plans",
                   {{"grid_id", m.grid_a1}, {"name", "华润六期每月巡查"}, {"frequency", "monthly"},
                    {"route", {m.compound, shop_street, m.building}}, {"participants", participants()}},
                   who);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? body(r)["id"].get<Id>() : 0;
  }

  TestServer server;
  MiniMap m{};
  Id exclusive = 0, shop_street = 0, alliance = 0;
  Id zhang = 0, street = 0, community = 0, property = 0, grid_worker = 0, other_worker = 0;
};

// The article: "润街前段时间的油烟味有点浓 ..." and "小区外围马路车辆乱停乱放 ...".
TEST_F(PatrolApiTest, AuntZhangsMonthlyPatrolTurnsTheFumesIntoACaseForTheAlliance) {
  Headers gw = server.as("grid_worker", grid_worker);
  Headers aunt = server.as("micro_grid_worker", zhang);
  Id plan_id = plan(gw);
  Reply plan_read = http(port(), {"GET", "/api/v1/patrol-plans/" + std::to_string(plan_id), "", "", aunt});
  ASSERT_EQ(plan_read.status, 200) << plan_read.body;  // a plan of her grid reaches her micro-grid
  EXPECT_EQ(body(plan_read)["route"].size(), 3u);
  EXPECT_EQ(body(plan_read)["participants"][0]["name"], "张**");

  // She is not a manager of grid A1, but walks the plan in her red vest: she records it.
  Reply patrol = send("POST", "/api/v1/patrols",
                      {{"plan_id", plan_id},
                       {"started_at", "2026-11-28T09:00"},
                       {"ended_at", "2026-11-28T11:00"},
                       {"summary", "每月例行巡查"},
                       {"participants", participants()},
                       {"checkins", {{{"place_id", m.compound}, {"at", "2026-11-28T09:10"}},
                                     {{"place_id", shop_street}, {"at", "2026-11-28T10:05"}, {"note", "商户营业中"}}}},
                       {"observations",
                        {{{"place_id", shop_street},
                          {"text", "润街前段时间的油烟味有点浓"},
                          {"suggestion", "建议与社商居联盟进行沟通，后续增加二次油烟净化器"}},
                         {{"place_id", m.compound}, {"text", "小区外围马路车辆乱停乱放"}, {"suggestion", "建议加强整治"}}}}},
                      aunt);
  ASSERT_EQ(patrol.status, 201) << patrol.body;
  json p = body(patrol);
  EXPECT_EQ(p["grid_id"], m.grid_a1);
  EXPECT_EQ(p["participants"].size(), 4u);
  EXPECT_EQ(p["checkins"].size(), 2u);
  ASSERT_EQ(p["observations"].size(), 2u);
  Id fumes = p["observations"][0]["id"], cars = p["observations"][1]["id"];
  EXPECT_EQ(p["observations"][0]["outcome"], "open");

  // One action: the fumes become a case, taken in and routed like any other.
  Reply to_case = send("POST", "/api/v1/patrol-observations/" + std::to_string(fumes) + "/outcome",
                       {{"outcome", "case"}, {"category_id", kFumesCategory}}, aunt);
  ASSERT_EQ(to_case.status, 200) << to_case.body;
  json o = body(to_case);
  EXPECT_EQ(o["outcome"], "case");
  Id case_id = o["case_id"];
  EXPECT_EQ(o["case"]["id"], case_id);
  EXPECT_EQ(o["case"]["channel"], "patrol");
  Reply c = get(port(), "/api/v1/cases/" + std::to_string(case_id));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(body(c)["handler"], "community");
  EXPECT_EQ(body(c)["handler_org_id"], alliance);
  EXPECT_EQ(body(c)["grid_id"], exclusive);
  EXPECT_EQ(body(c)["place_id"], shop_street);
  EXPECT_NE(body(c)["routing_explanation"].get<std::string>().find("社商居联盟"), std::string::npos)
      << body(c)["routing_explanation"];
  EXPECT_NE(body(c)["description"].get<std::string>().find("二次油烟净化器"), std::string::npos);

  // The cars stay a suggestion; a second decision is refused and changes nothing.
  Reply suggestion = send("POST", "/api/v1/patrol-observations/" + std::to_string(cars) + "/outcome",
                          {{"outcome", "suggestion"}}, gw);
  ASSERT_EQ(suggestion.status, 200) << suggestion.body;
  EXPECT_EQ(body(suggestion)["case_id"], nullptr);
  std::string before = dump(server.db());
  Reply again = send("POST", "/api/v1/patrol-observations/" + std::to_string(cars) + "/outcome",
                     {{"outcome", "case"}, {"category_id", kParkingCategory}}, gw);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(before, dump(server.db()));
  Reply suggestions = http(port(), {"GET", "/api/v1/patrol-observations?outcome=suggestion", "", "", gw});
  ASSERT_EQ(body(suggestions)["total"], 1);
  EXPECT_EQ(body(suggestions)["items"][0]["id"], cars);

  // The suggestion raises a deliberation topic in the patrol's grid.
  Reply topic = send("POST", "/api/v1/topics", {{"title", "整治小区外围乱停车"}, {"observation_id", cars}}, gw);
  ASSERT_EQ(topic.status, 201) << topic.body;
  EXPECT_EQ(body(topic)["source"], "patrol_suggestion");
  EXPECT_EQ(body(topic)["grid_id"], m.grid_a1);
  // Only a suggestion raises a topic.
  EXPECT_EQ(send("POST", "/api/v1/topics", {{"title", "x"}, {"observation_id", fumes}}, gw).status, 409);
}

// Route of 3 places (compound, shop street, building); this month's patrols
// checked in at the compound (twice) and the shop street: 2 patrolled, the
// building not. Last month's check-in at the building does not count.
TEST_F(PatrolApiTest, MonthlyCoverageMatchesAHandCount) {
  Headers gw = server.as("grid_worker", grid_worker);
  Id plan_id = plan(gw);
  auto walk = [&](const char* at, std::vector<Id> places) {
    json checkins = json::array();
    for (Id p : places) checkins.push_back({{"place_id", p}, {"at", at}});
    Reply r = send("POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"started_at", at}, {"participants", participants()},
                                               {"checkins", checkins}},
                   gw);
    EXPECT_EQ(r.status, 201) << r.body;
  };
  walk("2026-10-30", {m.building});
  walk("2026-11-02", {m.compound});
  walk("2026-11-20", {m.compound, shop_street});
  Reply r = http(port(), {"GET", "/api/v1/patrols/coverage?month=2026-11", "", "", gw});
  ASSERT_EQ(r.status, 200) << r.body;
  json cov = body(r);
  EXPECT_EQ(cov["month"], "2026-11");
  EXPECT_EQ(cov["route_places"], 3);
  EXPECT_EQ(cov["patrolled"], 2);
  EXPECT_EQ(cov["not_patrolled"], 1);
  ASSERT_EQ(cov["plans"].size(), 1u);
  EXPECT_EQ(cov["plans"][0]["patrols"], 2);
  ASSERT_EQ(cov["plans"][0]["not_patrolled"].size(), 1u);
  EXPECT_EQ(cov["plans"][0]["not_patrolled"][0]["id"], m.building);
  EXPECT_EQ(cov["plans"][0]["not_patrolled"][0]["name"], "1栋");
  // The default month is the server's (2026-11); October had only the building.
  EXPECT_EQ(body(http(port(), {"GET", "/api/v1/patrols/coverage", "", "", gw}))["patrolled"], 2);
  json october = body(http(port(), {"GET", "/api/v1/patrols/coverage?month=2026-10", "", "", gw}));
  EXPECT_EQ(october["patrolled"], 1);
  EXPECT_EQ(october["plans"][0]["patrolled"][0]["id"], m.building);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/patrols/coverage?month=2026-13", "", "", gw}).status, 400);
  Reply month_list = http(port(), {"GET", "/api/v1/patrols?month=2026-11", "", "", gw});
  EXPECT_EQ(body(month_list)["total"], 2);
}

TEST_F(PatrolApiTest, PatrolsStayInsideTheirGridsScope) {
  Headers gw = server.as("grid_worker", grid_worker);
  Id plan_id = plan(gw);
  Reply patrol = send("POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"participants", participants()}}, gw);
  ASSERT_EQ(patrol.status, 201) << patrol.body;
  Id patrol_id = body(patrol)["id"];
  Headers other = server.as("grid_worker", other_worker);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/patrols/" + std::to_string(patrol_id), "", "", other}).status, 404);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/patrol-plans/" + std::to_string(plan_id), "", "", other}).status, 404);
  EXPECT_EQ(body(http(port(), {"GET", "/api/v1/patrols", "", "", other}))["total"], 0);
  EXPECT_EQ(body(http(port(), {"GET", "/api/v1/patrol-plans", "", "", other}))["total"], 0);
  std::string before = dump(server.db());
  EXPECT_EQ(send("POST", "/api/v1/patrols/" + std::to_string(patrol_id) + "/checkins", {{"place_id", m.compound}}, other).status, 404);
  // Grid A1 is a sibling of theirs: not even seen.
  EXPECT_EQ(send("POST", "/api/v1/patrol-plans", {{"grid_id", m.grid_a1}, {"name", "x"}, {"route", {m.compound}}}, other).status, 404);
  EXPECT_EQ(before, dump(server.db()));
  // A volunteer of the micro-grid sees the grid's plan but may not add to a patrol they did not walk.
  Id volunteer = create(port(), "/api/v1/persons", {{"name", "志愿者"}});
  create(port(), "/api/v1/assignments", {{"person_id", volunteer}, {"grid_id", m.micro_a12}, {"role", "micro_grid_worker"}});
  Headers v = server.as("micro_grid_worker", volunteer);
  before = dump(server.db());
  EXPECT_EQ(http(port(), {"GET", "/api/v1/patrols/" + std::to_string(patrol_id), "", "", v}).status, 200);
  EXPECT_EQ(send("POST", "/api/v1/patrols/" + std::to_string(patrol_id) + "/observations", {{"text", "x"}}, v).status, 403);
  EXPECT_EQ(before, dump(server.db()));
  // Residents do not see patrols; the route refuses them outright.
  Id resident = create(port(), "/api/v1/persons", {{"name", "王秀英"}, {"household_id", m.household}});
  Headers me = server.as("resident", resident);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/patrols", "", "", me}).status, 403);
  EXPECT_EQ(send("POST", "/api/v1/patrols", {{"plan_id", plan_id}}, me).status, 403);
}

// Bad input gets the standard 4xx error and writes nothing.
TEST_F(PatrolApiTest, RefusedInputWritesNothing) {
  Headers gw = server.as("grid_worker", grid_worker);
  Id plan_id = plan(gw);
  Id elsewhere = create(port(), "/api/v1/places", {{"kind", "compound"}, {"name", "二仙桥小区"}, {"parent_id", m.community_b}, {"grid_id", m.grid_b1}});
  Reply patrol = send("POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"participants", participants()},
                                                  {"observations", {{{"text", "垃圾桶满了"}}}}},
                      gw);
  ASSERT_EQ(patrol.status, 201);
  Id observation = body(patrol)["observations"][0]["id"];
  struct Case {
    const char* name;
    std::string method, path;
    json body;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {"unknown field", "POST", "/api/v1/patrol-plans", {{"grid_id", m.grid_a1}, {"name", "x"}, {"route", {m.compound}}, {"colour", "red"}}, 400, "colour"},
      {"no route", "POST", "/api/v1/patrol-plans", {{"grid_id", m.grid_a1}, {"name", "x"}, {"route", json::array()}}, 400, "route"},
      {"bad frequency", "POST", "/api/v1/patrol-plans", {{"grid_id", m.grid_a1}, {"name", "x"}, {"route", {m.compound}}, {"frequency", "hourly"}}, 400, "frequency"},
      {"route outside the community", "POST", "/api/v1/patrol-plans", {{"grid_id", m.grid_a1}, {"name", "x"}, {"route", {elsewhere}}}, 422, "route"},
      {"unknown participant kind", "POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"participants", {{{"person_id", zhang}, {"kind", "mascot"}}}}}, 400, "kind"},
      {"no participants", "POST", "/api/v1/patrols", {{"plan_id", plan_id}}, 400, "participants"},
      {"unknown participant", "POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"participants", {{{"person_id", 999999}, {"kind", "volunteer"}}}}}, 404, "participants"},
      {"future patrol", "POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"started_at", "2027-01-01"}, {"participants", participants()}}, 400, "started_at"},
      {"bad time", "POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"started_at", "yesterday"}, {"participants", participants()}}, 400, "started_at"},
      {"observation without text", "POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"participants", participants()}, {"observations", {{{"place_id", m.compound}}}}}, 400, "text"},
      {"check-in outside the community", "POST", "/api/v1/patrols", {{"plan_id", plan_id}, {"participants", participants()}, {"checkins", {{{"place_id", elsewhere}}}}}, 422, "checkins"},
      {"case without category", "POST", "/api/v1/patrol-observations/" + std::to_string(observation) + "/outcome", {{"outcome", "case"}}, 400, "category_id"},
      {"case with unknown category", "POST", "/api/v1/patrol-observations/" + std::to_string(observation) + "/outcome", {{"outcome", "case"}, {"category_id", 99999}}, 404, "category_id"},
      {"outcome open", "POST", "/api/v1/patrol-observations/" + std::to_string(observation) + "/outcome", {{"outcome", "open"}}, 400, "outcome"},
  };
  for (const Case& c : cases) {
    std::string before = dump(server.db());
    Reply r = send(c.method, c.path, c.body, gw);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    json e = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(e.contains("error")) << c.name << ": " << r.body;
    EXPECT_EQ(e["error"]["details"]["field"], c.field) << c.name << ": " << r.body;
    EXPECT_EQ(before, dump(server.db())) << c.name << " wrote something";
  }
  EXPECT_EQ(http(port(), {"POST", "/api/v1/patrols", "{not json", "application/json", gw}).status, 400);
  EXPECT_EQ(http(port(), {"POST", "/api/v1/patrols", "x", "text/plain", gw}).status, 415);
}

}  // namespace
}  // namespace weige::testing
