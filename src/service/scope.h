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
//
// Anything outside the scope, named by id in a path, a body or a filter, is
// answered exactly as an id that does not exist (the same status, message and
// details): the scoped look-ups below return the store's kNotFound for both.
// Places in no grid (the subdistrict, communities, buildings) are seen by
// everyone who reads the map; changing one needs its community in the scope.

#include <optional>
#include <vector>

#include "domain/map.h"
#include "domain/people.h"
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

class RefCache;

// With `refs`, grid subtrees come from its snapshot of the map (read once per
// change of the map) instead of one recursive query per grid and request.
Result<Scope> scope_of(store::Db& db, const Principal& p, RefCache* refs = nullptr);
// Narrows a case filter to the scope; the result never widens what `f` asked for.
void restrict(store::CaseFilter& f, const Scope& s);
bool case_in_scope(const store::CaseRecord& c, const Scope& s);
bool grid_in_scope(Id grid_id, const Scope& s);
// Whether the community holds a grid in the scope.
Result<bool> community_in_scope(store::Db& db, Id community_id, const Scope& s);

// Scoped look-ups: the thing when the scope covers it, else the store's
// kNotFound for an id that does not exist.
Result<Grid> scoped_grid(store::Db& db, Id id, const Scope& s);
Result<Place> scoped_place(store::Db& db, Id id, const Scope& s);
Result<Place> scoped_place_to_change(store::Db& db, Id id, const Scope& s);
// A place named as a community: not found when it is a community without a
// grid in the scope (any other kind is returned for the caller to refuse).
Result<Place> scoped_community(store::Db& db, Id id, const Scope& s);
Status scoped_person(store::Db& db, Id id, const Scope& s);  // lives or serves in a grid in scope
Result<Assignment> scoped_assignment(store::Db& db, Id id, const Scope& s);
Result<Organisation> scoped_organisation(store::Db& db, Id id, const Scope& s);  // of no community, or of one in scope
Result<bool> organisation_in_scope(store::Db& db, const Organisation& o, const Scope& s);

// A reference to something outside the scope in a request body: `missing`
// (the scoped look-up's kNotFound) reworded as the service words an unknown
// reference, with details {"field": field}. Any other status passes through.
Status as_reference(const Status& missing, const std::string& message, const std::string& field);

}  // namespace weige::service
