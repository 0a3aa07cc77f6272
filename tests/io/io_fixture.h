#pragma once
// Shared test fixture for the io tests: a fresh migrated SQLite database in
// its own temporary directory, a test vault, and helpers to import text and
// to dump every table for before/after comparisons.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "crypto/vault.h"
#include "io/map_export.h"
#include "io/map_import.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace weige::io::testing {

// Opens (creating) a migrated SQLite database at `path`.
inline std::unique_ptr<store::Db> open_db(const std::string& path) {
  auto db = store::open_sqlite(path, {.create = true});
  EXPECT_TRUE(db.is_ok()) << db.status().to_string();
  auto s = store::migrate(**db);
  EXPECT_TRUE(s.is_ok()) << s.to_string();
  return std::move(db).value();
}

// Every row of every table, as text, in rowid order: equal dumps mean equal content.
inline std::string dump(store::Db& db) {
  std::string out;
  // Tables WITHOUT ROWID (the case rollup, the search index's shadow tables) in key order.
  auto tables = db.rows("SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  EXPECT_TRUE(tables.is_ok());
  for (const store::Row& t : *tables) {
    out += "## " + t.text(0) + "\n";
    auto s = db.query("SELECT * FROM \"" + t.text(0) + "\" ORDER BY " + (t.i64(1) ? "1" : "rowid"), {},
                      [&](const store::Row& r) {
                        for (std::size_t i = 0; i < r.size(); ++i) {
                          out += r.is_null(i) ? std::string("NULL") : "'" + r.text(i) + "'";
                          out += i + 1 < r.size() ? "|" : "\n";
                        }
                      });
    EXPECT_TRUE(s.is_ok()) << s.to_string();
  }
  return out;
}

class IoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "weige-io-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = open_db((dir_ / "test.db").string());
  }
  void TearDown() override {
    db_.reset();
    other_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A second fresh database in the same directory (for round trips).
  store::Db& fresh_db() {
    other_ = open_db((dir_ / "other.db").string());
    return *other_;
  }

  ImportReport import_text(const std::string& text, Format format, Dataset dataset,
                           const ImportOptions& options = {}, store::Db* db = nullptr) {
    std::istringstream in(text);
    auto r = import_map(db ? *db : *db_, vault_, in, format, dataset, options);
    EXPECT_TRUE(r.is_ok()) << r.status().to_string();
    return r.is_ok() ? std::move(r).value() : ImportReport{};
  }
  ImportReport import_csv(const std::string& text, Dataset dataset,
                          const ImportOptions& options = {}, store::Db* db = nullptr) {
    return import_text(text, Format::kCsv, dataset, options, db);
  }
  ImportReport import_geojson(const std::string& text, Dataset dataset = Dataset::kMap,
                              const ImportOptions& options = {}, store::Db* db = nullptr) {
    return import_text(text, Format::kGeoJson, dataset, options, db);
  }

  std::string export_text(Format format, Dataset dataset, store::Db* db = nullptr,
                          std::optional<Id> community = std::nullopt) {
    std::ostringstream out;
    Status s = export_map(db ? *db : *db_, vault_, out, format, dataset, community);
    EXPECT_TRUE(s.is_ok()) << s.to_string();
    return out.str();
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::Db> other_;
  crypto::Vault vault_ = crypto::Vault::random_for_test();
};

// Readable failure output for a report.
inline std::string describe(const ImportReport& r) {
  return r.to_json().dump(2);
}

}  // namespace weige::io::testing
