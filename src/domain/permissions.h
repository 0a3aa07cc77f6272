#pragma once
// Who may do what: the role x permission table, written once. Every HTTP
// route declares one Permission; a route without one cannot be registered.
// Data scope (which grids, which cases) is decided separately by Scope.

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "domain/roles.h"

namespace weige {

enum class Permission {
  kUnset,         // not a permission: a route that forgot to declare one
  kPublic,        // anyone, signed in or not (health, categories, public reports, tracking)
  kSignedIn,      // any signed-in account (who am I, change my password)
  kMapRead,       // grids, places, the tree, locate
  kMapWrite,      // create, move, reassign places and grids; import
  kPeopleRead,    // persons (masked), organisations, assignments, three-links
  kPeopleWrite,   // register persons, assign roles, links
  kPiiReveal,     // see a person's or reporter's unmasked data, with a reason (audited)
  kCaseRead,      // the case inbox and case detail within scope
  kCaseIntake,    // take a request in on someone's behalf
  kCaseAct,       // workflow actions (the workflow table decides which), attachments, mediation
  kCaseAdmin,     // categories, routing rules, holidays, property contracts
  kMetricsRead,   // dashboards and rates
  kReportExport,  // monthly reports, exports
  kAuditRead,     // browse the audit trail (subdistrict admin only: entries name no grid)
  kUserAdmin,     // create, reset and disable accounts; API tokens
  kEmergencyRead,    // emergencies, teams, screening progress and errands within scope
  kEmergencyManage,  // declare, end and re-level emergencies; teams; screening rounds; the role map
  kEmergencyAct,     // record screening outcomes; accept and run errands
  kErrandRequest,    // request an errand for a household (residents: their own)
  kLifeRead,         // patrols, visits, topics, conventions, notices within scope
  kLifeParticipate,  // comment, vote, sign a convention, acknowledge a notice (for one's household)
  kLifeWrite,        // plan and record patrols and visits, run topics, draft conventions, send notices
};

std::string_view to_string(Permission p);
std::optional<Permission> parse_permission(std::string_view s);
const std::vector<Permission>& all_permissions();

// The table: whether `role` holds `permission`.
bool role_allows(Role role, Permission permission);
std::set<Permission> permissions_of(Role role);

// The signed-in caller of a request.
struct Principal {
  Id user_id = 0;
  std::string username;
  Role role = Role::kResident;
  std::optional<Id> person_id;
  std::optional<Id> scope_grid_id;    // an explicit scope (e.g. a community's general grid)
  std::optional<Id> organisation_id;  // property staff: their company
  // For API tokens: the permissions the token was limited to (empty = the role's).
  std::set<Permission> token_permissions;
  bool via_token = false;

  Actor actor() const { return {role, person_id}; }
  bool may(Permission p) const;
};

}  // namespace weige
