#pragma once
// Residents' conventions (居民公约) and Happiness Declarations (幸福宣言) in the
// database: versions with their sections, and household sign-ons. Section
// comments and votes are in deliberation_store (subject "convention_version").

#include <optional>
#include <string>
#include <vector>

#include "domain/topic_workflow.h"
#include "store/db.h"
#include "store/patrol_store.h"

namespace weige::store {

inline constexpr const char* kConventionKinds[] = {"convention", "happiness_declaration"};

struct Section {
  std::string key;  // "1", "2.3", "pets"
  std::string heading;
  std::string text;
};

struct Convention {
  Id id = 0;
  Id place_id = 0;  // a compound or a community
  Id grid_id = 0;   // the place's grid (a community: its general grid)
  std::string kind = "convention";
  std::string title;
  std::optional<Id> current_version_id;  // the adopted version in force
  Seconds created_at = 0;
};

struct ConventionVersion {
  Id id = 0;
  Id convention_id = 0;
  int number = 0;
  VersionState state = VersionState::kDraft;
  std::vector<Section> sections;
  std::string note;
  std::optional<Id> topic_id;  // the deliberation topic it came from
  VoteRule rule;
  int eligible_households = 0;
  std::optional<Seconds> decided_at;
  Seconds created_at = 0;
};

Result<Id> insert_convention(Db& db, const Convention& c);
Status update_convention(Db& db, const Convention& c);  // current_version_id
Result<Convention> get_convention(Db& db, Id id);
Result<std::vector<Convention>> list_conventions(Db& db, const GridFilter& grids);

// Inserts with the next version number of its convention.
Result<Id> insert_version(Db& db, const ConventionVersion& v);
Status update_version(Db& db, const ConventionVersion& v);  // state, rule, eligible, decided_at
Result<ConventionVersion> get_version(Db& db, Id id);
Result<std::vector<ConventionVersion>> versions_of(Db& db, Id convention_id);

// kConflict when the household has signed this version already.
Status insert_signon(Db& db, Id version_id, Id household_id, std::optional<Id> person_id,
                     Seconds at);
Result<std::int64_t> count_signons(Db& db, Id version_id);

// Households and sign-ons of a version per building below a place.
struct BuildingRate {
  Id building_id = 0;
  std::string name;
  std::string compound;
  int households = 0;
  int signed_on = 0;
};
Result<std::vector<BuildingRate>> signon_rates(Db& db, Id version_id, Id place_id);

}  // namespace weige::store
