#pragma once
// Emergencies, their teams, screening rounds and tasks, and errands.
// The bulk steps (resolving a scope to compounds, one task per household)
// are single INSERT ... SELECT statements so a city-sized scope stays fast.

#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/emergency.h"
#include "store/db.h"

namespace weige::store {

struct EmergencyRecord {
  Id id = 0;
  std::string name;
  EmergencyType type = EmergencyType::kOther;
  int level = 4;
  std::string scope_kind;  // subdistrict, community, grid, compounds
  std::vector<Id> scope_ids;
  double deadline_factor = 0.5;
  double errand_hours = 4;
  std::string note;
  Seconds started_at = 0;
  Seconds declared_at = 0;
  std::string declared_by;
  std::optional<Seconds> ended_at;
  std::string ended_by;
  std::string end_note;
  bool active() const { return !ended_at.has_value(); }
};

Result<Id> insert_emergency(Db& db, const EmergencyRecord& e);
Result<EmergencyRecord> get_emergency(Db& db, Id id);
// Newest first; `active_only` leaves out ended ones.
Result<std::vector<EmergencyRecord>> list_emergencies(Db& db, bool active_only);
Status end_emergency(Db& db, Id id, Seconds at, const std::string& by, const std::string& note);
Status set_emergency_level(Db& db, Id id, int level);

// Fills emergency_places from the declared scope; returns how many places.
// kInvalid when an id is not of the scope's kind.
// How resolve_emergency_scope() refuses an id that names nothing of the scope's kind.
Status unknown_scope_id(const std::string& scope_kind, Id id);
Result<std::int64_t> resolve_emergency_scope(Db& db, Id emergency_id, const std::string& scope_kind,
                                             const std::vector<Id>& ids);
// Active emergencies other than `emergency_id` sharing a place with it.
Result<std::vector<Id>> overlapping_emergencies(Db& db, Id emergency_id);
// The active emergency covering a compound-level place, if any.
Result<std::optional<EmergencyRecord>> active_emergency_at(Db& db, Id compound_id);
// ... or covering a compound with units in `grid_id` (a micro-grid).
Result<std::optional<EmergencyRecord>> active_emergency_in_grid(Db& db, Id grid_id);
Result<std::vector<Id>> emergency_place_ids(Db& db, Id emergency_id);

// Role map: peacetime key -> emergency role.
Result<std::vector<std::pair<std::string, EmergencyRole>>> load_role_map(Db& db);
Status set_role_map_entry(Db& db, const std::string& peacetime, EmergencyRole role);

// Inputs for form_teams().
Result<std::vector<TeamBuilding>> team_buildings(Db& db, Id emergency_id);
Result<std::vector<TeamCandidate>> team_candidates(Db& db, Id emergency_id);

struct TeamMemberRecord {
  Id id = 0;
  Id team_id = 0;
  Id person_id = 0;
  std::optional<Id> assignment_id;
  std::string peacetime_role;
  EmergencyRole role = EmergencyRole::kScreener;
  std::string added_by;
};
struct TeamRecord {
  Id id = 0;
  Id emergency_id = 0;
  TeamKind kind = TeamKind::kBuildingTeam;
  Id place_id = 0;
  Id compound_id = 0;
  std::string place_name;
  std::optional<Id> leader_person_id;
  bool borrowed = false;
  std::vector<TeamMemberRecord> members;
};
// Every planned team and its members, in the order given (inside a write transaction).
Status insert_teams(Db& db, Id emergency_id, const std::vector<TeamPlan>& plans);
Result<Id> insert_member(Db& db, Id emergency_id, const TeamMemberRecord& m);
Status delete_member(Db& db, Id team_id, Id person_id);
Status set_team_leader(Db& db, Id team_id, std::optional<Id> person_id);
Result<TeamRecord> get_team(Db& db, Id team_id);
// Teams of an emergency (members included), or of one compound of it.
Result<std::vector<TeamRecord>> list_teams(Db& db, Id emergency_id, std::optional<Id> compound_id = std::nullopt);
// Active memberships of a person: (team, emergency).
Result<std::vector<TeamMemberRecord>> memberships_of(Db& db, Id person_id, bool active_only);

// Screening rounds and tasks.
struct RoundRecord {
  Id id = 0;
  Id emergency_id = 0;
  int round = 1;
  std::string fields = "[]";  // JSON
  Seconds started_at = 0;
  std::optional<Seconds> closed_at;
  std::int64_t households = 0;
  std::optional<Seconds> full_coverage_at;
};
// Creates the round and one task per household in scope; returns the round.
Result<RoundRecord> create_round(Db& db, Id emergency_id, const std::string& fields, Seconds at);
Result<std::vector<RoundRecord>> list_rounds(Db& db, Id emergency_id);
Result<RoundRecord> current_round(Db& db, Id emergency_id);
Status close_rounds(Db& db, Id emergency_id, Seconds at);

struct TaskRecord {
  Id id = 0;
  Id round_id = 0;
  Id household_id = 0;
  Id building_id = 0;
  Id compound_id = 0;
  std::optional<Id> grid_id;
  std::optional<Id> team_id;
  ScreeningOutcome outcome = ScreeningOutcome::kPending;
  std::string data = "{}";
  bool restricted = false;
  std::string note;
  int attempts = 0;
  std::optional<Id> screened_by;
  std::optional<Seconds> screened_at;
  std::optional<Seconds> covered_at;
  std::string household_name;  // "3-2-501" style label from the map
  std::string building_name;
};
Result<TaskRecord> get_task(Db& db, Id task_id);
Status update_task(Db& db, const TaskRecord& t);
// Sets the round's full_coverage_at when no task is left uncovered.
Status note_coverage(Db& db, Id round_id, Seconds at);

// Which tasks a caller may see: all, or those in these grids/compounds/teams.
struct TaskScope {
  bool all = true;
  std::vector<Id> grid_ids;
  std::vector<Id> compound_ids;
  std::vector<Id> team_ids;
};
struct TaskFilter {
  Id round_id = 0;
  std::optional<Id> building_id;
  std::optional<Id> team_id;
  std::optional<Id> compound_id;
  std::optional<Id> grid_id;  // that grid and the grids directly under it
  bool uncovered_only = false;  // pending or not at home
  int limit = 50;
  int offset = 0;
};
Result<std::pair<std::vector<TaskRecord>, std::int64_t>> list_tasks(Db& db, const TaskFilter& f,
                                                                   const TaskScope& scope);

struct ProgressRow {
  Id id = 0;  // building, compound or grid id
  std::string name;
  std::int64_t total = 0, pending = 0, reached = 0, not_at_home = 0, refused = 0, needs_help = 0;
  std::int64_t covered() const { return reached + refused + needs_help; }
};
// by: "building", "compound", "grid" (the household's grid, usually a micro-grid), "area" (micro-grids
// rolled up into their ordinary or exclusive grid) or "total" (one row). within_grid keeps the tasks
// of that grid and of the grids directly under it.
Result<std::vector<ProgressRow>> round_progress(Db& db, Id round_id, const std::string& by, const TaskScope& scope,
                                                std::optional<Id> within_grid = std::nullopt);

// Errands.
struct ErrandRecord {
  Id id = 0;
  Id emergency_id = 0;
  Id household_id = 0;
  Id building_id = 0;
  std::optional<Id> team_id;
  ErrandKind kind = ErrandKind::kOther;
  std::string details;
  ErrandState state = ErrandState::kRequested;
  std::string requested_by;
  Seconds requested_at = 0;
  Seconds due_at = 0;
  std::optional<Id> runner_person_id;
  std::optional<Seconds> accepted_at, done_at, confirmed_at, cancelled_at;
  std::string note;
  std::string household_name;
};
Result<Id> insert_errand(Db& db, const ErrandRecord& e);
Result<ErrandRecord> get_errand(Db& db, Id id);
Status update_errand(Db& db, const ErrandRecord& e);
struct ErrandFilter {
  Id emergency_id = 0;
  std::optional<ErrandState> state;
  std::optional<Id> household_id;
  bool open_only = false;
  std::optional<Seconds> overdue_at;  // only open errands due before this time
};
Result<std::vector<ErrandRecord>> list_errands(Db& db, const ErrandFilter& f, const TaskScope& scope);

// The household -> (building, compound) of a household place in an emergency's scope.
struct HouseholdPlace {
  Id household_id = 0;
  Id building_id = 0;
  Id compound_id = 0;
};
Result<std::optional<HouseholdPlace>> household_in_emergency(Db& db, Id emergency_id, Id household_id);

}  // namespace weige::store
