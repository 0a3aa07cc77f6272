// The demo generator: the article's figures, the map rules, the three-links
// chain, determinism and sealed personal data, each on a fresh database.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "demo/generator.h"
#include "demo/names.h"
#include "service/map_service.h"
#include "service/people_service.h"
#include "store/map_store.h"
#include "store/migrations.h"
#include "store/people_store.h"
#include "store/sqlite_db.h"

namespace weige::demo {
namespace {

namespace fs = std::filesystem;

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "weige-demo-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = open("weige.db");
  }
  void TearDown() override {
    db_.reset();
    other_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<store::Db> open(const std::string& name, bool migrated = true) {
    auto db = store::open_sqlite((dir_ / name).string(), {.create = true});
    EXPECT_TRUE(db.is_ok()) << db.status().to_string();
    if (migrated) {
      EXPECT_TRUE(store::migrate(**db).is_ok());
    }
    return std::move(db).value();
  }

  std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return count_in(*db_, sql, params);
  }
  static std::int64_t count_in(store::Db& db, const std::string& sql,
                               const store::Params& params = {}) {
    auto n = db.scalar(sql, params);
    EXPECT_TRUE(n.is_ok()) << sql << ": " << n.status().to_string();
    return n.is_ok() ? *n : -1;
  }

  Summary demo() {
    auto s = generate_demo(*db_, vault_);
    EXPECT_TRUE(s.is_ok()) << s.status().to_string();
    return s.is_ok() ? *s : Summary{};
  }

  Id place_id(const std::string& kind, const std::string& name) {
    return count("SELECT id FROM places WHERE kind = ? AND name = ?", {kind, name});
  }

  // Every row of a table, one line each, in id order.
  static std::string dump(store::Db& db, const std::string& table, const std::string& columns) {
    std::ostringstream out;
    auto st = db.query("SELECT " + columns + " FROM " + table + " ORDER BY id", {},
                       [&](const store::Row& r) {
                         for (std::size_t i = 0; i < r.size(); ++i) out << r.text(i) << '|';
                         out << '\n';
                       });
    EXPECT_TRUE(st.is_ok()) << st.to_string();
    return out.str();
  }

  fs::path dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::Db> other_;
  crypto::Vault vault_ = crypto::Vault::random_for_test();
};

TEST_F(DemoTest, HasTheArticlesGridFigures) {
  Summary s = demo();
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE kind = 'general_grid'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE kind = 'grid'"), 11);
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE kind = 'exclusive_grid'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE kind = 'micro_grid'"), 129);
  EXPECT_EQ(s.grids, 11);
  EXPECT_EQ(s.exclusive_grids, 2);
  EXPECT_EQ(s.micro_grids, 129);

  Id community = place_id("community", "双福路社区");
  ASSERT_GT(community, 0);
  Id subdistrict = place_id("subdistrict", "万年场街道");
  EXPECT_EQ(count("SELECT parent_id FROM places WHERE id = ?", {community}), subdistrict);
  // micro-grid -> ordinary grid -> the community's general grid
  EXPECT_EQ(count("SELECT count(*) FROM grids m JOIN grids g ON g.id = m.parent_id "
                  "JOIN grids t ON t.id = g.parent_id WHERE m.kind = 'micro_grid' AND "
                  "g.kind = 'grid' AND t.kind = 'general_grid' AND t.community_id = ? AND "
                  "m.community_id = ?",
                  {community, community}),
            129);
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE kind = 'general_grid' AND "
                  "code = '510108' || substr(code, 7, 6) || '000000'"),
            1);
  // Both exclusive grids hang under the general grid and hold the non-residential sites.
  EXPECT_EQ(count("SELECT count(*) FROM places p JOIN grids e ON e.id = p.grid_id WHERE "
                  "e.kind = 'exclusive_grid' AND p.kind IN ('office_tower', 'mall', "
                  "'shop_street')"),
            3);
  EXPECT_EQ(count("SELECT count(DISTINCT grid_id) FROM places WHERE kind IN ('office_tower', "
                  "'mall', 'shop_street')"),
            2);
}

TEST_F(DemoTest, Has142PartyMemberVolunteersIncludingEveryHead) {
  Summary s = demo();
  EXPECT_EQ(count("SELECT count(DISTINCT p.id) FROM persons p JOIN assignments a ON "
                  "a.person_id = p.id WHERE a.role = 'volunteer' AND p.party_member = 1"),
            142);
  EXPECT_EQ(s.party_volunteers, 142);
  // One head per micro-grid, a party member who also volunteers.
  EXPECT_EQ(count("SELECT count(*) FROM assignments WHERE role = 'micro_grid_head'"), 129);
  EXPECT_EQ(count("SELECT count(DISTINCT grid_id) FROM assignments WHERE role = "
                  "'micro_grid_head'"),
            129);
  EXPECT_EQ(count("SELECT count(*) FROM assignments h JOIN persons p ON p.id = h.person_id "
                  "WHERE h.role = 'micro_grid_head' AND p.party_member = 1 AND EXISTS (SELECT 1 "
                  "FROM assignments v WHERE v.person_id = p.id AND v.role = 'volunteer')"),
            129);
  // The store's roll-up agrees at the general grid.
  auto grids = store::list_grids(*db_);
  ASSERT_TRUE(grids.is_ok());
  auto counts = store::grid_counts(*db_, *grids);
  ASSERT_TRUE(counts.is_ok());
  Id general = count("SELECT id FROM grids WHERE kind = 'general_grid'");
  EXPECT_EQ(counts->at(general).party_volunteers, 142);
}

TEST_F(DemoTest, HuarunHasTwelvePartyHeadedMicroGridsAndSixPropertyPartyWorkers) {
  demo();
  Id huarun = place_id("compound", "华润六期锦云府");
  ASSERT_GT(huarun, 0);
  const std::string micro_grids =
      "SELECT DISTINCT u.grid_id FROM places u JOIN places b ON b.id = u.parent_id "
      "WHERE u.kind = 'unit' AND b.parent_id = ?";
  EXPECT_EQ(count("SELECT count(*) FROM (" + micro_grids + ")", {huarun}), 12);
  // All twelve lie in the compound's own ordinary grid.
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE id IN (" + micro_grids +
                      ") AND parent_id = (SELECT grid_id FROM places WHERE id = ?)",
                  {huarun, huarun}),
            12);
  // Exactly one head each, a party member.
  EXPECT_EQ(count("SELECT count(*) FROM assignments a JOIN persons p ON p.id = a.person_id "
                  "WHERE a.role = 'micro_grid_head' AND p.party_member = 1 AND a.grid_id IN (" +
                      micro_grids + ")",
                  {huarun}),
            12);
  EXPECT_EQ(count("SELECT count(*) FROM assignments WHERE role = 'micro_grid_head' AND "
                  "grid_id IN (" +
                      micro_grids + ")",
                  {huarun}),
            12);
  // Six party members on the property company's staff serve as micro-grid workers
  // there, and as property staff in the compound's grid.
  const std::string property_party =
      "SELECT p.id FROM persons p JOIN organisations o ON o.id = p.organisation_id WHERE "
      "o.kind = 'property_company' AND o.name = '华润物业' AND p.party_member = 1 AND "
      "p.kind = 'staff'";
  EXPECT_EQ(count("SELECT count(DISTINCT a.person_id) FROM assignments a WHERE a.role = "
                  "'micro_grid_worker' AND a.person_id IN (" +
                      property_party + ") AND a.grid_id IN (" + micro_grids + ")",
                  {huarun}),
            6);
  EXPECT_EQ(
      count("SELECT count(DISTINCT a.person_id) FROM assignments a WHERE a.role = "
            "'property_staff' AND a.person_id IN (" +
                property_party + ") AND a.grid_id = (SELECT grid_id FROM places WHERE id = ?)",
            {huarun}),
      6);
}

TEST_F(DemoTest, HouseholdsArePlausibleAndFollowTheirUnits) {
  Summary s = demo();
  std::int64_t households = count("SELECT count(*) FROM places WHERE kind = 'household'");
  EXPECT_EQ(households, s.households);
  double average = static_cast<double>(households) / 129.0;
  EXPECT_GE(average, 35.0);
  EXPECT_LE(average, 45.0);
  // A household is in its unit's micro-grid, and every micro-grid holds 1-2 units.
  EXPECT_EQ(count("SELECT count(*) FROM places h JOIN places u ON u.id = h.parent_id WHERE "
                  "h.kind = 'household' AND (h.grid_id IS NOT u.grid_id OR u.kind <> 'unit')"),
            0);
  EXPECT_EQ(count("SELECT max(n) FROM (SELECT count(*) AS n FROM places WHERE kind = 'unit' "
                  "GROUP BY grid_id)"),
            2);
  EXPECT_EQ(count("SELECT count(DISTINCT grid_id) FROM places WHERE kind = 'unit'"), 129);
  // 1-4 persons in every household; some of them tenants.
  EXPECT_EQ(count("SELECT count(*) FROM places h WHERE h.kind = 'household' AND NOT EXISTS "
                  "(SELECT 1 FROM persons p WHERE p.household_id = h.id)"),
            0);
  EXPECT_EQ(count("SELECT max(n) FROM (SELECT count(*) AS n FROM persons WHERE household_id "
                  "IS NOT NULL GROUP BY household_id)"),
            4);
  EXPECT_GT(count("SELECT count(*) FROM persons WHERE kind = 'tenant'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM persons"), s.persons);
  // Room numbers like 1201, buildings N栋, units N单元.
  EXPECT_EQ(count("SELECT count(*) FROM places WHERE kind = 'household' AND name = '1201'") > 0,
            true);
  EXPECT_EQ(count("SELECT count(*) FROM places WHERE kind = 'building' AND name NOT LIKE '%栋'"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM places WHERE kind = 'unit' AND name NOT LIKE '%单元'"), 0);
}

TEST_F(DemoTest, MapHasNoViolations) {
  demo();
  auto violations = service::MapService(*db_).check_all();
  ASSERT_TRUE(violations.is_ok()) << violations.status().to_string();
  for (const Violation& v : *violations) ADD_FAILURE() << v.rule << ": " << v.message;
  EXPECT_TRUE(violations->empty());
  // Nothing escapes the checks: every place and grid has a location or boundary.
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE boundary IS NULL"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM places WHERE lng IS NULL OR lat IS NULL"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM places WHERE kind IN ('unit', 'household') AND "
                  "grid_id IS NULL"),
            0);
}

TEST_F(DemoTest, EveryHouseholdIsLinkedThroughThreeTiers) {
  Summary s = demo();
  Id party = count(
      "SELECT id FROM organisations WHERE kind = 'party_organisation' AND name = "
      "'双福路社区党委'");
  ASSERT_GT(party, 0);
  std::vector<Id> households;
  ASSERT_TRUE(db_->query("SELECT id, grid_id FROM places WHERE kind = 'household' ORDER BY id", {},
                         [&](const store::Row& r) { households.push_back(r.i64(0)); })
                  .is_ok());
  ASSERT_EQ(static_cast<std::int64_t>(households.size()), s.households);
  for (Id h : households) {
    auto chain = store::links_of_household(*db_, h);
    ASSERT_TRUE(chain.is_ok());
    ASSERT_EQ(chain->size(), 3u) << "household " << h;
    EXPECT_EQ((*chain)[0].tier, 3);
    EXPECT_EQ((*chain)[1].tier, 2);
    EXPECT_EQ((*chain)[2].tier, 1);
    EXPECT_EQ((*chain)[2].from_org_id, party);
    // The tier-3 person heads the household's own micro-grid.
    EXPECT_EQ(count("SELECT count(*) FROM assignments a JOIN places h ON h.grid_id = a.grid_id "
                    "WHERE h.id = ? AND a.role = 'micro_grid_head' AND a.person_id = ?",
                    {h, *(*chain)[0].from_person_id}),
              1);
  }
  EXPECT_EQ(count("SELECT count(*) FROM links"), s.links);
}

TEST_F(DemoTest, HasTheOrganisationsAndStaffOfTheCommunity) {
  demo();
  for (const char* kind : {"party_organisation", "property_company", "alliance",
                           "social_organisation", "police_station"}) {
    EXPECT_GE(count("SELECT count(*) FROM organisations WHERE kind = ?", {std::string(kind)}), 1)
        << kind;
  }
  EXPECT_GE(count("SELECT count(*) FROM organisations o JOIN places p ON p.id = o.place_id "
                  "WHERE o.kind = 'business' AND p.kind IN ('office_tower', 'mall', "
                  "'shop_street')"),
            3);
  // A grid worker per ordinary grid, a police officer in the general grid.
  EXPECT_EQ(count("SELECT count(DISTINCT a.grid_id) FROM assignments a JOIN grids g ON g.id = "
                  "a.grid_id WHERE a.role = 'grid_worker' AND g.kind = 'grid'"),
            11);
  EXPECT_EQ(count("SELECT count(*) FROM assignments a JOIN grids g ON g.id = a.grid_id JOIN "
                  "organisations o ON o.id = a.organisation_id WHERE a.role = 'police' AND "
                  "g.kind = 'general_grid' AND o.kind = 'police_station'"),
            1);
  // A resident micro-grid worker in every micro-grid.
  EXPECT_EQ(count("SELECT count(DISTINCT a.grid_id) FROM assignments a JOIN persons p ON p.id "
                  "= a.person_id WHERE a.role = 'micro_grid_worker' AND p.household_id IS NOT "
                  "NULL"),
            129);
}

TEST_F(DemoTest, PersonsHaveValidIdentities) {
  demo();
  service::PeopleService people(*db_, vault_);
  service::PersonQuery q;
  q.limit = 100000;
  auto all = people.list_persons(q);
  ASSERT_TRUE(all.is_ok()) << all.status().to_string();
  ASSERT_GT(all->items.size(), 5000u);
  std::set<std::string> phones, ids;
  for (const Person& p : all->items) {
    EXPECT_TRUE(id_number_checks(p.id_number)) << p.id_number;
    EXPECT_EQ(std::stoi(p.id_number.substr(6, 4)), p.birth_year) << p.id_number;
    EXPECT_EQ((p.id_number[16] - '0') % 2 == 1, p.gender == "m") << p.id_number;
    EXPECT_GE(p.name.size(), 6u);  // a surname and a given name, 3 bytes per character
    EXPECT_TRUE(ids.insert(p.id_number).second) << "duplicate " << p.id_number;
    if (p.phone.empty()) {
      EXPECT_GT(p.birth_year, 2025 - 14);
      continue;
    }
    EXPECT_EQ(p.phone.size(), 11u);
    EXPECT_EQ(p.phone[0], '1');
    EXPECT_TRUE(phones.insert(p.phone).second) << "duplicate " << p.phone;
  }
}

TEST_F(DemoTest, SameSeedGivesIdenticalData) {
  demo();
  other_ = open("other.db");
  auto again = generate_demo(*other_, vault_);
  ASSERT_TRUE(again.is_ok()) << again.status().to_string();
  const std::string place_columns =
      "id, kind, parent_id, community_id, grid_id, name, code, lng, lat, outline";
  const std::string grid_columns = "id, kind, parent_id, community_id, code, name, boundary";
  std::string places = dump(*db_, "places", place_columns);
  EXPECT_GT(places.size(), 100000u);
  EXPECT_EQ(places, dump(*other_, "places", place_columns));
  EXPECT_EQ(dump(*db_, "grids", grid_columns), dump(*other_, "grids", grid_columns));
  // Persons too, apart from the random nonces of their sealed fields.
  const std::string person_columns =
      "id, kind, name_index, phone_index, id_number_index, gender, birth_year, party_member, "
      "household_id, relation, organisation_id";
  EXPECT_EQ(dump(*db_, "persons", person_columns), dump(*other_, "persons", person_columns));
  EXPECT_EQ(dump(*db_, "assignments", "id, person_id, grid_id, role, organisation_id"),
            dump(*other_, "assignments", "id, person_id, grid_id, role, organisation_id"));
  EXPECT_EQ(dump(*db_, "links", "*"), dump(*other_, "links", "*"));
}

TEST_F(DemoTest, RefusesANonEmptyDatabaseAndChangesNothing) {
  service::MapService map(*db_);
  Place sub;
  sub.kind = PlaceKind::kSubdistrict;
  sub.name = "已有街道";
  ASSERT_TRUE(map.create_place(sub).is_ok());
  auto s = generate_demo(*db_, vault_);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), Code::kConflict);
  EXPECT_EQ(count("SELECT count(*) FROM places"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM grids"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM organisations"), 0);
  EXPECT_FALSE(db_->in_transaction());
}

TEST_F(DemoTest, SecondDemoIsAConflict) {
  Summary first = demo();
  std::string before = dump(*db_, "places", "id, name");
  auto second = generate_demo(*db_, vault_);
  ASSERT_FALSE(second.is_ok());
  EXPECT_EQ(second.status().code(), Code::kConflict);
  EXPECT_EQ(count("SELECT count(*) FROM persons"), first.persons);
  EXPECT_EQ(dump(*db_, "places", "id, name"), before);
}

TEST_F(DemoTest, RefusesAnUnmigratedDatabase) {
  other_ = open("raw.db", /*migrated=*/false);
  auto s = generate_demo(*other_, vault_);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), Code::kInvalid);
}

TEST_F(DemoTest, PersonalDataIsNotStoredInPlaintext) {
  demo();
  service::PeopleService people(*db_, vault_);
  Id id = count("SELECT min(id) FROM persons WHERE phone_sealed IS NOT NULL");
  auto person = people.get_person(id);
  ASSERT_TRUE(person.is_ok()) << person.status().to_string();
  ASSERT_EQ(person->phone.size(), 11u);
  db_.reset();  // close, so everything is in the files

  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(dir_ / (std::string("weige.db") + suffix), std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_NE(bytes.find("华润六期锦云府"), std::string::npos) << "the files were not read";
  EXPECT_EQ(bytes.find(person->phone), std::string::npos) << person->phone;
  EXPECT_EQ(bytes.find(person->id_number), std::string::npos) << person->id_number;
  EXPECT_EQ(bytes.find(person->address), std::string::npos) << person->address;
}

TEST_F(DemoTest, ReportsProgressStageByStage) {
  std::vector<std::string> stages;
  bool finished_each = true;
  Progress last;
  auto s = generate_demo(*db_, vault_, [&](const Progress& p) {
    if (stages.empty() || stages.back() != p.stage) {
      if (!stages.empty()) finished_each = finished_each && last.done == last.total;
      stages.push_back(p.stage);
    }
    EXPECT_LE(p.done, p.total);
    last = p;
  });
  ASSERT_TRUE(s.is_ok());
  EXPECT_TRUE(finished_each && last.done == last.total);
  EXPECT_EQ(stages, (std::vector<std::string>{"plan", "map", "people", "roles", "links", "person indexes", "check"}));
}

TEST_F(DemoTest, SmallCityHasTheExpectedCountsAndNoViolations) {
  CityParams p;
  p.subdistricts = 2;
  p.communities_per_subdistrict = 2;
  p.grids_per_community = 3;
  p.micro_grids_per_grid = 4;
  p.households_per_micro_grid = 10;
  p.seed = 7;
  auto s = generate_city(*db_, vault_, p);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_EQ(s->subdistricts, 2);
  EXPECT_EQ(s->communities, 4);
  EXPECT_EQ(s->general_grids, 4);
  EXPECT_EQ(s->grids, 12);
  EXPECT_EQ(s->exclusive_grids, 8);
  EXPECT_EQ(s->micro_grids, 48);
  EXPECT_EQ(s->party_volunteers, 48 + 12 + 8);  // heads, and a backbone per grid and exclusive grid
  EXPECT_EQ(count("SELECT count(*) FROM places WHERE kind = 'community'"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE kind = 'micro_grid'"), 48);
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE kind = 'exclusive_grid'"), 8);
  EXPECT_EQ(count("SELECT count(DISTINCT p.id) FROM persons p JOIN assignments a ON "
                  "a.person_id = p.id WHERE a.role = 'volunteer' AND p.party_member = 1"),
            68);
  std::int64_t households = count("SELECT count(*) FROM places WHERE kind = 'household'");
  EXPECT_EQ(households, s->households);
  EXPECT_GE(households, 48 * 8);
  EXPECT_LE(households, 48 * 12 + 48 * 2);
  EXPECT_EQ(count("SELECT count(*) FROM persons"), s->persons);
  EXPECT_EQ(count("SELECT count(*) FROM assignments"), s->assignments);
  EXPECT_EQ(count("SELECT count(*) FROM links"), s->links);
  EXPECT_EQ(count("SELECT count(*) FROM places h WHERE kind = 'household' AND NOT EXISTS "
                  "(SELECT 1 FROM links l WHERE l.tier = 3 AND l.to_household_id = h.id)"),
            0);
  // Grid codes carry the subdistrict and community numbers.
  EXPECT_EQ(count("SELECT count(*) FROM grids WHERE code = '510108002002000000'"), 1);
  auto violations = service::MapService(*db_).check_all();
  ASSERT_TRUE(violations.is_ok());
  for (const Violation& v : *violations) ADD_FAILURE() << v.rule << ": " << v.message;
}

TEST_F(DemoTest, CitySeedDecidesTheData) {
  CityParams p;
  p.subdistricts = 1;
  p.communities_per_subdistrict = 1;
  p.grids_per_community = 2;
  p.micro_grids_per_grid = 3;
  p.households_per_micro_grid = 20;
  ASSERT_TRUE(generate_city(*db_, vault_, p).is_ok());
  other_ = open("other.db");
  p.seed += 1;
  ASSERT_TRUE(generate_city(*other_, vault_, p).is_ok());
  const std::string columns = "kind, name, lng, lat";
  EXPECT_NE(dump(*db_, "places", columns), dump(*other_, "places", columns));
}

TEST_F(DemoTest, CityRejectsParametersOutOfRange) {
  auto bad = [&](auto change) {
    CityParams p;
    change(p);
    auto s = generate_city(*db_, vault_, p);
    EXPECT_FALSE(s.is_ok());
    return s.is_ok() ? Code::kOk : s.status().code();
  };
  EXPECT_EQ(bad([](CityParams& p) { p.subdistricts = 0; }), Code::kInvalid);
  EXPECT_EQ(bad([](CityParams& p) { p.grids_per_community = 900; }), Code::kInvalid);
  EXPECT_EQ(bad([](CityParams& p) { p.micro_grids_per_grid = 1000; }), Code::kInvalid);
  EXPECT_EQ(bad([](CityParams& p) { p.households_per_micro_grid = 5; }), Code::kInvalid);
  EXPECT_EQ(bad([](CityParams& p) { p.subdistricts = 999; }),
            Code::kInvalid);  // too many households
  EXPECT_EQ(count("SELECT count(*) FROM places"), 0);
}

TEST_F(DemoTest, SummaryJsonNamesEveryCount) {
  Summary s = demo();
  nlohmann::json j = s.to_json();
  for (const char* key : {"subdistricts", "communities", "compounds", "buildings", "units",
                          "households", "persons", "general_grids", "grids", "exclusive_grids",
                          "micro_grids", "assignments", "party_volunteers", "links"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["micro_grids"], 129);
  EXPECT_EQ(j["party_volunteers"], 142);
  EXPECT_EQ(j["compounds"], count("SELECT count(*) FROM places WHERE kind = 'compound'"));
  EXPECT_EQ(j["buildings"], count("SELECT count(*) FROM places WHERE kind = 'building'"));
  EXPECT_EQ(j["units"], count("SELECT count(*) FROM places WHERE kind = 'unit'"));
}

}  // namespace
}  // namespace weige::demo
