#pragma once
// JSON views of domain objects for API responses. Personal data is masked.

#include <nlohmann/json.hpp>

#include "domain/map.h"
#include "domain/map_rules.h"
#include "domain/people.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::http {

nlohmann::json place_json(const Place& p);
nlohmann::json grid_json(const Grid& g);
nlohmann::json counts_json(const store::GridCounts& c);
// Masked: name 张*, phone 138****1234, id_number 5101**********1234, address.
nlohmann::json person_json(const Person& p);
nlohmann::json organisation_json(const Organisation& o);
nlohmann::json assignment_json(const Assignment& a);
nlohmann::json violations_json(const std::vector<Violation>& v);

}  // namespace weige::http
