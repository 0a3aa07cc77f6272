#include "store/emergency_store.h"

#include <map>

#include <nlohmann/json.hpp>

namespace weige::store {
namespace {

using nlohmann::json;

constexpr const char* kCompoundKinds = "('compound','office_tower','mall','shop_street')";
constexpr const char* kEmergencyColumns =
    "id, name, type, level, scope_kind, scope_ids, deadline_factor, errand_hours, note, started_at, declared_at, "
    "declared_by, ended_at, ended_by, end_note";

EmergencyRecord emergency_from(const Row& r) {
  EmergencyRecord e;
  e.id = r.i64(0);
  e.name = r.text(1);
  e.type = parse_emergency_type(r.text(2)).value_or(EmergencyType::kOther);
  e.level = static_cast<int>(r.i64(3));
  e.scope_kind = r.text(4);
  for (const auto& v : json::parse(r.text(5), nullptr, false)) {
    if (v.is_number_integer()) e.scope_ids.push_back(v.get<Id>());
  }
  e.deadline_factor = r.f64(6);
  e.errand_hours = r.f64(7);
  e.note = r.text(8);
  e.started_at = r.i64(9);
  e.declared_at = r.i64(10);
  e.declared_by = r.text(11);
  e.ended_at = r.opt_i64(12);
  e.ended_by = r.text(13);
  e.end_note = r.text(14);
  return e;
}

Result<std::optional<EmergencyRecord>> first_emergency(Db& db, const std::string& where, const Params& p) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kEmergencyColumns + " FROM emergencies e WHERE " + where +
                                  " ORDER BY id LIMIT 1",
                              p));
  if (!r) return std::optional<EmergencyRecord>();
  return std::optional<EmergencyRecord>(emergency_from(*r));
}

// " AND (...)" restricting rows to a task scope through the given grid,
// compound and team columns; appends its parameters.
std::string scope_sql(const TaskScope& s, Params& p, const std::string& grid_col, const std::string& compound_col,
                      const std::string& team_col) {
  if (s.all) return "";
  std::string parts;
  auto add = [&](const std::string& column, const std::vector<Id>& ids) {
    if (ids.empty()) return;
    if (!parts.empty()) parts += " OR ";
    parts += column + " IN " + in_list(ids.size());
    for (Id id : ids) p.emplace_back(id);
  };
  add(grid_col, s.grid_ids);
  add(compound_col, s.compound_ids);
  add(team_col, s.team_ids);
  return parts.empty() ? " AND 0" : " AND (" + parts + ")";
}

// " AND ..." keeping the tasks of a grid and of the grids directly under it
// (an ordinary grid's micro-grids); "" without a grid.
std::string within_grid_sql(std::optional<Id> grid, Params& p) {
  if (!grid) return "";
  p.emplace_back(*grid);
  p.emplace_back(*grid);
  return " AND t.grid_id IN (SELECT id FROM grids WHERE id = ? OR parent_id = ?)";
}

constexpr const char* kTaskColumns =
    "t.id, t.round_id, t.household_id, t.building_id, t.compound_id, t.grid_id, t.team_id, t.outcome, t.data, "
    "t.restricted, t.note, t.attempts, t.screened_by, t.screened_at, t.covered_at, "
    "b.name || '-' || u.name || '-' || h.name, b.name";
constexpr const char* kTaskJoins =
    " FROM screening_tasks t JOIN places h ON h.id = t.household_id JOIN places u ON u.id = h.parent_id "
    "JOIN places b ON b.id = t.building_id";

TaskRecord task_from(const Row& r) {
  TaskRecord t;
  t.id = r.i64(0);
  t.round_id = r.i64(1);
  t.household_id = r.i64(2);
  t.building_id = r.i64(3);
  t.compound_id = r.i64(4);
  t.grid_id = r.opt_i64(5);
  t.team_id = r.opt_i64(6);
  t.outcome = parse_screening_outcome(r.text(7)).value_or(ScreeningOutcome::kPending);
  t.data = r.text(8);
  t.restricted = r.i64(9) != 0;
  t.note = r.text(10);
  t.attempts = static_cast<int>(r.i64(11));
  t.screened_by = r.opt_i64(12);
  t.screened_at = r.opt_i64(13);
  t.covered_at = r.opt_i64(14);
  t.household_name = r.text(15);
  t.building_name = r.text(16);
  return t;
}

constexpr const char* kErrandColumns =
    "e.id, e.emergency_id, e.household_id, e.building_id, e.team_id, e.kind, e.details, e.state, e.requested_by, "
    "e.requested_at, e.due_at, e.runner_person_id, e.accepted_at, e.done_at, e.confirmed_at, e.cancelled_at, "
    "e.note, b.name || '-' || u.name || '-' || h.name";
constexpr const char* kErrandJoins =
    " FROM errands e JOIN places h ON h.id = e.household_id JOIN places u ON u.id = h.parent_id "
    "JOIN places b ON b.id = e.building_id JOIN places c ON c.id = b.parent_id";

ErrandRecord errand_from(const Row& r) {
  ErrandRecord e;
  e.id = r.i64(0);
  e.emergency_id = r.i64(1);
  e.household_id = r.i64(2);
  e.building_id = r.i64(3);
  e.team_id = r.opt_i64(4);
  e.kind = parse_errand_kind(r.text(5)).value_or(ErrandKind::kOther);
  e.details = r.text(6);
  e.state = parse_errand_state(r.text(7)).value_or(ErrandState::kRequested);
  e.requested_by = r.text(8);
  e.requested_at = r.i64(9);
  e.due_at = r.i64(10);
  e.runner_person_id = r.opt_i64(11);
  e.accepted_at = r.opt_i64(12);
  e.done_at = r.opt_i64(13);
  e.confirmed_at = r.opt_i64(14);
  e.cancelled_at = r.opt_i64(15);
  e.note = r.text(16);
  e.household_name = r.text(17);
  return e;
}

}  // namespace

Result<Id> insert_emergency(Db& db, const EmergencyRecord& e) {
  json ids = e.scope_ids;
  return db.scalar(
      "INSERT INTO emergencies (name, type, level, scope_kind, scope_ids, deadline_factor, errand_hours, note, "
      "started_at, declared_at, declared_by) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {e.name, std::string(to_string(e.type)), static_cast<std::int64_t>(e.level), e.scope_kind, ids.dump(),
       e.deadline_factor, e.errand_hours, e.note, e.started_at, e.declared_at, e.declared_by});
}

Result<EmergencyRecord> get_emergency(Db& db, Id id) {
  WEIGE_ASSIGN(auto e, first_emergency(db, "id = ?", {id}));
  if (!e) return Status::not_found("emergency " + std::to_string(id) + " does not exist", {{"emergency_id", id}});
  return *e;
}

Result<std::vector<EmergencyRecord>> list_emergencies(Db& db, bool active_only) {
  std::vector<EmergencyRecord> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kEmergencyColumns + " FROM emergencies" +
                         (active_only ? " WHERE ended_at IS NULL" : "") + " ORDER BY id DESC",
                     {}, [&](const Row& r) { out.push_back(emergency_from(r)); }));
  return out;
}

Status end_emergency(Db& db, Id id, Seconds at, const std::string& by, const std::string& note) {
  return db.execute("UPDATE emergencies SET ended_at = ?, ended_by = ?, end_note = ? WHERE id = ?", {at, by, note, id})
      .status();
}

Status set_emergency_level(Db& db, Id id, int level) {
  return db.execute("UPDATE emergencies SET level = ? WHERE id = ?", {static_cast<std::int64_t>(level), id}).status();
}

Status unknown_scope_id(const std::string& scope_kind, Id id) {
  std::string what = scope_kind == "grid"        ? "grid " + std::to_string(id) + " does not exist"
                     : scope_kind == "compounds" ? "place " + std::to_string(id) + " is not a compound (or non-residential place)"
                                                 : "place " + std::to_string(id) + " is not a " + scope_kind;
  return Status::invalid(what, {{"field", "scope_ids"}});
}

Result<std::int64_t> resolve_emergency_scope(Db& db, Id emergency_id, const std::string& scope_kind,
                                             const std::vector<Id>& ids) {
  std::int64_t total = 0;
  for (Id id : ids) {
    std::string select;
    if (scope_kind == "subdistrict" || scope_kind == "community") {
      WEIGE_ASSIGN(auto kind, db.row("SELECT kind FROM places WHERE id = ?", {id}));
      if (!kind || kind->text(0) != scope_kind) return unknown_scope_id(scope_kind, id);
      select = scope_kind == "community"
                   ? std::string("SELECT id FROM places WHERE community_id = ?1 AND kind IN ") + kCompoundKinds
                   : std::string("SELECT id FROM places WHERE kind IN ") + kCompoundKinds +
                         " AND community_id IN (SELECT id FROM places WHERE kind = 'community' AND parent_id = ?1)";
    } else if (scope_kind == "grid") {
      WEIGE_ASSIGN(auto g, db.row("SELECT id FROM grids WHERE id = ?", {id}));
      if (!g) return unknown_scope_id(scope_kind, id);
      select = std::string(
                   "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT g.id FROM grids g JOIN sub ON "
                   "g.parent_id = sub.id) SELECT p.id FROM places p WHERE p.kind IN ") +
               kCompoundKinds +
               " AND (p.grid_id IN (SELECT id FROM sub) OR p.id IN (SELECT b.parent_id FROM places u JOIN places b "
               "ON b.id = u.parent_id WHERE u.kind = 'unit' AND u.grid_id IN (SELECT id FROM sub)))";
    } else if (scope_kind == "compounds") {
      WEIGE_ASSIGN(auto kind, db.row(std::string("SELECT 1 FROM places WHERE id = ? AND kind IN ") + kCompoundKinds, {id}));
      if (!kind) return unknown_scope_id(scope_kind, id);
      select = "SELECT ?1 AS id";
    } else {
      return Status::invalid("scope_kind is subdistrict, community, grid or compounds", {{"field", "scope_kind"}});
    }
    WEIGE_ASSIGN(std::int64_t n, db.execute("INSERT OR IGNORE INTO emergency_places (emergency_id, place_id) "
                                            "SELECT ?2, id FROM (" + select + ")",
                                            {id, emergency_id}));
    total += n;
  }
  return total;
}

Result<std::vector<Id>> overlapping_emergencies(Db& db, Id emergency_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("SELECT DISTINCT b.emergency_id FROM emergency_places a JOIN emergency_places b ON "
                     "b.place_id = a.place_id AND b.emergency_id <> a.emergency_id JOIN emergencies e ON "
                     "e.id = b.emergency_id AND e.ended_at IS NULL WHERE a.emergency_id = ? ORDER BY 1",
                     {emergency_id}, [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::optional<EmergencyRecord>> active_emergency_at(Db& db, Id compound_id) {
  return first_emergency(db, "ended_at IS NULL AND id IN (SELECT emergency_id FROM emergency_places WHERE place_id = ?)",
                         {compound_id});
}

Result<std::optional<EmergencyRecord>> active_emergency_in_grid(Db& db, Id grid_id) {
  return first_emergency(db,
                         "ended_at IS NULL AND id IN (SELECT ep.emergency_id FROM emergency_places ep JOIN places b "
                         "ON b.parent_id = ep.place_id JOIN places u ON u.parent_id = b.id WHERE u.grid_id = ?)",
                         {grid_id});
}

Result<std::vector<Id>> emergency_place_ids(Db& db, Id emergency_id) {
  std::vector<Id> out;
  WEIGE_TRY(db.query("SELECT place_id FROM emergency_places WHERE emergency_id = ? ORDER BY place_id", {emergency_id},
                     [&](const Row& r) { out.push_back(r.i64(0)); }));
  return out;
}

Result<std::vector<std::pair<std::string, EmergencyRole>>> load_role_map(Db& db) {
  std::vector<std::pair<std::string, EmergencyRole>> out;
  WEIGE_TRY(db.query("SELECT peacetime, emergency FROM emergency_role_map ORDER BY peacetime", {}, [&](const Row& r) {
    out.emplace_back(r.text(0), parse_emergency_role(r.text(1)).value_or(EmergencyRole::kResponder));
  }));
  return out;
}

Status set_role_map_entry(Db& db, const std::string& peacetime, EmergencyRole role) {
  return db
      .execute("INSERT INTO emergency_role_map (peacetime, emergency) VALUES (?, ?) ON CONFLICT (peacetime) DO "
               "UPDATE SET emergency = excluded.emergency",
               {peacetime, std::string(to_string(role))})
      .status();
}

Result<std::vector<TeamBuilding>> team_buildings(Db& db, Id emergency_id) {
  std::vector<TeamBuilding> out;
  WEIGE_TRY(db.query(
      "SELECT b.id, b.parent_id, u.grid_id, b.grid_id FROM emergency_places ep JOIN places b ON b.parent_id = "
      "ep.place_id AND b.kind = 'building' LEFT JOIN places u ON u.parent_id = b.id AND u.kind = 'unit' WHERE "
      "ep.emergency_id = ? ORDER BY b.id, u.grid_id",
      {emergency_id}, [&](const Row& r) {
        if (out.empty() || out.back().building_id != r.i64(0)) {
          out.push_back({r.i64(0), r.i64(1), {}});
          if (!r.is_null(3)) out.back().grid_ids.push_back(r.i64(3));
        }
        auto& g = out.back().grid_ids;
        if (!r.is_null(2) && (g.empty() || g.back() != r.i64(2))) g.push_back(r.i64(2));
      }));
  return out;
}

Result<std::vector<TeamCandidate>> team_candidates(Db& db, Id emergency_id) {
  std::vector<TeamCandidate> out;
  auto add = [&](const Row& r) {
    TeamCandidate c;
    c.person_id = r.i64(0);
    c.assignment_id = r.i64(1);
    c.grid_id = r.i64(2);
    c.role = parse_grid_role(r.text(3)).value_or(GridRole::kVolunteer);
    c.duty = parse_peacetime_duty(r.text(4)).value_or(PeacetimeDuty::kNone);
    c.party_member = r.i64(5) != 0;
    c.compound_id = r.opt_i64(6);
    out.push_back(c);
  };
  // The roster alone (assignments carries party_member, migration 0010): no
  // person row is read. Building level: heads, workers and volunteers of the
  // micro-grids of units in scope.
  WEIGE_TRY(db.query(
      "SELECT a.person_id, a.id, a.grid_id, a.role, a.duty, a.party_member, NULL FROM assignments a WHERE "
      "a.role IN ('micro_grid_head','micro_grid_worker','volunteer') AND a.grid_id IN "
      "(SELECT DISTINCT u.grid_id FROM emergency_places ep JOIN places b ON b.parent_id = ep.place_id AND b.kind = "
      "'building' JOIN places u ON u.parent_id = b.id AND u.kind = 'unit' WHERE ep.emergency_id = ?1 AND u.grid_id "
      "IS NOT NULL UNION SELECT b.grid_id FROM emergency_places ep JOIN places b ON b.parent_id = ep.place_id AND "
      "b.kind = 'building' WHERE ep.emergency_id = ?1 AND b.grid_id IS NOT NULL)",
      {emergency_id}, add));
  // Compound level: grid workers and police of the compound's grid or its general grid.
  WEIGE_TRY(db.query(
      "SELECT a.person_id, a.id, a.grid_id, a.role, a.duty, a.party_member, c.id FROM emergency_places ep JOIN "
      "places c ON c.id = ep.place_id JOIN grids g ON g.id = c.grid_id JOIN assignments a ON (a.grid_id = g.id OR "
      "a.grid_id = g.parent_id) AND a.role IN ('grid_worker','police') WHERE ep.emergency_id = ?",
      {emergency_id}, add));
  // Property staff of the compound's property company.
  WEIGE_TRY(db.query(
      "SELECT a.person_id, a.id, a.grid_id, a.role, a.duty, a.party_member, ep.place_id FROM emergency_places ep "
      "JOIN property_contracts pc ON pc.place_id = ep.place_id JOIN assignments a ON a.organisation_id = "
      "pc.organisation_id AND a.role = 'property_staff' WHERE ep.emergency_id = ?",
      {emergency_id}, add));
  return out;
}

Status insert_teams(Db& db, Id emergency_id, const std::vector<TeamPlan>& plans) {
  if (!db.in_transaction()) return Status::internal("insert_teams runs inside the declaration's write transaction");
  // Inside the write transaction the next ids are ours, so the members can
  // name their team without reading it back, and both go in multi-row
  // statements (a city-wide declaration writes ~1 million rows here).
  WEIGE_ASSIGN(Id team_id, db.scalar("SELECT coalesce(max(id), 0) FROM emergency_teams"));
  RowBatch teams(db,
                 "INSERT INTO emergency_teams (id, emergency_id, kind, place_id, compound_id, leader_person_id, "
                 "borrowed)",
                 7);
  RowBatch members(db,
                   "INSERT INTO emergency_members (team_id, emergency_id, person_id, assignment_id, peacetime_role, "
                   "emergency_role, added_by)",
                   7);
  const Id first_team = team_id + 1;
  for (const auto& plan : plans) {
    std::optional<Id> leader;
    for (const auto& m : plan.members) {
      if (m.leader) leader = m.person_id;
    }
    WEIGE_TRY(teams.add({++team_id, emergency_id, std::string(to_string(plan.kind)), plan.place_id,
                         plan.compound_id, opt(leader), static_cast<std::int64_t>(plan.borrowed)}));
  }
  WEIGE_TRY(teams.flush());  // every team exists before a member names it
  team_id = first_team;
  for (const auto& plan : plans) {
    for (const auto& m : plan.members) {
      WEIGE_TRY(members.add({team_id, emergency_id, m.person_id,
                             m.assignment_id ? Value(m.assignment_id) : Value(nullptr), m.peacetime,
                             std::string(to_string(m.role)), std::string("auto")}));
    }
    ++team_id;
  }
  return members.flush();
}

Result<Id> insert_member(Db& db, Id emergency_id, const TeamMemberRecord& m) {
  return db.scalar("INSERT INTO emergency_members (team_id, emergency_id, person_id, assignment_id, peacetime_role, "
                   "emergency_role, added_by) VALUES (?,?,?,?,?,?,?) RETURNING id",
                   {m.team_id, emergency_id, m.person_id, opt(m.assignment_id), m.peacetime_role,
                    std::string(to_string(m.role)), m.added_by});
}

Status delete_member(Db& db, Id team_id, Id person_id) {
  WEIGE_ASSIGN(auto n, db.execute("DELETE FROM emergency_members WHERE team_id = ? AND person_id = ?", {team_id, person_id}));
  if (n == 0) return Status::not_found("person " + std::to_string(person_id) + " is not on team " + std::to_string(team_id));
  return db.execute("UPDATE emergency_teams SET leader_person_id = NULL WHERE id = ? AND leader_person_id = ?",
                    {team_id, person_id})
      .status();
}

Status set_team_leader(Db& db, Id team_id, std::optional<Id> person_id) {
  return db.execute("UPDATE emergency_teams SET leader_person_id = ? WHERE id = ?", {opt(person_id), team_id}).status();
}

namespace {

Result<std::vector<TeamRecord>> teams_where(Db& db, const std::string& where, const Params& p) {
  std::vector<TeamRecord> out;
  WEIGE_TRY(db.query("SELECT t.id, t.emergency_id, t.kind, t.place_id, t.compound_id, pl.name, t.leader_person_id, "
                     "t.borrowed FROM emergency_teams t JOIN places pl ON pl.id = t.place_id WHERE " +
                         where + " ORDER BY t.compound_id, t.kind DESC, t.place_id",
                     p, [&](const Row& r) {
                       TeamRecord t;
                       t.id = r.i64(0);
                       t.emergency_id = r.i64(1);
                       t.kind = r.text(2) == "task_force" ? TeamKind::kTaskForce : TeamKind::kBuildingTeam;
                       t.place_id = r.i64(3);
                       t.compound_id = r.i64(4);
                       t.place_name = r.text(5);
                       t.leader_person_id = r.opt_i64(6);
                       t.borrowed = r.i64(7) != 0;
                       out.push_back(std::move(t));
                     }));
  if (out.empty()) return out;
  std::map<Id, TeamRecord*> by_id;
  for (auto& t : out) by_id[t.id] = &t;
  Params ids;
  for (auto& t : out) ids.emplace_back(t.id);
  // Members in one pass (chunks keep the parameter count bounded).
  for (std::size_t from = 0; from < ids.size(); from += 500) {
    Params chunk(ids.begin() + static_cast<std::ptrdiff_t>(from),
                 ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + 500)));
    WEIGE_TRY(db.query("SELECT id, team_id, person_id, assignment_id, peacetime_role, emergency_role, added_by FROM "
                       "emergency_members WHERE team_id IN " + in_list(chunk.size()) + " ORDER BY team_id, person_id",
                       chunk, [&](const Row& r) {
                         by_id[r.i64(1)]->members.push_back(
                             {r.i64(0), r.i64(1), r.i64(2), r.opt_i64(3), r.text(4),
                              parse_emergency_role(r.text(5)).value_or(EmergencyRole::kResponder), r.text(6)});
                       }));
  }
  return out;
}

}  // namespace

Result<TeamRecord> get_team(Db& db, Id team_id) {
  WEIGE_ASSIGN(auto teams, teams_where(db, "t.id = ?", {team_id}));
  if (teams.empty()) return Status::not_found("team " + std::to_string(team_id) + " does not exist", {{"team_id", team_id}});
  return teams.front();
}

Result<std::vector<TeamRecord>> list_teams(Db& db, Id emergency_id, std::optional<Id> compound_id) {
  if (compound_id) return teams_where(db, "t.emergency_id = ? AND t.compound_id = ?", {emergency_id, *compound_id});
  return teams_where(db, "t.emergency_id = ?", {emergency_id});
}

Result<std::vector<TeamMemberRecord>> memberships_of(Db& db, Id person_id, bool active_only) {
  std::vector<TeamMemberRecord> out;
  WEIGE_TRY(db.query(std::string("SELECT m.id, m.team_id, m.person_id, m.assignment_id, m.peacetime_role, "
                                 "m.emergency_role, m.added_by FROM emergency_members m JOIN emergencies e ON e.id = "
                                 "m.emergency_id WHERE m.person_id = ?") +
                         (active_only ? " AND e.ended_at IS NULL" : "") + " ORDER BY m.emergency_id DESC, m.team_id",
                     {person_id}, [&](const Row& r) {
                       out.push_back({r.i64(0), r.i64(1), r.i64(2), r.opt_i64(3), r.text(4),
                                      parse_emergency_role(r.text(5)).value_or(EmergencyRole::kResponder), r.text(6)});
                     }));
  return out;
}

namespace {
RoundRecord round_from(const Row& r) {
  return {r.i64(0), r.i64(1), static_cast<int>(r.i64(2)), r.text(3), r.i64(4), r.opt_i64(5), r.i64(6), r.opt_i64(7)};
}
constexpr const char* kRoundColumns =
    "id, emergency_id, round, fields, started_at, closed_at, households, full_coverage_at";
}  // namespace

Result<RoundRecord> create_round(Db& db, Id emergency_id, const std::string& fields, Seconds at) {
  WEIGE_ASSIGN(std::int64_t next, db.scalar("SELECT coalesce(max(round), 0) + 1 FROM screening_rounds WHERE "
                                            "emergency_id = ?",
                                            {emergency_id}));
  WEIGE_TRY(db.execute("UPDATE screening_rounds SET closed_at = ? WHERE emergency_id = ? AND closed_at IS NULL",
                       {at, emergency_id})
                .status());
  WEIGE_ASSIGN(Id round_id, db.scalar("INSERT INTO screening_rounds (emergency_id, round, fields, started_at) VALUES "
                                      "(?,?,?,?) RETURNING id",
                                      {emergency_id, next, fields, at}));
  WEIGE_ASSIGN(std::int64_t n,
               db.execute("INSERT INTO screening_tasks (round_id, household_id, building_id, compound_id, grid_id, "
                          "team_id) SELECT ?1, h.id, b.id, b.parent_id, coalesce(h.grid_id, u.grid_id, b.grid_id), "
                          "t.id FROM emergency_places ep JOIN places b ON b.parent_id = ep.place_id AND b.kind = "
                          "'building' JOIN places u ON u.parent_id = b.id AND u.kind = 'unit' JOIN places h ON "
                          "h.parent_id = u.id AND h.kind = 'household' LEFT JOIN emergency_teams t ON "
                          "t.emergency_id = ep.emergency_id AND t.place_id = b.id WHERE ep.emergency_id = ?2",
                          {round_id, emergency_id}));
  WEIGE_TRY(db.execute("UPDATE screening_rounds SET households = ? WHERE id = ?", {n, round_id}).status());
  return RoundRecord{round_id, emergency_id, static_cast<int>(next), fields, at, std::nullopt, n, std::nullopt};
}

Result<std::vector<RoundRecord>> list_rounds(Db& db, Id emergency_id) {
  std::vector<RoundRecord> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kRoundColumns + " FROM screening_rounds WHERE emergency_id = ? ORDER BY round",
                     {emergency_id}, [&](const Row& r) { out.push_back(round_from(r)); }));
  return out;
}

Result<RoundRecord> current_round(Db& db, Id emergency_id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kRoundColumns +
                                  " FROM screening_rounds WHERE emergency_id = ? ORDER BY round DESC LIMIT 1",
                              {emergency_id}));
  if (!r) return Status::not_found("emergency " + std::to_string(emergency_id) + " has no screening round");
  return round_from(*r);
}

Status close_rounds(Db& db, Id emergency_id, Seconds at) {
  return db.execute("UPDATE screening_rounds SET closed_at = ? WHERE emergency_id = ? AND closed_at IS NULL",
                    {at, emergency_id})
      .status();
}

Result<TaskRecord> get_task(Db& db, Id task_id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kTaskColumns + kTaskJoins + " WHERE t.id = ?", {task_id}));
  if (!r) return Status::not_found("screening task " + std::to_string(task_id) + " does not exist", {{"task_id", task_id}});
  return task_from(*r);
}

Status update_task(Db& db, const TaskRecord& t) {
  return db
      .execute("UPDATE screening_tasks SET outcome = ?, data = ?, restricted = ?, note = ?, attempts = ?, "
               "screened_by = ?, screened_at = ?, covered_at = ? WHERE id = ?",
               {std::string(to_string(t.outcome)), t.data, static_cast<std::int64_t>(t.restricted), t.note,
                static_cast<std::int64_t>(t.attempts), opt(t.screened_by), opt(t.screened_at), opt(t.covered_at), t.id})
      .status();
}

Status note_coverage(Db& db, Id round_id, Seconds at) {
  return db
      .execute("UPDATE screening_rounds SET full_coverage_at = ? WHERE id = ? AND full_coverage_at IS NULL AND NOT "
               "EXISTS (SELECT 1 FROM screening_tasks WHERE round_id = ? AND outcome IN ('pending','not_at_home'))",
               {at, round_id, round_id})
      .status();
}

Result<std::pair<std::vector<TaskRecord>, std::int64_t>> list_tasks(Db& db, const TaskFilter& f, const TaskScope& scope) {
  std::string where = " WHERE t.round_id = ?";
  Params p{f.round_id};
  if (f.building_id) {
    where += " AND t.building_id = ?";
    p.emplace_back(*f.building_id);
  }
  if (f.team_id) {
    where += " AND t.team_id = ?";
    p.emplace_back(*f.team_id);
  }
  if (f.compound_id) {
    where += " AND t.compound_id = ?";
    p.emplace_back(*f.compound_id);
  }
  where += within_grid_sql(f.grid_id, p);
  if (f.uncovered_only) where += " AND t.outcome IN ('pending','not_at_home')";
  where += scope_sql(scope, p, "t.grid_id", "t.compound_id", "t.team_id");
  WEIGE_ASSIGN(std::int64_t total, db.scalar("SELECT count(*) FROM screening_tasks t" + where, p));
  std::vector<TaskRecord> out;
  Params page = p;
  page.emplace_back(static_cast<std::int64_t>(f.limit));
  page.emplace_back(static_cast<std::int64_t>(f.offset));
  WEIGE_TRY(db.query(std::string("SELECT ") + kTaskColumns + kTaskJoins + where +
                         " ORDER BY t.building_id, t.household_id LIMIT ? OFFSET ?",
                     page, [&](const Row& r) { out.push_back(task_from(r)); }));
  return std::make_pair(std::move(out), total);
}

Result<std::vector<ProgressRow>> round_progress(Db& db, Id round_id, const std::string& by, const TaskScope& scope,
                                                std::optional<Id> within_grid) {
  std::string key, name_join, from = " FROM screening_tasks t";
  if (by == "building" || by == "compound") {
    key = "t." + by + "_id";
    name_join = " LEFT JOIN places n ON n.id = k";
  } else if (by == "grid") {
    key = "t.grid_id";
    name_join = " LEFT JOIN grids n ON n.id = k";
  } else if (by == "area") {
    // A micro-grid's tasks count for the ordinary (or exclusive) grid it lies in.
    key = "CASE WHEN g.kind = 'micro_grid' THEN g.parent_id ELSE t.grid_id END";
    from += " LEFT JOIN grids g ON g.id = t.grid_id";
    name_join = " LEFT JOIN grids n ON n.id = k";
  } else if (by == "total") {
    key = "0";
    name_join = " LEFT JOIN places n ON 0";
  } else {
    return Status::invalid("progress is by building, compound, grid, area or total", {{"parameter", "by"}});
  }
  Params p{round_id};
  // Two statements: the parameters must follow the order of the clauses.
  std::string where = " WHERE t.round_id = ?" + scope_sql(scope, p, "t.grid_id", "t.compound_id", "t.team_id");
  where += within_grid_sql(within_grid, p);
  std::vector<ProgressRow> out;
  WEIGE_TRY(db.query(
      "SELECT k, coalesce(n.name, ''), total, pending, reached, not_at_home, refused, needs_help FROM (SELECT " + key +
          " AS k, count(*) AS total, sum(t.outcome = 'pending') AS pending, sum(t.outcome = 'reached') AS reached, "
          "sum(t.outcome = 'not_at_home') AS not_at_home, sum(t.outcome = 'refused') AS refused, "
          "sum(t.outcome = 'needs_help') AS needs_help" + from +
          where + " GROUP BY k) s" + name_join + " ORDER BY k",
      p, [&](const Row& r) {
        out.push_back({r.i64(0), r.text(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5), r.i64(6), r.i64(7)});
      }));
  if (by == "total" && out.empty()) out.push_back({});
  return out;
}

Result<Id> insert_errand(Db& db, const ErrandRecord& e) {
  return db.scalar("INSERT INTO errands (emergency_id, household_id, building_id, team_id, kind, details, state, "
                   "requested_by, requested_at, due_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                   {e.emergency_id, e.household_id, e.building_id, opt(e.team_id), std::string(to_string(e.kind)),
                    e.details, std::string(to_string(e.state)), e.requested_by, e.requested_at, e.due_at});
}

Result<ErrandRecord> get_errand(Db& db, Id id) {
  WEIGE_ASSIGN(auto r, db.row(std::string("SELECT ") + kErrandColumns + kErrandJoins + " WHERE e.id = ?", {id}));
  if (!r) return Status::not_found("errand " + std::to_string(id) + " does not exist", {{"errand_id", id}});
  return errand_from(*r);
}

Status update_errand(Db& db, const ErrandRecord& e) {
  return db
      .execute("UPDATE errands SET state = ?, runner_person_id = ?, accepted_at = ?, done_at = ?, confirmed_at = ?, "
               "cancelled_at = ?, note = ? WHERE id = ?",
               {std::string(to_string(e.state)), opt(e.runner_person_id), opt(e.accepted_at), opt(e.done_at),
                opt(e.confirmed_at), opt(e.cancelled_at), e.note, e.id})
      .status();
}

Result<std::vector<ErrandRecord>> list_errands(Db& db, const ErrandFilter& f, const TaskScope& scope) {
  std::string where = " WHERE e.emergency_id = ?";
  Params p{f.emergency_id};
  if (f.state) {
    where += " AND e.state = ?";
    p.emplace_back(std::string(to_string(*f.state)));
  }
  if (f.household_id) {
    where += " AND e.household_id = ?";
    p.emplace_back(*f.household_id);
  }
  if (f.open_only || f.overdue_at) where += " AND e.state IN ('requested','accepted')";
  if (f.overdue_at) {
    where += " AND e.due_at < ?";
    p.emplace_back(*f.overdue_at);
  }
  // Errands carry no grid of their own: scope through the household's unit and the building's compound.
  where += scope_sql(scope, p, "u.grid_id", "c.id", "e.team_id");
  std::vector<ErrandRecord> out;
  WEIGE_TRY(db.query(std::string("SELECT ") + kErrandColumns + kErrandJoins + where + " ORDER BY e.id", p,
                     [&](const Row& r) { out.push_back(errand_from(r)); }));
  return out;
}

Result<std::optional<HouseholdPlace>> household_in_emergency(Db& db, Id emergency_id, Id household_id) {
  WEIGE_ASSIGN(auto r, db.row("SELECT h.id, b.id, b.parent_id FROM places h JOIN places u ON u.id = h.parent_id JOIN "
                              "places b ON b.id = u.parent_id JOIN emergency_places ep ON ep.place_id = b.parent_id "
                              "AND ep.emergency_id = ? WHERE h.id = ? AND h.kind = 'household'",
                              {emergency_id, household_id}));
  if (!r) return std::optional<HouseholdPlace>();
  return std::optional<HouseholdPlace>(HouseholdPlace{r->i64(0), r->i64(1), r->i64(2)});
}

}  // namespace weige::store
