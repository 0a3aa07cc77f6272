#pragma once
// Data scope for community life (patrols, visits, topics, conventions,
// notices), and who a caller acts for when they take part.
//
//   subdistrict roles      everything
//   other staff, volunteers
//                          manage the subtrees of their grids (assignments, or
//                          the account's scope grid) and see those plus the
//                          grids above them, so a community notice or a grid's
//                          patrol plan reaches a micro-grid worker
//   resident               their household: notices that reach it, topics and
//                          conventions of the grids and places above it; they
//                          manage nothing and take part for their household only
//
// Something outside what a caller sees is reported as not found, so ids do
// not leak; something seen but not managed is forbidden to change.

#include <optional>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "domain/permissions.h"
#include "store/db.h"
#include "store/deliberation_store.h"
#include "store/patrol_store.h"

namespace weige::service {

struct LifeScope {
  bool all = false;
  std::vector<Id> managed;  // sorted
  std::vector<Id> visible;  // sorted: managed and their ancestors
  bool resident = false;
  std::optional<Id> household_id;    // a resident's household
  std::vector<Id> household_places;  // it and its ancestors (unit ... community)
  std::vector<Id> household_grids;   // its grid and the grids above

  bool manages(Id grid) const;
  bool sees(Id grid) const;
  store::GridFilter managed_filter() const;  // nullopt when all
  store::GridFilter visible_filter() const;
};

// The signed-in caller of a community-life service.
struct LifeCaller {
  Actor actor;
  LifeScope scope;
  std::optional<Id> organisation_id;  // property staff: their company
  bool is_resident() const { return actor.role == Role::kResident; }
};

Result<LifeScope> life_scope_of(store::Db& db, const Principal& p);
Result<LifeCaller> life_caller(store::Db& db, const Principal& p);

// kNotFound (naming `what` and `id`) unless the caller sees `grid`.
Status require_visible(const LifeCaller& c, Id grid, const char* what, Id id);
// As require_visible, then kForbidden unless the caller manages `grid`.
Status require_managed(const LifeCaller& c, Id grid, const char* what, Id id);

// The answer for an id named in a request body (`field`) that does not exist
// or lies outside what the caller sees: kNotFound "`what` `id` does not
// exist" naming the field, so the two read alike.
Status unknown_in_body(const char* what, Id id, const char* field);
// A grid named in a request body that the caller sees (else unknown_in_body).
Result<Grid> visible_grid_in_body(store::Db& db, const LifeCaller& c, Id grid_id,
                                  const char* field);

// The household a caller takes part for: a resident's own (a different
// household_id is forbidden), or the one another caller names, which must lie
// in a grid they manage (recording a paper ballot or a doorstep signature).
Result<Id> acting_household(store::Db& db, const LifeCaller& c, std::optional<Id> requested);
// Who speaks: residents and tenants by their person's kind, property staff
// for the property company, micro-grid heads, workers and volunteers as
// volunteers, other staff as staff. Staff recording for someone else may
// name the kind; residents may not.
Result<AuthorKind> author_kind_of(store::Db& db, const LifeCaller& c,
                                  std::optional<AuthorKind> requested);

// Stores a comment (subject, subject_id, section_key, text and household set
// by the caller of this function) by the caller: their person, who they speak
// as (author_kind_of) and, for the property company, its organisation.
Status add_comment(store::Db& db, const LifeCaller& c, store::Comment comment,
                   std::optional<AuthorKind> author, Seconds now);

// kInvalid naming `field` when a text is missing (and required) or longer
// than max_len bytes.
Status check_text(const std::string& value, const char* field, bool required,
                  std::size_t max_len = 4000);

// The grid a place's life data is scoped by: a unit or household its
// micro-grid; a building the one micro-grid of all its units, else its
// compound's grid; a compound or non-residential place its grid; a
// community its general grid. kRuleViolation when the place lies in no grid.
Result<Id> grid_of_place(store::Db& db, Id place_id);

}  // namespace weige::service
