#include "demo/accounts.h"

namespace weige::demo {
namespace {

struct Spec {
  const char* username;
  Role role;
  const char* who;
  const char* person_sql;  // selects the person (or NULL)
  const char* grid_sql;    // selects the scope grid (or NULL)
  const char* org_sql;     // selects the organisation (or NULL)
};

const Spec kSpecs[] = {
    {"admin", Role::kSubdistrictAdmin, "街道管理员", nullptr, nullptr, nullptr},
    {"street", Role::kSubdistrictStaff, "街道工作人员", nullptr, nullptr, nullptr},
    {"secretary", Role::kCommunityAdmin, "社区党委书记", nullptr,
     "SELECT id FROM grids WHERE kind = 'general_grid' ORDER BY id LIMIT 1", nullptr},
    {"gridworker", Role::kGridWorker, "网格员（第一网格）",
     "SELECT person_id FROM assignments WHERE role = 'grid_worker' ORDER BY id LIMIT 1", nullptr, nullptr},
    {"head", Role::kMicroGridHead, "微网格长（华润六期）",
     "SELECT a.person_id FROM assignments a JOIN grids g ON g.id = a.grid_id WHERE a.role = 'micro_grid_head' AND "
     "g.id IN (SELECT grid_id FROM places WHERE kind = 'unit' AND parent_id IN (SELECT id FROM places WHERE parent_id = "
     "(SELECT id FROM places WHERE name = '华润六期锦云府'))) ORDER BY a.id LIMIT 1",
     nullptr, nullptr},
    {"volunteer", Role::kMicroGridWorker, "微网格员（志愿者）",
     "SELECT person_id FROM assignments WHERE role = 'micro_grid_worker' AND person_id NOT IN (SELECT person_id FROM "
     "assignments WHERE role = 'property_staff') ORDER BY id LIMIT 1",
     nullptr, nullptr},
    {"property", Role::kPropertyStaff, "华润物业工作人员",
     "SELECT person_id FROM assignments WHERE role = 'property_staff' ORDER BY id LIMIT 1", nullptr,
     "SELECT id FROM organisations WHERE kind = 'property_company' AND name LIKE '华润%' LIMIT 1"},
    {"police", Role::kPolice, "社区民警（警官工作室）", "SELECT person_id FROM assignments WHERE role = 'police' LIMIT 1",
     nullptr, nullptr},
    {"resident", Role::kResident, "居民（王婆婆）",
     "SELECT reporter_person_id FROM cases WHERE description LIKE '王婆婆%' LIMIT 1", nullptr, nullptr},
};

Result<std::optional<Id>> first_id(store::Db& db, const char* sql) {
  if (!sql) return std::optional<Id>();
  WEIGE_ASSIGN(auto r, db.row(sql));
  if (!r || r->is_null(0)) return std::optional<Id>();
  return std::optional<Id>(r->i64(0));
}

}  // namespace

Result<std::vector<DemoAccount>> create_demo_accounts(store::Db& db, service::Clock clock, bool fast_hash) {
  service::AuthOptions options;
  options.fast_hash = fast_hash;
  service::AuthService auth(db, std::move(clock), options);
  std::vector<DemoAccount> out;
  Status s = store::in_write_transaction(db, [&]() -> Status {
    for (const Spec& spec : kSpecs) {
      WEIGE_ASSIGN(auto existing, auth.find_user(spec.username));
      if (!existing) {
        service::NewUser n;
        n.username = spec.username;
        n.password = kDemoPassword;
        n.role = spec.role;
        WEIGE_ASSIGN(n.person_id, first_id(db, spec.person_sql));
        WEIGE_ASSIGN(n.scope_grid_id, first_id(db, spec.grid_sql));
        WEIGE_ASSIGN(n.organisation_id, first_id(db, spec.org_sql));
        if (spec.role == Role::kPropertyStaff && !n.organisation_id) continue;
        WEIGE_TRY(auth.create_user(n).status());
      }
      out.push_back({spec.username, spec.role, spec.who});
    }
    return db
        .execute("INSERT INTO meta (key, value) VALUES ('demo_accounts', '1') ON CONFLICT (key) DO NOTHING", {})
        .status();
  });
  if (!s) return s;
  return out;
}

Result<std::vector<DemoAccount>> demo_accounts(store::Db& db) {
  std::vector<DemoAccount> out;
  WEIGE_ASSIGN(auto flag, db.row("SELECT value FROM meta WHERE key = 'demo_accounts'"));
  if (!flag) return out;
  for (const Spec& spec : kSpecs) {
    WEIGE_ASSIGN(auto r, db.row("SELECT id FROM users WHERE username = ?", {std::string(spec.username)}));
    if (r) out.push_back({spec.username, spec.role, spec.who});
  }
  return out;
}

}  // namespace weige::demo
