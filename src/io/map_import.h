#pragma once
// Import of places, grids and assignments from CSV or GeoJSON (formats in
// src/io/README.md). An import is all-or-nothing: it runs in one write
// transaction, applies rows through MapService in batch mode (the never-split
// rules are checked once, at the end, over every community the rows touch)
// and commits only when no row had an error and no rule is broken.

#include <cstddef>
#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/vault.h"
#include "domain/map_rules.h"
#include "domain/status.h"
#include "io/format.h"
#include "store/db.h"

namespace weige::io {

// One problem with one input record.
struct RowError {
  std::size_t line = 0;  // CSV line or GeoJSON feature index (1-based); 0 for the whole file
  std::string field;     // the column / property at fault; "" for the record as a whole
  std::string message;   // English
};

struct ImportOptions {
  // Apply every row and check the rules, then roll back whatever the outcome.
  bool dry_run = false;
  // Called with (records handled, records in the file) every 1000 records and
  // once at the end. Optional.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct ImportReport {
  std::size_t rows = 0;               // data records (CSV) or features (GeoJSON) read
  std::size_t created = 0;            // rows that created a place, grid or assignment
  std::size_t updated = 0;            // rows that changed an existing one
  std::size_t unchanged = 0;          // rows identical to what is stored
  std::vector<RowError> errors;       // every parse/validation error, by line
  std::vector<Violation> violations;  // every map-rule error the rows would cause
  bool written = false;               // true only when nothing was wrong and not dry_run

  // {"rows","created","updated","unchanged","written","errors":[{line,field,message}],
  //  "violations":[Violation::to_json()...]}
  nlohmann::json to_json() const;
};

// Reads the whole stream as `format` holding `dataset` and applies it.
//
// Places and grids are upserted by their code ((kind, code) for places),
// assignments by (person, grid, role). Rows may come in any order: places and
// grids are applied parents first. On any RowError or Violation, or with
// options.dry_run, everything is rolled back and the report lists ALL
// problems found (a bad row does not stop the rest). The database is then
// exactly as before.
//
// Fails (and writes nothing) only for: an unreadable stream (kInternal); a
// database failure (kInternal, kUnavailable); a format/dataset pair that does
// not exist (kInvalid: CSV kMap, GeoJSON kAssignments); `db` already inside a
// transaction (kInvalid: the import needs its own to roll back).
Result<ImportReport> import_map(store::Db& db, const crypto::Vault& vault, std::istream& in,
                                Format format, Dataset dataset, const ImportOptions& options = {});

}  // namespace weige::io
