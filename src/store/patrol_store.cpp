#include "store/patrol_store.h"

#include "store/sql_util.h"

namespace weige::store {
namespace {

Status insert_participants(Db& db, const char* table, const char* key, Id id,
                           const std::vector<Participant>& ps) {
  for (const Participant& p : ps) {
    WEIGE_TRY(db.execute(std::string("INSERT INTO ") + table + " (" + key +
                             ", person_id, kind) VALUES (?, ?, ?)",
                         {id, p.person_id, std::string(to_string(p.kind))})
                  .status());
  }
  return {};
}

Result<std::vector<Participant>> participants_of(Db& db, const char* table, const char* key,
                                                 Id id) {
  std::vector<Participant> out;
  WEIGE_TRY(db.query(std::string("SELECT person_id, kind FROM ") + table + " WHERE " + key +
                         " = ? ORDER BY person_id",
                     {id}, [&](const Row& r) {
                       out.push_back({r.i64(0), parse_participant_kind(r.text(1)).value_or(
                                                    ParticipantKind::kVolunteer)});
                     }));
  return out;
}

constexpr const char* kPlanColumns = "id, grid_id, name, frequency, active, created_at";

PatrolPlan plan_from(const Row& r) {
  PatrolPlan p;
  p.id = r.i64(0);
  p.grid_id = r.i64(1);
  p.name = r.text(2);
  p.frequency = parse_patrol_frequency(r.text(3)).value_or(PatrolFrequency::kMonthly);
  p.active = r.i64(4) != 0;
  p.created_at = r.i64(5);
  return p;
}

Status fill_plan(Db& db, PatrolPlan& p) {
  WEIGE_TRY(db.query("SELECT place_id FROM patrol_plan_places WHERE plan_id = ? ORDER BY ordinal",
                     {p.id}, [&](const Row& r) { p.route.push_back(r.i64(0)); }));
  WEIGE_ASSIGN(p.participants, participants_of(db, "patrol_plan_participants", "plan_id", p.id));
  return {};
}

constexpr const char* kPatrolColumns =
    "id, plan_id, grid_id, started_at, ended_at, summary, recorded_by, created_at";

Patrol patrol_from(const Row& r) {
  return {r.i64(0),  r.opt_i64(1), r.i64(2), r.i64(3), r.opt_i64(4),
          r.text(5), r.opt_i64(6), r.i64(7), {}};
}

constexpr const char* kObservationColumns =
    "id, patrol_id, place_id, text, suggestion, outcome, case_id, decided_at, created_at";

Observation observation_from(const Row& r) {
  return {r.i64(0),     r.i64(1),
          r.opt_i64(2), r.text(3),
          r.text(4),    parse_observation_outcome(r.text(5)).value_or(ObservationOutcome::kOpen),
          r.opt_i64(6), r.opt_i64(7),
          r.i64(8)};
}

}  // namespace

Result<Id> insert_patrol_plan(Db& db, const PatrolPlan& p) {
  WEIGE_ASSIGN(
      Id id,
      db.scalar("INSERT INTO patrol_plans (grid_id, name, frequency, active, created_at) VALUES "
                "(?, ?, ?, ?, ?) RETURNING id",
                {p.grid_id, p.name, std::string(to_string(p.frequency)),
                 static_cast<std::int64_t>(p.active), p.created_at}));
  for (std::size_t i = 0; i < p.route.size(); ++i) {
    WEIGE_TRY(
        db.execute("INSERT INTO patrol_plan_places (plan_id, ordinal, place_id) VALUES (?, ?, ?)",
                   {id, static_cast<std::int64_t>(i + 1), p.route[i]})
            .status());
  }
  WEIGE_TRY(insert_participants(db, "patrol_plan_participants", "plan_id", id, p.participants));
  return id;
}

Result<PatrolPlan> get_patrol_plan(Db& db, Id id) {
  WEIGE_ASSIGN(
      auto r,
      db.row(std::string("SELECT ") + kPlanColumns + " FROM patrol_plans WHERE id = ?", {id}));
  if (!r)
    return Status::not_found("patrol plan " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  PatrolPlan p = plan_from(*r);
  WEIGE_TRY(fill_plan(db, p));
  return p;
}

Result<std::vector<PatrolPlan>> list_patrol_plans(Db& db, const GridFilter& grids) {
  std::string sql = std::string("SELECT ") + kPlanColumns + " FROM patrol_plans WHERE 1 = 1";
  Params params;
  and_in(sql, params, "grid_id", grids);
  std::vector<PatrolPlan> out;
  WEIGE_TRY(
      db.query(sql + " ORDER BY id", params, [&](const Row& r) { out.push_back(plan_from(r)); }));
  for (auto& p : out) WEIGE_TRY(fill_plan(db, p));
  return out;
}

Result<Id> insert_patrol(Db& db, const Patrol& p) {
  WEIGE_ASSIGN(
      Id id,
      db.scalar(
          "INSERT INTO patrols (plan_id, grid_id, started_at, ended_at, summary, recorded_by, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {opt(p.plan_id), p.grid_id, p.started_at, opt(p.ended_at), p.summary, opt(p.recorded_by),
           p.created_at}));
  WEIGE_TRY(insert_participants(db, "patrol_participants", "patrol_id", id, p.participants));
  return id;
}

Result<Patrol> get_patrol(Db& db, Id id) {
  WEIGE_ASSIGN(
      auto r, db.row(std::string("SELECT ") + kPatrolColumns + " FROM patrols WHERE id = ?", {id}));
  if (!r)
    return Status::not_found("patrol " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  Patrol p = patrol_from(*r);
  WEIGE_ASSIGN(p.participants, participants_of(db, "patrol_participants", "patrol_id", id));
  return p;
}

Result<PatrolPage> list_patrols(Db& db, const PatrolFilter& f) {
  std::string where = " WHERE 1 = 1";
  Params params;
  and_in(where, params, "grid_id", f.grids);
  and_if(where, params, "plan_id = ?", f.plan_id);
  and_if(where, params, "started_at >= ?", f.from);
  and_if(where, params, "started_at < ?", f.to);
  WEIGE_ASSIGN(PatrolPage page,
               select_page<Patrol>(db, kPatrolColumns, "patrols", where, params,
                                   "started_at DESC, id DESC", f.limit, f.offset, patrol_from));
  for (auto& p : page.items) {
    WEIGE_ASSIGN(p.participants, participants_of(db, "patrol_participants", "patrol_id", p.id));
  }
  return page;
}

Result<Id> insert_checkin(Db& db, const Checkin& c) {
  return db.scalar(
      "INSERT INTO patrol_checkins (patrol_id, place_id, at, note) VALUES (?, ?, ?, ?) RETURNING "
      "id",
      {c.patrol_id, c.place_id, c.at, c.note});
}

Result<std::vector<Checkin>> checkins_of(Db& db, Id patrol_id) {
  std::vector<Checkin> out;
  WEIGE_TRY(
      db.query("SELECT id, patrol_id, place_id, at, note FROM patrol_checkins WHERE patrol_id = ? "
               "ORDER BY at, id",
               {patrol_id}, [&](const Row& r) {
                 out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.text(4)});
               }));
  return out;
}

Result<std::set<Id>> checked_in_places(Db& db, const std::vector<Id>& places, Seconds from,
                                       Seconds to) {
  std::set<Id> out;
  if (places.empty()) return out;
  Params params{from, to};
  for (Id p : places) params.emplace_back(p);
  WEIGE_TRY(db.query(
      "SELECT DISTINCT place_id FROM patrol_checkins WHERE at >= ? AND at < ? AND place_id IN " +
          in_list(places.size()),
      params, [&](const Row& r) { out.insert(r.i64(0)); }));
  return out;
}

Result<Id> insert_observation(Db& db, const Observation& o) {
  return db.scalar(
      "INSERT INTO patrol_observations (patrol_id, place_id, text, suggestion, outcome, case_id, "
      "decided_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {o.patrol_id, opt(o.place_id), o.text, o.suggestion, std::string(to_string(o.outcome)),
       opt(o.case_id), opt(o.decided_at), o.created_at});
}

Result<Observation> get_observation(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kObservationColumns +
                                  " FROM patrol_observations WHERE id = ?",
                              {id}));
  if (!r)
    return Status::not_found("observation " + std::to_string(id) + " does not exist",
                             {{"id", id}});
  return observation_from(*r);
}

Status update_observation(Db& db, const Observation& o) {
  return db
      .execute(
          "UPDATE patrol_observations SET outcome = ?, case_id = ?, decided_at = ? WHERE id = ?",
          {std::string(to_string(o.outcome)), opt(o.case_id), opt(o.decided_at), o.id})
      .status();
}

Result<std::vector<Observation>> observations_of(Db& db, Id patrol_id) {
  std::vector<Observation> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kObservationColumns +
                         " FROM patrol_observations WHERE patrol_id = ? ORDER BY id",
                     {patrol_id}, [&](const Row& r) { out.push_back(observation_from(r)); }));
  return out;
}

Result<std::vector<Observation>> list_observations(Db& db, const GridFilter& grids,
                                                   std::optional<ObservationOutcome> outcome,
                                                   int limit) {
  std::string sql =
      "SELECT o.id, o.patrol_id, o.place_id, o.text, o.suggestion, o.outcome, o.case_id, "
      "o.decided_at, "
      "o.created_at FROM patrol_observations o JOIN patrols p ON p.id = o.patrol_id WHERE 1 = 1";
  Params params;
  and_in(sql, params, "p.grid_id", grids);
  and_if(sql, params, "o.outcome = ?",
         outcome ? std::optional<std::string>(to_string(*outcome)) : std::nullopt);
  params.emplace_back(static_cast<std::int64_t>(limit));
  std::vector<Observation> out;
  WEIGE_TRY(db.query(sql + " ORDER BY o.id DESC LIMIT ?", params,
                     [&](const Row& r) { out.push_back(observation_from(r)); }));
  return out;
}

}  // namespace weige::store
