#pragma once
// Account roles: who may do what (the case workflow here; the full role x
// action permission table comes with accounts).

#include <optional>
#include <string_view>
#include <vector>

#include "domain/map.h"

namespace weige {

enum class Role {
  kSubdistrictAdmin,
  kSubdistrictStaff,
  kCommunityAdmin,  // community party secretary
  kGridWorker,
  kMicroGridHead,
  kMicroGridWorker,
  kPropertyStaff,
  kPolice,
  kVolunteer,
  kResident,
  kSystem,  // the server itself (deadline scheduler)
};

inline constexpr Role kAllRoles[] = {
    Role::kSubdistrictAdmin, Role::kSubdistrictStaff, Role::kCommunityAdmin, Role::kGridWorker,
    Role::kMicroGridHead,    Role::kMicroGridWorker,  Role::kPropertyStaff,  Role::kPolice,
    Role::kVolunteer,        Role::kResident,         Role::kSystem};

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
std::string_view label_zh(Role r);

// Who acts: a role, and the person behind it when there is one.
struct Actor {
  Role role = Role::kSystem;
  std::optional<Id> person_id;
};

}  // namespace weige
