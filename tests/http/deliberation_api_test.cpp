// Deliberation and conventions through the real server: a pet-keeping topic
// from raising to an adopted convention clause with sign-ons (the article's
// 议事流程 and 居民公约), the vote rules at their edges, and joint-meeting
// decisions in their owners' inboxes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

class DeliberationApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m = build(port());
    // Five households in building 1 of the compound: three in unit 1, two in unit 2.
    households = {m.household,
                  create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "1301"}, {"parent_id", m.unit1}}),
                  create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "1401"}, {"parent_id", m.unit1}}),
                  create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "201"}, {"parent_id", m.unit2}}),
                  create(port(), "/api/v1/places", {{"kind", "household"}, {"name", "301"}, {"parent_id", m.unit2}})};
    const char* names[] = {"王秀英", "刘强", "陈芳", "周杰", "孙丽"};
    for (std::size_t i = 0; i < households.size(); ++i) {
      residents.push_back(create(port(), "/api/v1/persons",
                                 {{"name", names[i]}, {"kind", i == 1 ? "tenant" : "resident"}, {"household_id", households[i]}}));
    }
    grid_worker = create(port(), "/api/v1/persons", {{"name", "赵敏"}, {"kind", "staff"}});
    head = create(port(), "/api/v1/persons", {{"name", "李建国"}, {"kind", "volunteer"}, {"party_member", true}});
    company = create(port(), "/api/v1/organisations", {{"kind", "property_company"}, {"name", "华润物业"}});
    steward = create(port(), "/api/v1/persons", {{"name", "物业管家"}, {"kind", "staff"}, {"organisation_id", company}});
    create(port(), "/api/v1/assignments", {{"person_id", grid_worker}, {"grid_id", m.grid_a1}, {"role", "grid_worker"}});
    create(port(), "/api/v1/assignments", {{"person_id", head}, {"grid_id", m.micro_a11}, {"role", "micro_grid_head"}});
    create(port(), "/api/v1/assignments", {{"person_id", steward}, {"grid_id", m.grid_a1}, {"role", "property_staff"}, {"organisation_id", company}});
  }
  int port() { return server.port(); }
  Headers resident(std::size_t i) { return server.as("resident", residents[i]); }
  Reply send(const std::string& path, const json& j, const Headers& who, const std::string& method = "POST") {
    return http(port(), {method, path, j.dump(), "application/json", who});
  }
  json ok(Reply r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  std::string topic(Id id, const std::string& tail = "") { return "/api/v1/topics/" + std::to_string(id) + tail; }
  std::string version(Id id, const std::string& tail = "") {
    return "/api/v1/convention-versions/" + std::to_string(id) + tail;
  }
  // Takes a convention version from draft to a vote where every listed household votes `ballot`.
  json adopt(Id version_id, const Headers& convenor, const std::vector<std::pair<std::size_t, const char*>>& votes,
             const json& rule = json::object()) {
    ok(send(version(version_id, "/actions"), {{"action", "open_consultation"}}, convenor));
    json open = rule;
    open["action"] = "open_voting";
    ok(send(version(version_id, "/actions"), open, convenor));
    for (const auto& [i, ballot] : votes) ok(send(version(version_id, "/votes"), {{"ballot", ballot}}, resident(i)), 201);
    return ok(send(version(version_id, "/actions"), {{"action", "close_voting"}}, convenor));
  }

  TestServer server;
  MiniMap m{};
  std::vector<Id> households, residents;
  Id grid_worker = 0, head = 0, company = 0, steward = 0;
};

// From a resident's topic on pet-keeping to a clause of the compound's
// convention that households sign, with the sign-on rate per building.
TEST_F(DeliberationApiTest, APetKeepingTopicBecomesAnAdoptedConventionClauseWithSignOns) {
  Headers gw = server.as("grid_worker", grid_worker);
  Headers wang = resident(0);
  // Raised by Grandma Wang for the whole compound's grid.
  json t = ok(send("/api/v1/topics", {{"grid_id", m.grid_a1}, {"title", "小区文明养犬规则"},
                                      {"description", "楼上狗叫影响休息，建议约定遛狗牵绳、夜间不扰民"}},
                   wang),
              201);
  Id id = t["id"];
  EXPECT_EQ(t["source"], "resident");
  EXPECT_EQ(t["state"], "raised");
  EXPECT_EQ(t["raised_by_household"]["id"], m.household);
  EXPECT_TRUE(t["allowed_actions"].empty());  // residents take part, they do not run the process

  // Opinions: a tenant, the property company and a volunteer.
  ok(send(topic(id, "/actions"), {{"action", "open_consultation"}}, gw));
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "open_voting"}}, gw).status, 409);  // no meeting yet
  ok(send(topic(id, "/comments"), {{"text", "支持，租户也养狗，愿意遵守"}}, resident(1)), 201);
  ok(send(topic(id, "/comments"), {{"text", "物业可在小区设置宠物便袋箱"}}, server.as("property_staff", steward, std::nullopt, company)), 201);
  json commented = ok(send(topic(id, "/comments"), {{"text", "微网格员上门宣传"}}, server.as("micro_grid_head", head)), 201);
  ASSERT_EQ(commented["comments"].size(), 3u);
  EXPECT_EQ(commented["comments"][0]["author_kind"], "tenant");
  EXPECT_EQ(commented["comments"][0]["household"]["id"], households[1]);
  EXPECT_EQ(commented["comments"][1]["author_kind"], "property_company");
  EXPECT_EQ(commented["comments"][1]["organisation"]["id"], company);
  EXPECT_EQ(commented["comments"][2]["author_kind"], "volunteer");

  // The courtyard meeting, then the vote: quorum 60%, more than half.
  ok(send(topic(id, "/actions"), {{"action", "schedule_meeting"}}, gw));
  json meeting = ok(send("/api/v1/meetings",
                         {{"kind", "courtyard_meeting"}, {"topic_id", id}, {"place", "1栋楼下坝坝"}, {"held_at", "2026-11-25T19:00"},
                          {"attendees", {{{"person_id", residents[0]}, {"label", "1201"}}, {{"person_id", head}, {"label", "微网格长"}},
                                         {{"organisation_id", company}, {"label", "华润物业"}}}},
                          {"minutes", "约定遛狗牵绳、及时清理、夜间十点后不扰民；写入居民公约"}},
                         gw),
                    201);
  EXPECT_EQ(meeting["attendee_count"], 3);
  json voting = ok(send(topic(id, "/actions"), {{"action", "open_voting"}, {"quorum_percent", 60}, {"majority", "more_than_half"}}, gw));
  EXPECT_EQ(voting["state"], "voting");
  EXPECT_EQ(voting["tally"]["eligible"], 5);
  ok(send(topic(id, "/votes"), {{"ballot", "for"}}, wang), 201);
  ok(send(topic(id, "/votes"), {{"ballot", "for"}}, resident(1)), 201);
  json three = ok(send(topic(id, "/votes"), {{"ballot", "against"}}, resident(2)), 201);
  EXPECT_EQ(three["tally"]["cast"], 3);
  EXPECT_TRUE(three["tally"]["quorum_reached"]);  // 3 of 5 is exactly 60%
  EXPECT_EQ(three["my_vote"], "against");
  std::string before = dump(server.db());
  EXPECT_EQ(send(topic(id, "/votes"), {{"ballot", "against"}}, wang).status, 409);  // one vote per household
  EXPECT_EQ(send(topic(id, "/votes"), {{"ballot", "for"}, {"household_id", households[0]}}, gw).status, 409);
  EXPECT_EQ(before, dump(server.db()));
  json decided = ok(send(topic(id, "/actions"), {{"action", "close_voting"}}, gw));
  EXPECT_EQ(decided["state"], "decided");
  EXPECT_TRUE(decided["tally"]["passed"]);
  EXPECT_EQ(send(topic(id, "/votes"), {{"ballot", "for"}}, resident(3)).status, 409);  // a closed topic takes no votes
  json published = ok(send(topic(id, "/actions"), {{"action", "publish"}, {"note", "通过：文明养犬条款写入居民公约"}}, gw));
  EXPECT_EQ(published["state"], "published");
  EXPECT_EQ(published["result"], "通过：文明养犬条款写入居民公约");

  // The compound's convention: version 1 adopted earlier, version 2 adds the clause.
  json conv = ok(send("/api/v1/conventions",
                      {{"place_id", m.compound}, {"title", "华润六期锦云府居民公约"},
                       {"sections", {{{"key", "1"}, {"heading", "总则"}, {"text", "邻里和睦，共建共治共享"}}}}},
                      gw),
                 201);
  Id conv_id = conv["id"];
  Id v1 = conv["versions"][0]["id"];
  EXPECT_EQ(conv["households"], 5);
  EXPECT_EQ(send("/api/v1/conventions/" + std::to_string(conv_id) + "/sign-ons", json::object(), wang).status, 409);  // nothing adopted yet
  EXPECT_EQ(adopt(v1, gw, {{0, "for"}, {1, "for"}, {2, "for"}})["state"], "adopted");
  json v2 = ok(send("/api/v1/conventions/" + std::to_string(conv_id) + "/versions",
                    {{"topic_id", id},
                     {"note", "议题通过：增加文明养犬条款"},
                     {"sections", {{{"key", "1"}, {"heading", "总则"}, {"text", "邻里和睦，共建共治共享"}},
                                   {{"key", "pets"}, {"heading", "文明养犬"}, {"text", "遛狗牵绳，及时清理，夜间十点后不扰民"}}}}},
                    gw),
               201);
  Id v2_id = v2["id"];
  EXPECT_EQ(v2["number"], 2);
  EXPECT_EQ(v2["topic_id"], id);
  // A second draft while this one is open is refused.
  EXPECT_EQ(send("/api/v1/conventions/" + std::to_string(conv_id) + "/versions", {{"sections", {{{"key", "1"}, {"text", "x"}}}}}, gw).status, 409);
  ok(send(version(v2_id, "/comments"), {{"section_key", "pets"}, {"text", "建议写明大型犬不得进入儿童游乐区"}}, resident(1)), 201);
  json c2 = ok(send(version(v2_id, "/comments"), {{"section_key", "pets"}, {"text", "物业配合巡查"}},
                    server.as("property_staff", steward, std::nullopt, company)),
               201);
  EXPECT_EQ(c2["sections"][1]["comments"].size(), 2u);
  EXPECT_EQ(c2["sections"][1]["comments"][0]["author_kind"], "tenant");
  EXPECT_EQ(send(version(v2_id, "/comments"), {{"section_key", "nope"}, {"text", "x"}}, wang).status, 400);
  // Two thirds of the votes cast: 4 for, 1 against.
  json adopted = adopt(v2_id, gw, {{0, "for"}, {1, "for"}, {2, "for"}, {3, "for"}, {4, "against"}},
                       {{"quorum_percent", 50}, {"majority", "two_thirds"}});
  EXPECT_EQ(adopted["state"], "adopted");
  EXPECT_TRUE(adopted["tally"]["passed"]);
  json after = ok(http(port(), {"GET", "/api/v1/conventions/" + std::to_string(conv_id), "", "", gw}));
  EXPECT_EQ(after["current_version_id"], v2_id);
  EXPECT_EQ(after["versions"][0]["state"], "superseded");

  // Households sign on: three residents themselves, one recorded at the door by the grid worker.
  std::string signs = "/api/v1/conventions/" + std::to_string(conv_id) + "/sign-ons";
  ok(send(signs, json::object(), wang), 201);
  ok(send(signs, json::object(), resident(1)), 201);
  ok(send(signs, json::object(), resident(3)), 201);
  json signed_ = ok(send(signs, {{"household_id", households[4]}}, gw), 201);
  EXPECT_EQ(signed_["signed_on"], 4);
  EXPECT_EQ(send(signs, json::object(), wang).status, 409);
  EXPECT_EQ(send(signs, {{"household_id", households[2]}}, wang).status, 403);  // not for a neighbour
  json rates = ok(http(port(), {"GET", signs.substr(0, signs.size() - 9) + "/sign-on-rates", "", "", gw}));
  EXPECT_EQ(rates["households"], 5);
  EXPECT_EQ(rates["signed_on"], 4);
  ASSERT_EQ(rates["buildings"].size(), 1u);
  EXPECT_EQ(rates["buildings"][0]["building"]["id"], m.building);
  EXPECT_DOUBLE_EQ(rates["buildings"][0]["rate"].get<double>(), 0.8);
  EXPECT_TRUE(ok(http(port(), {"GET", "/api/v1/conventions/" + std::to_string(conv_id), "", "", wang}))["my_household_signed"]);

  // Implementation: steps with progress, then done.
  ok(send(topic(id, "/steps"), {{"title", "公约增加文明养犬条款"}, {"owner_person_id", grid_worker}}, gw), 201);
  json steps = ok(send(topic(id, "/steps"), {{"title", "上门开展文明养犬宣传"}, {"owner_person_id", head}, {"due_on", "2026-12-15"}}, gw), 201);
  ASSERT_EQ(steps["steps"].size(), 2u);
  ok(send(topic(id, "/actions"), {{"action", "start_implementation"}}, gw));
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "complete"}}, gw).status, 409);  // steps still open
  for (const auto& s : steps["steps"]) {
    json half = ok(send("/api/v1/topic-steps/" + std::to_string(s["id"].get<Id>()), {{"status", "in_progress"}, {"progress", 50}}, gw, "PATCH"));
    ok(send("/api/v1/topic-steps/" + std::to_string(s["id"].get<Id>()), {{"status", "done"}}, gw, "PATCH"));
  }
  json done = ok(send(topic(id, "/actions"), {{"action", "complete"}}, gw));
  EXPECT_EQ(done["state"], "done");
  EXPECT_EQ(done["steps"][1]["progress"], 100);
  std::vector<std::string> actions;
  for (const auto& e : done["timeline"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"raise", "open_consultation", "schedule_meeting", "open_voting", "close_voting",
                                               "publish", "start_implementation", "complete"}));
}

// The vote rules at their edges, through the API: a tie is rejected, a closed
// topic takes no votes, a household outside the topic's grid is refused, and
// a resident of another micro-grid does not see the topic at all.
TEST_F(DeliberationApiTest, VotingEdgesThroughTheApi) {
  Headers gw = server.as("grid_worker", grid_worker);
  // A micro-grid topic: households 0-2 (unit 1) vote; 3-4 live in micro-grid A1-2.
  Id id = ok(send("/api/v1/topics", {{"grid_id", m.micro_a11}, {"title", "楼道灯改声控"}}, gw), 201)["id"];
  EXPECT_EQ(send(topic(id, "/votes"), {{"ballot", "for"}}, resident(0)).status, 409);  // not voting yet
  EXPECT_EQ(http(port(), {"GET", topic(id), "", "", resident(3)}).status, 404);
  ok(send(topic(id, "/actions"), {{"action", "open_consultation"}}, gw));
  ok(send(topic(id, "/actions"), {{"action", "schedule_meeting"}}, gw));
  ok(send("/api/v1/meetings", {{"kind", "courtyard_meeting"}, {"topic_id", id}}, gw), 201);
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "open_voting"}}, gw).status, 409);  // minutes first
  ok(send("/api/v1/meetings", {{"kind", "courtyard_meeting"}, {"topic_id", id}, {"minutes", "讨论了声控灯"}}, gw), 201);
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "open_voting"}, {"quorum_percent", 0}}, gw).status, 400);
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "open_voting"}, {"majority", "most"}}, gw).status, 400);
  EXPECT_EQ(ok(send(topic(id, "/actions"), {{"action", "open_voting"}}, gw))["tally"]["eligible"], 3);
  EXPECT_EQ(send(topic(id, "/votes"), {{"ballot", "for"}, {"household_id", households[3]}}, gw).status, 422);
  EXPECT_EQ(send(topic(id, "/votes"), {{"ballot", "maybe"}}, resident(0)).status, 400);
  ok(send(topic(id, "/votes"), {{"ballot", "for"}}, resident(0)), 201);
  ok(send(topic(id, "/votes"), {{"ballot", "against"}, {"household_id", households[1]}}, gw), 201);  // a paper ballot
  json closed = ok(send(topic(id, "/actions"), {{"action", "close_voting"}}, gw));
  EXPECT_EQ(closed["state"], "rejected");  // 1 for, 1 against: a tie
  EXPECT_TRUE(closed["tally"]["quorum_reached"]);
  EXPECT_FALSE(closed["tally"]["majority_reached"]);
  EXPECT_EQ(send(topic(id, "/votes"), {{"ballot", "for"}}, resident(2)).status, 409);
  EXPECT_EQ(send(topic(id, "/comments"), {{"text", "太晚了"}}, resident(2)).status, 409);
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "publish"}, {"note", "x"}}, gw).status, 409);
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "fly"}}, gw).status, 400);
  // Residents may not run the workflow: the route refuses them.
  EXPECT_EQ(send(topic(id, "/actions"), {{"action", "withdraw"}, {"reason", "x"}}, resident(0)).status, 403);
  Reply listed = http(port(), {"GET", "/api/v1/topics?state=rejected", "", "", resident(0)});
  EXPECT_EQ(json::parse(listed.body)["total"], 1);
}

// A community-property joint meeting in the Red Harbour records decisions
// with owners and due dates; they appear in the owners' inboxes until done.
TEST_F(DeliberationApiTest, JointMeetingDecisionsReachTheirOwnersInboxes) {
  Id secretary = create(port(), "/api/v1/persons", {{"name", "何红飙"}, {"kind", "staff"}, {"party_member", true}});
  Headers sec = server.as("community_admin", secretary, m.general_a);
  json meeting = ok(send("/api/v1/meetings",
                         {{"kind", "joint_meeting"}, {"grid_id", m.general_a}, {"held_at", "2026-11-27"},
                          {"attendees", {{{"person_id", secretary}, {"label", "社区党委书记"}}, {{"organisation_id", company}, {"label", "华润物业"}}}},
                          {"minutes", "商议电动车充电桩与小区外围停车"}},
                         sec),
                    201);
  EXPECT_EQ(meeting["place"], "红色港湾");
  EXPECT_EQ(meeting["kind"], "joint_meeting");
  std::string decisions = "/api/v1/meetings/" + std::to_string(meeting["id"].get<Id>()) + "/decisions";
  ok(send(decisions, {{"text", "物业在2栋旁加装充电桩"}, {"owner_organisation_id", company}, {"due_on", "2026-12-20"}}, sec), 201);
  json both = ok(send(decisions, {{"text", "网格员协调外围停车整治"}, {"owner_person_id", grid_worker}, {"due_on", "2026-11-20"}}, sec), 201);
  ASSERT_EQ(both["decisions"].size(), 2u);
  EXPECT_EQ(send(decisions, {{"text", "无主"}, {"due_on", "2026-12-01"}}, sec).status, 400);
  EXPECT_EQ(send(decisions, {{"text", "无期"}, {"owner_person_id", grid_worker}}, sec).status, 400);

  Headers gw = server.as("grid_worker", grid_worker);
  Headers prop = server.as("property_staff", steward, std::nullopt, company);
  json mine = ok(http(port(), {"GET", "/api/v1/decisions/mine", "", "", gw}));
  ASSERT_EQ(mine["total"], 1);
  EXPECT_TRUE(mine["items"][0]["overdue"]);  // due on 20 November; it is the 30th
  json theirs = ok(http(port(), {"GET", "/api/v1/decisions/mine", "", "", prop}));
  ASSERT_EQ(theirs["total"], 1);
  EXPECT_EQ(theirs["items"][0]["owner_organisation"]["name"], "华润物业");
  EXPECT_FALSE(theirs["items"][0]["overdue"]);
  Id decision = theirs["items"][0]["id"];
  // Someone else (a micro-grid head of another grid) may not close it.
  EXPECT_EQ(send("/api/v1/decisions/" + std::to_string(decision) + "/done", json::object(), server.as("micro_grid_head", head)).status, 403);
  json done = ok(send("/api/v1/decisions/" + std::to_string(decision) + "/done", {{"note", "已安装6个充电桩"}}, prop));
  EXPECT_EQ(done["status"], "done");
  EXPECT_EQ(send("/api/v1/decisions/" + std::to_string(decision) + "/done", json::object(), prop).status, 409);
  EXPECT_EQ(ok(http(port(), {"GET", "/api/v1/decisions/mine", "", "", prop}))["total"], 0);
  json listed = ok(http(port(), {"GET", "/api/v1/meetings?kind=joint_meeting", "", "", gw}));
  EXPECT_EQ(listed["total"], 1);  // a community meeting reaches the grid worker
}

}  // namespace
}  // namespace weige::testing
