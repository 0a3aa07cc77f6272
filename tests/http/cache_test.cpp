// The server keeps reference data and resolved credentials in memory
// (service/ref_cache.h, service/credential_cache.h). These tests change the
// data behind its back, through a separate connection as another process
// would, and check that the very next request sees the change.
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

class CacheTest : public ::testing::Test {
 protected:
  TestServer server;
  int port() { return server.port(); }
  Headers admin = server.as("subdistrict_admin");

  Reply intake(Id place) {
    return http(port(), {"POST", "/api/v1/cases",
                         json{{"category_id", kPetsCategory}, {"place_id", place}, {"description", "狗叫扰民"}}.dump(),
                         "application/json", admin});
  }
};

TEST_F(CacheTest, CategoryChangesMadeElsewhereReachTheNextIntake) {
  MiniMap m = build(port());
  Reply first = intake(m.unit1);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(body(first)["handler"], "micro_grid");
  // Another process sends the category to the community and then disables it.
  ASSERT_TRUE(server.db().execute("UPDATE categories SET level = 'small', path = 'community' WHERE id = ?", {kPetsCategory}));
  Reply second = intake(m.unit1);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(body(second)["handler"], "community");
  EXPECT_EQ(body(second)["level"], "small");
  ASSERT_TRUE(server.db().execute("UPDATE categories SET enabled = 0 WHERE id = ?", {kPetsCategory}));
  Reply refused = intake(m.unit1);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(body(refused)["error"]["details"]["field"], "category_id");
}

TEST_F(CacheTest, AMapChangeMadeElsewhereMovesTheNextCase) {
  MiniMap m = build(port());
  Reply first = intake(m.unit1);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(body(first)["grid_id"], m.micro_a11);
  // The unit is put into the other micro-grid of the same grid.
  ASSERT_TRUE(server.db().execute("UPDATE places SET grid_id = ? WHERE id = ?", {m.micro_a12, m.unit1}));
  Reply second = intake(m.unit1);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(body(second)["grid_id"], m.micro_a12);
}

TEST_F(CacheTest, ARevocationOrDisabledAccountElsewhereRefusesTheNextRequest) {
  Headers reader = server.as("subdistrict_staff");
  ASSERT_EQ(http(port(), {"GET", "/api/v1/auth/me", "", "", reader}).status, 200);
  ASSERT_EQ(http(port(), {"GET", "/api/v1/auth/me", "", "", reader}).status, 200);  // now from memory
  ASSERT_TRUE(server.db().execute("UPDATE api_tokens SET revoked_at = 1 WHERE user_id = (SELECT id FROM users WHERE role = "
                                  "'subdistrict_staff')",
                                  {}));
  EXPECT_EQ(http(port(), {"GET", "/api/v1/auth/me", "", "", reader}).status, 401);

  ASSERT_EQ(http(port(), {"GET", "/api/v1/auth/me", "", "", admin}).status, 200);
  ASSERT_TRUE(server.db().execute("UPDATE users SET disabled = 1 WHERE role = 'subdistrict_admin'", {}));
  EXPECT_EQ(http(port(), {"GET", "/api/v1/auth/me", "", "", admin}).status, 401);
}

TEST_F(CacheTest, ASessionEndedElsewhereIsRefusedAndARoleChangeIsSeen) {
  server.create_user("desk", "a-long-password", "subdistrict_admin");
  Reply login = http(port(), {"POST", "/api/v1/auth/login", json{{"username", "desk"}, {"password", "a-long-password"}}.dump(),
                              "application/json", {{"X-No-Auth", "1"}}});
  ASSERT_EQ(login.status, 200) << login.body;
  Headers session{{"Cookie", login.headers["set-cookie"].substr(0, login.headers["set-cookie"].find(';'))}};
  // Managing accounts is the subdistrict admin's; the staff role may not.
  ASSERT_EQ(http(port(), {"GET", "/api/v1/users", "", "", session}).status, 200);
  ASSERT_EQ(http(port(), {"GET", "/api/v1/users", "", "", session}).status, 200);  // now from memory
  ASSERT_TRUE(server.db().execute("UPDATE users SET role = 'subdistrict_staff' WHERE username = 'desk'", {}));
  EXPECT_EQ(http(port(), {"GET", "/api/v1/users", "", "", session}).status, 403);
  ASSERT_TRUE(server.db().execute("DELETE FROM sessions", {}));
  EXPECT_EQ(http(port(), {"GET", "/api/v1/auth/me", "", "", session}).status, 401);
}

}  // namespace
}  // namespace weige::testing
