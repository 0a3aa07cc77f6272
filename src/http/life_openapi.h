#pragma once
// The OpenAPI component schemas of the community-life routes.

#include <nlohmann/json.hpp>

namespace weige::http {

// Adds the schemas to `schemas` (components.schemas).
void add_life_schemas(nlohmann::json& schemas);

}  // namespace weige::http
