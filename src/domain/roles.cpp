#include "domain/roles.h"

#include <array>
#include <utility>

namespace weige {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 11> kRoleNames{{
    {Role::kSubdistrictAdmin, "subdistrict_admin"},
    {Role::kSubdistrictStaff, "subdistrict_staff"},
    {Role::kCommunityAdmin, "community_admin"},
    {Role::kGridWorker, "grid_worker"},
    {Role::kMicroGridHead, "micro_grid_head"},
    {Role::kMicroGridWorker, "micro_grid_worker"},
    {Role::kPropertyStaff, "property_staff"},
    {Role::kPolice, "police"},
    {Role::kVolunteer, "volunteer"},
    {Role::kResident, "resident"},
    {Role::kSystem, "system"},
}};
}  // namespace

std::string_view to_string(Role r) {
  for (const auto& [k, n] : kRoleNames) {
    if (k == r) return n;
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& [k, n] : kRoleNames) {
    if (n == s) return k;
  }
  return std::nullopt;
}

std::string_view label_zh(Role r) {
  switch (r) {
    case Role::kSubdistrictAdmin: return "街道管理员";
    case Role::kSubdistrictStaff: return "街道工作人员";
    case Role::kCommunityAdmin: return "社区党委书记";
    case Role::kGridWorker: return "网格员";
    case Role::kMicroGridHead: return "微网格长";
    case Role::kMicroGridWorker: return "微网格员";
    case Role::kPropertyStaff: return "物业人员";
    case Role::kPolice: return "社区民警";
    case Role::kVolunteer: return "志愿者";
    case Role::kResident: return "居民";
    case Role::kSystem: return "系统";
  }
  return "";
}

}  // namespace weige
