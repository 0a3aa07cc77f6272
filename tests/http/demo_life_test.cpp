// The demo's community life through the API, as the demo's people see it:
// the volunteer's patrol, the grid worker's care list and coverage, the
// property company's inbox, Grandma Wang's notice and topic.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "demo/case_history.h"
#include "demo/community_life.h"
#include "demo/generator.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

TEST(DemoLifeTest, TheDemoPeopleSeeTheirCommunityLife) {
  TestServer server;
  store::Db& db = server.db();
  ASSERT_TRUE(demo::generate_demo(db, server.vault()));
  demo::CaseHistoryParams history;
  history.end = server.now();
  history.days = 3;
  ASSERT_TRUE(demo::generate_case_history(db, server.vault(), history));
  ASSERT_TRUE(demo::generate_community_life(db, server.vault(), {server.now()}));
  auto id = [&](const std::string& sql) { return *db.scalar(sql); };
  auto get_as = [&](const Headers& who, const std::string& path) {
    Reply r = http(server.port(), {"GET", path, "", "", who});
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return json::parse(r.body, nullptr, false);
  };

  Headers volunteer = server.as("micro_grid_worker", id("SELECT person_id FROM patrol_participants WHERE kind = 'volunteer'"));
  EXPECT_EQ(get_as(volunteer, "/api/v1/patrol-plans")["total"], 1);
  json patrols = get_as(volunteer, "/api/v1/patrols");
  ASSERT_EQ(patrols["total"], 1);
  json patrol = get_as(volunteer, "/api/v1/patrols/" + std::to_string(patrols["items"][0]["id"].get<Id>()));
  EXPECT_EQ(patrol["observations"].size(), 2u);

  Headers gw = server.as("grid_worker", id("SELECT person_id FROM patrol_participants WHERE kind = 'grid_worker'"));
  EXPECT_EQ(get_as(gw, "/api/v1/care/overdue")["total"], 2);
  EXPECT_GT(get_as(gw, "/api/v1/visits/coverage")["households"].get<int>(), 30);
  json conventions = get_as(gw, "/api/v1/conventions");
  ASSERT_EQ(conventions["total"], 2);
  json rates = get_as(gw, "/api/v1/conventions/" + std::to_string(conventions["items"][0]["id"].get<Id>()) + "/sign-on-rates");
  EXPECT_GT(rates["signed_on"].get<int>(), 100);
  EXPECT_GT(rates["buildings"].size(), 10u);
  EXPECT_EQ(get_as(gw, "/api/v1/decisions/mine")["total"], 1);

  Id company = id("SELECT id FROM organisations WHERE name = '华润物业'");
  Headers property = server.as("property_staff", id("SELECT person_id FROM assignments WHERE role = 'property_staff' ORDER BY id LIMIT 1"),
                               std::nullopt, company);
  json inbox = get_as(property, "/api/v1/decisions/mine");
  ASSERT_EQ(inbox["total"], 1);
  EXPECT_FALSE(inbox["items"][0]["overdue"]);

  Headers grandma = server.as("resident", id("SELECT reporter_person_id FROM cases WHERE description LIKE '王婆婆%'"));
  json notices = get_as(grandma, "/api/v1/notices");
  ASSERT_EQ(notices["total"], 1);
  EXPECT_EQ(notices["items"][0]["my_household_read"], false);
  json topics = get_as(grandma, "/api/v1/topics");
  ASSERT_EQ(topics["total"], 1);
  Id topic = topics["items"][0]["id"];
  Reply comment = http(server.port(), {"POST", "/api/v1/topics/" + std::to_string(topic) + "/comments",
                                       json{{"text", "同意"}}.dump(), "application/json", grandma});
  ASSERT_EQ(comment.status, 201) << comment.body;
  EXPECT_EQ(json::parse(comment.body)["comments"].size(), 2u);
  Reply read = http(server.port(), {"POST", "/api/v1/notices/" + std::to_string(notices["items"][0]["id"].get<Id>()) + "/read",
                                    "{}", "application/json", grandma});
  EXPECT_EQ(read.status, 200) << read.body;
}

}  // namespace
}  // namespace weige::testing
