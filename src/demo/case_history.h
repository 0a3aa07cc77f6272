#pragma once
// A year of plausible synthetic cases for the demo community, so that the
// dashboards tell the article's story: Huarun Phase 6 starts at about 50
// requests a day to the property office, and the share settled inside the
// micro-grids rises through the year as the micro-grids take over. Ends with
// Grandma Wang's case replayed: a walk-in at the officer's studio about the
// upstairs neighbour's noisy dog, a micro-grid worker's visit with
// civilised-dog-keeping publicity, mediation, an apology and a signed
// agreement, closed at micro-grid level and rated satisfied.

#include <cstdint>
#include <nlohmann/json.hpp>

#include "crypto/vault.h"
#include "demo/generator.h"
#include "domain/case.h"
#include "store/db.h"

namespace weige::demo {

struct CaseHistoryParams {
  Seconds end = 0;  // the history runs up to this instant ("now")
  int days = 365;
  int huarun_per_day = 50;  // average requests a day in Huarun Phase 6
  int others_per_day = 16;  // average in the rest of the community
  std::uint64_t seed = 20261129;
};

struct CaseHistorySummary {
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::int64_t open = 0;
  std::int64_t grandma_wang_case_id = 0;
  nlohmann::json to_json() const;
};

// Writes the history into a database holding the demo map (generate_demo),
// in one transaction. Also records property contracts (Huarun Phase 6 with
// 华润物业; most other compounds with one of two more property companies;
// old courtyards without one).
Result<CaseHistorySummary> generate_case_history(store::Db& db, const crypto::Vault& vault,
                                                 const CaseHistoryParams& params,
                                                 const ProgressFn& progress = {});

}  // namespace weige::demo
