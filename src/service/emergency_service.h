#pragma once
// Peacetime and emergency (平战转换). One declare() call resolves the scope to
// compounds, refuses overlap with an active emergency, forms a task force per
// compound and a building team per building from the roster, and opens the
// first screening round with one task per household. end() closes it all;
// the peacetime roster is never modified, so it is restored exactly.
// Every call is one transaction (joining the caller's, if any).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/emergency.h"
#include "domain/permissions.h"
#include "service/case_service.h"
#include "service/scope.h"
#include "store/emergency_store.h"

namespace weige::service {

struct DeclareInput {
  std::string name;
  EmergencyType type = EmergencyType::kOther;
  int level = 4;                    // 1 (most serious) .. 4
  std::string scope_kind;           // subdistrict, community, grid, compounds
  std::vector<Id> scope_ids;
  double deadline_factor = 0.5;     // case stage limits are multiplied by this while active
  double errand_hours = 4;          // an errand is overdue this many hours after its request
  std::optional<Seconds> started_at;  // default now; never in the future
  nlohmann::json fields = nullptr;  // first round's free fields; null: the type's defaults
  std::string note;
};

struct DeclareResult {
  store::EmergencyRecord emergency;
  std::int64_t places = 0;
  std::int64_t buildings = 0;
  std::int64_t teams = 0;
  std::int64_t members = 0;
  std::vector<Id> unstaffed_buildings;  // buildings whose compound has nobody on the roster
  store::RoundRecord round;
  // Wall time of each step ("scope", "roster", "teams", "round", "commit"), for the benchmark and the log.
  std::vector<std::pair<std::string, double>> stage_seconds;
};

struct ScreeningInput {
  ScreeningOutcome outcome = ScreeningOutcome::kReached;
  nlohmann::json data = nlohmann::json::object();
  std::optional<bool> restricted;
  std::string note;
};

// Who makes an errand move, as the HTTP layer found it.
struct ErrandCaller {
  std::optional<Id> person_id;
  bool household = false;  // a resident of the errand's household
  bool team = false;       // on the household's building team, or acting in scope
  bool manager = false;    // may manage the emergency (acts for either side)
};

// Validates a round's free fields: [{key, label, type: text|bool|number|choice, options, required}].
Status validate_fields(const nlohmann::json& fields);
// Validates a screening record's data against the round's fields.
Status validate_screening_data(const nlohmann::json& fields, const nlohmann::json& data, bool covered);
nlohmann::json default_fields(EmergencyType type);

// What a principal may see of emergencies: everything, or the tasks of these
// grids, compounds and teams (`visible_compounds`: compounds that lie wholly
// or partly in their grids, for listing emergencies and teams).
struct EmergencyScope {
  store::TaskScope tasks;
  bool all = false;
  std::vector<Id> visible_compounds;
  bool sees(const std::vector<Id>& compounds) const;
};
Result<EmergencyScope> emergency_scope_of(store::Db& db, const Principal& p, const Scope& s);

class EmergencyService {
 public:
  EmergencyService(store::Db& db, Clock clock);

  Result<DeclareResult> declare(const DeclareInput& in, const std::string& by);
  // Ends an active emergency: closes its rounds, cancels open errands. kConflict when already ended.
  Result<store::EmergencyRecord> end(Id id, const std::string& by, const std::string& note);
  Result<store::EmergencyRecord> set_level(Id id, int level);
  Result<store::RoundRecord> new_round(Id id, const nlohmann::json& fields);

  Result<store::TaskRecord> record(Id task_id, const ScreeningInput& in, std::optional<Id> by_person);

  Result<store::ErrandRecord> request_errand(Id emergency_id, Id household_id, ErrandKind kind,
                                             const std::string& details, const std::string& by);
  Result<store::ErrandRecord> act_errand(Id errand_id, ErrandAction action, const ErrandCaller& caller,
                                         const std::string& note);

  // Team adjustments by staff.
  Result<store::TeamRecord> add_member(Id team_id, Id person_id, EmergencyRole role, const std::string& by);
  Result<store::TeamRecord> remove_member(Id team_id, Id person_id);
  Result<store::TeamRecord> set_leader(Id team_id, Id person_id);

  // The after-action report (also used while active, as a situation report).
  Result<nlohmann::json> report(Id id);

 private:
  Result<store::EmergencyRecord> active(Id id);
  store::Db& db_;
  Clock clock_;
};

// Cases: the active emergency covering a case's place, for intake.
Result<std::optional<store::EmergencyRecord>> emergency_for_case(store::Db& db, const store::CaseRecord& c);

}  // namespace weige::service
