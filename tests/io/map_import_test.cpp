// Importing places and grids: valid maps from CSV and GeoJSON, never-split
// violations, dry runs, and the all-or-nothing guarantee.

#include "io/map_import.h"

#include <gtest/gtest.h>

#include "io/io_fixture.h"
#include "io/sample_map.h"
#include "store/map_store.h"

namespace weige::io::testing {
namespace {

class MapImportTest : public IoTest {
 protected:
  Place place(PlaceKind kind, const std::string& code) {
    auto p = store::find_place_by_code(*db_, kind, code);
    EXPECT_TRUE(p.is_ok() && p->has_value()) << "no place " << code;
    return p.is_ok() && p->has_value() ? **p : Place{};
  }
  Grid grid(const std::string& code) {
    auto g = store::find_grid_by_code(*db_, code);
    EXPECT_TRUE(g.is_ok() && g->has_value()) << "no grid " << code;
    return g.is_ok() && g->has_value() ? **g : Grid{};
  }
  std::int64_t count(const std::string& table) {
    auto n = db_->scalar("SELECT count(*) FROM " + table);
    EXPECT_TRUE(n.is_ok());
    return n.is_ok() ? *n : -1;
  }

  // Imports the sample map through CSV in the three steps a fresh database needs.
  void import_sample_csv() {
    ImportReport roots = import_csv(kRootPlacesCsv, Dataset::kPlaces);
    ASSERT_TRUE(roots.written) << describe(roots);
    ImportReport grids = import_csv(kGridsCsv, Dataset::kGrids);
    ASSERT_TRUE(grids.written) << describe(grids);
    ImportReport places = import_csv(kPlacesCsv, Dataset::kPlaces);
    ASSERT_TRUE(places.written) << describe(places);
  }

  // The checks both formats of the sample map must pass.
  void expect_sample_map() {
    EXPECT_EQ(count("places"), 10);
    EXPECT_EQ(count("grids"), 8);
    Place s1 = place(PlaceKind::kSubdistrict, "S1");
    Place c1 = place(PlaceKind::kCommunity, "C1");
    EXPECT_EQ(c1.parent_id, s1.id);
    EXPECT_EQ(c1.community_id, c1.id);
    ASSERT_TRUE(c1.location.has_value());
    EXPECT_EQ(*c1.location, (Point{104.1, 30.65}));
    Place k1 = place(PlaceKind::kCompound, "K1");
    EXPECT_EQ(k1.name, "华润六期锦云府, 一期");
    EXPECT_EQ(k1.community_id, c1.id);
    EXPECT_EQ(k1.grid_id, grid(kG1a).id);
    Place u1 = place(PlaceKind::kUnit, "U1");
    EXPECT_EQ(u1.grid_id, grid(kM1a1).id);
    EXPECT_EQ(u1.community_id, c1.id);
    // H2 has no grid_code and joins its unit's micro-grid.
    EXPECT_EQ(place(PlaceKind::kHousehold, "H2").grid_id, grid(kM1a1).id);
    Place h1 = place(PlaceKind::kHousehold, "H1");
    EXPECT_EQ(h1.parent_id, u1.id);
    ASSERT_TRUE(h1.location.has_value());
    EXPECT_EQ(*h1.location, (Point{104.1001, 30.6501}));
    Grid g1 = grid(kG1);
    EXPECT_EQ(g1.community_id, c1.id);
    ASSERT_TRUE(g1.boundary.has_value());
    EXPECT_EQ(g1.boundary->ring.size(), 4u);
    Grid m = grid(kM1b1);
    EXPECT_EQ(m.parent_id, grid(kG1b).id);
    EXPECT_EQ(m.community_id, c1.id);
    EXPECT_EQ(grid(kG2a).community_id, place(PlaceKind::kCommunity, "C2").id);
  }
};

TEST_F(MapImportTest, ValidMapFromCsv) {
  ImportReport roots = import_csv(kRootPlacesCsv, Dataset::kPlaces);
  EXPECT_EQ(roots.rows, 3u);
  EXPECT_EQ(roots.created, 3u);
  ImportReport grids = import_csv(kGridsCsv, Dataset::kGrids);
  EXPECT_EQ(grids.rows, 8u);
  EXPECT_EQ(grids.created, 8u);
  ImportReport places = import_csv(kPlacesCsv, Dataset::kPlaces);
  EXPECT_TRUE(places.written) << describe(places);
  EXPECT_EQ(places.rows, 10u);
  EXPECT_EQ(places.created, 7u);
  EXPECT_EQ(places.unchanged, 3u);  // S1, C1, C2 from the first step
  EXPECT_EQ(places.updated, 0u);
  expect_sample_map();
}

TEST_F(MapImportTest, ValidMapFromGeoJsonInAnyOrder) {
  ImportReport r = import_geojson(kMapGeoJson);
  ASSERT_TRUE(r.written) << describe(r);
  EXPECT_EQ(r.rows, 18u);
  EXPECT_EQ(r.created, 18u);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.violations.empty());
  expect_sample_map();
  Place b1 = place(PlaceKind::kBuilding, "B1");
  ASSERT_TRUE(b1.outline.has_value());
  EXPECT_EQ(b1.outline->ring.size(), 4u);  // the closing point is dropped
  EXPECT_EQ(b1.outline->ring.front(), (Point{104.05, 30.62}));
}

TEST_F(MapImportTest, ReimportIsUnchangedAndEditsAreUpdates) {
  import_sample_csv();
  std::string before = dump(*db_);
  ImportReport again = import_csv(kPlacesCsv, Dataset::kPlaces);
  EXPECT_TRUE(again.written);
  EXPECT_EQ(again.unchanged, 10u);
  EXPECT_EQ(again.created + again.updated, 0u);
  EXPECT_EQ(dump(*db_), before);

  // Rename a household and move unit U2 (and with it H3) to micro-grid 2.
  ImportReport edit = import_csv(
      "kind,code,parent_code,name,grid_code,lng,lat\n"
      "household,H2,U1,102室,,,\n"
      "unit,U2,B1,2单元,510104001001001002,,\n",
      Dataset::kPlaces);
  ASSERT_TRUE(edit.written) << describe(edit);
  EXPECT_EQ(edit.updated, 2u);
  EXPECT_EQ(place(PlaceKind::kHousehold, "H2").name, "102室");
  EXPECT_EQ(place(PlaceKind::kUnit, "U2").grid_id, grid(kM1a2).id);
  EXPECT_EQ(place(PlaceKind::kHousehold, "H3").grid_id, grid(kM1a2).id);
}

TEST_F(MapImportTest, ColumnsLeftOutKeepStoredValues) {
  import_sample_csv();
  ImportReport r = import_csv("code,kind,name\nC1,community,双福路社区(新)\n", Dataset::kPlaces);
  ASSERT_TRUE(r.written) << describe(r);
  Place c1 = place(PlaceKind::kCommunity, "C1");
  EXPECT_EQ(c1.name, "双福路社区(新)");
  ASSERT_TRUE(c1.location.has_value());  // no lng/lat columns: location kept
  EXPECT_EQ(c1.parent_id, place(PlaceKind::kSubdistrict, "S1").id);
}

// Each never-split rule broken by one row of one file; the report names every
// violation and the database keeps exactly its old content.
TEST_F(MapImportTest, NeverSplitViolationsAreAllReportedAndNothingChanges) {
  import_sample_csv();
  std::string before = dump(*db_);
  ImportReport r = import_csv(
      "kind,code,parent_code,name,grid_code,lng,lat\n"
      // U2 into a micro-grid of the other ordinary grid: compound K1 split.
      "unit,U2,B1,2单元,510104001001002001,,\n"
      // H2 into micro-grid 2 while its unit U1 stays in micro-grid 1: unit split.
      "household,H2,U1,102,510104001001001002,,\n"
      // A compound of community C1 put into a grid of community C2.
      "compound,K2,C1,跨社区小区,510104001002001000,,\n",
      Dataset::kPlaces);
  EXPECT_FALSE(r.written);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_EQ(r.rows, 3u);

  auto find = [&](const std::string& rule) -> const Violation* {
    for (const Violation& v : r.violations) {
      if (v.rule == rule) return &v;
    }
    return nullptr;
  };
  const Violation* compound = find("grid_splits_compound");
  ASSERT_NE(compound, nullptr) << describe(r);
  EXPECT_EQ(compound->place_name, "华润六期锦云府, 一期");
  EXPECT_EQ(compound->grid_codes, (std::vector<std::string>{kG1a, kG1b}));

  const Violation* unit = find("micro_grid_splits_unit");
  ASSERT_NE(unit, nullptr) << describe(r);
  EXPECT_EQ(unit->place_name, "1单元");
  EXPECT_EQ(unit->grid_codes, (std::vector<std::string>{kM1a1, kM1a2}));

  const Violation* span = find("general_grid_spans_communities");
  ASSERT_NE(span, nullptr) << describe(r);
  EXPECT_EQ(span->place_name, "跨社区小区");
  EXPECT_EQ(span->grid_codes, (std::vector<std::string>{kG2a}));
  EXPECT_EQ(r.violations.size(), 3u) << describe(r);  // reported once each

  nlohmann::json j = r.to_json();
  EXPECT_EQ(j["written"], false);
  EXPECT_EQ(j["violations"].size(), 3u);
  EXPECT_EQ(dump(*db_), before);
}

TEST_F(MapImportTest, ViolationsAndRowErrorsAreReportedTogether) {
  import_sample_csv();
  std::string before = dump(*db_);
  ImportReport r = import_csv(
      "kind,code,parent_code,name,grid_code,lng,lat\n"
      "household,H2,U1,102,510104001001001002,,\n"
      "household,H9,U404,909,,,\n",
      Dataset::kPlaces);
  EXPECT_FALSE(r.written);
  ASSERT_EQ(r.errors.size(), 1u) << describe(r);
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_EQ(r.errors[0].field, "parent_code");
  ASSERT_EQ(r.violations.size(), 1u) << describe(r);
  EXPECT_EQ(r.violations[0].rule, "micro_grid_splits_unit");
  EXPECT_EQ(dump(*db_), before);
}

TEST_F(MapImportTest, DryRunCountsButWritesNothing) {
  ASSERT_TRUE(import_csv(kRootPlacesCsv, Dataset::kPlaces).written);
  ASSERT_TRUE(import_csv(kGridsCsv, Dataset::kGrids).written);
  std::string before = dump(*db_);
  ImportReport r = import_csv(kPlacesCsv, Dataset::kPlaces, {.dry_run = true});
  EXPECT_FALSE(r.written);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_TRUE(r.violations.empty()) << describe(r);
  EXPECT_EQ(r.rows, 10u);
  EXPECT_EQ(r.created, 7u);
  EXPECT_EQ(r.unchanged, 3u);
  EXPECT_EQ(dump(*db_), before);

  ImportReport geo = import_geojson(kMapGeoJson, Dataset::kMap, {.dry_run = true}, &fresh_db());
  EXPECT_FALSE(geo.written);
  EXPECT_EQ(geo.created, 18u) << describe(geo);
  EXPECT_EQ(other_->scalar("SELECT count(*) FROM places").value(), 0);
}

TEST_F(MapImportTest, DryRunStillFindsViolations) {
  import_sample_csv();
  ImportReport r = import_csv(
      "kind,code,parent_code,name,grid_code,lng,lat\n"
      "household,H2,U1,102,510104001001001002,,\n",
      Dataset::kPlaces, {.dry_run = true});
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].rule, "micro_grid_splits_unit");
}

TEST_F(MapImportTest, ProgressReportsEveryThousandRowsAndTheEnd) {
  ASSERT_TRUE(import_csv(kRootPlacesCsv, Dataset::kPlaces).written);
  std::string csv = "kind,code,parent_code,name\n";
  for (int i = 0; i < 2500; ++i) {
    csv += "compound,P" + std::to_string(i) + ",C2,小区" + std::to_string(i) + "\n";
  }
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  ImportOptions options;
  options.progress = [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); };
  ImportReport r = import_csv(csv, Dataset::kPlaces, options);
  ASSERT_TRUE(r.written) << describe(r);
  EXPECT_EQ(r.created, 2500u);
  using P = std::pair<std::size_t, std::size_t>;
  EXPECT_EQ(calls, (std::vector<P>{{1000, 2500}, {2000, 2500}, {2500, 2500}}));
}

TEST_F(MapImportTest, GridsUpsertAndCheckTheirCommunity) {
  import_sample_csv();
  ImportReport r = import_csv(
      "kind,code,name,parent_code,community_code,boundary\n"
      "grid,510104001001001000,一网格(改),510104001001000000,C1,\n"
      "grid,510104001001003000,三网格,510104001001000000,C2,\n",
      Dataset::kGrids);
  EXPECT_FALSE(r.written);
  ASSERT_EQ(r.errors.size(), 1u) << describe(r);
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_EQ(r.errors[0].field, "community_code");
  EXPECT_EQ(r.updated, 1u);
  EXPECT_EQ(grid(kG1a).name, "一网格");  // rolled back
}

TEST_F(MapImportTest, RefusesCsvMapAndGeoJsonAssignments) {
  std::istringstream in("x");
  auto csv_map = import_map(*db_, vault_, in, Format::kCsv, Dataset::kMap);
  EXPECT_EQ(csv_map.status().code(), Code::kInvalid);
  auto geo_assign = import_map(*db_, vault_, in, Format::kGeoJson, Dataset::kAssignments);
  EXPECT_EQ(geo_assign.status().code(), Code::kInvalid);
}

TEST_F(MapImportTest, RefusesToJoinAnOpenTransaction) {
  ASSERT_TRUE(db_->begin_write().is_ok());
  std::istringstream in(kRootPlacesCsv);
  auto r = import_map(*db_, vault_, in, Format::kCsv, Dataset::kPlaces);
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  ASSERT_TRUE(db_->rollback().is_ok());
}

TEST(Formats, ParseNames) {
  EXPECT_EQ(parse_format("csv"), Format::kCsv);
  EXPECT_EQ(parse_format("geojson"), Format::kGeoJson);
  EXPECT_EQ(parse_format("json"), std::nullopt);
  EXPECT_EQ(parse_dataset("places"), Dataset::kPlaces);
  EXPECT_EQ(parse_dataset("grids"), Dataset::kGrids);
  EXPECT_EQ(parse_dataset("assignments"), Dataset::kAssignments);
  EXPECT_EQ(parse_dataset("map"), Dataset::kMap);
  EXPECT_EQ(parse_dataset("people"), std::nullopt);
  EXPECT_EQ(to_string(Dataset::kMap), "map");
  EXPECT_EQ(to_string(Format::kGeoJson), "geojson");
}

}  // namespace
}  // namespace weige::io::testing
