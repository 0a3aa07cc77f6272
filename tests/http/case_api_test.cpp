// Case scenarios through the real server: Grandma Wang from walk-in to rating,
// refused transitions that change nothing, bad input, attachments, bulk
// dispatch, the unsatisfied-twice review, and metrics matching the cases.
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

Reply act(int port, Id id, const json& body, const Headers& who) {
  return http(port, {"POST", "/api/v1/cases/" + std::to_string(id) + "/actions", body.dump(), "application/json", who});
}

struct People {
  Id wang, neighbour, officer, worker, head, grid_worker, secretary, admin;
};

People register_people(int port, const MiniMap& m) {
  People p{};
  Id upstairs = create(port, "/api/v1/places", {{"kind", "household"}, {"name", "1301"}, {"parent_id", m.unit1}});
  p.wang = create(port, "/api/v1/persons", {{"name", "王秀英"}, {"phone", "13800001111"}, {"household_id", m.household}, {"birth_year", 1948}});
  p.neighbour = create(port, "/api/v1/persons", {{"name", "刘强"}, {"household_id", upstairs}});
  p.officer = create(port, "/api/v1/persons", {{"name", "陈警官"}, {"kind", "staff"}});
  p.worker = create(port, "/api/v1/persons", {{"name", "张桂兰"}, {"kind", "volunteer"}, {"party_member", true}});
  p.head = create(port, "/api/v1/persons", {{"name", "李建国"}, {"kind", "volunteer"}, {"party_member", true}});
  p.grid_worker = create(port, "/api/v1/persons", {{"name", "赵敏"}, {"kind", "staff"}});
  p.secretary = create(port, "/api/v1/persons", {{"name", "何红飙"}, {"kind", "staff"}, {"party_member", true}});
  p.admin = create(port, "/api/v1/persons", {{"name", "街道管理员"}, {"kind", "staff"}});
  create(port, "/api/v1/assignments", {{"person_id", p.officer}, {"grid_id", m.general_a}, {"role", "police"}});
  create(port, "/api/v1/assignments", {{"person_id", p.worker}, {"grid_id", m.micro_a11}, {"role", "micro_grid_worker"}});
  create(port, "/api/v1/assignments", {{"person_id", p.head}, {"grid_id", m.micro_a11}, {"role", "micro_grid_head"}});
  create(port, "/api/v1/assignments", {{"person_id", p.grid_worker}, {"grid_id", m.grid_a1}, {"role", "grid_worker"}});
  return p;
}

class CaseApiTest : public ::testing::Test {
 protected:
  TestServer server;
  int port() { return server.port(); }
  // Signed in as `role` for `person`; a community admin's scope is the first community.
  Headers as(const std::string& role, Id person) {
    std::optional<Id> scope;
    if (role == "community_admin") scope = server.db().scalar("SELECT min(id) FROM grids WHERE kind = 'general_grid'").value();
    return server.as(role, person, scope);
  }
};

// The article's opening, end to end.
TEST_F(CaseApiTest, GrandmaWangsNoisyDogIsSettledInsideTheMicroGrid) {
  MiniMap m = build(port());
  People p = register_people(port(), m);
  // Walk-in at the officer's studio, taken in at once.
  Reply intake = http(port(), {"POST", "/api/v1/cases",
                               json{{"channel", "walk_in"}, {"category_id", kPetsCategory}, {"place_id", m.household},
                                    {"reporter_person_id", p.wang}, {"reporter_name", "王秀英"}, {"reporter_phone", "13800001111"},
                                    {"description", "楼上邻居家的狗经常叫，影响休息"}, {"accept_now", true}}.dump(),
                               "application/json", as("police", p.officer)});
  ASSERT_EQ(intake.status, 201) << intake.body;
  json c = body(intake);
  Id id = c["id"];
  std::string token = c["tracking_token"];
  EXPECT_EQ(c["state"], "accepted");
  EXPECT_EQ(c["handler"], "micro_grid");
  EXPECT_EQ(c["grid_id"], m.micro_a11);
  EXPECT_EQ(c["reporter"]["name"], "王**");
  EXPECT_EQ(c["reporter"]["phone"], "138****1111");
  EXPECT_NE(c["routing_explanation"].get<std::string>().find("dispute.pets"), std::string::npos);

  // The grid worker dispatches to the micro-grid worker, who takes it on.
  ASSERT_EQ(act(port(), id, {{"action", "dispatch"}, {"assignee_person_id", p.worker}}, as("grid_worker", p.grid_worker)).status, 200);
  Reply started = act(port(), id, {{"action", "start"}}, as("micro_grid_worker", p.worker));
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(body(started)["handler_person_id"], p.worker);

  // Door-to-door visit with civilised-dog-keeping publicity, and mediation.
  Reply med = http(port(), {"PUT", "/api/v1/cases/" + std::to_string(id) + "/mediation",
                            json{{"mediator_person_id", p.worker},
                                 {"parties", {{{"label", "王婆婆"}, {"person_id", p.wang}, {"side", "complainant"}},
                                              {{"label", "楼上邻居"}, {"person_id", p.neighbour}, {"side", "respondent"}}}}}.dump(),
                            "application/json", as("micro_grid_worker", p.worker)});
  ASSERT_EQ(med.status, 200) << med.body;
  Reply session = http(port(), {"POST", "/api/v1/cases/" + std::to_string(id) + "/mediation/sessions",
                                json{{"place", "警官工作室"}, {"summary", "上门宣传文明养犬，邻居致歉并承诺管好狗"}}.dump(),
                                "application/json", as("micro_grid_worker", p.worker)});
  ASSERT_EQ(session.status, 201) << session.body;
  Reply signed_ = http(port(), {"PUT", "/api/v1/cases/" + std::to_string(id) + "/mediation",
                                json{{"agreement", "邻居致歉，夜间不再让狗吠叫；如再发生由微网格员再次上门。"}, {"signed_by", {0, 1}}}.dump(),
                                "application/json", as("micro_grid_worker", p.worker)});
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_FALSE(body(signed_)["signed_at"].is_null());
  EXPECT_EQ(body(signed_)["sessions"].size(), 1u);

  Reply photo = http(port(), {"POST", "/api/v1/cases/" + std::to_string(id) + "/attachments", png_bytes(), "image/png",
                              [&] {
                                auto h = as("micro_grid_worker", p.worker);
                                h["X-Filename"] = "visit.png";
                                return h;
                              }()});
  ASSERT_EQ(photo.status, 201) << photo.body;
  Reply back = get(port(), body(photo)["url"]);
  EXPECT_EQ(back.status, 200);
  EXPECT_EQ(back.body, png_bytes());
  EXPECT_EQ(back.headers["content-type"], "image/png");

  ASSERT_EQ(act(port(), id, {{"action", "resolve"}, {"note", "双方签字确认，邻居致歉"}}, as("micro_grid_worker", p.worker)).status, 200);
  // The handler cannot verify their own work; the micro-grid head can.
  Reply own = act(port(), id, {{"action", "verify"}}, as("micro_grid_head", p.worker));
  EXPECT_EQ(own.status, 403) << own.body;
  ASSERT_EQ(act(port(), id, {{"action", "verify"}}, as("micro_grid_head", p.head)).status, 200);
  Reply closed = act(port(), id, {{"action", "close"}}, as("grid_worker", p.grid_worker));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(body(closed)["settled_level"], "micro_grid");

  // Grandma Wang rates it through her tracking link.
  Reply track = get(port(), "/api/v1/track/" + token);
  ASSERT_EQ(track.status, 200);
  EXPECT_TRUE(body(track)["can_rate"].get<bool>());
  EXPECT_EQ(track.body.find("王"), std::string::npos) << "no personal data on the tracking page";
  Reply rated = post(port(), "/api/v1/track/" + token + "/rating", json{{"rating", "satisfied"}, {"comment", "谢谢"}}.dump());
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(body(rated)["state"], "rated");

  json detail = body(http(port(), {"GET", "/api/v1/cases/" + std::to_string(id), "", "", as("grid_worker", p.grid_worker)}));
  std::vector<std::string> actions;
  for (const auto& e : detail["timeline"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"report", "accept", "dispatch", "start", "mediation", "mediation_session",
                                               "mediation", "attach", "resolve", "verify", "close", "rate"}));
  EXPECT_TRUE(detail["allowed_actions"].empty());

  Reply metrics = http(port(), {"GET", "/api/v1/metrics?community_id=" + std::to_string(m.community_a), "", "", as("community_admin", p.secretary)});
  ASSERT_EQ(metrics.status, 200) << metrics.body;
  json nl = body(metrics)["never_leave"];
  EXPECT_EQ(nl["micro_grid"]["numerator"], 1);
  EXPECT_EQ(nl["micro_grid"]["denominator"], 1);
  EXPECT_EQ(body(metrics)["hotline"]["satisfaction_rate"]["value"], 1.0);
}

// A scope's grids come from a cached copy of the map (service::RefSnapshot);
// a grid added to the community joins the secretary's scope with the next
// request, and a grid moved to another community leaves it.
TEST_F(CaseApiTest, TheSecretarysScopeFollowsTheMapAtOnce) {
  MiniMap m = build(port());
  People p = register_people(port(), m);
  Headers secretary = as("community_admin", p.secretary);
  auto total = [&] {
    Reply r = http(port(), {"GET", "/api/v1/cases", "", "", secretary});
    EXPECT_EQ(r.status, 200) << r.body;
    return body(r)["total"].get<int>();
  };
  const int before = total();  // and the scope is now cached
  Id micro = create(port(), "/api/v1/grids",
                    {{"kind", "micro_grid"}, {"code", "510108012005002002"}, {"name", "二-2微网格"}, {"parent_id", m.grid_a2}});
  Id id = create(port(), "/api/v1/cases", {{"category_id", kFumesCategory}, {"grid_id", micro}, {"description", "新网格里的油烟"}});
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  EXPECT_EQ(http(port(), {"GET", path, "", "", secretary}).status, 200);
  EXPECT_EQ(total(), before + 1);
  // The grid moves to community B (under grid B1): out of the secretary's scope.
  Reply moved = http(port(), {"PATCH", "/api/v1/grids/" + std::to_string(micro), json{{"parent_id", m.grid_b1}, {"code", "510108012006001002"}}.dump(),
                              "application/json"});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(http(port(), {"GET", path, "", "", secretary}).status, 404);
  EXPECT_EQ(total(), before);
}

TEST_F(CaseApiTest, RefusedTransitionsAndBadInputChangeNothing) {
  MiniMap m = build(port());
  People p = register_people(port(), m);
  Id id = create(port(), "/api/v1/cases", {{"category_id", kFumesCategory}, {"place_id", m.unit1}, {"description", "商街油烟味大"}},
                 as("grid_worker", p.grid_worker));
  struct Case {
    std::string what;
    RequestSpec spec;
    int status;
  };
  auto action = [&](const json& j, const Headers& who) {
    return RequestSpec{"POST", "/api/v1/cases/" + std::to_string(id) + "/actions", j.dump(), "application/json", who};
  };
  std::vector<Case> cases = {
      {"resolve a reported case", action({{"action", "resolve"}, {"note", "x"}}, as("grid_worker", p.grid_worker)), 409},
      {"a volunteer accepting", action({{"action", "accept"}}, as("volunteer", p.worker)), 403},
      {"reject without a reason", action({{"action", "reject"}}, as("grid_worker", p.grid_worker)), 400},
      {"an unknown action", action({{"action", "teleport"}}, as("grid_worker", p.grid_worker)), 400},
      {"no identity", action({{"action", "accept"}}, {{"X-No-Auth", "1"}}), 401},
      {"a forged token", action({{"action", "accept"}}, {{"Authorization", "Bearer wg_forged"}}), 401},
      {"an unknown case", {"POST", "/api/v1/cases/99999/actions", json{{"action", "accept"}}.dump(), "application/json", as("grid_worker", p.grid_worker)}, 404},
      {"unknown category", {"POST", "/api/v1/cases", json{{"category_id", 77777}, {"place_id", m.unit1}, {"description", "x"}}.dump(), "application/json", as("grid_worker", p.grid_worker)}, 404},
      {"unknown place", {"POST", "/api/v1/cases", json{{"category_id", kFumesCategory}, {"place_id", 77777}, {"description", "x"}}.dump(), "application/json", as("grid_worker", p.grid_worker)}, 404},
      {"no location at all", {"POST", "/api/v1/cases", json{{"category_id", kFumesCategory}, {"description", "x"}}.dump(), "application/json", as("grid_worker", p.grid_worker)}, 400},
      {"bad channel", {"POST", "/api/v1/cases", json{{"channel", "pigeon"}, {"category_id", kFumesCategory}, {"place_id", m.unit1}, {"description", "x"}}.dump(), "application/json", as("grid_worker", p.grid_worker)}, 400},
      {"a text file as a photo", {"POST", "/api/v1/cases/" + std::to_string(id) + "/attachments", "hello", "image/png", as("grid_worker", p.grid_worker)}, 415},
      {"a PNG declared as JPEG", {"POST", "/api/v1/cases/" + std::to_string(id) + "/attachments", png_bytes(), "image/jpeg", as("grid_worker", p.grid_worker)}, 415},
      {"mediation on a non-dispute case", {"PUT", "/api/v1/cases/" + std::to_string(id) + "/mediation", json{{"agreement", "x"}}.dump(), "application/json", as("grid_worker", p.grid_worker)}, 409},
      {"rating an open case", {"POST", "/api/v1/track/nosuchtoken/rating", json{{"rating", "satisfied"}}.dump(), "application/json", {}}, 404},
      {"bad state filter", {"GET", "/api/v1/cases?state=nowhere", "", "", as("grid_worker", p.grid_worker)}, 400},
  };
  for (const auto& c : cases) {
    std::string before = dump(server.db());
    Reply r = http(port(), c.spec);
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_TRUE(j.contains("error")) << c.what;
    EXPECT_EQ(before, dump(server.db())) << c.what << " changed the database";
  }
}

TEST_F(CaseApiTest, OversizedPhotoIsRefused) {
  MiniMap m = build(port());
  People p = register_people(port(), m);
  Id id = create(port(), "/api/v1/cases", {{"category_id", kFumesCategory}, {"place_id", m.unit1}, {"description", "x"}},
                 as("grid_worker", p.grid_worker));
  // The test server's body limit is 64 KiB: the transport refuses first.
  std::string big = png_bytes() + std::string(80 * 1024, 'x');
  Reply r = http(port(), {"POST", "/api/v1/cases/" + std::to_string(id) + "/attachments", big, "image/png", as("grid_worker", p.grid_worker)});
  EXPECT_EQ(r.status, 413);
}

TEST_F(CaseApiTest, PropertyCasesAreJointWithTheCommunityAndDuplicatesAreSuggested) {
  MiniMap m = build(port());
  People p = register_people(port(), m);
  Id org = create(port(), "/api/v1/organisations", {{"kind", "property_company"}, {"name", "华润物业"}, {"community_id", m.community_a}});
  Reply contract = http(port(), {"PUT", "/api/v1/places/" + std::to_string(m.compound) + "/property-contract",
                                 json{{"organisation_id", org}}.dump(), "application/json", as("community_admin", p.secretary)});
  ASSERT_EQ(contract.status, 200) << contract.body;
  Reply first = http(port(), {"POST", "/api/v1/cases", json{{"category_id", kLiftCategory}, {"place_id", m.unit1}, {"description", "1单元电梯停了"}}.dump(),
                              "application/json", as("grid_worker", p.grid_worker)});
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(body(first)["handler"], "property_company");
  EXPECT_EQ(body(first)["handler_org_id"], org);
  EXPECT_TRUE(body(first)["joint_with_community"].get<bool>());
  EXPECT_NE(body(first)["routing_explanation"].get<std::string>().find("property contract (华润物业)"), std::string::npos)
      << body(first)["routing_explanation"];
  EXPECT_TRUE(body(first)["duplicates"].empty());
  Reply second = http(port(), {"POST", "/api/v1/cases", json{{"category_id", kLiftCategory}, {"place_id", m.unit1}, {"description", "电梯又坏了"}}.dump(),
                               "application/json", as("grid_worker", p.grid_worker)});
  ASSERT_EQ(body(second)["duplicates"].size(), 1u);
  EXPECT_EQ(body(second)["duplicates"][0]["id"], body(first)["id"]);
  Reply dups = http(port(), {"GET", "/api/v1/cases/duplicates?category_id=501&place_id=" + std::to_string(m.unit1), "", "", as("grid_worker", p.grid_worker)});
  EXPECT_EQ(body(dups)["total"], 2);
  // Merge the second into the first.
  Reply merged = act(port(), body(second)["id"], {{"action", "merge"}, {"target_case_id", body(first)["id"]}}, as("grid_worker", p.grid_worker));
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(body(merged)["state"], "merged");
  // The community sees the property case in its inbox at the same moment.
  Reply inbox = http(port(), {"GET", "/api/v1/cases?community_id=" + std::to_string(m.community_a) + "&handler=property_company&state=reported,accepted", "", "", as("community_admin", p.secretary)});
  EXPECT_EQ(body(inbox)["total"], 1);
}

TEST_F(CaseApiTest, BulkDispatchIsAllOrNothing) {
  MiniMap m = build(port());
  People p = register_people(port(), m);
  std::vector<Id> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(create(port(), "/api/v1/cases", {{"category_id", kFumesCategory}, {"place_id", m.unit1}, {"description", "油烟" + std::to_string(i)}, {"accept_now", true}},
                         as("grid_worker", p.grid_worker)));
  }
  Id reported = create(port(), "/api/v1/cases", {{"category_id", kFumesCategory}, {"place_id", m.unit2}, {"description", "未受理"}}, as("grid_worker", p.grid_worker));
  Headers desk = as("grid_worker", p.grid_worker);
  std::string before = dump(server.db());
  Reply bad = http(port(), {"POST", "/api/v1/cases/bulk-dispatch", json{{"case_ids", {ids[0], ids[1], reported}}}.dump(), "application/json", desk});
  EXPECT_EQ(bad.status, 409) << bad.body;
  EXPECT_EQ(body(bad)["error"]["details"]["case_id"], reported);
  EXPECT_EQ(before, dump(server.db()));
  Reply ok = http(port(), {"POST", "/api/v1/cases/bulk-dispatch", json{{"case_ids", ids}, {"assignee_person_id", p.worker}}.dump(), "application/json", as("grid_worker", p.grid_worker)});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(body(ok)["count"], 3);
  Reply inbox = http(port(), {"GET", "/api/v1/cases?state=dispatched&handler_person_id=" + std::to_string(p.worker), "", "", as("micro_grid_worker", p.worker)});
  EXPECT_EQ(body(inbox)["total"], 3);
}

TEST_F(CaseApiTest, UnsatisfiedReopensOnceThenTheCommunityReviews) {
  MiniMap m = build(port());
  People p = register_people(port(), m);
  Reply r = http(port(), {"POST", "/api/v1/cases", json{{"category_id", 801}, {"place_id", m.household}, {"description", "低保政策咨询"},
                                                       {"reporter_phone", "13900002222"}, {"accept_now", true}}.dump(),
                          "application/json", as("grid_worker", p.grid_worker)});
  Id id = body(r)["id"];
  std::string token = body(r)["tracking_token"];
  auto finish = [&] {
    if (body(get(port(), "/api/v1/track/" + token))["state"] == "accepted") {
      ASSERT_EQ(act(port(), id, {{"action", "dispatch"}}, as("grid_worker", p.grid_worker)).status, 200);
      ASSERT_EQ(act(port(), id, {{"action", "start"}}, as("micro_grid_worker", p.worker)).status, 200);
    }
    ASSERT_EQ(act(port(), id, {{"action", "resolve"}, {"note", "已解答"}}, as("micro_grid_worker", p.worker)).status, 200);
    // enquiry.policy needs no verification: closed straight from resolved.
    ASSERT_EQ(act(port(), id, {{"action", "close"}}, as("grid_worker", p.grid_worker)).status, 200);
  };
  finish();
  Reply first = post(port(), "/api/v1/track/" + token + "/rating", json{{"rating", "unsatisfied"}}.dump());
  EXPECT_EQ(body(first)["state"], "in_progress");
  finish();
  Reply second = post(port(), "/api/v1/track/" + token + "/rating", json{{"rating", "unsatisfied"}}.dump());
  EXPECT_EQ(body(second)["state"], "in_review");
  Reply closed = act(port(), id, {{"action", "close_review"}, {"note", "复核：已按政策答复"}}, as("community_admin", p.secretary));
  EXPECT_EQ(body(closed)["state"], "closed") << closed.body;
  EXPECT_EQ(body(closed)["reopen_count"], 1);
}

TEST_F(CaseApiTest, PublicReportByPointIsLocatedToItsMicroGrid) {
  MiniMap m = build(port());
  Reply g = patch(port(), "/api/v1/grids/" + std::to_string(m.micro_a12),
                  json{{"boundary", {{104.10, 30.60}, {104.11, 30.60}, {104.11, 30.61}, {104.10, 30.61}}}}.dump());
  ASSERT_EQ(g.status, 200) << g.body;
  Reply loc = get(port(), "/api/v1/locate?lng=104.105&lat=30.605");
  ASSERT_EQ(loc.status, 200);
  EXPECT_EQ(body(loc)["grid"]["id"], m.micro_a12);
  Reply rep = post(port(), "/api/v1/public/reports",
                   json{{"category_id", 304}, {"description", "人行道上停满了车"}, {"location", {{"lng", 104.105}, {"lat", 30.605}}}}.dump());
  ASSERT_EQ(rep.status, 201) << rep.body;
  std::string token = body(rep)["tracking_token"];
  EXPECT_EQ(token.size(), 24u);
  Reply track = get(port(), "/api/v1/track/" + token);
  EXPECT_EQ(body(track)["state"], "reported");
  auto db_grid = server.db().scalar("SELECT grid_id FROM cases WHERE tracking_token = ?", {token});
  ASSERT_TRUE(db_grid);
  EXPECT_EQ(*db_grid, m.micro_a12);
  // The reporter attaches a photo with the tracking token; a wrong token is refused.
  Id id = body(rep)["id"];
  std::string photo_path = "/api/v1/cases/" + std::to_string(id) + "/attachments";
  EXPECT_EQ(http(port(), {"POST", photo_path, png_bytes(), "image/png", {{"X-No-Auth", "1"}, {"X-Tracking-Token", "wrong"}}}).status, 403);
  EXPECT_EQ(http(port(), {"POST", photo_path, png_bytes(), "image/png", {{"X-No-Auth", "1"}, {"X-Tracking-Token", token}}}).status, 201);
  // From a micro-grid poster's QR code: the grid is known, the place is not.
  Reply by_grid = post(port(), "/api/v1/public/reports", json{{"category_id", 202}, {"description", "楼道堆物"}, {"grid_id", m.micro_a11}}.dump());
  ASSERT_EQ(by_grid.status, 201) << by_grid.body;
  Reply detail = get(port(), "/api/v1/cases/" + std::to_string(body(by_grid)["id"].get<Id>()));
  EXPECT_EQ(body(detail)["grid_id"], m.micro_a11);
  EXPECT_EQ(body(detail)["community_id"], m.community_a);
  EXPECT_EQ(body(detail)["tracking_token"], body(by_grid)["tracking_token"]);  // staff who take requests in see it
}

}  // namespace
}  // namespace weige::testing
