#pragma once
// A small map built through the API, shared by scenario tests.
//
// Two communities; A has grids A1 (micro-grids A1-1, A1-2) and A2 (A2-1);
// compound C1 in A1 with one building and two units, U1 in A1-1 and U2 in A1-2,
// and a household in U1.

#include <nlohmann/json.hpp>
#include <map>
#include <string>

#include "domain/map.h"
#include "support/http_client.h"

namespace weige::testing {

nlohmann::json body(const Reply& r);
// POSTs and returns the new id, failing the test on anything but 201.
Id create(int port, const std::string& path, const nlohmann::json& j,
          const std::map<std::string, std::string>& headers = {});

struct MiniMap {
  Id subdistrict, community_a, community_b, general_a, general_b, grid_a1, grid_a2, grid_b1;
  Id micro_a11, micro_a12, micro_a21, micro_b11, compound, building, unit1, unit2, household;
};

MiniMap build(int port);

// A few bytes the attachment endpoint takes for a PNG photo.
std::string png_bytes();

}  // namespace weige::testing
