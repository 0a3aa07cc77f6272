// Three-links visits, care tags and notices through the real server:
// quarterly coverage per link against a hand count, the linking rule, the
// overdue list, notices reaching households by scope with read
// acknowledgements and the unread list, and a publicity campaign tied to the
// case that prompted it and the visit that carried it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/route_matrix.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

class VisitNoticeApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m = build(port());
    // Unit 1 (micro-grid A1-1): 1201, 1301, 1401. Unit 2 (A1-2): 201, 301.
    h = {m.household,
         create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "1301"}, {"parent_id", m.unit1}}),
         create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "1401"}, {"parent_id", m.unit1}}),
         create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "201"}, {"parent_id", m.unit2}}),
         create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "301"}, {"parent_id", m.unit2}})};
    wang = create(port(), "/api/v1/persons", {{"name", "王秀英"}, {"household_id", h[0]}, {"birth_year", 1948}});
    zhou = create(port(), "/api/v1/persons", {{"name", "周杰"}, {"household_id", h[3]}});
    party = create(port(), "/api/v1/organisations", {{"kind", "party_organisation"}, {"name", "双福路社区党委"}, {"community_id", m.community_a}});
    backbone = create(port(), "/api/v1/persons", {{"name", "骨干"}, {"kind", "volunteer"}, {"party_member", true}});
    head1 = create(port(), "/api/v1/persons", {{"name", "李建国"}, {"kind", "volunteer"}, {"party_member", true}});
    head2 = create(port(), "/api/v1/persons", {{"name", "陈红"}, {"kind", "volunteer"}, {"party_member", true}});
    grid_worker = create(port(), "/api/v1/persons", {{"name", "赵敏"}, {"kind", "staff"}});
    other_worker = create(port(), "/api/v1/persons", {{"name", "二网格员"}, {"kind", "staff"}});
    create(port(), "/api/v1/assignments", {{"person_id", head1}, {"grid_id", m.micro_a11}, {"role", "micro_grid_head"}});
    create(port(), "/api/v1/assignments", {{"person_id", head2}, {"grid_id", m.micro_a12}, {"role", "micro_grid_head"}});
    create(port(), "/api/v1/assignments", {{"person_id", grid_worker}, {"grid_id", m.grid_a1}, {"role", "grid_worker"}});
    create(port(), "/api/v1/assignments", {{"person_id", other_worker}, {"grid_id", m.grid_a2}, {"role", "grid_worker"}});
    // The chain: party committee -> backbone -> heads -> households (301 is not linked).
    create(port(), "/api/v1/links", {{"tier", 1}, {"from_org_id", party}, {"to_person_id", backbone}});
    create(port(), "/api/v1/links", {{"tier", 2}, {"from_person_id", backbone}, {"to_person_id", head1}});
    create(port(), "/api/v1/links", {{"tier", 2}, {"from_person_id", backbone}, {"to_person_id", head2}});
    for (int i = 0; i < 3; ++i) create(port(), "/api/v1/links", {{"tier", 3}, {"from_person_id", head1}, {"to_household_id", h[i]}});
    create(port(), "/api/v1/links", {{"tier", 3}, {"from_person_id", head2}, {"to_household_id", h[3]}});
  }
  int port() { return server.port(); }
  Reply send(const std::string& path, const json& j, const Headers& who, const std::string& method = "POST") {
    return http(port(), {method, path, j.dump(), "application/json", who});
  }
  json ok(Reply r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  json visit(const Headers& who, Id household, const char* form, const char* at, json extra = json::object()) {
    extra["household_id"] = household;
    extra["form"] = form;
    extra["at"] = at;
    return ok(send("/api/v1/visits", extra, who), 201);
  }

  TestServer server;
  MiniMap m{};
  std::vector<Id> h;
  Id wang = 0, zhou = 0, party = 0, backbone = 0, head1 = 0, head2 = 0, grid_worker = 0, other_worker = 0;
};

// Hand count for 2026Q4: head 1 links 1201, 1301, 1401 and visited 1201 and
// 1301 (1401 only in Q3); head 2 links 201 and visited it; the backbone and
// the committee reach 4 linked households, 3 visited.
TEST_F(VisitNoticeApiTest, QuarterlyCoveragePerLinkMatchesAHandCount) {
  Headers one = server.as("micro_grid_head", head1);
  Headers two = server.as("micro_grid_head", head2);
  json v = visit(one, h[0], "door_to_door", "2026-11-10", {{"learnt", "身体还好，想了解高龄补贴"}});
  EXPECT_EQ(v["visitor"]["id"], head1);
  EXPECT_EQ(v["form_zh"], "上门走访");
  EXPECT_NE(v["link_id"], nullptr);
  visit(one, h[1], "courtyard_meeting", "2026-10-15");
  visit(one, h[0], "chat_group", "2026-11-20");  // a second visit counts once
  visit(one, h[2], "door_to_door", "2026-09-20");  // Q3
  visit(two, h[3], "chat_group", "2026-11-01");
  Headers gw = server.as("grid_worker", grid_worker);
  json cov = ok(http(port(), {"GET", "/api/v1/visits/coverage?quarter=2026Q4", "", "", gw}));
  EXPECT_EQ(cov["quarter"], "2026Q4");
  EXPECT_EQ(cov["households"], 4);
  EXPECT_EQ(cov["visited"], 3);
  std::map<std::pair<int, Id>, std::pair<int, int>> rows;
  for (const auto& l : cov["links"]) {
    Id who = l["tier"] == 1 ? l["organisation"]["id"].get<Id>() : l["person"]["id"].get<Id>();
    rows[{l["tier"].get<int>(), who}] = {l["households"].get<int>(), l["visited"].get<int>()};
  }
  EXPECT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[std::make_pair(1, party)], std::make_pair(4, 3));
  EXPECT_EQ(rows[std::make_pair(2, backbone)], std::make_pair(4, 3));
  EXPECT_EQ(rows[std::make_pair(3, head1)], std::make_pair(3, 2));
  EXPECT_EQ(rows[std::make_pair(3, head2)], std::make_pair(1, 1));
  json q3 = ok(http(port(), {"GET", "/api/v1/visits/coverage?quarter=2026-Q3", "", "", gw}));
  EXPECT_EQ(q3["visited"], 1);
  // A micro-grid head's coverage is their own micro-grid's.
  json mine = ok(http(port(), {"GET", "/api/v1/visits/coverage?quarter=2026Q4", "", "", two}));
  EXPECT_EQ(mine["households"], 1);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/visits/coverage?quarter=2026Q9", "", "", gw}).status, 400);
}

// Whom a party member may log a visit for: the households they link, with
// the last visit; none for staff who link nobody; residents are refused.
TEST_F(VisitNoticeApiTest, APartyMemberListsTheHouseholdsTheyLink) {
  Headers one = server.as("micro_grid_head", head1);
  visit(one, h[1], "door_to_door", "2026-11-10");
  json mine = ok(http(port(), {"GET", "/api/v1/visits/my-households", "", "", one}));
  ASSERT_EQ(mine["total"], 3);
  std::vector<std::string> names;
  for (const auto& x : mine["items"]) names.push_back(x["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"1201", "1301", "1401"}));
  EXPECT_EQ(mine["items"][0]["household_id"], h[0]);
  EXPECT_EQ(mine["items"][0]["unit"], "1单元");
  EXPECT_EQ(mine["items"][0]["compound"], "华润六期锦云府");
  EXPECT_EQ(mine["items"][0]["last_visit_at"], nullptr);
  EXPECT_NE(mine["items"][1]["last_visit_at"], nullptr);
  json two = ok(http(port(), {"GET", "/api/v1/visits/my-households", "", "", server.as("micro_grid_head", head2)}));
  ASSERT_EQ(two["total"], 1);
  EXPECT_EQ(two["items"][0]["name"], "201");
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/visits/my-households", "", "", server.as("grid_worker", grid_worker)}))["total"], 0);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/visits/my-households", "", "", server.as("resident", wang)}).status, 403);
}

TEST_F(VisitNoticeApiTest, VisitsFollowTheChainAndTheirScope) {
  Headers one = server.as("micro_grid_head", head1);
  Headers two = server.as("micro_grid_head", head2);
  Headers gw = server.as("grid_worker", grid_worker);
  struct Case {
    const char* name;
    Headers who;
    json body;
    int status;
  };
  const Case refused[] = {
      {"unlinked household", two, {{"household_id", h[4]}, {"form", "door_to_door"}}, 422},
      {"not the linking member", gw, {{"household_id", h[0]}, {"form", "door_to_door"}, {"visitor_person_id", head2}}, 422},
      {"another's household, logged for them by a non-manager", two, {{"household_id", h[0]}, {"form", "door_to_door"}, {"visitor_person_id", head1}}, 404},
      {"unknown form", one, {{"household_id", h[0]}, {"form", "phone_call"}}, 400},
      {"no form", one, {{"household_id", h[0]}}, 400},
      {"future", one, {{"household_id", h[0]}, {"form", "door_to_door"}, {"at", "2026-12-25"}}, 400},
      // No household by that id: answered as an unknown one (or one outside the scope) is, 404.
      {"not a household", one, {{"household_id", m.unit1}, {"form", "door_to_door"}}, 404},
      {"both follow-ups", one, {{"household_id", h[0]}, {"form", "door_to_door"}, {"learnt", "x"}, {"follow_up_case_id", 1}, {"follow_up_category_id", 701}}, 400},
      {"follow-up without words", one, {{"household_id", h[0]}, {"form", "door_to_door"}, {"follow_up_category_id", 701}}, 400},
  };
  for (const Case& c : refused) {
    std::string before = dump(server.db());
    Reply r = send("/api/v1/visits", c.body, c.who);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_EQ(before, dump(server.db())) << c.name;
  }
  // The grid worker logs a visit on the linking member's behalf; a follow-up case goes to intake.
  json v = ok(send("/api/v1/visits", {{"household_id", h[0]}, {"form", "door_to_door"}, {"visitor_person_id", head1},
                                      {"learnt", "独居老人需要助餐服务"}, {"follow_up_category_id", 701}},
                   gw),
              201);
  ASSERT_NE(v["case"], nullptr);
  Id case_id = v["follow_up_case_id"];
  json c = ok(http(port(), {"GET", "/api/v1/cases/" + std::to_string(case_id), "", "", gw}));
  EXPECT_EQ(c["place_id"], h[0]);
  EXPECT_EQ(c["grid_id"], m.micro_a11);
  EXPECT_EQ(c["handler"], "micro_grid");
  // Visits are seen by the managers of the household's grid and by the household itself.
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/visits", "", "", one}))["total"], 1);
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/visits", "", "", two}))["total"], 0);
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/visits", "", "", server.as("grid_worker", other_worker)}))["total"], 0);
  Headers wang_h = server.as("resident", wang);
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/visits", "", "", wang_h}))["total"], 1);
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/visits", "", "", server.as("resident", zhou)}))["total"], 0);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/visits/" + std::to_string(v["id"].get<Id>()), "", "", two}).status, 404);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/visits/coverage", "", "", wang_h}).status, 403);
  EXPECT_EQ(send("/api/v1/visits", {{"household_id", h[0]}, {"form", "door_to_door"}}, wang_h).status, 403);
}

// 1401 (elderly living alone, weekly) was last visited on 20 September: 64
// days overdue on 30 November. 1201 (disabled, monthly) was visited on
// 10 November: due 10 December. 201 (low income) was tagged today.
TEST_F(VisitNoticeApiTest, CareTagsAndTheOverdueList) {
  Headers one = server.as("micro_grid_head", head1);
  Headers gw = server.as("grid_worker", grid_worker);
  visit(one, h[2], "door_to_door", "2026-09-20");
  visit(one, h[0], "door_to_door", "2026-11-10");
  auto care = [&](Id household, const json& tags) {
    return send("/api/v1/households/" + std::to_string(household) + "/care", {{"tags", tags}}, gw, "PUT");
  };
  json elderly = ok(care(h[2], {{{"tag", "elderly_alone"}, {"note", "子女在外地"}}}));
  EXPECT_EQ(elderly["visit_every_days"], 7);
  EXPECT_TRUE(elderly["overdue"]);
  EXPECT_EQ(elderly["days_overdue"], 64);
  json disabled = ok(care(h[0], {{{"tag", "disabled"}}, {{"tag", "low_income"}, {"visit_every_days", 60}}}));
  EXPECT_EQ(disabled["visit_every_days"], 30);  // the shortest
  EXPECT_FALSE(disabled["overdue"]);
  EXPECT_EQ(disabled["due_at"], "2026-12-10T00:00:00+08:00");
  ok(care(h[3], {{{"tag", "low_income"}}}));
  Headers other = server.as("grid_worker", other_worker);
  std::string before = dump(server.db());
  EXPECT_EQ(care(h[3], {{{"tag", "rich"}}}).status, 400);
  EXPECT_EQ(care(h[3], {{{"tag", "disabled"}}, {{"tag", "disabled"}}}).status, 400);
  EXPECT_EQ(care(h[3], {{{"tag", "disabled"}, {"visit_every_days", 0}}}).status, 400);
  EXPECT_EQ(send("/api/v1/households/" + std::to_string(h[3]) + "/care", {{"tags", {{{"tag", "disabled"}}}}}, other, "PUT").status,
            404);
  EXPECT_EQ(before, dump(server.db()));
  json overdue = ok(http(port(), {"GET", "/api/v1/care/overdue", "", "", gw}));
  ASSERT_EQ(overdue["total"], 1);
  EXPECT_EQ(overdue["items"][0]["household"]["id"], h[2]);
  EXPECT_EQ(overdue["items"][0]["tags"][0]["tag_zh"], "独居老人");
  // A visit clears it; removing the tags takes the household off the list.
  visit(one, h[2], "door_to_door", "2026-11-30");
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/care/overdue", "", "", gw}))["total"], 0);
  json cleared = ok(care(h[0], json::array()));
  EXPECT_TRUE(cleared["tags"].empty());
  EXPECT_EQ(cleared["due_at"], nullptr);
  // A resident reads their own household's care record, not a neighbour's.
  EXPECT_EQ(http(port(), {"GET", "/api/v1/households/" + std::to_string(h[0]) + "/care", "", "", server.as("resident", wang)}).status, 200);
  EXPECT_EQ(http(port(), {"GET", "/api/v1/households/" + std::to_string(h[2]) + "/care", "", "", server.as("resident", wang)}).status, 404);
}

TEST_F(VisitNoticeApiTest, NoticesReachHouseholdsByScopeWithReadAcknowledgements) {
  Headers gw = server.as("grid_worker", grid_worker);
  auto notice = [&](const char* kind, Id target, const char* title) {
    return ok(send("/api/v1/notices", {{"target_kind", kind}, {"target_id", target}, {"title", title}, {"body", "详见公告栏"}}, gw), 201);
  };
  json building = notice("building", m.building, "1栋停水通知");
  EXPECT_EQ(building["recipients"], 5);
  EXPECT_EQ(building["target_name"], "1栋");
  EXPECT_EQ(notice("compound", m.compound, "小区消防演练")["recipients"], 5);
  EXPECT_EQ(notice("micro_grid", m.micro_a11, "1单元电梯检修")["recipients"], 3);
  EXPECT_EQ(notice("micro_grid", m.micro_a12, "2单元电梯检修")["recipients"], 2);
  EXPECT_EQ(ok(send("/api/v1/notices", {{"target_kind", "community"}, {"target_id", m.community_a}, {"title", "防范电信诈骗"}, {"body", "不转账"}},
                    server.as("community_admin", std::nullopt, m.general_a)),
               201)["recipients"],
            5);
  // Wang (unit 1) sees four of the five; Zhou (unit 2) the other four.
  Headers wang_h = server.as("resident", wang);
  json wang_list = ok(http(port(), {"GET", "/api/v1/notices", "", "", wang_h}));
  EXPECT_EQ(wang_list["total"], 4);
  for (const auto& n : wang_list["items"]) {
    EXPECT_NE(n["title"], "2单元电梯检修");
    EXPECT_EQ(n["my_household_read"], false);
  }
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/notices", "", "", server.as("resident", zhou)}))["total"], 4);
  Id building_id = building["id"];
  std::string path = "/api/v1/notices/" + std::to_string(building_id);
  json read = ok(send(path + "/read", json::object(), wang_h));
  EXPECT_EQ(read["read"], 1);
  EXPECT_EQ(read["my_household_read"], true);
  EXPECT_EQ(ok(send(path + "/read", json::object(), wang_h))["read"], 1);  // once per household
  EXPECT_EQ(send(path + "/read", {{"household_id", h[1]}}, wang_h).status, 403);
  EXPECT_EQ(ok(send(path + "/read", {{"household_id", h[1]}}, gw))["read"], 2);  // told at the door
  json unread = ok(http(port(), {"GET", path + "/unread", "", "", gw}));
  ASSERT_EQ(unread["total"], 3);
  std::vector<std::string> names;
  for (const auto& u : unread["items"]) names.push_back(u["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"1401", "201", "301"}));
  EXPECT_EQ(unread["items"][1]["unit"], "2单元");
  EXPECT_EQ(unread["items"][1]["compound"], "华润六期锦云府");
  EXPECT_EQ(http(port(), {"GET", path + "/unread", "", "", wang_h}).status, 403);
  // In pages: the total stays the count of all unread households.
  auto unread_page = [&](const std::string& query) {
    json p = ok(http(port(), {"GET", path + "/unread?" + query, "", "", gw}));
    std::vector<std::string> got;
    for (const auto& u : p["items"]) got.push_back(u["name"]);
    return std::make_pair(p["total"].get<int>(), got);
  };
  EXPECT_EQ(unread_page("limit=2"), std::make_pair(3, std::vector<std::string>{"1401", "201"}));
  EXPECT_EQ(unread_page("limit=2&offset=2"), std::make_pair(3, std::vector<std::string>{"301"}));
  EXPECT_EQ(unread_page("limit=2&offset=4"), std::make_pair(3, std::vector<std::string>{}));
  EXPECT_EQ(http(port(), {"GET", path + "/unread?limit=0", "", "", gw}).status, 400);
  EXPECT_EQ(http(port(), {"GET", path + "/unread?offset=-1", "", "", gw}).status, 400);
  // Reading at the door takes a household off the list and the total.
  ok(send(path + "/read", {{"household_id", h[3]}}, gw));
  EXPECT_EQ(unread_page("limit=2"), std::make_pair(2, std::vector<std::string>{"1401", "301"}));
  // Refusals.
  Headers head = server.as("micro_grid_head", head1);
  Headers other = server.as("grid_worker", other_worker);
  std::string before = dump(server.db());
  Id a12_notice = ok(http(port(), {"GET", "/api/v1/notices?limit=500", "", "", gw}))["items"][1]["id"];
  EXPECT_EQ(http(port(), {"GET", "/api/v1/notices/" + std::to_string(a12_notice), "", "", wang_h}).status, 404);
  EXPECT_EQ(send("/api/v1/notices/" + std::to_string(a12_notice) + "/read", json::object(), wang_h).status, 404);
  EXPECT_EQ(send("/api/v1/notices", {{"target_kind", "building"}, {"target_id", m.compound}, {"title", "x"}, {"body", "y"}}, gw).status, 400);
  EXPECT_EQ(send("/api/v1/notices", {{"target_kind", "estate"}, {"target_id", m.compound}, {"title", "x"}, {"body", "y"}}, gw).status, 400);
  EXPECT_EQ(send("/api/v1/notices", {{"target_kind", "building"}, {"target_id", m.building}, {"title", "x"}}, gw).status, 400);
  // The building spans two micro-grids: its notices belong to grid A1, which head 1 does not run.
  EXPECT_EQ(send("/api/v1/notices", {{"target_kind", "building"}, {"target_id", m.building}, {"title", "x"}, {"body", "y"}}, head).status,
            403);
  // A compound outside the scope is a bad target, exactly as one that does not exist.
  Reply outside = send("/api/v1/notices", {{"target_kind", "compound"}, {"target_id", m.compound}, {"title", "x"}, {"body", "y"}}, other);
  Reply unknown = send("/api/v1/notices", {{"target_kind", "compound"}, {"target_id", kNoSuchId}, {"title", "x"}, {"body", "y"}}, other);
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(without_id(outside.body, m.compound), without_id(unknown.body, kNoSuchId));
  EXPECT_EQ(before, dump(server.db()));
  EXPECT_EQ(ok(send("/api/v1/notices", {{"target_kind", "micro_grid"}, {"target_id", m.micro_a11}, {"title", "楼道清理"}, {"body", "周六"}},
                    head),
               201)["recipients"],
            3);
}

// A dog-noise case prompts a civilised-dog-keeping campaign, carried on a
// visit and in a notice.
TEST_F(VisitNoticeApiTest, ACampaignLinksTheCaseThatPromptedItAndTheVisitsThatCarriedIt) {
  Headers gw = server.as("grid_worker", grid_worker);
  Id dog_case = create(port(), "/api/v1/cases", {{"category_id", 102}, {"place_id", h[0]}, {"description", "楼上狗叫"}});
  json campaign = ok(send("/api/v1/campaigns", {{"theme", "civilised_dog_keeping"}, {"title", "文明养犬宣传月"}, {"grid_id", m.grid_a1},
                                                {"starts_on", "2026-11-01"}, {"ends_on", "2026-11-30"}, {"case_ids", {dog_case}}},
                          gw),
                     201);
  Id id = campaign["id"];
  EXPECT_EQ(campaign["theme_zh"], "文明养犬");
  ASSERT_EQ(campaign["cases"].size(), 1u);
  EXPECT_EQ(campaign["cases"][0]["id"], dog_case);
  visit(server.as("micro_grid_head", head1), h[1], "door_to_door", "2026-11-12", {{"campaign_id", id}, {"learnt", "发放文明养犬宣传单"}});
  ok(send("/api/v1/notices", {{"target_kind", "compound"}, {"target_id", m.compound}, {"title", "文明养犬倡议"}, {"body", "遛狗牵绳"},
                              {"campaign_id", id}},
          gw),
     201);
  json full = ok(http(port(), {"GET", "/api/v1/campaigns/" + std::to_string(id), "", "", gw}));
  EXPECT_EQ(full["visits"], 1);
  EXPECT_EQ(full["notices"].size(), 1u);
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/visits?campaign_id=" + std::to_string(id), "", "", gw}))["total"], 1);
  Id noise = create(port(), "/api/v1/cases", {{"category_id", 103}, {"place_id", h[3]}, {"description", "夜间噪音"}});
  EXPECT_EQ(ok(send("/api/v1/campaigns/" + std::to_string(id) + "/cases", {{"case_id", noise}}, gw))["cases"].size(), 2u);
  EXPECT_EQ(ok(send("/api/v1/campaigns/" + std::to_string(id) + "/cases", {{"case_id", noise}}, gw))["cases"].size(), 2u);
  std::string before = dump(server.db());
  EXPECT_EQ(send("/api/v1/campaigns", {{"theme", "tidiness"}, {"title", "x"}, {"grid_id", m.grid_a1}}, gw).status, 400);
  EXPECT_EQ(send("/api/v1/campaigns", {{"theme", "fire_safety"}, {"title", "x"}, {"grid_id", m.grid_a1}, {"starts_on", "2026-12-01"}, {"ends_on", "2026-11-01"}}, gw).status, 400);
  EXPECT_EQ(send("/api/v1/campaigns", {{"theme", "fire_safety"}, {"title", "x"}, {"grid_id", m.grid_a1}, {"case_ids", {999999}}}, gw).status, 400);
  EXPECT_EQ(before, dump(server.db()));
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/campaigns", "", "", server.as("grid_worker", other_worker)}))["total"], 0);
}

}  // namespace
}  // namespace weige::testing
