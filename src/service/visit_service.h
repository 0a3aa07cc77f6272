#pragma once
// Three-links home visits (三联走访): a household is visited by the party
// member who links it (door to door, at a courtyard meeting or in the chat
// group), with what was learnt, an optional follow-up case and the publicity
// campaign it carried. Households needing care carry tags (elderly living
// alone, disabled, low income) with a visit frequency, and an overdue list.
// Coverage per quarter for every link of the chain.
//
// The visitor must be the household's linking party member (kRuleViolation
// otherwise); staff of the household's grid may log a visit on their behalf.
// Residents see only their own household's visits.

#include <optional>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "service/case_service.h"
#include "service/life_scope.h"
#include "store/visit_store.h"

namespace weige::service {

struct VisitInput {
  Id household_id = 0;
  std::optional<Id> visitor_person_id;  // default: the caller's person
  std::optional<Seconds> at;            // default: now; not in the future
  VisitForm form = VisitForm::kDoorToDoor;
  std::string learnt;
  std::optional<Id> campaign_id;
  std::optional<Id> follow_up_case_id;  // an existing case ...
  std::optional<Id>
      follow_up_category_id;  // ... or a new one of this category, described by `learnt`
};

struct VisitResult {
  store::Visit visit;
  std::optional<CaseView> created_case;
};

struct CareStatus {
  store::CaredHousehold household;
  int interval_days = 0;  // the shortest of its tags
  CareDue due;
};

struct CoverageReport {
  Window quarter;
  std::vector<LinkCoverage> links;
  int households = 0;  // linked households in scope
  int visited = 0;
};

class VisitService {
 public:
  VisitService(store::Db& db, Clock clock) : db_(db), clock_(std::move(clock)) {}

  Result<VisitResult> log(const LifeCaller& c, const VisitInput& in, CaseService& cases);
  Result<store::VisitPage> list(const LifeCaller& c, store::VisitFilter f);
  Result<store::Visit> get(const LifeCaller& c, Id id);
  // The households the caller links as a party member (tier 3) that they
  // see, to pick one when logging a visit; none for a caller without a person.
  Result<std::vector<store::LinkedHousehold>> my_households(const LifeCaller& c);
  Result<CoverageReport> coverage(const LifeCaller& c, std::optional<Id> grid_id,
                                  const Window& quarter);

  Result<CareStatus> care(const LifeCaller& c, Id household_id);
  // Replaces the household's care tags (an empty list removes them).
  Result<CareStatus> set_care(const LifeCaller& c, Id household_id,
                              std::vector<store::CareTagRow> tags);
  // Cared-for households whose visit is overdue, most overdue first.
  Result<std::vector<CareStatus>> overdue(const LifeCaller& c, std::optional<Id> grid_id);

 private:
  // The household when the caller manages its grid, or (reading only) it is a resident's own.
  Result<Place> household(const LifeCaller& c, Id household_id, bool write);
  Result<store::GridFilter> grids_below(const LifeCaller& c, std::optional<Id> grid_id);
  CareStatus status_of(store::CaredHousehold h) const;

  store::Db& db_;
  Clock clock_;
};

}  // namespace weige::service
