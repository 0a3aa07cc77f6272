#pragma once
// Data scope: what a signed-in person may see and act on.
//   subdistrict roles         everything
//   community_admin           their community's grids (scope_grid_id or assignments)
//   grid roles and volunteers the subtrees of the grids they are assigned to
//   property_staff            property-path cases of their company
//   police                    dispute and safety cases (and police cases) in their grids
//   resident                  their own reports
// Lists, counts, metrics and exports are filtered with restrict(); a single
// case outside scope is reported as not found, so ids do not leak.

#include <optional>
#include <vector>

#include "domain/permissions.h"
#include "store/case_store.h"
#include "store/db.h"

namespace weige::service {

struct Scope {
  bool all = false;
  std::vector<Id> grid_ids;              // allowed grids (subtrees expanded)
  std::optional<Id> organisation_id;     // property staff: cases handled by this company
  std::vector<Id> category_ids;          // police: only these categories (plus police-handled cases)
  std::optional<Id> reporter_person_id;  // residents: their own reports
  bool police = false;
};

Result<Scope> scope_of(store::Db& db, const Principal& p);
// Narrows a case filter to the scope; the result never widens what `f` asked for.
void restrict(store::CaseFilter& f, const Scope& s);
bool case_in_scope(const store::CaseRecord& c, const Scope& s);
bool grid_in_scope(Id grid_id, const Scope& s);

}  // namespace weige::service
