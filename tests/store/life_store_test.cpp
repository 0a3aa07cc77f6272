// The community-life store against hand counts on a small map written
// directly: households below places and in grid subtrees, check-ins in a
// month, three-links edges of a grid, sign-on rates per building, one vote
// per household, append-only topic history.
#include <gtest/gtest.h>

#include "store/convention_store.h"
#include "store/deliberation_store.h"
#include "store/map_store.h"
#include "store/patrol_store.h"
#include "store/people_store.h"
#include "store/visit_store.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::TempDir;

// Community 1 > compound > buildings B1 (units U1, U2) and B2 (unit U3).
// Grids: general > grid > micro M1 (U1, U3) and M2 (U2). Households: U1 has
// 3, U2 has 2, U3 has 1.
struct World {
  Id community, compound, b1, b2, unit3, general, grid, m1, m2;
  std::vector<Id> u1, u2, u3;  // households
};

class LifeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db = weige::testing::open_test_db(dir.file("life.db"));
    auto grid = [&](GridKind k, std::optional<Id> parent, const char* code) {
      Grid g;
      g.kind = k;
      g.parent_id = parent;
      g.community_id = 1;
      g.code = code;
      g.name = code;
      return *insert_grid(*db, g);
    };
    auto place = [&](PlaceKind k, std::optional<Id> parent, std::optional<Id> grid_id, const std::string& name) {
      Place p;
      p.kind = k;
      p.parent_id = parent;
      p.community_id = 1;
      p.grid_id = grid_id;
      p.name = name;
      return *insert_place(*db, p);
    };
    w.community = place(PlaceKind::kCommunity, std::nullopt, std::nullopt, "社区");
    ASSERT_EQ(w.community, 1);
    w.general = grid(GridKind::kGeneralGrid, std::nullopt, "510108012005000000");
    w.grid = grid(GridKind::kGrid, w.general, "510108012005001000");
    w.m1 = grid(GridKind::kMicroGrid, w.grid, "510108012005001001");
    w.m2 = grid(GridKind::kMicroGrid, w.grid, "510108012005001002");
    w.compound = place(PlaceKind::kCompound, w.community, w.grid, "小区");
    w.b1 = place(PlaceKind::kBuilding, w.compound, std::nullopt, "1栋");
    w.b2 = place(PlaceKind::kBuilding, w.compound, std::nullopt, "2栋");
    Id u1 = place(PlaceKind::kUnit, w.b1, w.m1, "1单元"), u2 = place(PlaceKind::kUnit, w.b1, w.m2, "2单元");
    Id u3 = w.unit3 = place(PlaceKind::kUnit, w.b2, w.m1, "1单元");
    for (int i = 0; i < 3; ++i) w.u1.push_back(place(PlaceKind::kHousehold, u1, w.m1, "10" + std::to_string(i)));
    for (int i = 0; i < 2; ++i) w.u2.push_back(place(PlaceKind::kHousehold, u2, w.m2, "20" + std::to_string(i)));
    w.u3.push_back(place(PlaceKind::kHousehold, u3, w.m1, "301"));
  }
  Id person() {
    PersonRecord p;
    p.party_member = true;
    return *insert_person(*db, p);
  }

  TempDir dir;
  std::unique_ptr<Db> db;
  World w{};
};

TEST_F(LifeStoreTest, HouseholdsBelowPlacesAndInGridSubtrees) {
  EXPECT_EQ(households_below_place(*db, w.compound)->size(), 6u);
  EXPECT_EQ(households_below_place(*db, w.b1)->size(), 5u);
  EXPECT_EQ(households_below_place(*db, w.u1[0])->size(), 1u);
  EXPECT_EQ(households_in_grid_subtree(*db, w.grid)->size(), 6u);
  EXPECT_EQ(households_in_grid_subtree(*db, w.m1)->size(), 4u);  // U1 and U3
  EXPECT_EQ(*households_in_grid_subtree(*db, w.m2), w.u2);
  EXPECT_EQ(*grid_path(*db, w.m2), (std::vector<Id>{w.m2, w.grid, w.general}));
  EXPECT_EQ(*place_path(*db, w.u3[0]), (std::vector<Id>{w.u3[0], w.unit3, w.b2, w.compound, w.community}));
}

TEST_F(LifeStoreTest, CheckInsCountInTheirMonthOnly) {
  PatrolPlan plan;
  plan.grid_id = w.grid;
  plan.name = "巡查";
  plan.route = {w.compound, w.b1, w.b2};
  Id plan_id = *insert_patrol_plan(*db, plan);
  EXPECT_EQ(get_patrol_plan(*db, plan_id)->route, plan.route);
  Patrol p;
  p.plan_id = plan_id;
  p.grid_id = w.grid;
  p.started_at = 1000;
  Id patrol = *insert_patrol(*db, p);
  ASSERT_TRUE(insert_checkin(*db, {0, patrol, w.compound, 1000, ""}));
  ASSERT_TRUE(insert_checkin(*db, {0, patrol, w.b1, 1999, ""}));
  ASSERT_TRUE(insert_checkin(*db, {0, patrol, w.b2, 2000, ""}));  // the window is [1000, 2000)
  EXPECT_EQ(*checked_in_places(*db, plan.route, 1000, 2000), (std::set<Id>{w.compound, w.b1}));
  EXPECT_TRUE(checked_in_places(*db, {}, 0, 5000)->empty());
}

TEST_F(LifeStoreTest, LinkEdgesOfAGridFollowTheChainUp) {
  Organisation org;
  org.kind = OrganisationKind::kPartyOrganisation;
  org.name = "党委";
  Id party = *insert_organisation(*db, org);
  Id backbone = person(), a = person(), b = person();
  ASSERT_TRUE(insert_link(*db, {0, 1, party, std::nullopt, backbone, std::nullopt}));
  ASSERT_TRUE(insert_link(*db, {0, 2, std::nullopt, backbone, a, std::nullopt}));
  ASSERT_TRUE(insert_link(*db, {0, 2, std::nullopt, backbone, b, std::nullopt}));
  for (Id h : w.u1) ASSERT_TRUE(insert_link(*db, {0, 3, std::nullopt, a, std::nullopt, h}));
  for (Id h : w.u2) ASSERT_TRUE(insert_link(*db, {0, 3, std::nullopt, b, std::nullopt, h}));
  EXPECT_EQ(link_edges(*db, std::nullopt)->size(), 8u);
  // Micro-grid 2: its two tier-3 links, b's tier-2 link, the tier-1 link above.
  auto m2 = *link_edges(*db, std::vector<Id>{w.m2});
  ASSERT_EQ(m2.size(), 4u);
  auto coverage = link_coverage(m2, {w.u2[0]});
  ASSERT_EQ(coverage.size(), 3u);
  EXPECT_EQ(coverage[0].households, 2);
  EXPECT_EQ(coverage[0].visited, 1);
  EXPECT_TRUE(link_edges(*db, std::vector<Id>{})->empty());
}

TEST_F(LifeStoreTest, SignOnRatesPerBuilding) {
  Convention c;
  c.place_id = w.compound;
  c.grid_id = w.grid;
  c.title = "公约";
  c.created_at = 1;
  Id conv = *insert_convention(*db, c);
  ConventionVersion v;
  v.convention_id = conv;
  v.sections = {{"1", "总则", "和睦"}};
  v.state = VersionState::kAdopted;
  Id version = *insert_version(*db, v);
  EXPECT_EQ(get_version(*db, version)->number, 1);
  EXPECT_EQ(get_version(*db, version)->sections[0].text, "和睦");
  ASSERT_TRUE(insert_signon(*db, version, w.u1[0], std::nullopt, 5));
  ASSERT_TRUE(insert_signon(*db, version, w.u2[1], std::nullopt, 5));
  ASSERT_TRUE(insert_signon(*db, version, w.u3[0], std::nullopt, 5));
  EXPECT_EQ(insert_signon(*db, version, w.u3[0], std::nullopt, 6).code(), Code::kConflict);
  auto rates = *signon_rates(*db, version, w.compound);
  ASSERT_EQ(rates.size(), 2u);
  EXPECT_EQ(rates[0].building_id, w.b1);
  EXPECT_EQ(rates[0].households, 5);
  EXPECT_EQ(rates[0].signed_on, 2);
  EXPECT_EQ(rates[1].households, 1);
  EXPECT_EQ(rates[1].signed_on, 1);
  EXPECT_EQ(*count_signons(*db, version), 3);
  ConventionVersion second = v;
  Id v2 = *insert_version(*db, second);
  EXPECT_EQ(get_version(*db, v2)->number, 2);
  EXPECT_EQ(signon_rates(*db, v2, w.compound)->at(0).signed_on, 0);
}

TEST_F(LifeStoreTest, OneVotePerHouseholdAndAppendOnlyHistory) {
  Topic t;
  t.grid_id = w.m1;
  t.title = "议题";
  Id topic = *insert_topic(*db, t);
  Vote v{0, kTopicSubject, topic, w.u1[0], std::nullopt, Ballot::kFor, 1};
  ASSERT_TRUE(insert_vote(*db, v));
  EXPECT_EQ(insert_vote(*db, v).status().code(), Code::kConflict);
  v.subject = kVersionSubject;  // the same household may vote on another subject
  ASSERT_TRUE(insert_vote(*db, v));
  v.subject = kTopicSubject;
  v.household_id = w.u1[1];
  v.ballot = Ballot::kAbstain;
  ASSERT_TRUE(insert_vote(*db, v));
  VoteCount count = *count_votes(*db, kTopicSubject, topic);
  EXPECT_EQ(count.in_favour, 1);
  EXPECT_EQ(count.abstain, 1);
  EXPECT_EQ(count.cast(), 2);
  // The database itself refuses a second row, even past the store's check.
  EXPECT_FALSE(db->execute("INSERT INTO votes (subject, subject_id, household_id, ballot, cast_at) VALUES ('topic', ?, ?, 'for', 2)",
                           {topic, w.u1[0]}));
  ASSERT_TRUE(append_topic_event(*db, {0, topic, 1, "raise", std::nullopt, TopicState::kRaised, "resident", std::nullopt, ""}));
  EXPECT_FALSE(db->execute("UPDATE topic_events SET note = 'x'", {}));
  EXPECT_FALSE(db->execute("DELETE FROM topic_events", {}));
  EXPECT_EQ(topic_events(*db, topic)->size(), 1u);
}

}  // namespace
}  // namespace weige::store
