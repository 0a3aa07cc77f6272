// Export: the written files, and export -> import into a fresh database
// giving the same places and grids.

#include "io/map_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "io/io_fixture.h"
#include "io/sample_map.h"
#include "service/map_service.h"
#include "store/map_store.h"

namespace weige::io::testing {
namespace {

// Every place and grid of a database, described by codes only (ids differ
// between databases), sorted. Equal results mean the same map.
std::vector<std::string> canonical_map(store::Db& db, bool with_outlines = true) {
  std::map<Id, std::string> place_codes, grid_codes;
  store::PlaceFilter f;
  f.limit = 100000;
  auto places = store::list_places(db, f);
  auto grids = store::list_grids(db);
  EXPECT_TRUE(places.is_ok() && grids.is_ok());
  for (const Place& p : places->items)
    place_codes[p.id] = std::string(to_string(p.kind)) + ":" + p.code;
  for (const Grid& g : *grids) grid_codes[g.id] = g.code;
  auto code = [](const std::map<Id, std::string>& m, std::optional<Id> id) {
    return id ? m.at(*id) : std::string("-");
  };
  std::vector<std::string> out;
  for (const Place& p : places->items) {
    std::string s = "place " + place_codes[p.id] + " '" + p.name +
                    "' parent=" + code(place_codes, p.parent_id) +
                    " community=" + code(place_codes, p.community_id) +
                    " grid=" + code(grid_codes, p.grid_id);
    if (p.location) s += " at=" + store::ring_to_json({{*p.location}});
    if (with_outlines && p.outline) s += " outline=" + store::ring_to_json(*p.outline);
    out.push_back(s);
  }
  for (const Grid& g : *grids) {
    std::string s = "grid " + std::string(to_string(g.kind)) + ":" + g.code + " '" + g.name +
                    "' parent=" + code(grid_codes, g.parent_id) +
                    " community=" + code(place_codes, g.community_id);
    if (g.boundary) s += " boundary=" + store::ring_to_json(*g.boundary);
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Keeps the header and the rows of subdistricts and communities.
std::string root_rows(const std::string& places_csv) {
  std::string out;
  for (const std::string& line : lines_of(places_csv)) {
    if (out.empty() || line.rfind("subdistrict,", 0) == 0 || line.rfind("community,", 0) == 0) {
      out += line + "\n";
    }
  }
  return out;
}

class MapExportTest : public IoTest {
 protected:
  void SetUp() override {
    IoTest::SetUp();
    ImportReport r = import_geojson(kMapGeoJson);
    ASSERT_TRUE(r.written) << describe(r);
  }
};

TEST_F(MapExportTest, GeoJsonMapRoundTrips) {
  std::string exported = export_text(Format::kGeoJson, Dataset::kMap);
  store::Db& other = fresh_db();
  ImportReport r = import_geojson(exported, Dataset::kMap, {}, &other);
  ASSERT_TRUE(r.written) << describe(r);
  EXPECT_EQ(r.created, 18u);
  std::vector<std::string> original = canonical_map(*db_);
  EXPECT_EQ(original.size(), 18u);
  EXPECT_EQ(canonical_map(other), original);
  EXPECT_EQ(export_text(Format::kGeoJson, Dataset::kMap, &other), exported);
}

TEST_F(MapExportTest, GeoJsonIsAFeatureCollectionWithClosedRings) {
  auto doc = nlohmann::json::parse(export_text(Format::kGeoJson, Dataset::kMap));
  EXPECT_EQ(doc["type"], "FeatureCollection");
  const auto& features = doc["features"];
  ASSERT_EQ(features.size(), 18u);
  EXPECT_EQ(features[0]["properties"]["entity"], "grid");  // grids first
  EXPECT_EQ(features[8]["properties"]["entity"], "place");
  EXPECT_EQ(features[8]["properties"]["kind"], "subdistrict");
  for (const auto& f : features) {
    if (f["properties"]["code"] == kG1) {
      const auto& ring = f["geometry"]["coordinates"][0];
      ASSERT_EQ(ring.size(), 5u);
      EXPECT_EQ(ring.front(), ring.back());
      EXPECT_EQ(f["properties"]["community_code"], "C1");
    }
    if (f["properties"]["code"] == "H1") {
      EXPECT_EQ(f["geometry"]["type"], "Point");
      EXPECT_EQ(f["properties"]["lng"], 104.1001);
      EXPECT_EQ(f["properties"]["grid_code"], kM1a1);
      EXPECT_EQ(f["properties"]["parent_code"], "U1");
    }
  }
}

TEST_F(MapExportTest, CsvRoundTripsInThreeSteps) {
  std::string places = export_text(Format::kCsv, Dataset::kPlaces);
  std::string grids = export_text(Format::kCsv, Dataset::kGrids);
  EXPECT_EQ(lines_of(places).front(), "kind,code,parent_code,name,grid_code,lng,lat\r");
  EXPECT_EQ(lines_of(grids).front(), "kind,code,name,parent_code,community_code,boundary\r");
  store::Db& other = fresh_db();
  ImportReport roots = import_csv(root_rows(places), Dataset::kPlaces, {}, &other);
  ASSERT_TRUE(roots.written) << describe(roots);
  EXPECT_EQ(roots.created, 3u);
  ImportReport g = import_csv(grids, Dataset::kGrids, {}, &other);
  ASSERT_TRUE(g.written) << describe(g);
  ImportReport p = import_csv(places, Dataset::kPlaces, {}, &other);
  ASSERT_TRUE(p.written) << describe(p);
  EXPECT_EQ(p.unchanged, 3u);
  EXPECT_EQ(p.created, 7u);
  // Place outlines travel only in GeoJSON.
  EXPECT_EQ(canonical_map(other, false), canonical_map(*db_, false));
  EXPECT_EQ(export_text(Format::kCsv, Dataset::kPlaces, &other), places);
}

TEST_F(MapExportTest, OneCommunity) {
  auto c2 = store::find_place_by_code(*db_, PlaceKind::kCommunity, "C2");
  ASSERT_TRUE(c2.is_ok() && c2->has_value());
  std::string places = export_text(Format::kCsv, Dataset::kPlaces, nullptr, (*c2)->id);
  EXPECT_EQ(lines_of(places),
            (std::vector<std::string>{"kind,code,parent_code,name,grid_code,lng,lat\r",
                                      "subdistrict,S1,,万年场街道,,,\r",
                                      "community,C2,S1,邻里社区,,,\r"}));
  std::string grids = export_text(Format::kCsv, Dataset::kGrids, nullptr, (*c2)->id);
  EXPECT_EQ(lines_of(grids), (std::vector<std::string>{
                                 "kind,code,name,parent_code,community_code,boundary\r",
                                 "general_grid,510104001002000000,邻里总网格,,C2,\r",
                                 "grid,510104001002001000,邻里一网格,510104001002000000,,\r"}));
  std::ostringstream out;
  EXPECT_EQ(export_map(*db_, vault_, out, Format::kCsv, Dataset::kPlaces, Id{9999}).code(),
            Code::kNotFound);
}

TEST_F(MapExportTest, PlacesWithoutCodeGetOneFromTheirId) {
  service::MapService map(*db_);
  auto c2 = store::find_place_by_code(*db_, PlaceKind::kCommunity, "C2");
  Place mall;
  mall.kind = PlaceKind::kMall;
  mall.name = "无码商城";
  mall.parent_id = (*c2)->id;
  auto created = map.create_place(mall);
  ASSERT_TRUE(created.is_ok()) << created.status().to_string();
  std::string places = export_text(Format::kCsv, Dataset::kPlaces);
  std::string expected = "mall,id-" + std::to_string(created->id) + ",C2,无码商城,,,\r";
  EXPECT_NE(std::find(lines_of(places).begin(), lines_of(places).end(), expected),
            lines_of(places).end())
      << places;
  std::string geo = export_text(Format::kGeoJson, Dataset::kMap);
  ImportReport r = import_geojson(geo, Dataset::kMap, {}, &fresh_db());
  EXPECT_TRUE(r.written) << describe(r);
  EXPECT_EQ(r.created, 19u);
}

TEST_F(MapExportTest, RefusesImpossiblePairs) {
  std::ostringstream out;
  EXPECT_EQ(export_map(*db_, vault_, out, Format::kCsv, Dataset::kMap).code(), Code::kInvalid);
  EXPECT_EQ(export_map(*db_, vault_, out, Format::kGeoJson, Dataset::kAssignments).code(),
            Code::kInvalid);
}

TEST_F(MapExportTest, GridsAndPlacesDatasetsInGeoJson) {
  auto grids = nlohmann::json::parse(export_text(Format::kGeoJson, Dataset::kGrids));
  auto places = nlohmann::json::parse(export_text(Format::kGeoJson, Dataset::kPlaces));
  EXPECT_EQ(grids["features"].size(), 8u);
  EXPECT_EQ(places["features"].size(), 10u);
  for (const auto& f : grids["features"]) EXPECT_EQ(f["properties"]["entity"], "grid");
  for (const auto& f : places["features"]) EXPECT_EQ(f["properties"]["entity"], "place");
}

}  // namespace
}  // namespace weige::io::testing
