#include "support/mini_map.h"

#include <gtest/gtest.h>

namespace weige::testing {

using nlohmann::json;

json body(const Reply& r) { return json::parse(r.body); }

// Creates an entity and returns its id, failing the test on a non-201.
Id create(int port, const std::string& path, const json& j, const std::map<std::string, std::string>& headers) {
  Reply r = http(port, {"POST", path, j.dump(), "application/json", headers});
  EXPECT_EQ(r.status, 201) << path << " " << j.dump() << " -> " << r.body;
  return r.status == 201 ? body(r)["id"].get<Id>() : 0;
}

MiniMap build(int port) {
  MiniMap m{};
  m.subdistrict = create(port, "/api/v1/places", {{"kind", "subdistrict"}, {"name", "万年场街道"}});
  m.community_a = create(port, "/api/v1/places", {{"kind", "community"}, {"name", "双福路社区"}, {"parent_id", m.subdistrict}});
  m.community_b = create(port, "/api/v1/places", {{"kind", "community"}, {"name", "二仙桥社区"}, {"parent_id", m.subdistrict}});
  m.general_a = create(port, "/api/v1/grids", {{"kind", "general_grid"}, {"code", "510108012005000000"}, {"name", "双福路总网格"}, {"community_id", m.community_a}});
  m.general_b = create(port, "/api/v1/grids", {{"kind", "general_grid"}, {"code", "510108012006000000"}, {"name", "二仙桥总网格"}, {"community_id", m.community_b}});
  m.grid_a1 = create(port, "/api/v1/grids", {{"kind", "grid"}, {"code", "510108012005001000"}, {"name", "第一网格"}, {"parent_id", m.general_a}});
  m.grid_a2 = create(port, "/api/v1/grids", {{"kind", "grid"}, {"code", "510108012005002000"}, {"name", "第二网格"}, {"parent_id", m.general_a}});
  m.grid_b1 = create(port, "/api/v1/grids", {{"kind", "grid"}, {"code", "510108012006001000"}, {"name", "B第一网格"}, {"parent_id", m.general_b}});
  m.micro_a11 = create(port, "/api/v1/grids", {{"kind", "micro_grid"}, {"code", "510108012005001001"}, {"name", "一-1微网格"}, {"parent_id", m.grid_a1}});
  m.micro_a12 = create(port, "/api/v1/grids", {{"kind", "micro_grid"}, {"code", "510108012005001002"}, {"name", "一-2微网格"}, {"parent_id", m.grid_a1}});
  m.micro_a21 = create(port, "/api/v1/grids", {{"kind", "micro_grid"}, {"code", "510108012005002001"}, {"name", "二-1微网格"}, {"parent_id", m.grid_a2}});
  m.micro_b11 = create(port, "/api/v1/grids", {{"kind", "micro_grid"}, {"code", "510108012006001001"}, {"name", "B一-1微网格"}, {"parent_id", m.grid_b1}});
  m.compound = create(port, "/api/v1/places", {{"kind", "compound"}, {"name", "华润六期锦云府"}, {"parent_id", m.community_a}, {"grid_id", m.grid_a1}});
  m.building = create(port, "/api/v1/places", {{"kind", "building"}, {"name", "1栋"}, {"parent_id", m.compound}});
  m.unit1 = create(port, "/api/v1/places", {{"kind", "unit"}, {"name", "1单元"}, {"parent_id", m.building}, {"grid_id", m.micro_a11}});
  m.unit2 = create(port, "/api/v1/places", {{"kind", "unit"}, {"name", "2单元"}, {"parent_id", m.building}, {"grid_id", m.micro_a12}});
  m.household = create(port, "/api/v1/places", {{"kind", "household"}, {"name", "1201"}, {"parent_id", m.unit1}});
  return m;
}

std::string png_bytes() {
  std::string b = "\x89PNG\r\n\x1A\n";
  b += std::string(64, '\0');
  return b;
}

}  // namespace weige::testing
