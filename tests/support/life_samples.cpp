#include "support/life_samples.h"

#include <gtest/gtest.h>

#include "support/mini_map.h"

namespace weige::testing {

using nlohmann::json;

LifeSamples add_life_samples(int port, Id grid, Id micro, Id compound, Id household) {
  LifeSamples s{};
  s.linker = create(port, "/api/v1/persons", {{"name", "李建国"}, {"kind", "volunteer"}, {"party_member", true}});
  create(port, "/api/v1/links", {{"tier", 3}, {"from_person_id", s.linker}, {"to_household_id", household}});
  s.plan = create(port, "/api/v1/patrol-plans",
                  {{"grid_id", grid}, {"name", "每月巡查"}, {"route", {compound}},
                   {"participants", {{{"person_id", s.linker}, {"kind", "volunteer"}}}}});
  Reply patrol = post(port, "/api/v1/patrols",
                      json{{"plan_id", s.plan},
                           {"participants", {{{"person_id", s.linker}, {"kind", "volunteer"}}}},
                           {"checkins", {{{"place_id", compound}}}},
                           {"observations", {{{"place_id", compound}, {"text", "单车乱停"}}}}}
                          .dump());
  EXPECT_EQ(patrol.status, 201) << patrol.body;
  s.patrol = body(patrol)["id"];
  s.observation = body(patrol)["observations"][0]["id"];
  s.visit = create(port, "/api/v1/visits",
                   {{"household_id", household}, {"visitor_person_id", s.linker}, {"form", "door_to_door"}, {"learnt", "一切安好"}});
  Reply care = http(port, {"PUT", "/api/v1/households/" + std::to_string(household) + "/care",
                           json{{"tags", {{{"tag", "elderly_alone"}}}}}.dump(), "application/json", {}});
  EXPECT_EQ(care.status, 200) << care.body;
  s.topic = create(port, "/api/v1/topics", {{"grid_id", micro}, {"title", "楼道堆物清理"}});
  s.meeting = create(port, "/api/v1/meetings", {{"kind", "joint_meeting"}, {"grid_id", grid}, {"minutes", "商定清理方案"}});
  Reply convention = post(port, "/api/v1/conventions",
                          json{{"place_id", compound}, {"title", "居民公约"},
                               {"sections", {{{"key", "1"}, {"heading", "总则"}, {"text", "邻里和睦"}}}}}
                              .dump());
  EXPECT_EQ(convention.status, 201) << convention.body;
  s.convention = body(convention)["id"];
  s.version = body(convention)["versions"][0]["id"];
  s.campaign = create(port, "/api/v1/campaigns", {{"theme", "fire_safety"}, {"title", "消防安全月"}, {"grid_id", grid}});
  s.notice = create(port, "/api/v1/notices",
                    {{"target_kind", "compound"}, {"target_id", compound}, {"title", "停水通知"}, {"body", "周六停水"},
                     {"campaign_id", s.campaign}});
  return s;
}

}  // namespace weige::testing
