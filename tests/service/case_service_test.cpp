// Deadlines and escalation: exactly once per lapse, even across a restart
// (a new connection and a new service, as after a server restart).
#include "service/case_service.h"

#include <gtest/gtest.h>

#include "service/map_service.h"
#include "service/people_service.h"
#include "store/sqlite_db.h"
#include "support/test_server.h"

namespace weige::service {
namespace {

using testing::TempDir;

constexpr Seconds kMondayTen = 1796004000;  // 2026-11-30 10:00 UTC+8

struct World {
  Id community = 0, micro = 0, unit = 0, worker = 0, staff = 0;
};

World build(store::Db& db, const crypto::Vault& vault) {
  MapService map(db);
  World w;
  Place sub;
  sub.kind = PlaceKind::kSubdistrict;
  sub.name = "万年场街道";
  Id sub_id = map.create_place(sub)->id;
  Place comm;
  comm.kind = PlaceKind::kCommunity;
  comm.name = "双福路社区";
  comm.parent_id = sub_id;
  w.community = map.create_place(comm)->id;
  Grid general;
  general.kind = GridKind::kGeneralGrid;
  general.code = "510108012005000000";
  general.name = "总网格";
  general.community_id = w.community;
  Id general_id = map.create_grid(general)->id;
  Grid grid;
  grid.kind = GridKind::kGrid;
  grid.code = "510108012005001000";
  grid.name = "一网格";
  grid.parent_id = general_id;
  Id grid_id = map.create_grid(grid)->id;
  Grid micro;
  micro.kind = GridKind::kMicroGrid;
  micro.code = "510108012005001001";
  micro.name = "微网格";
  micro.parent_id = grid_id;
  w.micro = map.create_grid(micro)->id;
  Place compound;
  compound.kind = PlaceKind::kCompound;
  compound.name = "华润六期";
  compound.parent_id = w.community;
  compound.grid_id = grid_id;
  Id compound_id = map.create_place(compound)->id;
  Place building;
  building.kind = PlaceKind::kBuilding;
  building.name = "1栋";
  building.parent_id = compound_id;
  Id building_id = map.create_place(building)->id;
  Place unit;
  unit.kind = PlaceKind::kUnit;
  unit.name = "1单元";
  unit.parent_id = building_id;
  unit.grid_id = w.micro;
  w.unit = map.create_place(unit)->id;
  PeopleService people(db, vault);
  Person worker;
  worker.name = "张桂兰";
  w.worker = people.create_person(worker)->id;
  Person staff;
  staff.name = "赵敏";
  w.staff = people.create_person(staff)->id;
  return w;
}

std::int64_t count_events(store::Db& db, Id case_id, const std::string& action) {
  return *db.scalar("SELECT count(*) FROM case_events WHERE case_id = ? AND action = ?", {case_id, action});
}

TEST(CaseServiceTest, OverdueStageEscalatesExactlyOnceAcrossRestart) {
  TempDir dir;
  std::string path = dir.file("w.db");
  auto db = testing::open_test_db(path);
  auto vault = crypto::Vault::random_for_test();
  World w = build(*db, vault);
  Seconds now = kMondayTen;
  Clock clock = [&] { return now; };
  CaseService svc(*db, vault, clock);
  IntakeInput in;
  in.category_id = 103;  // dispute.noise: micro, micro-grid, resolve in 16 working hours
  in.place_id = w.unit;
  in.description = "装修噪音";
  in.accept_now = true;
  Actor staff{Role::kGridWorker, w.staff};
  auto made = svc.intake(in, staff);
  ASSERT_TRUE(made) << made.status().to_string();
  Id id = made->view.record.id;
  ASSERT_TRUE(svc.act(id, Action::kDispatch, staff, {}, w.worker));
  auto c = store::get_case(*db, id);
  ASSERT_EQ(c->stage, "resolve");
  // 16 working hours from Monday 10:00: 6h Monday, 7h Tuesday, 3h Wednesday morning.
  EXPECT_EQ(*c->stage_due_at, kMondayTen + 2 * 86400 + 2 * 3600);  // Wednesday 12:00

  now = *c->stage_due_at - 60;
  EXPECT_EQ(*svc.run_deadlines(), 0);
  now = *c->stage_due_at + 60;
  EXPECT_EQ(*svc.run_deadlines(), 1);
  EXPECT_EQ(*svc.run_deadlines(), 0);
  auto after = store::get_case(*db, id);
  EXPECT_EQ(after->handler, HandlerKind::kCommunity);
  EXPECT_EQ(after->state, CaseState::kDispatched);
  EXPECT_EQ(after->escalation_count, 1);

  {  // A restart: a new connection and a new service see the lapse as handled.
    auto db2 = store::open_sqlite(path, {});
    ASSERT_TRUE(db2);
    CaseService restarted(**db2, vault, clock);
    EXPECT_EQ(*restarted.run_deadlines(), 0);
    EXPECT_EQ(count_events(**db2, id, "escalate"), 1);
    // The new stage lapses in turn: one more level up, once.
    now = *after->stage_due_at + 60;
    EXPECT_EQ(*restarted.run_deadlines(), 1);
    EXPECT_EQ(*restarted.run_deadlines(), 0);
  }
  EXPECT_EQ(count_events(*db, id, "escalate"), 2);
  EXPECT_EQ(store::get_case(*db, id)->handler, HandlerKind::kSubdistrict);
}

TEST(CaseServiceTest, UnacceptedCaseIsFlaggedOverdueOnceButNotEscalated) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("w.db"));
  auto vault = crypto::Vault::random_for_test();
  World w = build(*db, vault);
  Seconds now = kMondayTen;
  CaseService svc(*db, vault, [&] { return now; });
  IntakeInput in;
  in.category_id = 103;
  in.place_id = w.unit;
  in.description = "x";
  Id id = svc.intake(in, {Role::kResident, std::nullopt})->view.record.id;
  now += 7 * 86400;
  EXPECT_EQ(*svc.run_deadlines(), 0);
  EXPECT_EQ(*svc.run_deadlines(), 0);
  EXPECT_EQ(count_events(*db, id, "overdue"), 1);
  EXPECT_EQ(store::get_case(*db, id)->state, CaseState::kReported);
}

TEST(CaseServiceTest, ParkedCaseReturnsAtItsReviewTime) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("w.db"));
  auto vault = crypto::Vault::random_for_test();
  World w = build(*db, vault);
  Seconds now = kMondayTen;
  CaseService svc(*db, vault, [&] { return now; });
  IntakeInput in;
  in.category_id = 302;  // illegal construction
  in.place_id = w.unit;
  in.description = "楼顶违建";
  in.accept_now = true;
  Actor secretary{Role::kCommunityAdmin, w.staff};
  Id id = svc.intake(in, secretary)->view.record.id;
  ActionInput park;
  park.reason = "等待规划部门认定";
  park.review_at = now + 30 * 86400;
  ASSERT_TRUE(svc.act(id, Action::kPark, secretary, park));
  now += 29 * 86400;
  EXPECT_EQ(*svc.run_deadlines(), 0);
  now += 2 * 86400;
  EXPECT_EQ(*svc.run_deadlines(), 1);
  EXPECT_EQ(store::get_case(*db, id)->state, CaseState::kAccepted);
}

TEST(CaseServiceTest, ApprovedExtensionMovesTheDeadlineByWorkingHours) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("w.db"));
  auto vault = crypto::Vault::random_for_test();
  World w = build(*db, vault);
  Seconds now = kMondayTen;
  CaseService svc(*db, vault, [&] { return now; });
  IntakeInput in;
  in.category_id = 103;
  in.place_id = w.unit;
  in.description = "x";
  in.accept_now = true;
  Actor staff{Role::kGridWorker, w.staff};
  Id id = svc.intake(in, staff)->view.record.id;
  ASSERT_TRUE(svc.act(id, Action::kDispatch, staff, {}));
  Seconds due = *store::get_case(*db, id)->stage_due_at;
  ActionInput ask;
  ask.reason = "需要等业主回来";
  ask.hours = 7;
  ASSERT_TRUE(svc.act(id, Action::kRequestExtension, {Role::kMicroGridWorker, w.worker}, ask));
  auto again = svc.act(id, Action::kRequestExtension, {Role::kMicroGridWorker, w.worker}, ask);
  EXPECT_EQ(again.status().code(), Code::kConflict);
  ASSERT_TRUE(svc.act(id, Action::kApproveExtension, {Role::kCommunityAdmin, w.staff}, {}));
  EXPECT_EQ(*store::get_case(*db, id)->stage_due_at, due + 86400);  // one 7-hour working day later
}

TEST(CaseServiceTest, HistoryIsAppendOnly) {
  TempDir dir;
  auto db = testing::open_test_db(dir.file("w.db"));
  auto vault = crypto::Vault::random_for_test();
  World w = build(*db, vault);
  CaseService svc(*db, vault, [] { return kMondayTen; });
  IntakeInput in;
  in.category_id = 103;
  in.place_id = w.unit;
  in.description = "x";
  ASSERT_TRUE(svc.intake(in, {Role::kResident, std::nullopt}));
  EXPECT_FALSE(db->execute("UPDATE case_events SET note = 'rewritten'", {}));
  EXPECT_FALSE(db->execute("DELETE FROM case_events", {}));
  EXPECT_EQ(*db->scalar("SELECT count(*) FROM case_events"), 1);
}

}  // namespace
}  // namespace weige::service
