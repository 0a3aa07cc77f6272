#pragma once
// Writes planned communities into the database, stage by stage, with the
// store-level insert functions (no per-row rule checks; check() runs the
// rules once at the end). Persons go through PeopleService::create_person so
// they are sealed exactly as everywhere else. The caller owns the transaction.

#include <functional>
#include <string>
#include <vector>

#include "crypto/vault.h"
#include "demo/generator.h"
#include "demo/names.h"
#include "demo/plan.h"
#include "service/people_service.h"
#include "store/db.h"

namespace weige::demo {

struct MicroGridIds {
  Id id = 0;
  std::vector<Id> households;  // in plan order: unit by unit, floor by floor
  Id head = 0;                 // its micro_grid_head, a resident party member
  Id worker = 0;               // its resident micro_grid_worker
};

// Everything written for one community, in the order of its plan.
struct CommunityIds {
  Id community = 0;
  Id general_grid = 0;
  std::vector<Id> grids;                               // ordinary grids
  std::vector<std::vector<MicroGridIds>> micro_grids;  // [grid][micro-grid]
  std::vector<Id> exclusive_grids;
  std::vector<Id> compounds;
  std::vector<std::vector<Id>> sites;  // [exclusive grid][site]
  Id party_organisation = 0;
  Id police_studio = 0;
  Id property_company = 0;    // 0 without a featured compound
  std::vector<Id> backbones;  // as CommunityPlan::backbones
};

class Writer {
 public:
  Writer(store::Db& db, const crypto::Vault& vault, Summary& summary);

  Result<Id> write_subdistrict(const std::string& name, const std::string& code9, const Rect& rect);
  // The community, its grids and its places.
  Result<CommunityIds> write_map(const CommunityPlan& plan, Id subdistrict);
  // The party organisation, alliance, social organisation, police studio,
  // property company and the businesses of the sites.
  Status write_organisations(const CommunityPlan& plan, CommunityIds& ids);
  // The residents of every household; picks each micro-grid's head and
  // resident worker and the backbones. Calls `done(n)` after each micro-grid
  // with the number of its households.
  Status write_people(const CommunityPlan& plan, CommunityIds& ids,
                      const std::function<void(std::size_t)>& done);
  // Staff (grid workers, the police officer, property staff) and every assignment.
  Status write_roles(const CommunityPlan& plan, const CommunityIds& ids);
  // The three-links chain down to every household.
  Status write_links(const CommunityIds& ids);
  // Runs check_map() over the community; any violation (error or warning)
  // is a generator bug, reported as kInternal with the violations in details.
  Status check(Id community);

 private:
  Result<Id> add_person(Person person);
  Status assign(Id person, Id grid, GridRole role, Id organisation = 0, PeacetimeDuty duty = PeacetimeDuty::kNone);
  Status link(int tier, Id from_org, Id from_person, Id to_person, Id to_household);
  Result<Id> add_organisation(OrganisationKind kind, const std::string& name, Id community,
                              Id place);
  Status write_grids(const CommunityPlan& plan, CommunityIds& ids);
  Status write_residential_places(const CommunityPlan& plan, CommunityIds& ids);
  Status write_sites(const CommunityPlan& plan, CommunityIds& ids);
  Status write_micro_grid_people(const CommunityPlan& plan, CommunityIds& ids, Rng& rng,
                                 std::size_t grid, std::size_t micro);

  store::Db& db_;
  service::PeopleService people_;
  Summary& summary_;
  IdentityMaker identities_;
};

}  // namespace weige::demo
