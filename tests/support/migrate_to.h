#pragma once
// For migration tests: a database at an older schema version, to fill with
// rows before migrate() brings it up to date.
#include <gtest/gtest.h>

#include "store/db.h"
#include "store/migrations.h"

namespace weige::testing {

// Applies the migrations up to and including `version`, as migrate() does.
inline void migrate_to(store::Db& db, int version) {
  ASSERT_TRUE(store::schema_version(db));
  for (const store::Migration& m : store::migrations("sqlite")) {
    if (m.version > version) break;
    ASSERT_TRUE(store::in_write_transaction(db, [&]() -> Status {
      WEIGE_TRY(db.exec_script(m.sql));
      return db
          .execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, 'test')",
                   {static_cast<std::int64_t>(m.version), std::string(m.name)})
          .status();
    }));
  }
}

}  // namespace weige::testing
