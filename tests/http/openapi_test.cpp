// The OpenAPI document is kept true: every declared route is documented, every
// $ref resolves, and live responses carry their schema's required properties.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "domain/map.h"
#include "support/http_client.h"
#include "support/life_samples.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using weige::Id;

Id create(int port, const std::string& path, const json& j) {
  Reply r = post(port, path, j.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return json::parse(r.body)["id"].get<Id>();
}

void collect_refs(const json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == "$ref" && v.is_string()) out.push_back(v.get<std::string>());
      collect_refs(v, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) collect_refs(v, out);
  }
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryRefResolves) {
  TestServer server;
  Reply r = get(server.port(), "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  json doc = json::parse(r.body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::size_t operations = 0;
  for (const auto& route : server.api().router().routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    ASSERT_TRUE(doc["paths"][route.pattern].contains(method)) << route.method << " " << route.pattern;
    EXPECT_EQ(doc["paths"][route.pattern][method]["operationId"], route.operation_id);
    ++operations;
  }
  std::size_t documented = 0;
  for (const auto& [path, ops] : doc["paths"].items()) documented += ops.size();
  EXPECT_EQ(documented, operations);
  std::vector<std::string> refs;
  collect_refs(doc, refs);
  EXPECT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    std::string name = ref.substr(ref.rfind('/') + 1);
    EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << ref;
  }
}

TEST(OpenApiTest, LiveGetResponsesCarryTheirSchemasRequiredProperties) {
  TestServer server;
  int port = server.port();
  Id sub = create(port, "/api/v1/places", {{"kind", "subdistrict"}, {"name", "万年场街道"}});
  Id comm = create(port, "/api/v1/places", {{"kind", "community"}, {"name", "双福路社区"}, {"parent_id", sub}});
  Id general = create(port, "/api/v1/grids", {{"kind", "general_grid"}, {"code", "510108012005000000"}, {"name", "总网格"}, {"community_id", comm}});
  Id grid = create(port, "/api/v1/grids", {{"kind", "grid"}, {"code", "510108012005001000"}, {"name", "一网格"}, {"parent_id", general}});
  Id micro = create(port, "/api/v1/grids", {{"kind", "micro_grid"}, {"code", "510108012005001001"}, {"name", "微网格"}, {"parent_id", grid}});
  Id compound = create(port, "/api/v1/places", {{"kind", "compound"}, {"name", "小区"}, {"parent_id", comm}, {"grid_id", grid}});
  Id building = create(port, "/api/v1/places", {{"kind", "building"}, {"name", "1栋"}, {"parent_id", compound}});
  Id unit = create(port, "/api/v1/places", {{"kind", "unit"}, {"name", "1单元"}, {"parent_id", building}, {"grid_id", micro}});
  Id household = create(port, "/api/v1/places", {{"kind", "household"}, {"name", "101"}, {"parent_id", unit}});
  Id person = create(port, "/api/v1/persons", {{"name", "张三"}, {"household_id", household}});
  std::map<std::string, std::string> admin;  // the test server's default admin sign-in
  Reply intake = http(port, {"POST", "/api/v1/cases", json{{"category_id", 102}, {"place_id", household}, {"description", "狗叫"}}.dump(),
                             "application/json", admin});
  ASSERT_EQ(intake.status, 201) << intake.body;
  Id case_id = json::parse(intake.body)["id"];
  std::string token = json::parse(intake.body)["tracking_token"];
  Id emergency = create(port, "/api/v1/emergencies",
                        {{"name", "疫情"}, {"type", "epidemic"}, {"scope_kind", "compounds"}, {"scope_ids", {compound}}});
  create(port, "/api/v1/emergencies/" + std::to_string(emergency) + "/errands",
         {{"household_id", household}, {"kind", "medicine"}});

  Reply r = get(port, "/api/v1/openapi.json");
  json doc = json::parse(r.body);
  const json& schemas = doc["components"]["schemas"];
  LifeSamples life = add_life_samples(port, grid, micro, compound, household);
  std::map<std::string, Id> ids{{"/api/v1/grids/{id}", micro},
                                {"/api/v1/places/{id}", household},
                                {"/api/v1/persons/{id}", person},
                                {"/api/v1/households/{id}/links", household},
                                {"/api/v1/cases/{id}", case_id},
                                {"/api/v1/patrol-plans/{id}", life.plan},
                                {"/api/v1/patrols/{id}", life.patrol},
                                {"/api/v1/visits/{id}", life.visit},
                                {"/api/v1/households/{id}/care", household},
                                {"/api/v1/topics/{id}", life.topic},
                                {"/api/v1/meetings/{id}", life.meeting},
                                {"/api/v1/conventions/{id}", life.convention},
                                {"/api/v1/conventions/{id}/sign-on-rates", life.convention},
                                {"/api/v1/convention-versions/{id}", life.version},
                                {"/api/v1/notices/{id}", life.notice},
                                {"/api/v1/notices/{id}/unread", life.notice},
                                {"/api/v1/campaigns/{id}", life.campaign}};
  for (const char* sub : {"", "/teams", "/rounds", "/progress", "/coverage-map", "/tasks", "/errands", "/report"}) {
    ids[std::string("/api/v1/emergencies/{id}") + sub] = emergency;
  }
  for (const auto& route : server.api().router().routes()) {
    if (route.method != "GET" || route.response_schema.empty()) continue;
    std::string path = route.pattern;
    if (auto pos = path.find("{token}"); pos != std::string::npos) path.replace(pos, 7, token);
    if (route.pattern == "/api/v1/cases/duplicates") path += "?category_id=102&place_id=" + std::to_string(household);
    if (route.pattern == "/api/v1/locate") path += "?lng=104.1&lat=30.6";
    if (auto pos = path.find("{id}"); pos != std::string::npos) {
      ASSERT_TRUE(ids.count(route.pattern)) << "no sample id for " << route.pattern;
      path.replace(pos, 4, std::to_string(ids[route.pattern]));
    }
    Reply live = http(port, {"GET", path, "", "", admin});
    ASSERT_EQ(live.status, route.success_status) << path << ": " << live.body;
    json j = json::parse(live.body);
    const json& schema = schemas[route.response_schema];
    for (const auto& req : schema["required"]) {
      EXPECT_TRUE(j.contains(req.get<std::string>())) << path << " lacks " << req;
    }
    if (schema["properties"].contains("items") && !j["items"].empty() &&
        schema["properties"]["items"].contains("items") && schema["properties"]["items"]["items"].contains("$ref")) {
      std::string item_ref = schema["properties"]["items"]["items"]["$ref"];
      const json& item = schemas[item_ref.substr(item_ref.rfind('/') + 1)];
      for (const auto& req : item["required"]) {
        EXPECT_TRUE(j["items"][0].contains(req.get<std::string>())) << path << " items lack " << req;
      }
    }
  }
}

}  // namespace
}  // namespace weige::testing
