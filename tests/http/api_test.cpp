// API scenarios through the real server on an ephemeral loopback port, each
// on a fresh database. Expected errors included; a rejected write must leave
// the database exactly as it was.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/map.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using weige::Id;

class ApiTest : public ::testing::Test {
 protected:
  TestServer server;
  int port() { return server.port(); }
};

TEST_F(ApiTest, HealthReportsSchemaVersion) {
  Reply r = get(port(), "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["status"], "ok");
  EXPECT_GE(body(r)["schema_version"].get<int>(), 1);
}

TEST_F(ApiTest, HouseholdJoinsItsUnitsMicroGridAndTreeCountsRollUp) {
  MiniMap m = build(port());
  Reply h = get(port(), "/api/v1/places/" + std::to_string(m.household));
  ASSERT_EQ(h.status, 200);
  EXPECT_EQ(body(h)["grid_id"], m.micro_a11);
  EXPECT_EQ(body(h)["community_id"], m.community_a);
  EXPECT_EQ(body(h)["ancestors"].size(), 5u);  // subdistrict, community, compound, building, unit

  create(port(), "/api/v1/persons", {{"name", "王秀英"}, {"phone", "13812341234"}, {"household_id", m.household}});
  Reply tree = get(port(), "/api/v1/grids/tree");
  ASSERT_EQ(tree.status, 200);
  json community = body(tree)["roots"][0]["children"][0];
  EXPECT_EQ(community["name"], "双福路社区");
  EXPECT_EQ(community["counts"]["households"], 1);
  EXPECT_EQ(community["counts"]["persons"], 1);
  json general = community["children"][0];
  EXPECT_EQ(general["kind"], "general_grid");
  EXPECT_EQ(general["children"].size(), 2u);
  EXPECT_EQ(general["children"][0]["children"][0]["counts"]["households"], 1);
}

TEST_F(ApiTest, PersonalDataIsMaskedAndSearchableByPhone) {
  MiniMap m = build(port());
  Id id = create(port(), "/api/v1/persons",
                 {{"name", "王秀英"}, {"phone", "138-1234-5678"}, {"id_number", "510108195001011234"},
                  {"household_id", m.household}, {"party_member", true}});
  Reply r = get(port(), "/api/v1/persons/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["name"], "王**");
  EXPECT_EQ(body(r)["phone"], "138****5678");
  EXPECT_EQ(body(r)["id_number"], "5101**********1234");
  EXPECT_EQ(r.body.find("13812345678"), std::string::npos);

  Reply found = get(port(), "/api/v1/persons?phone=13812345678");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(body(found)["total"], 1);
  EXPECT_EQ(body(found)["items"][0]["id"], id);
  EXPECT_EQ(body(get(port(), "/api/v1/persons?phone=13900000000"))["total"], 0);
}

// Each never-split rule, broken through the API: 422, the violation named, nothing written.
TEST_F(ApiTest, NeverSplitViolationsAreRejectedWhole) {
  MiniMap m = build(port());
  struct Case {
    std::string what, method, path;
    json payload;
    std::string rule;
  };
  std::vector<Case> cases = {
      {"unit into a micro-grid of another grid splits the compound", "PATCH",
       "/api/v1/places/" + std::to_string(m.unit2), {{"grid_id", m.micro_a21}}, "grid_splits_compound"},
      {"household into another micro-grid splits the unit", "PATCH",
       "/api/v1/places/" + std::to_string(m.household), {{"grid_id", m.micro_a12}}, "micro_grid_splits_unit"},
      {"unit into community B's micro-grid spans communities", "PATCH",
       "/api/v1/places/" + std::to_string(m.unit1), {{"grid_id", m.micro_b11}}, "general_grid_spans_communities"},
      {"grid moved under community B's general grid takes A's places along", "PATCH",
       "/api/v1/grids/" + std::to_string(m.grid_a1),
       {{"parent_id", m.general_b}, {"code", "510108012006009000"}}, "general_grid_spans_communities"},
      {"new unit in the compound but in grid A2", "POST", "/api/v1/places",
       {{"kind", "unit"}, {"name", "3单元"}, {"parent_id", m.building}, {"grid_id", m.micro_a21}},
       "grid_splits_compound"},
  };
  for (const Case& c : cases) {
    std::string before = dump(server.db());
    Reply r = http(port(), {c.method, c.path, c.payload.dump(), "application/json", {}});
    EXPECT_EQ(r.status, 422) << c.what << ": " << r.body;
    json e = body(r)["error"];
    EXPECT_EQ(e["code"], "rule_violation") << c.what;
    bool named = false;
    for (const auto& v : e["details"]["violations"]) named = named || v["rule"] == c.rule;
    EXPECT_TRUE(named) << c.what << ": " << r.body;
    EXPECT_EQ(before, dump(server.db())) << c.what << " changed the database";
  }
}

TEST_F(ApiTest, MovingAUnitTakesItsHouseholdsAlong) {
  MiniMap m = build(port());
  // Both units of the compound into A1-2: allowed (still one grid, one micro-grid per unit).
  Reply r = patch(port(), "/api/v1/places/" + std::to_string(m.unit1), json{{"grid_id", m.micro_a12}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(get(port(), "/api/v1/places/" + std::to_string(m.household)))["grid_id"], m.micro_a12);
  EXPECT_EQ(body(get(port(), "/api/v1/check"))["errors"], 0);
}

TEST_F(ApiTest, BadInputGetsOneErrorShapeAndChangesNothing) {
  MiniMap m = build(port());
  struct Case {
    std::string what;
    RequestSpec spec;
    int status;
    std::string code;
  };
  std::string big(70 * 1024, 'x');
  std::vector<Case> cases = {
      {"malformed JSON", {"POST", "/api/v1/places", "{\"kind\": \"unit\",", "application/json", {}}, 400, "invalid"},
      {"not an object", {"POST", "/api/v1/places", "[1,2]", "application/json", {}}, 400, "invalid"},
      {"wrong type", {"POST", "/api/v1/places", R"({"kind":"unit","name":5,"parent_id":1})", "application/json", {}}, 400, "invalid"},
      {"missing field", {"POST", "/api/v1/grids", R"({"kind":"grid","name":"x"})", "application/json", {}}, 400, "invalid"},
      {"unknown field", {"POST", "/api/v1/places", R"({"kind":"unit","name":"x","colour":"red"})", "application/json", {}}, 400, "invalid"},
      {"unknown kind", {"POST", "/api/v1/places", R"({"kind":"castle","name":"x"})", "application/json", {}}, 400, "invalid"},
      {"unknown parent id", {"POST", "/api/v1/places", R"({"kind":"building","name":"x","parent_id":999999})", "application/json", {}}, 404, "not_found"},
      {"wrong parent kind", {"POST", "/api/v1/places", json{{"kind", "unit"}, {"name", "x"}, {"parent_id", m.compound}}.dump(), "application/json", {}}, 400, "invalid"},
      {"household into a grid kind it cannot join", {"PATCH", "/api/v1/places/" + std::to_string(m.household), json{{"grid_id", m.grid_a1}}.dump(), "application/json", {}}, 400, "invalid"},
      {"bad grid code", {"POST", "/api/v1/grids", json{{"kind", "micro_grid"}, {"code", "510108012005002009"}, {"name", "x"}, {"parent_id", m.grid_a1}}.dump(), "application/json", {}}, 400, "invalid"},
      {"duplicate grid code", {"POST", "/api/v1/grids", json{{"kind", "micro_grid"}, {"code", "510108012005001001"}, {"name", "x"}, {"parent_id", m.grid_a1}}.dump(), "application/json", {}}, 409, "conflict"},
      {"broken boundary", {"POST", "/api/v1/grids", json{{"kind", "micro_grid"}, {"code", "510108012005001009"}, {"name", "x"}, {"parent_id", m.grid_a1}, {"boundary", {{"type", "Polygon"}, {"coordinates", {{{104.1, 30.6}, {104.1, 30.6}}}}}}}.dump(), "application/json", {}}, 400, "invalid"},
      {"unknown id in path", {"GET", "/api/v1/grids/424242", "", "", {}}, 404, "not_found"},
      {"non-numeric id", {"GET", "/api/v1/places/abc", "", "", {}}, 400, "invalid"},
      {"bad query parameter", {"GET", "/api/v1/places?limit=100000", "", "", {}}, 400, "invalid"},
      {"wrong content type", {"POST", "/api/v1/places", R"({"kind":"subdistrict","name":"x"})", "text/plain", {}}, 415, "unsupported_media_type"},
      {"unknown endpoint", {"GET", "/api/v1/nothing", "", "", {}}, 404, "not_found"},
      {"wrong method", {"DELETE", "/api/v1/places", "", "", {}}, 405, "method_not_allowed"},
      {"oversized body", {"POST", "/api/v1/places", "{\"name\":\"" + big + "\"}", "application/json", {}}, 413, "too_large"},
      {"bad person phone", {"POST", "/api/v1/persons", R"({"name":"张三","phone":"12"})", "application/json", {}}, 400, "invalid"},
      {"bad id number", {"POST", "/api/v1/persons", R"({"name":"张三","id_number":"51010819500101123"})", "application/json", {}}, 400, "invalid"},
      {"unknown person id", {"POST", "/api/v1/assignments", json{{"person_id", 1}, {"grid_id", m.grid_a1}, {"role", "micro_grid_head"}}.dump(), "application/json", {}}, 404, "not_found"},
  };
  for (const Case& c : cases) {
    std::string before = dump(server.db());
    Reply r = http(port(), c.spec);
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r.body;
    json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << c.what << ": " << r.body;
    EXPECT_EQ(j["error"]["code"], c.code) << c.what << ": " << r.body;
    EXPECT_TRUE(j["error"]["message"].is_string() && !j["error"]["message"].get<std::string>().empty()) << c.what;
    EXPECT_TRUE(j["error"]["details"].is_object()) << c.what;
    EXPECT_EQ(before, dump(server.db())) << c.what << " changed the database";
  }
}

TEST_F(ApiTest, AssignmentsRespectGridKindsAndAreUnique) {
  MiniMap m = build(port());
  Id person = create(port(), "/api/v1/persons", {{"name", "李建国"}, {"party_member", true}, {"household_id", m.household}});
  Reply wrong = post(port(), "/api/v1/assignments", json{{"person_id", person}, {"grid_id", m.grid_a1}, {"role", "micro_grid_head"}}.dump());
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  Id a = create(port(), "/api/v1/assignments", {{"person_id", person}, {"grid_id", m.micro_a11}, {"role", "micro_grid_head"}});
  Reply dup = post(port(), "/api/v1/assignments", json{{"person_id", person}, {"grid_id", m.micro_a11}, {"role", "micro_grid_head"}}.dump());
  EXPECT_EQ(dup.status, 409) << dup.body;
  Reply grid = get(port(), "/api/v1/grids/" + std::to_string(m.micro_a11));
  ASSERT_EQ(grid.status, 200);
  EXPECT_EQ(body(grid)["roster"]["micro_grid_head"][0]["name"], "李**");
  EXPECT_EQ(body(grid)["roster"]["micro_grid_head"][0]["assignment_id"], a);
  Reply del = http(port(), {"DELETE", "/api/v1/assignments/" + std::to_string(a), "", "", {}});
  EXPECT_EQ(del.status, 200);
  EXPECT_EQ(http(port(), {"DELETE", "/api/v1/assignments/" + std::to_string(a), "", "", {}}).status, 404);
}

TEST_F(ApiTest, ThreeLinksChainAnswersWhoLinksAHousehold) {
  MiniMap m = build(port());
  Id org = create(port(), "/api/v1/organisations", {{"kind", "party_organisation"}, {"name", "双福路社区党委"}, {"community_id", m.community_a}});
  Id backbone = create(port(), "/api/v1/persons", {{"name", "何红飙"}, {"party_member", true}});
  Id member = create(port(), "/api/v1/persons", {{"name", "张桂兰"}, {"party_member", true}, {"household_id", m.household}});
  create(port(), "/api/v1/links", {{"tier", 1}, {"from_org_id", org}, {"to_person_id", backbone}});
  create(port(), "/api/v1/links", {{"tier", 2}, {"from_person_id", backbone}, {"to_person_id", member}});
  create(port(), "/api/v1/links", {{"tier", 3}, {"from_person_id", member}, {"to_household_id", m.household}});
  Reply r = get(port(), "/api/v1/households/" + std::to_string(m.household) + "/links");
  ASSERT_EQ(r.status, 200) << r.body;
  json chain = body(r)["chain"];
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0]["person"]["id"], member);
  EXPECT_EQ(chain[1]["person"]["id"], backbone);
  EXPECT_EQ(chain[2]["organisation"]["id"], org);
  Reply bad = post(port(), "/api/v1/links", json{{"tier", 3}, {"from_person_id", member}, {"to_household_id", m.unit1}}.dump());
  EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_F(ApiTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::string req = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string out = raw_exchange(port(), req + req + "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t count = 0;
  for (std::size_t pos = out.find("HTTP/1.1 200"); pos != std::string::npos; pos = out.find("HTTP/1.1 200", pos + 1)) ++count;
  EXPECT_EQ(count, 3u);
}

TEST_F(ApiTest, MalformedHttpGets400AndOversizedHeaders431) {
  EXPECT_NE(raw_exchange(port(), "NOT HTTP AT ALL\r\n\r\n").find(" 400 "), std::string::npos);
  std::string huge = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_NE(raw_exchange(port(), huge).find(" 431 "), std::string::npos);
}

TEST_F(ApiTest, PercentEncodedQueriesAreDecoded) {
  build(port());
  Reply r = get(port(), "/api/v1/places?q=%E5%8D%8E%E6%B6%A6");  // 华润
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(r)["total"], 1);
  EXPECT_EQ(get(port(), "/api/v1/places?q=%E5%8").status, 400);
}

}  // namespace
}  // namespace weige::testing
