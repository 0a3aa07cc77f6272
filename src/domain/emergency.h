#pragma once
// Peacetime and emergency (平战转换): the words and rules of an emergency.
//
// An emergency is declared for a scope that resolves to whole compounds (and
// the non-residential places of a community). Overlap rule: a compound is in
// at most one active emergency; a declaration touching a compound of an
// active emergency is refused (kConflict, naming the emergencies). To make an
// emergency more serious, raise its level; to cover more compounds, declare
// a second emergency for the compounds not yet covered.
//
// Roles: each person on the roster keeps their peacetime grid role and duty;
// while an emergency is active they also hold an emergency role on a team.
// Nothing in the peacetime roster is changed by declaring or ending, so
// switching back restores peacetime exactly.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/map.h"
#include "domain/people.h"
#include "domain/roles.h"
#include "domain/status.h"

namespace weige {

enum class EmergencyType { kEpidemic, kFlood, kFire, kEarthquake, kOther };

// Emergency roles (冲锋员, 排查员, 代办员).
enum class EmergencyRole { kResponder, kScreener, kErrandRunner };

enum class TeamKind { kTaskForce, kBuildingTeam };  // 包干专班 (compound), 楼栋管控服务队 (building)

enum class ScreeningOutcome { kPending, kReached, kNotAtHome, kRefused, kNeedsHelp };

enum class ErrandKind { kMedicine, kGroceries, kPaperwork, kMedicalVisit, kOther };
enum class ErrandState { kRequested, kAccepted, kDone, kConfirmed, kCancelled };
enum class ErrandAction { kAccept, kDone, kConfirm, kCancel };

std::string_view to_string(EmergencyType t);
std::string_view to_string(EmergencyRole r);
std::string_view to_string(TeamKind k);
std::string_view to_string(ScreeningOutcome o);
std::string_view to_string(ErrandKind k);
std::string_view to_string(ErrandState s);
std::string_view to_string(ErrandAction a);
std::optional<EmergencyType> parse_emergency_type(std::string_view s);
std::optional<EmergencyRole> parse_emergency_role(std::string_view s);
std::optional<ScreeningOutcome> parse_screening_outcome(std::string_view s);
std::optional<ErrandKind> parse_errand_kind(std::string_view s);
std::optional<ErrandAction> parse_errand_action(std::string_view s);
std::optional<ErrandState> parse_errand_state(std::string_view s);
std::string_view label_zh(EmergencyRole r);
std::string_view label_zh(EmergencyType t);

// A household counts as covered in a round once contact was made: reached,
// refused or needs help. "Not at home" and "pending" stay on the to-visit list.
bool covers(ScreeningOutcome o);

// The peacetime role a member brings: the duty when set, else the grid role
// ("publicist", "micro_grid_head", ...). The key of the role map.
std::string peacetime_key(GridRole role, PeacetimeDuty duty);
// The built-in role map (publicist -> responder, informant -> screener,
// helper -> errand_runner; heads, grid workers, property staff and police ->
// responder; other micro-grid workers -> screener; volunteers -> errand_runner).
// Stored in emergency_role_map and editable; this is its seed.
EmergencyRole default_emergency_role(std::string_view peacetime_key);

// --- Errands: the workflow as one table ---------------------------------------
// Who may make a move: the household (a resident of it, or staff on its behalf),
// the team (a member of the household's building team, or staff in scope).
enum class ErrandParty { kHousehold, kTeam, kEither };

struct ErrandTransition {
  ErrandState from;
  ErrandAction action;
  ErrandState to;
  ErrandParty by;
};
const std::vector<ErrandTransition>& errand_table();
// The transition for (from, action), or kConflict naming the state.
Result<ErrandTransition> decide_errand(ErrandState from, ErrandAction action);
bool is_open(ErrandState s);

// --- Team formation -------------------------------------------------------------
// Pure: from the buildings in scope and the roster, form one task force per
// compound and one building team per building, each with a leader.
struct TeamBuilding {
  Id building_id = 0;
  Id compound_id = 0;
  std::vector<Id> grid_ids;  // the micro-grids of its units (and its own grid, if any)
};
struct TeamCandidate {
  Id person_id = 0;
  Id assignment_id = 0;
  Id grid_id = 0;  // where the assignment is
  GridRole role = GridRole::kVolunteer;
  PeacetimeDuty duty = PeacetimeDuty::kNone;
  bool party_member = false;
  std::optional<Id> compound_id;  // set for compound-level staff (grid workers, police, property staff)
};
struct TeamMemberPlan {
  Id person_id = 0;
  Id assignment_id = 0;
  std::string peacetime;  // peacetime_key()
  EmergencyRole role = EmergencyRole::kScreener;
  bool leader = false;
};
struct TeamPlan {
  TeamKind kind = TeamKind::kBuildingTeam;
  Id place_id = 0;      // compound for a task force, building for a building team
  Id compound_id = 0;
  std::vector<TeamMemberPlan> members;
  bool borrowed = false;  // a building with nobody of its own, staffed from its compound
};
// Rules:
// - Building teams: every micro-grid head, micro-grid worker and volunteer
//   assigned to one of a building's micro-grids joins exactly one building team
//   per emergency: the building among theirs with the fewest members so far
//   (ties: lowest building id), so teams come out balanced.
// - Task forces: compound-level staff (grid workers, police, property staff)
//   join their compound's task force; every building team leader is also a
//   task force member.
// - A building left without members borrows one person from its compound's
//   largest building team with two or more members, else from the compound's
//   task force; only when the compound has nobody at all does a team stay empty.
// - Leaders: a micro-grid head, else a party member, else the lowest person id
//   (task forces: a grid worker, else a party member, else the lowest id).
std::vector<TeamPlan> form_teams(const std::vector<TeamBuilding>& buildings,
                                 const std::vector<TeamCandidate>& candidates,
                                 const std::function<EmergencyRole(std::string_view)>& role_of);

}  // namespace weige
