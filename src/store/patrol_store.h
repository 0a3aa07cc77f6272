#pragma once
// Patrol plans (a grid's route of places, its participants and frequency),
// patrols as walked (participants, check-ins, observations) in the database.
// Plain reads and writes; the service checks scope and rules.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/community_life.h"
#include "store/db.h"
#include "store/page.h"

namespace weige::store {

struct Participant {
  Id person_id = 0;
  ParticipantKind kind = ParticipantKind::kVolunteer;
};

struct PatrolPlan {
  Id id = 0;
  Id grid_id = 0;
  std::string name;
  PatrolFrequency frequency = PatrolFrequency::kMonthly;
  bool active = true;
  std::vector<Id> route;  // places in walking order
  std::vector<Participant> participants;
  Seconds created_at = 0;
};

struct Patrol {
  Id id = 0;
  std::optional<Id> plan_id;
  Id grid_id = 0;
  Seconds started_at = 0;
  std::optional<Seconds> ended_at;
  std::string summary;
  std::optional<Id> recorded_by;
  Seconds created_at = 0;
  std::vector<Participant> participants;
};

struct Checkin {
  Id id = 0;
  Id patrol_id = 0;
  Id place_id = 0;
  Seconds at = 0;
  std::string note;
};

struct Observation {
  Id id = 0;
  Id patrol_id = 0;
  std::optional<Id> place_id;
  std::string text;
  std::string suggestion;
  ObservationOutcome outcome = ObservationOutcome::kOpen;
  std::optional<Id> case_id;
  std::optional<Seconds> decided_at;
  Seconds created_at = 0;
};

// `grids`: only rows in these grids; nullopt: no restriction.
using GridFilter = std::optional<std::vector<Id>>;

Result<Id> insert_patrol_plan(Db& db, const PatrolPlan& plan);  // with route and participants
Result<PatrolPlan> get_patrol_plan(Db& db, Id id);
Result<std::vector<PatrolPlan>> list_patrol_plans(Db& db, const GridFilter& grids);

Result<Id> insert_patrol(Db& db, const Patrol& patrol);  // with participants
Result<Patrol> get_patrol(Db& db, Id id);
struct PatrolFilter {
  GridFilter grids;
  std::optional<Id> plan_id;
  std::optional<Seconds> from, to;  // started in [from, to)
  int limit = 50;
  int offset = 0;
};
using PatrolPage = Page<Patrol>;
Result<PatrolPage> list_patrols(Db& db, const PatrolFilter& f);

Result<Id> insert_checkin(Db& db, const Checkin& c);
Result<std::vector<Checkin>> checkins_of(Db& db, Id patrol_id);
// Places among `places` checked in at by any patrol in [from, to).
Result<std::set<Id>> checked_in_places(Db& db, const std::vector<Id>& places, Seconds from,
                                       Seconds to);

Result<Id> insert_observation(Db& db, const Observation& o);
Result<Observation> get_observation(Db& db, Id id);
Status update_observation(Db& db, const Observation& o);  // outcome, case, decided_at
Result<std::vector<Observation>> observations_of(Db& db, Id patrol_id);
// Observations of patrols in `grids` with this outcome, newest first.
Result<std::vector<Observation>> list_observations(Db& db, const GridFilter& grids,
                                                   std::optional<ObservationOutcome> outcome,
                                                   int limit);

}  // namespace weige::store
