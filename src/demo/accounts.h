#pragma once
// Demo sign-ins, one per role, on the demo community's real people and grids.
// All share the password kDemoPassword and are listed on start-up.

#include <string>
#include <vector>

#include "service/auth_service.h"
#include "store/db.h"

namespace weige::demo {

inline constexpr const char* kDemoPassword = "weige-demo-2026";

struct DemoAccount {
  std::string username;
  Role role;
  std::string who;  // what the account stands for, in Chinese
};

// Creates the demo accounts (idempotent: existing usernames are skipped) and
// marks the database as a demo in meta.
Result<std::vector<DemoAccount>> create_demo_accounts(store::Db& db, service::Clock clock, bool fast_hash = false);
// The demo accounts present in the database (empty when not a demo).
Result<std::vector<DemoAccount>> demo_accounts(store::Db& db);

}  // namespace weige::demo
