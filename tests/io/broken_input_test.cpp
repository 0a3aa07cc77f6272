// Broken CSV and GeoJSON: every problem is a RowError with its line (or
// feature index) and field, and the database keeps exactly its old content.

#include <gtest/gtest.h>

#include <random>

#include "io/io_fixture.h"
#include "io/sample_map.h"

namespace weige::io::testing {
namespace {

using Where = std::pair<std::size_t, std::string>;  // (line, field)

struct BrokenCase {
  const char* name;
  Format format;
  Dataset dataset;
  std::string text;
  std::vector<Where> errors;  // expected, in report order
};

const std::string kPlacesHeader = "kind,code,parent_code,name,grid_code,lng,lat\n";
const std::string kGridsHeader = "kind,code,name,parent_code,community_code,boundary\n";

std::string feature(const std::string& props, const std::string& geometry = "null") {
  return R"({"type":"Feature","geometry":)" + geometry + R"(,"properties":)" + props + "}";
}
std::string collection(const std::vector<std::string>& features) {
  std::string s = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) s += (i ? "," : "") + features[i];
  return s + "]}";
}
const std::string kGoodPlace =
    R"({"entity":"place","kind":"compound","code":"KN","parent_code":"C2","name":"新小区"})";
const std::string kSquare = "[[104.0,30.6],[104.1,30.6],[104.1,30.7],[104.0,30.6]]";

const std::vector<BrokenCase> kBroken = {
    // CSV: structure.
    {"csv wrong column count",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,C1,x,,\n",
     {{2, ""}}},
    {"csv unknown header column",
     Format::kCsv,
     Dataset::kPlaces,
     "kind,code,parent_code,name,colour\ncompound,KX,C2,x,red\n",
     {{1, "colour"}}},
    {"csv missing required column",
     Format::kCsv,
     Dataset::kPlaces,
     "kind,code,parent_code\ncompound,KX,C2\n",
     {{1, "name"}}},
    {"csv lng without lat column",
     Format::kCsv,
     Dataset::kPlaces,
     "kind,code,parent_code,name,lng\ncompound,KX,C2,x,104\n",
     {{1, "lat"}}},
    {"csv bad quoting",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KA,C2,ok,,,\ncompound,KB,C2,bad\"name,,,\n",
     {{3, ""}}},
    {"csv unterminated quote",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KA,C2,\"never closed,,,\ncompound,KB,C2,x,,,\n",
     {{2, ""}}},
    {"csv nul byte",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KA,C2,ok,,,\ncompound,KB,C2,x" + std::string(1, '\0') + ",,,\n",
     {{3, ""}}},
    {"csv not utf8",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KA,C2,caf\xE9,,,\n",
     {{2, ""}}},
    {"csv empty file", Format::kCsv, Dataset::kPlaces, "", {{1, ""}}},
    // CSV: values.
    {"csv non-numeric lng",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,C2,x,,east,30.6\n",
     {{2, "lng"}}},
    {"csv lat missing",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,C2,x,,104.1,\n",
     {{2, "lat"}}},
    {"csv lng out of range",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,C2,x,,200,30\n",
     {{2, "lng"}}},
    {"csv unknown kind",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "castle,KX,C2,x,,,\n",
     {{2, "kind"}}},
    {"csv missing code",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,,C2,x,,,\n",
     {{2, "code"}}},
    {"csv unknown parent",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,C404,x,,,\n",
     {{2, "parent_code"}}},
    {"csv parent of the wrong kind",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "building,BX,C1,x,,,\n",
     {{2, "parent_code"}}},
    {"csv no parent",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,,x,,,\n",
     {{2, "parent_code"}}},
    {"csv unknown grid",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,C1,x,510104001001009000,,\n",
     {{2, "grid_code"}}},
    {"csv household in an ordinary grid",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "household,HX,U1,x,510104001001001000,,\n",
     {{2, "grid_code"}}},
    {"csv duplicate code",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "compound,KX,C2,a,,,\ncompound,KX,C2,b,,,\n",
     {{3, "code"}}},
    {"csv every bad row is reported",
     Format::kCsv,
     Dataset::kPlaces,
     kPlacesHeader + "castle,KX,C2,x,,,\n"
                     "compound,KY,C2,fine,,,\n"
                     "compound,KZ,C404,x,,,\n"
                     "compound,KW,C2,x,,1,\n"
                     "compound,KV,C2,x\n",
     {{2, "kind"}, {4, "parent_code"}, {5, "lat"}, {6, ""}}},
    {"csv grid unknown kind",
     Format::kCsv,
     Dataset::kGrids,
     kGridsHeader + "mega_grid,510104001001003000,x,510104001001000000,,\n",
     {{2, "kind"}}},
    {"csv grid bad boundary",
     Format::kCsv,
     Dataset::kGrids,
     kGridsHeader + "grid,510104001001003000,x,510104001001000000,,\"[[1,2]]\"\n",
     {{2, "boundary"}}},
    {"csv grid unknown parent",
     Format::kCsv,
     Dataset::kGrids,
     kGridsHeader + "grid,510104001003003000,x,510104001003000000,,\n",
     {{2, "parent_code"}}},
    {"csv grid unknown community",
     Format::kCsv,
     Dataset::kGrids,
     kGridsHeader + "general_grid,510104001003000000,x,,C404,\n",
     {{2, "community_code"}}},
    {"csv grid bad code",
     Format::kCsv,
     Dataset::kGrids,
     kGridsHeader + "grid,510104001002003000,x,510104001001000000,,\n",
     {{2, "code"}}},
    {"csv grid kind changes",
     Format::kCsv,
     Dataset::kGrids,
     kGridsHeader + "exclusive_grid,510104001001001000,x,510104001001000000,,\n",
     {{2, "kind"}}},
    // GeoJSON: the document.
    {"geojson not json", Format::kGeoJson, Dataset::kMap, "{\"type\":", {{0, ""}}},
    {"geojson not utf8",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(R"({"entity":"place","kind":"compound","code":"K\xE9"})")}),
     {{0, ""}}},
    {"geojson array", Format::kGeoJson, Dataset::kMap, "[]", {{0, "type"}}},
    {"geojson a lone feature", Format::kGeoJson, Dataset::kMap, feature(kGoodPlace), {{0, "type"}}},
    {"geojson features not an array",
     Format::kGeoJson,
     Dataset::kMap,
     R"({"type":"FeatureCollection","features":{}})",
     {{0, "features"}}},
    {"geojson huge number",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(R"({"entity":"place","lng":1e999})")}),
     {{0, ""}}},
    // GeoJSON: features.
    {"geojson feature not an object",
     Format::kGeoJson,
     Dataset::kMap,
     collection({"1"}),
     {{1, "type"}}},
    {"geojson no properties",
     Format::kGeoJson,
     Dataset::kMap,
     collection({R"({"type":"Feature","geometry":null})"}),
     {{1, "properties"}}},
    {"geojson no entity",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(R"({"kind":"compound","code":"KX","name":"x"})")}),
     {{1, "entity"}}},
    {"geojson code is a number",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(
         R"({"entity":"place","kind":"compound","code":7,"parent_code":"C2","name":"x"})")}),
     {{1, "code"}}},
    {"geojson lng is a string",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(
         R"({"entity":"place","kind":"compound","code":"KX","parent_code":"C2","name":"x","lng":"104","lat":30})")}),
     {{1, "lng"}}},
    {"geojson unclosed ring",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(
         kGoodPlace,
         R"({"type":"Polygon","coordinates":[[[104.0,30.6],[104.1,30.6],[104.1,30.7],[104.0,30.7]]]})")}),
     {{1, "geometry"}}},
    {"geojson polygon with hole",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(kGoodPlace,
                         R"({"type":"Polygon","coordinates":[)" + kSquare + "," + kSquare + "]}")}),
     {{1, "geometry"}}},
    {"geojson unsupported geometry",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(kGoodPlace, R"({"type":"LineString","coordinates":[[1,2],[3,4]]})")}),
     {{1, "geometry"}}},
    {"geojson point of strings",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(kGoodPlace, R"({"type":"Point","coordinates":["104","30"]})")}),
     {{1, "geometry"}}},
    {"geojson geometry not an object",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(kGoodPlace, "[1,2]")}),
     {{1, "geometry"}}},
    {"geojson outline out of range",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(
         kGoodPlace,
         R"({"type":"Polygon","coordinates":[[[500,30.6],[104.1,30.6],[104.1,30.7],[500,30.6]]]})")}),
     {{1, "geometry"}}},
    {"geojson grid with a point",
     Format::kGeoJson,
     Dataset::kMap,
     collection({feature(
         R"({"entity":"grid","kind":"grid","code":"510104001001003000","name":"x","parent_code":"510104001001000000"})",
         R"({"type":"Point","coordinates":[104,30]})")}),
     {{1, "geometry"}}},
    {"geojson grid in a places import",
     Format::kGeoJson,
     Dataset::kPlaces,
     collection({feature(
         R"({"entity":"grid","kind":"grid","code":"510104001001003000","name":"x","parent_code":"510104001001000000"})")}),
     {{1, "entity"}}},
    {"geojson bad features among good ones",
     Format::kGeoJson,
     Dataset::kMap,
     collection(
         {feature(R"({"entity":"place","kind":"castle","code":"KX","name":"x"})"),
          feature(kGoodPlace),
          feature(
              R"({"entity":"place","kind":"compound","code":"KY","parent_code":"C404","name":"y"})")}),
     {{1, "kind"}, {3, "parent_code"}}},
};

void PrintTo(const BrokenCase& c, std::ostream* os) {
  *os << c.name;
}

class BrokenInputTest : public IoTest, public ::testing::WithParamInterface<BrokenCase> {};

TEST_P(BrokenInputTest, ReportsEveryProblemAndChangesNothing) {
  const BrokenCase& c = GetParam();
  ASSERT_TRUE(import_csv(kRootPlacesCsv, Dataset::kPlaces).written);
  ASSERT_TRUE(import_csv(kGridsCsv, Dataset::kGrids).written);
  ASSERT_TRUE(import_csv(kPlacesCsv, Dataset::kPlaces).written);
  std::string before = dump(*db_);
  ImportReport r = import_text(c.text, c.format, c.dataset);
  EXPECT_FALSE(r.written);
  std::vector<Where> got;
  for (const RowError& e : r.errors) {
    got.emplace_back(e.line, e.field);
    EXPECT_FALSE(e.message.empty());
  }
  EXPECT_EQ(got, c.errors) << describe(r);
  EXPECT_EQ(dump(*db_), before);
}

INSTANTIATE_TEST_SUITE_P(Table, BrokenInputTest, ::testing::ValuesIn(kBroken),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

// Every truncation and many corruptions of a valid file import without a
// crash or a database error, and only the whole file is ever written.
class MangledInputTest : public IoTest {
 protected:
  void check(const std::string& text, Format format, Dataset dataset) {
    std::istringstream in(text);
    auto r = import_map(*db_, vault_, in, format, dataset, {.dry_run = true});
    ASSERT_TRUE(r.is_ok()) << r.status().to_string();
    EXPECT_FALSE(r->written);
  }
};

TEST_F(MangledInputTest, TruncatedAndCorruptedFiles) {
  std::string before = dump(*db_);
  for (std::size_t n = 0; n < kMapGeoJson.size(); n += 7) {
    check(kMapGeoJson.substr(0, n), Format::kGeoJson, Dataset::kMap);
  }
  ASSERT_TRUE(import_csv(kRootPlacesCsv, Dataset::kPlaces).written);
  ASSERT_TRUE(import_csv(kGridsCsv, Dataset::kGrids).written);
  before = dump(*db_);
  for (std::size_t n = 0; n < kPlacesCsv.size(); n += 3) {
    check(kPlacesCsv.substr(0, n), Format::kCsv, Dataset::kPlaces);
  }
  std::mt19937 rng(42);
  const std::string bytes = "\",\n\r\0{}[]:\xE9\xFF 0-.e";
  for (int i = 0; i < 200; ++i) {
    std::string csv = kPlacesCsv;
    std::string geo = kMapGeoJson;
    for (int k = 0; k < 3; ++k) {
      csv[rng() % csv.size()] = bytes[rng() % bytes.size()];
      geo[rng() % geo.size()] = bytes[rng() % bytes.size()];
    }
    check(csv, Format::kCsv, Dataset::kPlaces);
    check(geo, Format::kGeoJson, Dataset::kMap);
  }
  EXPECT_EQ(dump(*db_), before);
}

}  // namespace
}  // namespace weige::io::testing
