#pragma once
// A small valid map used by the import and export tests: one subdistrict, two
// communities, their general grids, ordinary grids and micro-grids, and in
// community C1 a compound with one building, two units and three households.

#include <string>

namespace weige::io::testing {

// Grid codes: 510104 district, 001 subdistrict, 001/002 community, grid, micro.
inline constexpr const char* kG1 = "510104001001000000";    // general grid of C1
inline constexpr const char* kG1a = "510104001001001000";   // ordinary grid 1 of C1
inline constexpr const char* kG1b = "510104001001002000";   // ordinary grid 2 of C1
inline constexpr const char* kM1a1 = "510104001001001001";  // micro-grids of G1a
inline constexpr const char* kM1a2 = "510104001001001002";
inline constexpr const char* kM1b1 = "510104001001002001";  // micro-grid of G1b
inline constexpr const char* kG2 = "510104001002000000";    // general grid of C2
inline constexpr const char* kG2a = "510104001002001000";   // ordinary grid of C2

// Subdistrict and communities only: what must exist before grids can be imported.
inline const std::string kRootPlacesCsv =
    "kind,code,parent_code,name,grid_code,lng,lat\n"
    "subdistrict,S1,,万年场街道,,,\n"
    "community,C1,S1,双福路社区,,104.1,30.65\n"
    "community,C2,S1,邻里社区,,,\n";

inline const std::string kGridsCsv =
    "kind,code,name,parent_code,community_code,boundary\n"
    "general_grid,510104001001000000,双福路总网格,,C1,"
    "\"[[104.0,30.6],[104.2,30.6],[104.2,30.7],[104.0,30.7]]\"\n"
    "grid,510104001001001000,一网格,510104001001000000,,\n"
    "grid,510104001001002000,二网格,510104001001000000,,\n"
    "micro_grid,510104001001001001,微网格一,510104001001001000,,\n"
    "micro_grid,510104001001001002,微网格二,510104001001001000,,\n"
    "micro_grid,510104001001002001,微网格三,510104001001002000,,\n"
    "general_grid,510104001002000000,邻里总网格,,C2,\n"
    "grid,510104001002001000,邻里一网格,510104001002000000,,\n";

// Every place; H2 has no grid_code and follows its unit U1 into M1a1.
inline const std::string kPlacesCsv =
    "kind,code,parent_code,name,grid_code,lng,lat\r\n"
    "subdistrict,S1,,万年场街道,,,\r\n"
    "community,C1,S1,双福路社区,,104.1,30.65\r\n"
    "community,C2,S1,邻里社区,,,\r\n"
    "compound,K1,C1,\"华润六期锦云府, 一期\",510104001001001000,,\r\n"
    "building,B1,K1,1栋,,,\r\n"
    "unit,U1,B1,1单元,510104001001001001,,\r\n"
    "unit,U2,B1,2单元,510104001001001001,,\r\n"
    "household,H1,U1,101,510104001001001001,104.1001,30.6501\r\n"
    "household,H2,U1,102,,,\r\n"
    "household,H3,U2,201,510104001001001001,,\r\n";

// The same map as one GeoJSON FeatureCollection, deliberately out of order
// (children before parents, places before grids) to exercise the ordering.
inline const std::string kMapGeoJson = R"({
"type": "FeatureCollection",
"features": [
 {"type":"Feature","geometry":null,"properties":{"entity":"place","kind":"household","code":"H2","parent_code":"U1","name":"102","grid_code":""}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[104.1001,30.6501]},"properties":{"entity":"place","kind":"household","code":"H1","parent_code":"U1","name":"101","grid_code":"510104001001001001"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"place","kind":"household","code":"H3","parent_code":"U2","name":"201","grid_code":"510104001001001001"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"place","kind":"unit","code":"U1","parent_code":"B1","name":"1单元","grid_code":"510104001001001001"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"place","kind":"unit","code":"U2","parent_code":"B1","name":"2单元","grid_code":"510104001001001001"}},
 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[104.05,30.62],[104.06,30.62],[104.06,30.63],[104.05,30.63],[104.05,30.62]]]},"properties":{"entity":"place","kind":"building","code":"B1","parent_code":"K1","name":"1栋"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"place","kind":"compound","code":"K1","parent_code":"C1","name":"华润六期锦云府, 一期","grid_code":"510104001001001000"}},
 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[104.0,30.6],[104.2,30.6],[104.2,30.7],[104.0,30.7],[104.0,30.6]]]},"properties":{"entity":"grid","kind":"general_grid","code":"510104001001000000","name":"双福路总网格","parent_code":"","community_code":"C1"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"grid","kind":"micro_grid","code":"510104001001001001","name":"微网格一","parent_code":"510104001001001000"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"grid","kind":"micro_grid","code":"510104001001001002","name":"微网格二","parent_code":"510104001001001000"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"grid","kind":"micro_grid","code":"510104001001002001","name":"微网格三","parent_code":"510104001001002000"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"grid","kind":"grid","code":"510104001001001000","name":"一网格","parent_code":"510104001001000000"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"grid","kind":"grid","code":"510104001001002000","name":"二网格","parent_code":"510104001001000000"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"grid","kind":"general_grid","code":"510104001002000000","name":"邻里总网格","community_code":"C2"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"grid","kind":"grid","code":"510104001002001000","name":"邻里一网格","parent_code":"510104001002000000"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[104.1,30.65]},"properties":{"entity":"place","kind":"community","code":"C1","parent_code":"S1","name":"双福路社区","lng":104.1,"lat":30.65}},
 {"type":"Feature","geometry":null,"properties":{"entity":"place","kind":"community","code":"C2","parent_code":"S1","name":"邻里社区"}},
 {"type":"Feature","geometry":null,"properties":{"entity":"place","kind":"subdistrict","code":"S1","name":"万年场街道"}}
]})";

}  // namespace weige::io::testing
