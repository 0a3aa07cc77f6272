#pragma once
// Patrols (巡查, "street-side office"): plans per grid with a route of places,
// participants and a frequency; patrols as walked with participants (red-vest
// volunteers with subdistrict, community and property staff), check-ins and
// observations. An observation becomes a case (taken in through CaseService,
// routed like any other, channel patrol) or a suggestion with one action.
// Coverage: which route places were not patrolled in a month.
//
// Managers of a grid (see life_scope.h) and the participants of a plan or
// patrol record and decide; residents do not see patrols. Every write runs
// in the caller's transaction (the HTTP layer's, with its audit entry).

#include <optional>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "service/case_service.h"
#include "service/life_scope.h"
#include "store/patrol_store.h"

namespace weige::service {

struct PlanInput {
  Id grid_id = 0;
  std::string name;
  PatrolFrequency frequency = PatrolFrequency::kMonthly;
  std::vector<Id> route;  // 1-100 places of the grid's community, in walking order
  std::vector<store::Participant> participants;
};

struct CheckinInput {
  Id place_id = 0;
  std::optional<Seconds> at;  // default: now
  std::string note;
};

struct ObservationInput {
  std::optional<Id> place_id;
  std::string text;        // what was seen
  std::string suggestion;  // what the patrol suggests, if anything
};

struct PatrolInput {
  std::optional<Id> plan_id;                    // the grid comes from the plan ...
  std::optional<Id> grid_id;                    // ... or is given
  std::optional<Seconds> started_at, ended_at;  // default: now
  std::string summary;
  std::vector<store::Participant> participants;
  std::vector<CheckinInput> checkins;
  std::vector<ObservationInput> observations;
};

struct PatrolDetail {
  store::Patrol patrol;
  std::vector<store::Checkin> checkins;
  std::vector<store::Observation> observations;
};

struct OutcomeInput {
  ObservationOutcome outcome = ObservationOutcome::kSuggestion;  // case or suggestion
  std::optional<Id> category_id;                                 // required for a case
  std::optional<CaseLevel> level;
  bool accept_now = false;  // staff who take cases in may accept it at once
};

struct ObservationResult {
  store::Observation observation;
  std::optional<CaseView> created_case;
};

struct PlanCoverage {
  store::PatrolPlan plan;
  RouteCoverage coverage;
  std::int64_t patrols = 0;  // patrols of the plan in the window
};

class PatrolService {
 public:
  PatrolService(store::Db& db, Clock clock) : db_(db), clock_(std::move(clock)) {}

  Result<store::PatrolPlan> create_plan(const LifeCaller& c, PlanInput in);
  Result<std::vector<store::PatrolPlan>> list_plans(const LifeCaller& c, std::optional<Id> grid_id);
  Result<store::PatrolPlan> get_plan(const LifeCaller& c, Id id);

  Result<PatrolDetail> record(const LifeCaller& c, const PatrolInput& in);
  Result<store::PatrolPage> list(const LifeCaller& c, store::PatrolFilter f);
  Result<PatrolDetail> get(const LifeCaller& c, Id id);
  Result<PatrolDetail> add_checkin(const LifeCaller& c, Id patrol_id, const CheckinInput& in);
  Result<PatrolDetail> add_observation(const LifeCaller& c, Id patrol_id,
                                       const ObservationInput& in);

  // kConflict when the observation is already a case or a suggestion.
  Result<ObservationResult> decide(const LifeCaller& c, Id observation_id, const OutcomeInput& in,
                                   CaseService& cases);
  Result<std::vector<store::Observation>> observations(const LifeCaller& c,
                                                       std::optional<ObservationOutcome> outcome);

  // Every active plan seen by the caller (in grid_id's subtree when given).
  Result<std::vector<PlanCoverage>> coverage(const LifeCaller& c, std::optional<Id> grid_id,
                                             const Window& month);

 private:
  // The patrol, when the caller may add to it: a manager of its grid or one of its participants.
  Result<store::Patrol> writable_patrol(const LifeCaller& c, Id patrol_id);
  Status check_participants(const std::vector<store::Participant>& ps);
  Status check_place_in_community(Id place_id, Id grid_id, const char* field);
  Status add_checkin_row(Id patrol_id, Id grid_id, const CheckinInput& in);
  Status add_observation_row(Id patrol_id, Id grid_id, const ObservationInput& in);

  store::Db& db_;
  Clock clock_;
};

}  // namespace weige::service
