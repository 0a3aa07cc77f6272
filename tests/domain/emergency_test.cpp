// Emergency rules as tables: the errand workflow, coverage, the role map and
// team formation.
#include "domain/emergency.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace weige {
namespace {

using ES = ErrandState;
using A = ErrandAction;

TEST(ErrandWorkflow, EveryStateAndActionAgainstTheExpectedTable) {
  // Written out independently: (from, action) -> to; anything else is a conflict.
  const std::map<std::pair<ES, A>, ES> expected{
      {{ES::kRequested, A::kAccept}, ES::kAccepted}, {{ES::kRequested, A::kCancel}, ES::kCancelled},
      {{ES::kAccepted, A::kDone}, ES::kDone},         {{ES::kAccepted, A::kCancel}, ES::kCancelled},
      {{ES::kDone, A::kConfirm}, ES::kConfirmed},
  };
  for (ES from : {ES::kRequested, ES::kAccepted, ES::kDone, ES::kConfirmed, ES::kCancelled}) {
    for (A a : {A::kAccept, A::kDone, A::kConfirm, A::kCancel}) {
      SCOPED_TRACE(std::string(to_string(from)) + " x " + std::string(to_string(a)));
      auto d = decide_errand(from, a);
      auto it = expected.find({from, a});
      if (it == expected.end()) {
        ASSERT_FALSE(d.is_ok());
        EXPECT_EQ(d.status().code(), Code::kConflict);
      } else {
        ASSERT_TRUE(d.is_ok());
        EXPECT_EQ(d->to, it->second);
      }
    }
  }
}

TEST(ErrandWorkflow, WhoMovesEachStep) {
  EXPECT_EQ(decide_errand(ES::kRequested, A::kAccept)->by, ErrandParty::kTeam);
  EXPECT_EQ(decide_errand(ES::kAccepted, A::kDone)->by, ErrandParty::kTeam);
  EXPECT_EQ(decide_errand(ES::kDone, A::kConfirm)->by, ErrandParty::kHousehold);
  EXPECT_EQ(decide_errand(ES::kRequested, A::kCancel)->by, ErrandParty::kEither);
  EXPECT_TRUE(is_open(ES::kRequested));
  EXPECT_TRUE(is_open(ES::kAccepted));
  EXPECT_FALSE(is_open(ES::kDone));
  EXPECT_FALSE(is_open(ES::kCancelled));
}

TEST(Screening, CoverageCountsContactOnly) {
  EXPECT_FALSE(covers(ScreeningOutcome::kPending));
  EXPECT_FALSE(covers(ScreeningOutcome::kNotAtHome));
  EXPECT_TRUE(covers(ScreeningOutcome::kReached));
  EXPECT_TRUE(covers(ScreeningOutcome::kRefused));
  EXPECT_TRUE(covers(ScreeningOutcome::kNeedsHelp));
}

TEST(RoleMap, ThePeacetimeDutiesOfTheArticle) {
  EXPECT_EQ(default_emergency_role("publicist"), EmergencyRole::kResponder);
  EXPECT_EQ(default_emergency_role("informant"), EmergencyRole::kScreener);
  EXPECT_EQ(default_emergency_role("helper"), EmergencyRole::kErrandRunner);
  EXPECT_EQ(peacetime_key(GridRole::kMicroGridWorker, PeacetimeDuty::kHelper), "helper");
  EXPECT_EQ(peacetime_key(GridRole::kMicroGridWorker, PeacetimeDuty::kNone), "micro_grid_worker");
  EXPECT_EQ(peacetime_key(GridRole::kMicroGridHead, PeacetimeDuty::kNone), "micro_grid_head");
  for (auto s : {"responder", "screener", "errand_runner"}) EXPECT_EQ(to_string(*parse_emergency_role(s)), s);
  EXPECT_FALSE(parse_emergency_role("hero"));
}

TeamCandidate worker(Id person, Id grid, GridRole role = GridRole::kMicroGridWorker, bool party = false,
                     PeacetimeDuty duty = PeacetimeDuty::kNone) {
  return {person, person * 10, grid, role, duty, party, std::nullopt};
}

TeamCandidate staff(Id person, Id compound, GridRole role) {
  return {person, person * 10, 900, role, PeacetimeDuty::kNone, false, compound};
}

std::map<Id, const TeamPlan*> by_place(const std::vector<TeamPlan>& plans) {
  std::map<Id, const TeamPlan*> out;
  for (const auto& p : plans) out[p.place_id] = &p;
  return out;
}

Id leader(const TeamPlan& t) {
  for (const auto& m : t.members) {
    if (m.leader) return m.person_id;
  }
  return 0;
}

TEST(FormTeams, OneTaskForcePerCompoundAndOneTeamPerBuildingEachPersonOnce) {
  // Compound 1: buildings 11 and 12 in micro-grid 100; compound 2: building 21 in micro-grid 200.
  std::vector<TeamBuilding> buildings{{11, 1, {100}}, {12, 1, {100}}, {21, 2, {200}}};
  std::vector<TeamCandidate> people{worker(1, 100, GridRole::kMicroGridHead), worker(2, 100), worker(3, 100),
                                    worker(4, 100, GridRole::kVolunteer), worker(5, 200),
                                    staff(6, 1, GridRole::kGridWorker), staff(6, 2, GridRole::kGridWorker)};
  auto plans = form_teams(buildings, people, default_emergency_role);
  auto teams = by_place(plans);
  ASSERT_EQ(plans.size(), 5u);  // 2 task forces + 3 building teams
  EXPECT_EQ(teams[1]->kind, TeamKind::kTaskForce);
  EXPECT_EQ(teams[11]->kind, TeamKind::kBuildingTeam);
  // Balanced: four people over two buildings, two each; nobody twice.
  EXPECT_EQ(teams[11]->members.size(), 2u);
  EXPECT_EQ(teams[12]->members.size(), 2u);
  std::set<Id> seen;
  for (Id b : {11, 12, 21}) {
    for (const auto& m : teams[b]->members) EXPECT_TRUE(seen.insert(m.person_id).second) << m.person_id;
  }
  // The micro-grid head leads its building team; the grid worker leads both task forces.
  EXPECT_TRUE(leader(*teams[11]) == 1 || leader(*teams[12]) == 1);
  EXPECT_EQ(leader(*teams[1]), 6);
  EXPECT_EQ(leader(*teams[2]), 6);
  EXPECT_EQ(leader(*teams[21]), 5);
  // Every building team leader also sits on the task force.
  std::set<Id> tf1;
  for (const auto& m : teams[1]->members) tf1.insert(m.person_id);
  EXPECT_TRUE(tf1.count(leader(*teams[11])));
  EXPECT_TRUE(tf1.count(leader(*teams[12])));
  // Roles from the map.
  for (const auto& m : teams[21]->members) EXPECT_EQ(m.role, EmergencyRole::kScreener);
}

TEST(FormTeams, EmptyBuildingsBorrowFromTheirCompound) {
  // Building 13 has its own micro-grid with nobody in it.
  std::vector<TeamBuilding> buildings{{11, 1, {100}}, {12, 1, {100}}, {13, 1, {101}}, {31, 3, {300}}};
  std::vector<TeamCandidate> people{worker(1, 100), worker(2, 100), worker(3, 100), worker(4, 100),
                                    staff(7, 3, GridRole::kPropertyStaff)};
  auto plans = form_teams(buildings, people, default_emergency_role);
  auto teams = by_place(plans);
  EXPECT_FALSE(teams[13]->members.empty());
  EXPECT_TRUE(teams[13]->borrowed);
  EXPECT_FALSE(teams[11]->borrowed);
  for (Id b : {11, 12, 13}) EXPECT_GE(teams[b]->members.size(), 1u) << b;
  // Compound 3 has only property staff: its building is staffed from the task force.
  ASSERT_EQ(teams[31]->members.size(), 1u);
  EXPECT_EQ(teams[31]->members.front().person_id, 7);
  EXPECT_EQ(teams[31]->members.front().role, EmergencyRole::kResponder);
}

TEST(FormTeams, ACompoundWithNobodyLeavesTheTeamEmptyAndSaysSo) {
  auto plans = form_teams({{41, 4, {400}}}, {}, default_emergency_role);
  auto teams = by_place(plans);
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_TRUE(teams[41]->members.empty());
  EXPECT_FALSE(teams[41]->borrowed);
}

TEST(FormTeams, DutiesDecideEmergencyRolesThroughTheGivenMap) {
  std::vector<TeamBuilding> buildings{{11, 1, {100}}};
  std::vector<TeamCandidate> people{worker(1, 100, GridRole::kMicroGridWorker, false, PeacetimeDuty::kPublicist),
                                    worker(2, 100, GridRole::kMicroGridWorker, false, PeacetimeDuty::kInformant),
                                    worker(3, 100, GridRole::kMicroGridWorker, true, PeacetimeDuty::kHelper)};
  auto plans = form_teams(buildings, people, default_emergency_role);
  auto team = by_place(plans)[11];
  std::map<Id, EmergencyRole> roles;
  for (const auto& m : team->members) roles[m.person_id] = m.role;
  EXPECT_EQ(roles[1], EmergencyRole::kResponder);
  EXPECT_EQ(roles[2], EmergencyRole::kScreener);
  EXPECT_EQ(roles[3], EmergencyRole::kErrandRunner);
  EXPECT_EQ(leader(*team), 3);  // no head: the party member leads
  // A custom map: everyone screens.
  auto all_screen = [](std::string_view) { return EmergencyRole::kScreener; };
  for (const auto& m : by_place(form_teams(buildings, people, all_screen))[11]->members) {
    EXPECT_EQ(m.role, EmergencyRole::kScreener);
  }
}

}  // namespace
}  // namespace weige
