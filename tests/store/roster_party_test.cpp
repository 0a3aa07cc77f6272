// Migration 0010: the roster row (assignments) carries its person's party
// membership, filled for the rows present and kept by triggers; team members
// and leaders no longer have a foreign key to persons, and a person on a team
// still cannot be deleted.
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "support/migrate_to.h"
#include "support/test_server.h"

namespace weige::store {
namespace {

using weige::testing::migrate_to;
using weige::testing::TempDir;

constexpr int kBeforeRosterParty = 9;

class RosterPartyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions o;
    o.create = true;
    auto opened = open_sqlite(dir_.file("roster.db"), o);
    ASSERT_TRUE(opened);
    db = std::move(*opened);
  }
  // The schema before 0010, with the persons of seed().
  void before_migration() {
    migrate_to(*db, kBeforeRosterParty);
    seed();
  }
  // A community, a grid and persons 1..4 (1 and 3 are party members).
  void seed() {
    ASSERT_TRUE(db->exec_script(
        "INSERT INTO places (id, kind, name) VALUES (1, 'community', 'C');"
        "INSERT INTO grids (id, kind, community_id, code, name) VALUES (1, 'micro_grid', 1, 'g1', 'G');"
        "INSERT INTO persons (id, kind, party_member) VALUES"
        " (1, 'resident', 1), (2, 'resident', 0), (3, 'volunteer', 1), (4, 'resident', 0);"));
  }
  TempDir dir_;
  std::unique_ptr<Db> db;
};

std::int64_t party_of_assignment(Db& db, Id assignment_id) {
  auto v = db.scalar("SELECT party_member FROM assignments WHERE id = ?", {assignment_id});
  EXPECT_TRUE(v) << v.status().to_string();
  return v ? *v : -1;
}

TEST_F(RosterPartyTest, TheMigrationFillsTheRosterRowsPresent) {
  before_migration();
  ASSERT_TRUE(db->exec_script(
      "INSERT INTO assignments (id, person_id, grid_id, role) VALUES"
      " (10, 1, 1, 'volunteer'), (11, 2, 1, 'volunteer'), (12, 3, 1, 'micro_grid_head');"));
  ASSERT_TRUE(migrate(*db));
  EXPECT_EQ(party_of_assignment(*db, 10), 1);
  EXPECT_EQ(party_of_assignment(*db, 11), 0);
  EXPECT_EQ(party_of_assignment(*db, 12), 1);
}

TEST_F(RosterPartyTest, TriggersKeepTheRosterInStepWithThePerson) {
  ASSERT_TRUE(migrate(*db));
  seed();
  ASSERT_TRUE(db->exec_script(
      "INSERT INTO assignments (id, person_id, grid_id, role) VALUES"
      " (20, 1, 1, 'volunteer'), (21, 2, 1, 'volunteer'), (22, 1, 1, 'micro_grid_head');"));
  EXPECT_EQ(party_of_assignment(*db, 20), 1) << "a new roster row takes its person's membership";
  EXPECT_EQ(party_of_assignment(*db, 21), 0);

  ASSERT_TRUE(db->execute("UPDATE persons SET party_member = 0 WHERE id = 1", {}));
  EXPECT_EQ(party_of_assignment(*db, 20), 0) << "every roster row of the person follows";
  EXPECT_EQ(party_of_assignment(*db, 22), 0);
  ASSERT_TRUE(db->execute("UPDATE persons SET party_member = 1 WHERE id = 2", {}));
  EXPECT_EQ(party_of_assignment(*db, 21), 1);

  ASSERT_TRUE(db->execute("UPDATE assignments SET person_id = 4 WHERE id = 21", {}));
  EXPECT_EQ(party_of_assignment(*db, 21), 0) << "a roster row given to another person takes theirs";
  ASSERT_TRUE(db->execute("UPDATE assignments SET person_id = 3 WHERE id = 21", {}));
  EXPECT_EQ(party_of_assignment(*db, 21), 1);
}

TEST_F(RosterPartyTest, APersonOnATeamCannotBeDeletedAndTeamsKeepTheirRows) {
  before_migration();
  ASSERT_TRUE(db->exec_script(
      "INSERT INTO places (id, kind, parent_id, name) VALUES (2, 'compound', 1, 'P'),"
      " (3, 'building', 2, 'B');"
      "INSERT INTO emergencies (id, name, type, level, scope_kind, scope_ids, started_at,"
      " declared_at) VALUES (1, 'E', 'epidemic', 1, 'compounds', '[2]', 0, 0);"
      "INSERT INTO emergency_teams (id, emergency_id, kind, place_id, compound_id,"
      " leader_person_id) VALUES (5, 1, 'building_team', 3, 2, 1);"
      "INSERT INTO emergency_members (id, team_id, emergency_id, person_id, emergency_role)"
      " VALUES (7, 5, 1, 1, 'screener');"));
  ASSERT_TRUE(migrate(*db));  // the team tables are rebuilt with their rows
  auto team = db->row("SELECT leader_person_id FROM emergency_teams WHERE id = 5");
  ASSERT_TRUE(team && *team);
  EXPECT_EQ((*team)->i64(0), 1);
  EXPECT_EQ(*db->scalar("SELECT person_id FROM emergency_members WHERE id = 7"), 1);
  auto fk = db->rows("PRAGMA foreign_key_check");
  ASSERT_TRUE(fk);
  EXPECT_TRUE(fk->empty());

  auto refused = db->execute("DELETE FROM persons WHERE id = 1", {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().code(), Code::kConflict);
  EXPECT_TRUE(db->execute("DELETE FROM persons WHERE id = 4", {})) << "someone on no team can go";
  // A member's team must still exist.
  EXPECT_FALSE(db->execute(
      "INSERT INTO emergency_members (team_id, emergency_id, person_id, emergency_role) "
      "VALUES (99, 1, 2, 'screener')",
      {}));
}

}  // namespace
}  // namespace weige::store
