#include "store/migrations.h"

namespace weige::store {

// Defined in the generated migrations_<dialect>.cpp.
extern const std::vector<Migration> kSqliteMigrations;

const std::vector<Migration>& migrations(std::string_view dialect) {
  static const std::vector<Migration> kNone;
  if (dialect == "sqlite") return kSqliteMigrations;
  return kNone;
}

Result<int> schema_version(Db& db) {
  WEIGE_TRY(db.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL)"));
  WEIGE_ASSIGN(auto v, db.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  return static_cast<int>(v);
}

Status migrate(Db& db, const std::function<void(int, const std::string&)>& progress) {
  WEIGE_ASSIGN(int current, schema_version(db));
  for (const Migration& m : migrations(db.dialect())) {
    if (m.version <= current) continue;
    if (progress) progress(m.version, m.name);
    WEIGE_TRY(in_write_transaction(db, [&]() -> Status {
      WEIGE_TRY(db.exec_script(m.sql));
      return db.execute(
                   "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, "
                   "datetime('now'))",
                   {static_cast<std::int64_t>(m.version), std::string(m.name)})
          .status();
    }));
  }
  return {};
}

}  // namespace weige::store
