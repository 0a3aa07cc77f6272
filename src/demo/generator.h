#pragma once
// The deterministic demo-community generator.
//
// generate_demo() writes the Shuangfu Road community (双福路社区, Wanniangchang
// subdistrict, Chenghua district, Chengdu) with the source article's figures:
// 11 ordinary grids, 2 exclusive grids, 129 micro-grids, 142 party-member
// volunteers, and the compound Huarun Phase 6 Jinyunfu with 12 micro-grids
// headed by party members and 6 party members of its property company
// serving as micro-grid workers. generate_city() builds the same structure
// for many communities, for benchmarks.
//
// Both write everything in one write transaction: on any failure nothing is
// written. The map they write passes every rule of check_map() with neither
// errors nor warnings (they check before committing), and every household is
// linked to the community party organisation through the three-links chain.
// Personal data is sealed with the vault exactly as PeopleService does.
// The same seed gives the same places, grids, persons (up to the random
// nonces of sealed fields), assignments and links.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/vault.h"
#include "domain/status.h"
#include "store/db.h"

namespace weige::demo {

// Reported as generation advances: stage is one of "plan", "map", "people",
// "roles", "links", "check"; done counts up to total within the stage
// (communities, or households for "people"). Called at most about a hundred
// times per stage, always with done == total at the end of a stage.
struct Progress {
  std::string stage;
  std::size_t done = 0;
  std::size_t total = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

// The size of a generated city; the defaults make a small district-like tier
// (6 communities, 28,800 households on average).
struct CityParams {
  int subdistricts = 2;                 // 1-999
  int communities_per_subdistrict = 3;  // 1-999
  int grids_per_community = 10;         // ordinary grids, 1-899 (plus 2 exclusive grids each)
  int micro_grids_per_grid = 12;        // 1-999
  int households_per_micro_grid = 40;   // the average, 6-400; each micro-grid gets 80%-120% of it
  std::uint64_t seed = 20261129;
};

// What was written. party_volunteers counts distinct party members holding a
// volunteer assignment; links counts three-links edges of all tiers.
struct Summary {
  std::int64_t subdistricts = 0;
  std::int64_t communities = 0;
  std::int64_t compounds = 0;
  std::int64_t buildings = 0;
  std::int64_t units = 0;
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t general_grids = 0;
  std::int64_t grids = 0;
  std::int64_t exclusive_grids = 0;
  std::int64_t micro_grids = 0;
  std::int64_t sites = 0;  // office towers, malls and shop streets
  std::int64_t organisations = 0;
  std::int64_t assignments = 0;
  std::int64_t party_volunteers = 0;
  std::int64_t links = 0;

  nlohmann::json to_json() const;
};

// The Shuangfu Road community demo with exactly the article's figures, from
// the default seed. The database must be migrated (else kInvalid) and hold no
// places or grids (else kConflict, and nothing is written).
Result<Summary> generate_demo(store::Db& db, const crypto::Vault& vault,
                              const ProgressFn& progress = {});

// The same structure scaled to params.subdistricts x communities_per_subdistrict
// communities, for benchmarks. Fails with kInvalid for parameters out of range
// or more than 2,000,000 households on average; otherwise as generate_demo.
Result<Summary> generate_city(store::Db& db, const crypto::Vault& vault, const CityParams& params,
                              const ProgressFn& progress = {});

}  // namespace weige::demo
