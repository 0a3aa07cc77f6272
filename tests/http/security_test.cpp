// Accounts, permissions, data scope, tokens, CSRF, rate limits, injection,
// the audit chain and personal data at rest.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "demo/generator.h"
#include "domain/permissions.h"
#include "http/api.h"
#include "service/audit.h"
#include "service/people_service.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/route_matrix.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;

// Every route x every role (and no one): refused exactly when the permission
// table says so, and a refusal changes nothing.
TEST(SecurityTest, EveryRouteForEveryRoleFollowsThePermissionTable) {
  TestServer server;
  int port = server.port();
  MiniMap m = build(port);
  std::vector<std::pair<std::string, Headers>> callers;
  for (Role r : account_roles()) {
    callers.emplace_back(std::string(to_string(r)), server.as(std::string(to_string(r)), std::nullopt, m.general_a,
                                                             r == Role::kPropertyStaff ? std::optional<Id>(create(port, "/api/v1/organisations", {{"kind", "property_company"}, {"name", "物业" + std::to_string(static_cast<int>(r))}})) : std::nullopt));
  }
  callers.emplace_back("anonymous", anonymous());
  int checked = 0;
  for (const auto& route : server.api().router().routes()) {
    // An id that names nothing, so allowed calls cannot disable or revoke the callers.
    std::string path = fill_path(route.pattern, kNoSuchId);
    for (const auto& [who, headers] : callers) {
      std::string before = dump(server.db());
      Reply r = http(port, {route.method, path, "{}", "application/json", headers});
      bool guard_refused = refused_by_guard(r);
      std::string what = who + " " + route.method + " " + route.pattern + " -> " + std::to_string(r.status) + " " + r.body.substr(0, 200);
      if (route.permission == Permission::kPublic) {
        EXPECT_FALSE(guard_refused && r.status == 403) << what;
      } else if (who == "anonymous") {
        EXPECT_EQ(r.status, 401) << what;
      } else {
        bool allowed = role_allows(*parse_role(who), route.permission);
        EXPECT_EQ(guard_refused, !allowed) << what;
        EXPECT_NE(r.status, 401) << what;
      }
      EXPECT_LT(r.status, 500) << what;
      if (guard_refused) {
        EXPECT_EQ(before, dump(server.db())) << what << " changed the database";
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 700);
}

class ScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m = build(port());
    a1_worker = create(port(), "/api/v1/persons", {{"name", "一网格员"}, {"kind", "staff"}});
    a2_worker = create(port(), "/api/v1/persons", {{"name", "二网格员"}, {"kind", "staff"}});
    create(port(), "/api/v1/assignments", {{"person_id", a1_worker}, {"grid_id", m.grid_a1}, {"role", "grid_worker"}});
    create(port(), "/api/v1/assignments", {{"person_id", a2_worker}, {"grid_id", m.grid_a2}, {"role", "grid_worker"}});
    Id unit_a2 = create(port(), "/api/v1/places", {{"kind", "compound"}, {"name", "二网格小区"}, {"parent_id", m.community_a}, {"grid_id", m.grid_a2}});
    Id b = create(port(), "/api/v1/places", {{"kind", "building"}, {"name", "1栋"}, {"parent_id", unit_a2}});
    a2_unit = create(port(), "/api/v1/places", {{"kind", "unit"}, {"name", "1单元"}, {"parent_id", b}, {"grid_id", m.micro_a21}});
    a1_case = create(port(), "/api/v1/cases", {{"category_id", 102}, {"place_id", m.unit1}, {"description", "A1 狗叫"}});
    a2_case = create(port(), "/api/v1/cases", {{"category_id", 201}, {"place_id", a2_unit}, {"description", "A2 油烟"}});
  }
  int port() { return server.port(); }
  TestServer server;
  MiniMap m{};
  Id a1_worker = 0, a2_worker = 0, a2_unit = 0, a1_case = 0, a2_case = 0;
};

TEST_F(ScopeTest, GridWorkersSeeAndActOnlyInTheirGrids) {
  Headers a1 = server.as("grid_worker", a1_worker);
  Reply list = http(port(), {"GET", "/api/v1/cases", "", "", a1});
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(body(list)["total"], 1);
  EXPECT_EQ(body(list)["items"][0]["id"], a1_case);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/cases/" + std::to_string(a2_case), "", "", a1}).status, 404);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/cases/999999", "", "", a1}).status, 404);  // the same answer as unknown
  std::string before = dump(server.db());
  Reply act = http(port(), {"POST", "/api/v1/cases/" + std::to_string(a2_case) + "/actions", json{{"action", "accept"}}.dump(), "application/json", a1});
  EXPECT_EQ(act.status, 404);
  EXPECT_EQ(before, dump(server.db()));
  // Asking for the other grid explicitly does not widen the scope: it is not
  // found, like a grid that does not exist.
  Reply other = http(port(), {"GET", "/api/v1/cases?grid_id=" + std::to_string(m.grid_a2), "", "", a1});
  EXPECT_EQ(other.status, 404);
  Reply metrics = http(port(), {"GET", "/api/v1/metrics", "", "", a1});
  EXPECT_EQ(body(metrics)["total"], 1);
  Reply all = http(port(), {"GET", "/api/v1/metrics", "", "", {}});
  EXPECT_EQ(body(all)["total"], 2);
  // Persons: only those living or serving in the grid.
  Reply persons = http(port(), {"GET", "/api/v1/persons", "", "", a1});
  json listed = body(persons);  // kept alive: a temporary's ["items"] would dangle in the loop
  ASSERT_FALSE(listed["items"].empty());
  for (const auto& p : listed["items"]) EXPECT_NE(p["id"], a2_worker);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/persons/" + std::to_string(a2_worker), "", "", a1}).status, 404);
}

TEST_F(ScopeTest, TheMapShowsOnlyTheScopeAndItsAncestorsWithoutLeakingTotals) {
  Id volunteer = create(port(), "/api/v1/persons", {{"name", "志愿者"}});
  create(port(), "/api/v1/assignments", {{"person_id", volunteer}, {"grid_id", m.micro_a11}, {"role", "micro_grid_worker"}});
  create(port(), "/api/v1/persons", {{"name", "住户甲"}, {"household_id", m.household}});
  Id other_house = create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "201"}, {"parent_id", a2_unit}});
  create(port(), "/api/v1/persons", {{"name", "住户乙"}, {"household_id", other_house}});
  Headers mine = server.as("micro_grid_worker", volunteer);
  Reply tree = http(port(), {"GET", "/api/v1/grids/tree", "", "", mine});
  ASSERT_EQ(tree.status, 200) << tree.body;
  json community = body(tree)["roots"][0]["children"];
  ASSERT_EQ(community.size(), 1u);  // community B is not shown at all
  EXPECT_EQ(community[0]["counts"]["households"], 1);  // only the micro-grid's household
  EXPECT_EQ(community[0]["counts"]["persons"], 1);
  json general = community[0]["children"][0];
  ASSERT_EQ(general["children"].size(), 1u);  // grid A1 only
  EXPECT_EQ(general["children"][0]["children"].size(), 1u);  // micro-grid A1-1 only
  EXPECT_EQ(http(port(), {"GET", "/api/v1/grids/" + std::to_string(m.micro_a12), "", "", mine}).status, 404);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/grids/" + std::to_string(m.micro_a11), "", "", mine}).status, 200);
  Reply households = http(port(), {"GET", "/api/v1/places?kind=household", "", "", mine});
  EXPECT_EQ(body(households)["total"], 1);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/places/" + std::to_string(other_house), "", "", mine}).status, 404);
  Reply all = http(port(), {"GET", "/api/v1/places?kind=household", "", "", {}});
  EXPECT_EQ(body(all)["total"], 2);
}

TEST_F(ScopeTest, PolicePropertyStaffAndResidentsSeeTheirOwnKinds) {
  Id officer = create(port(), "/api/v1/persons", {{"name", "民警"}, {"kind", "staff"}});
  create(port(), "/api/v1/assignments", {{"person_id", officer}, {"grid_id", m.general_a}, {"role", "police"}});
  Reply police = http(port(), {"GET", "/api/v1/cases", "", "", server.as("police", officer)});
  ASSERT_EQ(body(police)["total"], 1);  // the dispute, not the fumes
  EXPECT_EQ(body(police)["items"][0]["id"], a1_case);

  Id company = create(port(), "/api/v1/organisations", {{"kind", "property_company"}, {"name", "华润物业"}});
  http(port(), {"PUT", "/api/v1/places/" + std::to_string(m.compound) + "/property-contract", json{{"organisation_id", company}}.dump(), "application/json", {}});
  Id lift = create(port(), "/api/v1/cases", {{"category_id", 501}, {"place_id", m.unit1}, {"description", "电梯坏了"}});
  Reply property = http(port(), {"GET", "/api/v1/cases", "", "", server.as("property_staff", std::nullopt, std::nullopt, company)});
  ASSERT_EQ(body(property)["total"], 1);
  EXPECT_EQ(body(property)["items"][0]["id"], lift);

  Id resident = create(port(), "/api/v1/persons", {{"name", "王秀英"}, {"household_id", m.household}});
  Id own = create(port(), "/api/v1/cases", {{"category_id", 103}, {"place_id", m.household}, {"description", "噪音"}, {"reporter_person_id", resident}});
  Headers me = server.as("resident", resident);
  Reply mine = http(port(), {"GET", "/api/v1/cases", "", "", me});
  ASSERT_EQ(body(mine)["total"], 1);
  EXPECT_EQ(body(mine)["items"][0]["id"], own);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/cases/" + std::to_string(a1_case), "", "", me}).status, 404);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/persons", "", "", me}).status, 403);
}

TEST(SecurityTest, TokensForgedExpiredRevokedOrLimited) {
  TestServer server;
  int port = server.port();
  Id user = server.create_user("integrator", "a-long-password", "subdistrict_admin");
  (void)user;
  Reply login = http(port, {"POST", "/api/v1/auth/login", json{{"username", "integrator"}, {"password", "a-long-password"}}.dump(), "application/json", {{"X-No-Auth", "1"}}});
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie = login.headers["set-cookie"].substr(0, login.headers["set-cookie"].find(';'));
  std::string csrf = body(login)["csrf_token"];
  Headers session{{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  auto make_token = [&](const json& req) {
    Reply r = http(port, {"POST", "/api/v1/api-tokens", req.dump(), "application/json", session});
    EXPECT_EQ(r.status, 201) << r.body;
    return body(r);
  };
  json limited = make_token({{"name", "read only"}, {"permissions", {"case_read"}}});
  Headers ro{{"Authorization", "Bearer " + limited["token"].get<std::string>()}};
  EXPECT_EQ(http(port, {"GET", "/api/v1/cases", "", "", ro}).status, 200);
  EXPECT_EQ(http(port, {"GET", "/api/v1/persons", "", "", ro}).status, 403);
  json expiring = make_token({{"name", "short"}, {"expires_in_days", 1}});
  Headers soon{{"Authorization", "Bearer " + expiring["token"].get<std::string>()}};
  EXPECT_EQ(http(port, {"GET", "/api/v1/auth/me", "", "", soon}).status, 200);
  json revoked = make_token({{"name", "revoked"}});
  Headers gone{{"Authorization", "Bearer " + revoked["token"].get<std::string>()}};
  EXPECT_EQ(http(port, {"DELETE", "/api/v1/api-tokens/" + std::to_string(revoked["id"].get<Id>()), "", "", session}).status, 200);
  EXPECT_EQ(http(port, {"GET", "/api/v1/auth/me", "", "", gone}).status, 401);
  EXPECT_EQ(http(port, {"GET", "/api/v1/auth/me", "", "", {{"Authorization", "Bearer wg_0000"}}}).status, 401);
  EXPECT_EQ(http(port, {"GET", "/api/v1/auth/me", "", "", {{"Authorization", "Basic abc"}}}).status, 401);
  // Tokens are stored hashed.
  EXPECT_EQ(*server.db().scalar("SELECT count(*) FROM api_tokens WHERE token_hash = ?", {limited["token"].get<std::string>()}), 0);
  server.set_now(server.now() + 2 * 86400);
  EXPECT_EQ(http(port, {"GET", "/api/v1/auth/me", "", "", soon}).status, 401);
  // The session expired too (12 hours).
  EXPECT_EQ(http(port, {"GET", "/api/v1/auth/me", "", "", session}).status, 401);
}

TEST(SecurityTest, SessionsNeedCsrfForWritesAndLockOutAfterFailures) {
  TestServer server;
  int port = server.port();
  server.create_user("clerk", "correct-horse", "subdistrict_admin");
  Headers anon{{"X-No-Auth", "1"}};
  Reply login = http(port, {"POST", "/api/v1/auth/login", json{{"username", "clerk"}, {"password", "correct-horse"}}.dump(), "application/json", anon});
  ASSERT_EQ(login.status, 200);
  std::string set_cookie = login.headers["set-cookie"];
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos);
  std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  std::string csrf = body(login)["csrf_token"];
  std::string place = json{{"kind", "subdistrict"}, {"name", "街道"}}.dump();
  std::string before = dump(server.db());
  Reply no_csrf = http(port, {"POST", "/api/v1/places", place, "application/json", {{"Cookie", cookie}}});
  EXPECT_EQ(no_csrf.status, 403);
  Reply wrong_csrf = http(port, {"POST", "/api/v1/places", place, "application/json", {{"Cookie", cookie}, {"X-CSRF-Token", "nope"}}});
  EXPECT_EQ(wrong_csrf.status, 403);
  EXPECT_EQ(before, dump(server.db()));
  EXPECT_EQ(http(port, {"POST", "/api/v1/places", place, "application/json", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}}).status, 201);
  EXPECT_EQ(http(port, {"POST", "/api/v1/auth/logout", "{}", "application/json", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}}).status, 200);
  EXPECT_EQ(http(port, {"GET", "/api/v1/auth/me", "", "", {{"Cookie", cookie}}}).status, 401);
  Reply secure = http(port, {"POST", "/api/v1/auth/login", json{{"username", "clerk"}, {"password", "correct-horse"}}.dump(), "application/json", {{"X-No-Auth", "1"}, {"X-Forwarded-Proto", "https"}}});
  EXPECT_NE(secure.headers["set-cookie"].find("Secure"), std::string::npos);
  for (int i = 0; i < 5; ++i) {
    Reply bad = http(port, {"POST", "/api/v1/auth/login", json{{"username", "clerk"}, {"password", "wrong-guess"}}.dump(), "application/json", anon});
    EXPECT_EQ(bad.status, 401) << i;
    if (i >= 2 && i < 4) {
      // Backoff: right after the third and fourth failure even the right password waits.
      Reply wait = http(port, {"POST", "/api/v1/auth/login", json{{"username", "clerk"}, {"password", "correct-horse"}}.dump(), "application/json", anon});
      EXPECT_EQ(wait.status, 429) << i;
      server.set_now(server.now() + 10);
    }
  }
  Reply locked = http(port, {"POST", "/api/v1/auth/login", json{{"username", "clerk"}, {"password", "correct-horse"}}.dump(), "application/json", anon});
  EXPECT_EQ(locked.status, 429) << locked.body;
  server.set_now(server.now() + 16 * 60);
  EXPECT_EQ(http(port, {"POST", "/api/v1/auth/login", json{{"username", "clerk"}, {"password", "correct-horse"}}.dump(), "application/json", anon}).status, 200);
  EXPECT_GE(*server.db().scalar("SELECT count(*) FROM audit_log WHERE action = 'login_failed'"), 5);
}

TEST(SecurityTest, PublicReportsAndLoginsAreRateLimitedPerClient) {
  TestServerOptions o;
  o.public_reports_per_minute = 3;
  o.login_per_minute = 4;
  TestServer server(o);
  int port = server.port();
  MiniMap m = build(port);
  json report{{"category_id", 202}, {"description", "垃圾没清"}, {"place_id", m.unit1}};
  Headers anon{{"X-No-Auth", "1"}};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http(port, {"POST", "/api/v1/public/reports", report.dump(), "application/json", anon}).status, 201);
  EXPECT_EQ(http(port, {"POST", "/api/v1/public/reports", report.dump(), "application/json", anon}).status, 429);
  for (int i = 0; i < 4; ++i) http(port, {"POST", "/api/v1/auth/login", json{{"username", "x"}, {"password", "yyyyyyyy"}}.dump(), "application/json", anon});
  EXPECT_EQ(http(port, {"POST", "/api/v1/auth/login", json{{"username", "x"}, {"password", "yyyyyyyy"}}.dump(), "application/json", anon}).status, 429);
  server.set_now(server.now() + 61);
  EXPECT_EQ(http(port, {"POST", "/api/v1/public/reports", report.dump(), "application/json", anon}).status, 201);
}

TEST(SecurityTest, InjectionAndTraversalAttemptsAreHarmless) {
  TestServer server;
  int port = server.port();
  MiniMap m = build(port);
  create(port, "/api/v1/cases", {{"category_id", 102}, {"place_id", m.unit1}, {"description", "狗叫"}});
  const char* nasty[] = {"' OR 1=1 --", "\" OR \"\"=\"", "1; DROP TABLE places", "%27%20OR%201%3D1", "../../etc/passwd",
                         "Robert'); DROP TABLE persons;--", "\\x00", "*", "%"};
  std::string before = dump(server.db());
  for (const char* n : nasty) {
    std::string enc;
    for (unsigned char c : std::string(n)) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      enc += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : std::string(buf);
    }
    for (const std::string& path : {"/api/v1/places?q=" + enc, "/api/v1/cases?q=" + enc, "/api/v1/persons?phone=" + enc,
                                    "/api/v1/persons?name=" + enc, "/api/v1/places?kind=" + enc, "/api/v1/cases?state=" + enc,
                                    "/api/v1/places/" + enc, "/api/v1/attachments/" + enc, "/api/v1/track/" + enc,
                                    "/api/v1/cases?from=" + enc}) {
      Reply r = get(port, path);
      EXPECT_LT(r.status, 500) << path << " " << r.body;
      json j = json::parse(r.body, nullptr, false);
      if (r.status == 200 && j.contains("total")) {
        EXPECT_EQ(j["total"], 0) << path;
      }
    }
  }
  EXPECT_EQ(before, dump(server.db()));
  EXPECT_EQ(*server.db().scalar("SELECT count(*) FROM places"), 8);
}

TEST(SecurityTest, StaticFilesNeverLeaveTheWebRoot) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "web" / "assets");
  std::ofstream(dir.path() / "web" / "index.html") << "<html>app</html>";
  std::ofstream(dir.path() / "secret.txt") << "top secret";
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt"}) {
    http::Request req;
    req.method = "GET";
    std::map<std::string, std::string> q;
    ASSERT_TRUE(http::parse_target(path, req.path, q)) << path;
    http::Response res = http::serve_static((dir.path() / "web").string(), req);
    EXPECT_EQ(res.body.find("top secret"), std::string::npos) << path;
  }
}

TEST(SecurityTest, AuditTrailDetectsChangedRemovedAndReorderedEntries) {
  TestServer server;
  int port = server.port();
  build(port);  // 17 audited writes
  auto ok = service::audit_verify(server.db());
  ASSERT_TRUE(ok && ok->ok) << ok->problem;
  EXPECT_EQ(ok->entries, 17);
  EXPECT_FALSE(server.db().execute("UPDATE audit_log SET detail = '{}' WHERE id = 3", {}));  // the trigger refuses
  auto tamper = [&](const std::string& sql) {
    TempDir copy_dir;
    std::string copy = copy_dir.file("copy.db");
    EXPECT_TRUE(server.db().exec_script("VACUUM INTO '" + copy + "'"));
    auto db = open_test_db(copy);
    EXPECT_TRUE(db->exec_script("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql));
    return *service::audit_verify(*db);
  };
  auto changed = tamper("UPDATE audit_log SET target = '99' WHERE id = 5");
  EXPECT_FALSE(changed.ok);
  EXPECT_EQ(changed.first_bad_id, 5);
  auto removed = tamper("DELETE FROM audit_log WHERE id = 7");
  EXPECT_FALSE(removed.ok);
  EXPECT_EQ(removed.first_bad_id, 8);
  auto truncated = tamper("DELETE FROM audit_log WHERE id = 17");
  EXPECT_FALSE(truncated.ok);
  auto reordered = tamper(
      "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id IN (9, 10);"
      "UPDATE audit_log SET action = (SELECT action FROM t WHERE id = 10), target = (SELECT target FROM t WHERE id = 10) WHERE id = 9;"
      "UPDATE audit_log SET action = (SELECT action FROM t WHERE id = 9), target = (SELECT target FROM t WHERE id = 9) WHERE id = 10;");
  EXPECT_FALSE(reordered.ok);
  Reply verify = get(port, "/api/v1/audit/verify");
  EXPECT_EQ(body(verify)["ok"], true);
  Reply list = get(port, "/api/v1/audit?action=POST");
  EXPECT_EQ(body(list)["total"], 17);
}

TEST(SecurityTest, RevealNeedsTheRightRoleAndAReasonAndIsAudited) {
  TestServer server;
  int port = server.port();
  MiniMap m = build(port);
  Id p = create(port, "/api/v1/persons", {{"name", "王秀英"}, {"phone", "13800001111"}, {"id_number", "510108194801011234"}, {"household_id", m.household}});
  Id worker = create(port, "/api/v1/persons", {{"name", "志愿者"}});
  create(port, "/api/v1/assignments", {{"person_id", worker}, {"grid_id", m.micro_a11}, {"role", "micro_grid_worker"}});
  std::string path = "/api/v1/persons/" + std::to_string(p) + "/reveal";
  EXPECT_EQ(http(port, {"POST", path, json{{"reason", "上门走访需要联系"}}.dump(), "application/json", server.as("micro_grid_worker", worker)}).status, 403);
  EXPECT_EQ(http(port, {"POST", path, json::object().dump(), "application/json", {}}).status, 400);
  Reply r = http(port, {"POST", path, json{{"reason", "上门走访需要联系"}}.dump(), "application/json", {}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(r)["phone"], "13800001111");
  EXPECT_EQ(body(r)["id_number"], "510108194801011234");
  auto entry = server.db().row("SELECT detail FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1", {"POST " + path});
  ASSERT_TRUE(entry && *entry);
  EXPECT_EQ(json::parse((*entry)->text(0))["reason"], "上门走访需要联系");
}

// Nothing in the database file holds a plaintext phone or ID number.
TEST(SecurityTest, NoPlaintextPersonalDataInTheDatabaseFile) {
  TestServer server;
  ASSERT_TRUE(demo::generate_demo(server.db(), server.vault()));
  MiniMap m{};
  (void)m;
  Id unit = *server.db().scalar("SELECT min(id) FROM places WHERE kind = 'unit'");
  Reply c = post(server.port(), "/api/v1/public/reports", json{{"category_id", 202}, {"description", "x"}, {"place_id", unit},
                                                               {"reporter_name", "赵大妈"}, {"reporter_phone", "13912345678"}}.dump());
  ASSERT_EQ(c.status, 201);
  ASSERT_TRUE(server.db().exec_script("PRAGMA wal_checkpoint(TRUNCATE)"));
  std::ifstream in(server.db_path(), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string file = ss.str();
  ASSERT_GT(file.size(), 1000000u);
  service::PeopleService people(server.db(), server.vault());
  service::PersonQuery q;
  q.limit = 200;
  auto persons = people.list_persons(q);
  ASSERT_TRUE(persons);
  int checked = 0;
  for (const auto& p : persons->items) {
    if (!p.phone.empty()) {
      EXPECT_EQ(file.find(p.phone), std::string::npos) << p.phone;
      ++checked;
    }
    if (!p.id_number.empty()) {
      EXPECT_EQ(file.find(p.id_number), std::string::npos) << p.id_number;
    }
  }
  EXPECT_GT(checked, 100);
  EXPECT_EQ(file.find("13912345678"), std::string::npos);
  EXPECT_EQ(file.find("赵大妈"), std::string::npos);
}

}  // namespace
}  // namespace weige::testing
