// Peacetime and emergency through the API on the demo community: the
// scenario "epidemic declared for Huarun Phase 6, all households screened,
// two errands run, emergency ended", and the rules around it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "demo/generator.h"
#include "support/http_client.h"
#include "support/mini_map.h"
#include "support/test_server.h"

namespace weige::testing {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

class EmergencyApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(demo::generate_demo(server_.db(), server_.vault()));
    huarun_ = scalar("SELECT id FROM places WHERE kind = 'compound' AND name = '华润六期锦云府'");
    other_ = scalar("SELECT id FROM places WHERE kind = 'compound' AND id <> ? ORDER BY id LIMIT 1", {huarun_});
    community_ = scalar("SELECT id FROM places WHERE kind = 'community' LIMIT 1");
  }
  std::int64_t scalar(const std::string& sql, const store::Params& p = {}) { return *server_.db().scalar(sql, p); }
  int port() { return server_.port(); }
  Reply send(const std::string& method, const std::string& path, const json& j = nullptr, const Headers& h = {}) {
    return http(port(), {method, path, j.is_null() ? "" : j.dump(), "application/json", h});
  }
  // Households of a compound, counted from the map alone.
  std::int64_t households_of(Id compound) {
    return scalar("SELECT count(*) FROM places h JOIN places u ON u.id = h.parent_id JOIN places b ON b.id = "
                  "u.parent_id WHERE h.kind = 'household' AND b.parent_id = ?",
                  {compound});
  }
  std::string roster() {
    std::string out;
    (void)server_.db().query("SELECT * FROM assignments ORDER BY id", {}, [&](const store::Row& r) {
      for (std::size_t i = 0; i < r.size(); ++i) out += r.text(i) + "|";
      out += "\n";
    });
    return out;
  }
  json declare_huarun() {
    Reply r = send("POST", "/api/v1/emergencies",
                   {{"name", "华润六期疫情防控"}, {"type", "epidemic"}, {"level", 2}, {"scope_kind", "compounds"},
                    {"scope_ids", {huarun_}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body(r);
  }

  TestServer server_;
  Id huarun_ = 0, other_ = 0, community_ = 0;
};

TEST_F(EmergencyApiTest, EpidemicInHuarunPhase6FromDeclarationToAfterActionReport) {
  std::string peacetime = roster();
  std::int64_t households = households_of(huarun_);
  ASSERT_GT(households, 20);
  std::int64_t buildings = scalar("SELECT count(*) FROM places WHERE kind = 'building' AND parent_id = ?", {huarun_});

  // Declare: one task force, a team per building, one task per household.
  json e = declare_huarun();
  Id id = e["id"];
  EXPECT_EQ(e["places"], 1);
  EXPECT_EQ(e["buildings"], buildings);
  EXPECT_EQ(e["teams"], buildings + 1);
  EXPECT_TRUE(e["unstaffed_buildings"].empty()) << e.dump();
  EXPECT_EQ(e["round"]["households"], households);
  EXPECT_EQ(scalar("SELECT count(DISTINCT household_id) FROM screening_tasks WHERE round_id = ?", {e["round"]["id"].get<Id>()}),
            households);

  // Every building has a team with a leader; the roster shows both roles.
  json teams = body(send("GET", "/api/v1/emergencies/" + std::to_string(id) + "/teams"));
  std::set<Id> team_buildings;
  for (const auto& t : teams["items"]) {
    if (t["kind"] != "building_team") continue;
    team_buildings.insert(t["place_id"].get<Id>());
    ASSERT_FALSE(t["members"].empty()) << t.dump();
    EXPECT_FALSE(t["leader_person_id"].is_null());
    for (const auto& m : t["members"]) {
      EXPECT_FALSE(m["peacetime_role"].get<std::string>().empty());
      EXPECT_TRUE(m["emergency_role"] == "responder" || m["emergency_role"] == "screener" ||
                  m["emergency_role"] == "errand_runner");
      EXPECT_NE(m["name"].get<std::string>().find('*'), std::string::npos) << "names are masked";
    }
  }
  EXPECT_EQ(static_cast<std::int64_t>(team_buildings.size()), buildings);
  EXPECT_EQ(roster(), peacetime) << "declaring never touches the peacetime roster";

  // Overlap is refused and writes nothing.
  std::string before = dump(server_.db());
  Reply overlap = send("POST", "/api/v1/emergencies",
                       {{"name", "社区汛情"}, {"type", "flood"}, {"scope_kind", "community"}, {"scope_ids", {community_}}});
  EXPECT_EQ(overlap.status, 409) << overlap.body;
  EXPECT_EQ(body(overlap)["error"]["details"]["emergencies"][0], id);
  EXPECT_EQ(dump(server_.db()), before);

  // A building team member screens: first not at home, then everyone reached.
  Id building = *team_buildings.begin();
  Id member = 0;
  for (const auto& t : teams["items"]) {
    if (t["place_id"] == building) member = t["members"][0]["person_id"];
  }
  Headers screener = server_.as("micro_grid_worker", member);
  std::string base = "/api/v1/emergencies/" + std::to_string(id);
  json first = body(send("GET", base + "/tasks?uncovered=true&limit=1&building_id=" + std::to_string(building), nullptr, screener));
  ASSERT_EQ(first["items"].size(), 1u);
  Id first_task = first["items"][0]["id"];
  Reply away = send("POST", "/api/v1/screening-tasks/" + std::to_string(first_task), {{"outcome", "not_at_home"}}, screener);
  ASSERT_EQ(away.status, 200) << away.body;
  EXPECT_FALSE(body(away)["covered"].get<bool>());
  // Required fields are checked when the household is reached.
  Reply missing = send("POST", "/api/v1/screening-tasks/" + std::to_string(first_task), {{"outcome", "reached"}}, screener);
  EXPECT_EQ(missing.status, 400) << missing.body;
  Reply wrong = send("POST", "/api/v1/screening-tasks/" + std::to_string(first_task),
                     {{"outcome", "reached"}, {"data", {{"health", "great"}}}}, screener);
  EXPECT_EQ(wrong.status, 400) << wrong.body;

  std::map<Id, int> covered_by_building;  // what we did, counted by the test
  int screened = 0;
  for (;;) {
    json page = body(send("GET", base + "/tasks?uncovered=true&limit=500"));
    if (page["items"].empty()) break;
    for (const auto& t : page["items"]) {
      bool needs_help = screened % 10 == 3;
      json in{{"outcome", needs_help ? "needs_help" : "reached"}, {"data", {{"health", "normal"}}}};
      if (needs_help) in["restricted"] = true;
      Reply r = send("POST", "/api/v1/screening-tasks/" + t["id"].dump(), in);
      ASSERT_EQ(r.status, 200) << r.body;
      ++covered_by_building[t["building_id"].get<Id>()];
      ++screened;
    }
  }
  EXPECT_EQ(screened, households);
  json progress = body(send("GET", base + "/progress?by=building"));
  ASSERT_EQ(progress["items"].size(), static_cast<std::size_t>(buildings));
  for (const auto& row : progress["items"]) {
    Id b = row["id"];
    std::int64_t in_building = scalar("SELECT count(*) FROM places h JOIN places u ON u.id = h.parent_id WHERE "
                                      "h.kind = 'household' AND u.parent_id = ?",
                                      {b});
    EXPECT_EQ(row["total"], in_building) << b;
    EXPECT_EQ(row["covered"], covered_by_building[b]) << b;
    EXPECT_EQ(row["coverage"], 1.0);
  }
  EXPECT_EQ(progress["total"]["covered"], households);
  EXPECT_EQ(progress["total"]["needs_help"], (households + 6) / 10);

  // Two errands: one by a resident of the compound, one by staff on a household's behalf.
  auto resident_row = server_.db().row(
      "SELECT p.id, p.household_id FROM persons p JOIN places h ON h.id = p.household_id JOIN places u ON u.id = "
      "h.parent_id JOIN places b ON b.id = u.parent_id WHERE b.parent_id = ? ORDER BY p.id LIMIT 1",
      {huarun_});
  ASSERT_TRUE(resident_row && *resident_row);
  Id resident_person = (*resident_row)->i64(0);
  Id household = (*resident_row)->i64(1);
  Headers resident = server_.as("resident", resident_person);
  Reply req = send("POST", base + "/errands", {{"kind", "medicine"}, {"details", "降压药 blood-pressure pills"}}, resident);
  ASSERT_EQ(req.status, 201) << req.body;
  json errand = body(req);
  EXPECT_EQ(errand["household_id"], household);
  EXPECT_EQ(errand["state"], "requested");
  ASSERT_FALSE(errand["team_id"].is_null());
  // The runner is a member of the household's building team.
  json team = body(send("GET", base + "/teams"));
  Id runner = 0, teammate = 0;
  for (const auto& t : team["items"]) {
    if (t["id"] == errand["team_id"]) {
      runner = t["members"][0]["person_id"];
      if (t["members"].size() > 1) teammate = t["members"][1]["person_id"];
    }
  }
  ASSERT_NE(runner, 0);
  Headers runner_h = server_.as("micro_grid_worker", runner);
  std::string act = "/api/v1/errands/" + errand["id"].dump() + "/actions";
  EXPECT_EQ(send("POST", act, {{"action", "accept"}}, resident).status, 403) << "the household does not accept";
  EXPECT_EQ(send("POST", act, {{"action", "confirm"}}, resident).status, 409) << "nothing to confirm yet";
  Reply accepted = send("POST", act, {{"action", "accept"}}, runner_h);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(body(accepted)["runner_person_id"], runner);
  json mine = body(send("GET", "/api/v1/my/emergency", nullptr, runner_h));
  ASSERT_FALSE(mine["teams"].empty());
  EXPECT_FALSE(mine["errands"].empty());
  if (teammate) {
    EXPECT_EQ(send("POST", act, {{"action", "done"}}, server_.as("micro_grid_worker", teammate)).status, 403)
        << "only the runner marks it done";
  }
  EXPECT_EQ(send("POST", act, {{"action", "done"}}, runner_h).status, 200);
  EXPECT_EQ(send("POST", act, {{"action", "confirm"}}, runner_h).status, 403) << "the runner does not confirm";
  Reply confirmed = send("POST", act, {{"action", "confirm"}}, resident);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(body(confirmed)["state"], "confirmed");
  json resident_view = body(send("GET", "/api/v1/my/emergency", nullptr, resident));
  EXPECT_EQ(resident_view["household"]["errands"][0]["state"], "confirmed");

  // A neighbour in the same building (the same team), and a household in another building.
  Id other_household = scalar("SELECT h.id FROM places h JOIN places u ON u.id = h.parent_id WHERE u.parent_id = "
                              "(SELECT u2.parent_id FROM places h2 JOIN places u2 ON u2.id = h2.parent_id WHERE "
                              "h2.id = ?1) AND h.id <> ?1 ORDER BY h.id DESC LIMIT 1",
                              {household});
  Id far_household = scalar("SELECT h.id FROM places h JOIN places u ON u.id = h.parent_id JOIN places b ON b.id = "
                            "u.parent_id WHERE b.parent_id = ?1 AND b.id <> (SELECT u2.parent_id FROM places h2 JOIN "
                            "places u2 ON u2.id = h2.parent_id WHERE h2.id = ?2) ORDER BY h.id LIMIT 1",
                            {huarun_, household});
  Reply far_req = send("POST", base + "/errands", {{"household_id", far_household}, {"kind", "paperwork"}});
  ASSERT_EQ(far_req.status, 201) << far_req.body;
  EXPECT_EQ(send("POST", "/api/v1/errands/" + body(far_req)["id"].dump() + "/actions", {{"action", "accept"}}, runner_h).status,
            404)
      << "another building's errand is not this team's";
  EXPECT_EQ(send("POST", "/api/v1/errands/" + body(far_req)["id"].dump() + "/actions", {{"action", "cancel"}}).status, 200);
  Reply req2 = send("POST", base + "/errands", {{"household_id", other_household}, {"kind", "groceries"}});
  ASSERT_EQ(req2.status, 201) << req2.body;
  std::string act2 = "/api/v1/errands/" + body(req2)["id"].dump() + "/actions";
  EXPECT_EQ(send("POST", act2, {{"action", "accept"}}, runner_h).status, 200);
  EXPECT_EQ(send("POST", act2, {{"action", "done"}}, runner_h).status, 200);
  EXPECT_EQ(send("POST", act2, {{"action", "confirm"}, {"note", "电话确认 confirmed by phone"}}).status, 200);
  // A resident cannot request for someone else's household.
  EXPECT_EQ(send("POST", base + "/errands", {{"household_id", other_household}, {"kind", "other"}}, resident).status, 403);

  // Emergency categories open only inside the emergency; deadlines tighten there.
  Id unit_in = scalar("SELECT u.id FROM places u JOIN places b ON b.id = u.parent_id WHERE u.kind = 'unit' AND "
                      "b.parent_id = ? LIMIT 1",
                      {huarun_});
  Id unit_out = scalar("SELECT u.id FROM places u JOIN places b ON b.id = u.parent_id WHERE u.kind = 'unit' AND "
                       "b.parent_id = ? LIMIT 1",
                       {other_});
  Reply fever_in = send("POST", "/api/v1/cases", {{"category_id", 1101}, {"description", "家中老人发热"}, {"place_id", unit_in}});
  ASSERT_EQ(fever_in.status, 201) << fever_in.body;
  EXPECT_EQ(body(fever_in)["emergency_id"], id);
  Reply fever_out = send("POST", "/api/v1/cases", {{"category_id", 1101}, {"description", "发热"}, {"place_id", unit_out}});
  EXPECT_EQ(fever_out.status, 400) << fever_out.body;
  Id case_in = body(send("POST", "/api/v1/cases", {{"category_id", 202}, {"description", "垃圾未清运"}, {"place_id", unit_in}}))["id"];
  Id case_out = body(send("POST", "/api/v1/cases", {{"category_id", 202}, {"description", "垃圾未清运"}, {"place_id", unit_out}}))["id"];
  auto limit_of = [&](Id c) { return scalar("SELECT stage_due_at - created_at FROM cases WHERE id = ?", {c}); };
  EXPECT_EQ(limit_of(case_in) * 2, limit_of(case_out)) << "deadline factor 0.5 inside the emergency";
  EXPECT_EQ(scalar("SELECT emergency FROM cases WHERE id = ?", {case_out}), 0);

  // End: everyone switches back exactly; the report tells the story.
  server_.set_now(server_.now() + 3 * 3600);
  Reply ended = send("POST", base + "/end", {{"note", "解除管控"}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_FALSE(body(ended)["active"].get<bool>());
  EXPECT_EQ(roster(), peacetime);
  EXPECT_TRUE(body(send("GET", "/api/v1/my/emergency", nullptr, runner_h))["teams"].empty());
  EXPECT_EQ(send("POST", "/api/v1/screening-tasks/" + std::to_string(first_task), {{"outcome", "refused"}}).status, 409);
  EXPECT_EQ(send("POST", base + "/end", json::object()).status, 409);
  json report = body(send("GET", base + "/report"));
  EXPECT_EQ(report["households"], households);
  EXPECT_EQ(report["rounds"][0]["coverage"], 1.0);
  EXPECT_FALSE(report["rounds"][0]["hours_to_full_coverage"].is_null());
  EXPECT_EQ(report["errands"]["confirmed"], 2);
  EXPECT_EQ(report["errands"]["cancelled"], 1);
  EXPECT_EQ(report["errands"]["completed"], 2);
  EXPECT_EQ(report["cases"]["opened"], 2);
  EXPECT_EQ(report["teams"]["building_teams"], buildings);
  Reply xlsx = send("GET", base + "/report.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The declaration and the ending are in the audit trail.
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE action IN ('POST /api/v1/emergencies', 'POST " + base + "/end')"), 2);
  // After the end the compound can be declared again.
  EXPECT_EQ(send("POST", "/api/v1/emergencies",
                 {{"name", "再次"}, {"type", "fire"}, {"scope_kind", "compounds"}, {"scope_ids", {huarun_}}})
                .status,
            201);
}

TEST_F(EmergencyApiTest, AnEmergencyInOneCompoundLeavesTheOthersAlone) {
  json e = declare_huarun();
  Id id = e["id"];
  EXPECT_EQ(scalar("SELECT count(*) FROM screening_tasks WHERE compound_id <> ?", {huarun_}), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM emergency_teams WHERE compound_id <> ?", {huarun_}), 0);
  // A grid worker whose grid does not hold Huarun sees nothing of it.
  Id far_worker = scalar("SELECT a.person_id FROM assignments a JOIN grids g ON g.id = a.grid_id WHERE a.role = 'grid_worker' AND "
                         "g.kind = 'grid' AND a.grid_id NOT IN "
                         "(SELECT grid_id FROM places WHERE id = ?) AND a.grid_id NOT IN (SELECT g.parent_id FROM "
                         "grids g JOIN places u ON u.grid_id = g.id JOIN places b ON b.id = u.parent_id WHERE "
                         "b.parent_id = ?) ORDER BY a.id LIMIT 1",
                         {huarun_, huarun_});
  Headers far = server_.as("grid_worker", far_worker);
  std::string base = "/api/v1/emergencies/" + std::to_string(id);
  EXPECT_EQ(send("GET", base, nullptr, far).status, 404);
  EXPECT_TRUE(body(send("GET", "/api/v1/emergencies", nullptr, far))["items"].empty());
  Id task = scalar("SELECT id FROM screening_tasks LIMIT 1");
  EXPECT_EQ(send("POST", "/api/v1/screening-tasks/" + std::to_string(task), {{"outcome", "refused"}}, far).status, 404);
  // A second emergency elsewhere is fine.
  Reply other = send("POST", "/api/v1/emergencies",
                     {{"name", "其他小区火灾"}, {"type", "fire"}, {"scope_kind", "compounds"}, {"scope_ids", {other_}}});
  EXPECT_EQ(other.status, 201) << other.body;
  EXPECT_EQ(body(other)["round"]["households"], households_of(other_));
}

TEST_F(EmergencyApiTest, ReScreeningGivesEveryHouseholdExactlyOneTaskPerRound) {
  json e = declare_huarun();
  std::string base = "/api/v1/emergencies/" + e["id"].dump();
  Reply r2 = send("POST", base + "/rounds", json::object());
  ASSERT_EQ(r2.status, 201) << r2.body;
  EXPECT_EQ(body(r2)["round"], 2);
  EXPECT_EQ(body(r2)["households"], households_of(huarun_));
  EXPECT_EQ(scalar("SELECT count(*) FROM (SELECT round_id, household_id FROM screening_tasks GROUP BY 1, 2 HAVING "
                   "count(*) > 1)"),
            0);
  EXPECT_EQ(scalar("SELECT count(*) FROM screening_tasks"), 2 * households_of(huarun_));
  // Round 1 is closed: its tasks take no more outcomes.
  Id old_task = scalar("SELECT id FROM screening_tasks WHERE round_id = ? LIMIT 1", {e["round"]["id"].get<Id>()});
  EXPECT_EQ(send("POST", "/api/v1/screening-tasks/" + std::to_string(old_task), {{"outcome", "refused"}}).status, 409);
  json rounds = body(send("GET", base + "/rounds"));
  EXPECT_EQ(rounds["total"], 2);
  EXPECT_FALSE(rounds["items"][0]["closed_at"].is_null());
}

TEST_F(EmergencyApiTest, StaffAdjustTeamsAndTheRoleMap) {
  json e = declare_huarun();
  json teams = body(send("GET", "/api/v1/emergencies/" + e["id"].dump() + "/teams"));
  json team = teams["items"][1];
  Id outsider = scalar("SELECT id FROM persons WHERE kind = 'resident' ORDER BY id DESC LIMIT 1");
  std::string path = "/api/v1/emergency-teams/" + team["id"].dump();
  Reply added = send("POST", path + "/members", {{"person_id", outsider}, {"emergency_role", "errand_runner"}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(body(added)["members"].size(), team["members"].size() + 1);
  EXPECT_EQ(send("POST", path + "/members", {{"person_id", outsider}, {"emergency_role", "screener"}}).status, 409);
  Reply led = send("PUT", path + "/leader", {{"person_id", outsider}});
  ASSERT_EQ(led.status, 200) << led.body;
  EXPECT_EQ(body(led)["leader_person_id"], outsider);
  Reply removed = send("DELETE", path + "/members/" + std::to_string(outsider));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(body(removed)["leader_person_id"].is_null());
  EXPECT_EQ(send("PUT", path + "/leader", {{"person_id", outsider}}).status, 400) << "a leader must be a member";
  // A volunteer may not adjust teams.
  Id volunteer = team["members"][0]["person_id"];
  EXPECT_EQ(send("POST", path + "/members", {{"person_id", outsider}, {"emergency_role", "screener"}},
                 server_.as("volunteer", volunteer))
                .status,
            403);
  // The role map is configurable and drives the next declaration.
  ASSERT_EQ(send("PUT", "/api/v1/emergency-role-map/micro_grid_head", {{"emergency", "screener"}}).status, 200);
  EXPECT_EQ(send("PUT", "/api/v1/emergency-role-map/wizard", {{"emergency", "screener"}}).status, 400);
  ASSERT_EQ(send("POST", "/api/v1/emergencies/" + e["id"].dump() + "/end", json::object()).status, 200);
  json again = declare_huarun();
  EXPECT_EQ(scalar("SELECT count(*) FROM emergency_members WHERE emergency_id = ? AND peacetime_role = "
                   "'micro_grid_head' AND emergency_role <> 'screener'",
                   {again["id"].get<Id>()}),
            0);
  EXPECT_GT(scalar("SELECT count(*) FROM emergency_members WHERE emergency_id = ? AND peacetime_role = 'micro_grid_head'",
                   {again["id"].get<Id>()}),
            0);
}

TEST_F(EmergencyApiTest, TheCoverageMapCountsEachGridAndDrillsIntoItsBuildings) {
  json e = declare_huarun();
  std::string base = "/api/v1/emergencies/" + e["id"].dump();
  // A compound lies wholly in one ordinary grid, so Huarun's tasks roll up into exactly that grid.
  Id grid = scalar("SELECT grid_id FROM places WHERE id = ?", {huarun_});
  json top = body(send("GET", base + "/coverage-map"));
  EXPECT_EQ(top["round"], 1);
  EXPECT_TRUE(top["grid_id"].is_null());
  ASSERT_EQ(top["areas"].size(), 1u) << top.dump();
  const json& area = top["areas"][0];
  EXPECT_EQ(area["id"], grid);
  EXPECT_EQ(area["kind"], "grid");
  EXPECT_EQ(area["boundary"]["type"], "Polygon");
  EXPECT_EQ(area["total"], households_of(huarun_));
  EXPECT_EQ(area["covered"], 0);
  EXPECT_EQ(area["pending"], households_of(huarun_));
  EXPECT_TRUE(top["compounds"].empty() && top["buildings"].empty()) << "points only when drilled into a grid";

  // Screen one building: every household but one reached, that one not at home.
  Id building = scalar("SELECT id FROM places WHERE kind = 'building' AND parent_id = ? ORDER BY id LIMIT 1", {huarun_});
  json tasks = body(send("GET", base + "/tasks?limit=500&building_id=" + std::to_string(building)));
  ASSERT_GT(tasks["items"].size(), 1u);
  bool first = true;
  for (const auto& t : tasks["items"]) {
    json in = first ? json{{"outcome", "not_at_home"}} : json{{"outcome", "reached"}, {"data", {{"health", "normal"}}}};
    ASSERT_EQ(send("POST", "/api/v1/screening-tasks/" + t["id"].dump(), in).status, 200);
    first = false;
  }
  std::int64_t in_building = static_cast<std::int64_t>(tasks["items"].size());
  json after = body(send("GET", base + "/coverage-map"));
  EXPECT_EQ(after["areas"][0]["covered"], in_building - 1);
  EXPECT_EQ(after["areas"][0]["not_at_home"], 1);
  EXPECT_EQ(after["total"]["covered"], in_building - 1);

  // Drilled into the grid: its micro-grids with boundaries, the compound and its buildings with points.
  json drilled = body(send("GET", base + "/coverage-map?grid_id=" + std::to_string(grid)));
  EXPECT_EQ(drilled["grid_id"], grid);
  std::int64_t sum = 0;
  for (const auto& a : drilled["areas"]) {
    EXPECT_EQ(a["kind"], "micro_grid") << a.dump();
    EXPECT_EQ(a["parent_id"], grid);
    EXPECT_EQ(a["boundary"]["type"], "Polygon");
    sum += a["total"].get<std::int64_t>();
  }
  EXPECT_EQ(sum, households_of(huarun_));
  ASSERT_EQ(drilled["compounds"].size(), 1u);
  EXPECT_EQ(drilled["compounds"][0]["id"], huarun_);
  EXPECT_FALSE(drilled["compounds"][0]["location"].is_null());
  EXPECT_EQ(drilled["buildings"].size(),
            static_cast<std::size_t>(scalar("SELECT count(*) FROM places WHERE kind = 'building' AND parent_id = ?", {huarun_})));
  for (const auto& b : drilled["buildings"]) {
    EXPECT_EQ(b["kind"], "building");
    EXPECT_FALSE(b["location"].is_null());
    EXPECT_EQ(b["covered"], b["id"] == building ? in_building - 1 : 0) << b.dump();
  }

  // The to-visit list the map links to, filtered the same way: the grid, the compound, the building.
  std::int64_t left = households_of(huarun_) - (in_building - 1);
  EXPECT_EQ(body(send("GET", base + "/tasks?uncovered=true&grid_id=" + std::to_string(grid)))["total"], left);
  EXPECT_EQ(body(send("GET", base + "/tasks?uncovered=true&compound_id=" + std::to_string(huarun_)))["total"], left);
  EXPECT_EQ(body(send("GET", base + "/tasks?uncovered=true&building_id=" + std::to_string(building)))["total"], 1);
  Id micro = drilled["areas"][0]["id"];
  EXPECT_EQ(body(send("GET", base + "/tasks?grid_id=" + std::to_string(micro)))["total"], drilled["areas"][0]["total"]);
  EXPECT_EQ(body(send("GET", base + "/tasks?compound_id=" + std::to_string(other_)))["total"], 0);

  // Bad and unknown grids; a grid worker of another grid sees neither the emergency nor its map.
  EXPECT_EQ(send("GET", base + "/coverage-map?grid_id=abc").status, 400);
  Reply unknown = send("GET", base + "/coverage-map?grid_id=999999");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(body(unknown)["error"]["details"]["parameter"], "grid_id");
  Id far_worker = scalar("SELECT a.person_id FROM assignments a JOIN grids g ON g.id = a.grid_id WHERE a.role = "
                         "'grid_worker' AND g.kind = 'grid' AND a.grid_id <> ? ORDER BY a.id LIMIT 1",
                         {grid});
  EXPECT_EQ(send("GET", base + "/coverage-map", nullptr, server_.as("grid_worker", far_worker)).status, 404);
  // The grid worker of Huarun's grid sees the same counts; their neighbour's grid reads as unknown.
  Id own_worker = scalar("SELECT person_id FROM assignments WHERE role = 'grid_worker' AND grid_id = ? LIMIT 1", {grid});
  Headers own = server_.as("grid_worker", own_worker);
  json mine = body(send("GET", base + "/coverage-map", nullptr, own));
  ASSERT_EQ(mine["areas"].size(), 1u);
  EXPECT_EQ(mine["areas"][0]["covered"], in_building - 1);
  Id neighbour = scalar("SELECT id FROM grids WHERE kind = 'grid' AND id <> ? ORDER BY id LIMIT 1", {grid});
  Reply hidden = send("GET", base + "/coverage-map?grid_id=" + std::to_string(neighbour), nullptr, own);
  EXPECT_EQ(hidden.status, 404) << hidden.body;
  EXPECT_EQ(body(hidden)["error"]["message"], body(unknown)["error"]["message"].get<std::string>().replace(
                                                  5, 6, std::to_string(neighbour)));
}

TEST_F(EmergencyApiTest, BadDeclarationsAreRefusedAndWriteNothing) {
  Headers grid_worker = server_.as("grid_worker");
  std::string before = dump(server_.db());
  Id unit = scalar("SELECT id FROM places WHERE kind = 'unit' LIMIT 1");
  struct Case {
    std::string body;
    int status;
  } cases[] = {
      {"{not json", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"compounds","scope_ids":"1"})", 400},
      {R"({"name":"x","type":"plague","scope_kind":"compounds","scope_ids":[1]})", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"planet","scope_ids":[1]})", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"compounds","scope_ids":[)" + std::to_string(unit) + "]}", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"community","scope_ids":[999999]})", 400},
      {R"({"name":"x","type":"epidemic","level":9,"scope_kind":"compounds","scope_ids":[)" + std::to_string(huarun_) + "]}", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"compounds","scope_ids":[)" + std::to_string(huarun_) +
           R"(],"started_at":99999999999})", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"compounds","scope_ids":[)" + std::to_string(huarun_) +
           R"(],"fields":[{"key":"Bad Key","type":"text"}]})", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"compounds","scope_ids":[)" + std::to_string(huarun_) +
           R"(],"deadline_factor":3})", 400},
      {R"({"name":"x","type":"epidemic","scope_kind":"compounds","scope_ids":[1],"extra":1})", 400},
  };
  for (const auto& c : cases) {
    Reply r = http(port(), {"POST", "/api/v1/emergencies", c.body, "application/json", {}});
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    EXPECT_TRUE(body(r).contains("error")) << r.body;
  }
  EXPECT_EQ(send("POST", "/api/v1/emergencies",
                 {{"name", "x"}, {"type", "fire"}, {"scope_kind", "compounds"}, {"scope_ids", {huarun_}}},
                 grid_worker)
                .status,
            403);
  EXPECT_EQ(send("GET", "/api/v1/emergencies/424242").status, 404);
  EXPECT_EQ(send("POST", "/api/v1/errands/424242/actions", {{"action", "accept"}}).status, 404);
  EXPECT_EQ(dump(server_.db()), before);
}

}  // namespace
}  // namespace weige::testing
