#include "support/route_matrix.h"

#include <nlohmann/json.hpp>
#include <regex>

#include "http/api.h"
#include "support/test_server.h"

namespace weige::testing {

std::vector<Role> account_roles() {
  std::vector<Role> out;
  for (Role r : kAllRoles) {
    if (r != Role::kSystem) out.push_back(r);
  }
  return out;
}

Headers anonymous() {
  return {{"X-No-Auth", "1"}};
}

std::string fill_path(std::string pattern, Id id) {
  const std::pair<std::string, std::string> values[] = {
      {"{id}", std::to_string(id)}, {"{token}", "nosuchtoken"}, {"{day}", "2026-12-01"}};
  for (const auto& [placeholder, value] : values) {
    if (auto pos = pattern.find(placeholder); pos != std::string::npos)
      pattern.replace(pos, placeholder.size(), value);
  }
  return pattern;
}

bool refused_by_guard(const Reply& r) {
  if (r.status == 401) return true;
  if (r.status != 403) return false;
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("error") && j["error"]["details"].contains("permission");
}

const http::Route* route_of(const TestServer& server, const std::string& operation_id) {
  for (const auto& r : server.api().router().routes()) {
    if (r.operation_id == operation_id) return &r;
  }
  return nullptr;
}

std::string without_id(const std::string& body, Id id) {
  return std::regex_replace(body, std::regex("\\b" + std::to_string(id) + "\\b"), "{id}");
}

}  // namespace weige::testing
