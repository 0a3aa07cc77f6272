#pragma once
// A year of cases for a generated city (generate_city), at a city's daily
// rate, for benchmarks: the full-text search, the inbox and the dashboard's
// rates need realistic volumes and a realistic mix.
//
// Each case lies at a real unit (or an office tower, mall or shop street) of
// the map, in its micro-grid and community, with a category from the seeded
// table, a channel (a third through the 12345 hotline), a Chinese description
// from templates, and a history that has run up to `end`: most cases are
// closed or rated, recent ones still open, a few stuck past their deadline
// (overdue), a few rejected. Handlers follow the category's path, with small
// matters often taken over by the micro-grid and a few escalated, so the
// never-leave rates come out plausible (about half settled in the micro-grid,
// nine in ten in the community, nearly all in the subdistrict).
//
// Reporter personal data is written as intake writes it: sealed name and
// phone (the phone's blind index for hotline callers), never plaintext. Every
// case gets its report event, and one more for its latest transition.
//
// Cases are written in transactions of whole days (about 50,000 rows each);
// a failure stops at the failing day and leaves the earlier days written, so
// a benchmark marks a dataset complete only after success.

#include <cstdint>
#include <nlohmann/json.hpp>

#include "crypto/vault.h"
#include "demo/generator.h"
#include "domain/case.h"
#include "store/db.h"

namespace weige::demo {

struct CityCaseParams {
  int cases_per_day = 1200;  // the average; each day gets 85%-115% of it, weekends less
  int days = 365;
  Seconds end = 0;  // "now": the history runs up to here
  std::uint64_t seed = 20261129;
};

struct CityCaseSummary {
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  std::int64_t hotline = 0;
  nlohmann::json to_json() const;
};

// Reports progress as stage "cases" (done and total in cases). Fails with
// kInvalid for a database without units or grid workers, or parameters out
// of range (cases_per_day 1-1,000,000, days 1-3660); kConflict when the
// database already holds cases.
Result<CityCaseSummary> generate_city_cases(store::Db& db, const crypto::Vault& vault, const CityCaseParams& params,
                                            const ProgressFn& progress = {});

}  // namespace weige::demo
