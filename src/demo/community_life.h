#pragma once
// A little community life for the demo, so its pages are not empty: in
// Huarun Phase 6 a monthly patrol plan and last month's patrol with Aunt
// Zhang (the fumes on the shop street became a case for the
// community-business-resident alliance, the cars on the pavement a
// suggestion), a few three-links visits and two households needing care,
// the residents' convention adopted by vote with some sign-ons and a
// Happiness Declaration in consultation, a joint meeting in the Red Harbour
// with two decisions; for the community a fire-safety notice with a campaign
// and some read acknowledgements; and Grandma Wang's open topic on dog
// keeping in her micro-grid, linked to her case.
//
// Deterministic: everything is placed relative to params.end and chosen by
// id order, with no randomness. Runs in one write transaction on a database
// holding the demo map (generate_demo) and, optionally, the case history.

#include <cstdint>
#include <nlohmann/json.hpp>

#include "crypto/vault.h"
#include "domain/case.h"
#include "domain/status.h"
#include "store/db.h"

namespace weige::demo {

struct CommunityLifeParams {
  Seconds end = 0;  // "now"
};

struct CommunityLifeSummary {
  std::int64_t patrol_plans = 0, patrols = 0, visits = 0, topics = 0, conventions = 0, signons = 0,
               notices = 0, meetings = 0;
  nlohmann::json to_json() const;
};

// kInvalid without the demo map; kConflict when community life was written already.
Result<CommunityLifeSummary> generate_community_life(store::Db& db, const crypto::Vault& vault,
                                                     const CommunityLifeParams& params);

}  // namespace weige::demo
