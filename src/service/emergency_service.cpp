#include "service/emergency_service.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>
#include <set>

namespace weige::service {
namespace {

using nlohmann::json;

Status invalid_field(const std::string& message, const std::string& field) {
  return Status::invalid(message, {{"field", field}});
}

}  // namespace

json default_fields(EmergencyType type) {
  if (type == EmergencyType::kEpidemic) {
    return json::array({{{"key", "health"}, {"label", "健康状况 Health"}, {"type", "choice"},
                         {"options", {"normal", "fever", "isolating"}}, {"required", true}},
                        {{"key", "people_home"}, {"label", "在家人数 People at home"}, {"type", "number"}},
                        {{"key", "needs"}, {"label", "需求 Needs"}, {"type", "text"}}});
  }
  return json::array({{{"key", "safe"}, {"label", "人员安全 Everyone safe"}, {"type", "bool"}, {"required", true}},
                      {{"key", "needs"}, {"label", "需求 Needs"}, {"type", "text"}}});
}

Status validate_fields(const json& fields) {
  if (!fields.is_array()) return invalid_field("fields is an array of {key, label, type}", "fields");
  if (fields.size() > 30) return invalid_field("at most 30 fields", "fields");
  static const std::regex key_re("^[a-z][a-z0-9_]{0,39}$");
  std::set<std::string> keys;
  for (const auto& f : fields) {
    if (!f.is_object() || !f.contains("key") || !f["key"].is_string() || !f.contains("type") || !f["type"].is_string()) {
      return invalid_field("each field is {key, label, type}", "fields");
    }
    std::string key = f["key"];
    std::string type = f["type"];
    if (!std::regex_match(key, key_re)) return invalid_field("field key '" + key + "' is lower_snake_case", "fields");
    if (!keys.insert(key).second) return invalid_field("field key '" + key + "' appears twice", "fields");
    if (type != "text" && type != "bool" && type != "number" && type != "choice") {
      return invalid_field("field type is text, bool, number or choice", "fields");
    }
    if (f.contains("label") && !f["label"].is_string()) return invalid_field("a field label is a string", "fields");
    if (f.contains("required") && !f["required"].is_boolean()) return invalid_field("'required' is a boolean", "fields");
    if (type == "choice") {
      if (!f.contains("options") || !f["options"].is_array() || f["options"].empty()) {
        return invalid_field("a choice field needs options", "fields");
      }
      for (const auto& o : f["options"]) {
        if (!o.is_string()) return invalid_field("choice options are strings", "fields");
      }
    }
  }
  return {};
}

Status validate_screening_data(const json& fields, const json& data, bool covered) {
  if (!data.is_object()) return invalid_field("data is an object of the round's fields", "data");
  std::map<std::string, const json*> by_key;
  for (const auto& f : fields) by_key[f["key"].get<std::string>()] = &f;
  for (const auto& [k, v] : data.items()) {
    auto it = by_key.find(k);
    if (it == by_key.end()) return invalid_field("'" + k + "' is not a field of this round", "data." + k);
    const json& f = *it->second;
    std::string type = f["type"];
    bool ok = (type == "text" && v.is_string() && v.get<std::string>().size() <= 500) ||
              (type == "bool" && v.is_boolean()) || (type == "number" && v.is_number()) ||
              (type == "choice" && v.is_string() &&
               std::find(f["options"].begin(), f["options"].end(), v) != f["options"].end());
    if (!ok) return invalid_field("'" + k + "' takes a " + type + (type == "text" ? " of at most 500 bytes" : ""), "data." + k);
  }
  if (covered) {
    for (const auto& [k, f] : by_key) {
      if (f->value("required", false) && !data.contains(k)) {
        return invalid_field("'" + k + "' is required when the household was reached", "data." + k);
      }
    }
  }
  return {};
}

bool EmergencyScope::sees(const std::vector<Id>& compounds) const {
  if (all) return true;
  for (Id c : compounds) {
    if (std::binary_search(visible_compounds.begin(), visible_compounds.end(), c)) return true;
  }
  return false;
}

Result<EmergencyScope> emergency_scope_of(store::Db& db, const Principal& p, const Scope& s) {
  EmergencyScope out;
  if (s.all) {
    out.all = true;
    return out;
  }
  out.tasks.all = false;
  out.tasks.grid_ids = s.grid_ids;
  std::set<Id> visible, own;
  if (!s.grid_ids.empty()) {
    std::string in = store::in_list(s.grid_ids.size());
    store::Params params(s.grid_ids.begin(), s.grid_ids.end());
    WEIGE_TRY(db.query("SELECT id FROM places WHERE kind IN ('compound','office_tower','mall','shop_street') AND "
                       "grid_id IN " + in,
                       params, [&](const store::Row& r) { own.insert(r.i64(0)); }));
    visible = own;
    WEIGE_TRY(db.query("SELECT DISTINCT b.parent_id FROM places u JOIN places b ON b.id = u.parent_id WHERE u.kind = "
                       "'unit' AND u.grid_id IN " + in,
                       params, [&](const store::Row& r) { visible.insert(r.i64(0)); }));
  }
  if (p.role == Role::kPropertyStaff && s.organisation_id) {
    WEIGE_TRY(db.query("SELECT place_id FROM property_contracts WHERE organisation_id = ?", {*s.organisation_id},
                       [&](const store::Row& r) {
                         own.insert(r.i64(0));
                         visible.insert(r.i64(0));
                       }));
  }
  if (p.person_id) {
    WEIGE_TRY(db.query("SELECT m.team_id, t.compound_id FROM emergency_members m JOIN emergency_teams t ON t.id = "
                       "m.team_id JOIN emergencies e ON e.id = m.emergency_id WHERE m.person_id = ? AND e.ended_at "
                       "IS NULL",
                       {*p.person_id}, [&](const store::Row& r) {
                         out.tasks.team_ids.push_back(r.i64(0));
                         visible.insert(r.i64(1));
                       }));
  }
  out.tasks.compound_ids.assign(own.begin(), own.end());
  out.visible_compounds.assign(visible.begin(), visible.end());
  return out;
}

EmergencyService::EmergencyService(store::Db& db, Clock clock) : db_(db), clock_(std::move(clock)) {}

Result<store::EmergencyRecord> EmergencyService::active(Id id) {
  WEIGE_ASSIGN(auto e, store::get_emergency(db_, id));
  if (!e.active()) return Status::conflict("emergency " + std::to_string(id) + " has ended", {{"emergency_id", id}});
  return e;
}

Result<DeclareResult> EmergencyService::declare(const DeclareInput& in, const std::string& by) {
  Seconds now = clock_();
  if (in.name.empty() || in.name.size() > 200) return invalid_field("an emergency needs a name (at most 200 bytes)", "name");
  if (in.level < 1 || in.level > 4) return invalid_field("level is 1 (most serious) to 4", "level");
  if (in.scope_kind != "subdistrict" && in.scope_kind != "community" && in.scope_kind != "grid" &&
      in.scope_kind != "compounds") {
    return invalid_field("scope_kind is subdistrict, community, grid or compounds", "scope_kind");
  }
  if (in.scope_ids.empty() || in.scope_ids.size() > 10000) return invalid_field("scope_ids lists 1 to 10000 ids", "scope_ids");
  if (!(in.deadline_factor > 0 && in.deadline_factor <= 1)) return invalid_field("deadline_factor is in (0, 1]", "deadline_factor");
  if (!(in.errand_hours > 0 && in.errand_hours <= 168)) return invalid_field("errand_hours is in (0, 168]", "errand_hours");
  if (in.started_at && *in.started_at > now) return invalid_field("an emergency cannot start in the future", "started_at");
  json fields = in.fields.is_null() ? default_fields(in.type) : in.fields;
  WEIGE_TRY(validate_fields(fields));

  DeclareResult out;
  auto lap = std::chrono::steady_clock::now();
  auto stage = [&](std::string name) {
    auto t = std::chrono::steady_clock::now();
    out.stage_seconds.emplace_back(std::move(name), std::chrono::duration<double>(t - lap).count());
    lap = t;
  };
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    store::EmergencyRecord e;
    e.name = in.name;
    e.type = in.type;
    e.level = in.level;
    e.scope_kind = in.scope_kind;
    e.scope_ids = in.scope_ids;
    e.deadline_factor = in.deadline_factor;
    e.errand_hours = in.errand_hours;
    e.note = in.note;
    e.started_at = in.started_at.value_or(now);
    e.declared_at = now;
    e.declared_by = by;
    WEIGE_ASSIGN(e.id, store::insert_emergency(db_, e));
    WEIGE_ASSIGN(out.places, store::resolve_emergency_scope(db_, e.id, in.scope_kind, in.scope_ids));
    if (out.places == 0) return invalid_field("the scope holds no compound", "scope_ids");
    WEIGE_ASSIGN(auto overlap, store::overlapping_emergencies(db_, e.id));
    if (!overlap.empty()) {
      return Status::conflict("the scope overlaps an active emergency; raise its level or declare for the other "
                              "compounds only",
                              {{"emergencies", overlap}});
    }
    WEIGE_ASSIGN(auto map, store::load_role_map(db_));
    std::map<std::string, EmergencyRole, std::less<>> role_map(map.begin(), map.end());
    auto role_of = [&](std::string_view key) {
      auto it = role_map.find(key);
      return it == role_map.end() ? default_emergency_role(key) : it->second;
    };
    stage("scope");
    WEIGE_ASSIGN(auto buildings, store::team_buildings(db_, e.id));
    WEIGE_ASSIGN(auto candidates, store::team_candidates(db_, e.id));
    stage("roster");
    std::vector<TeamPlan> plans = form_teams(buildings, candidates, role_of);
    out.buildings = static_cast<std::int64_t>(buildings.size());
    WEIGE_TRY(store::insert_teams(db_, e.id, plans));
    for (const auto& plan : plans) {
      ++out.teams;
      out.members += static_cast<std::int64_t>(plan.members.size());
      if (plan.kind == TeamKind::kBuildingTeam && plan.members.empty()) out.unstaffed_buildings.push_back(plan.place_id);
    }
    stage("teams");
    WEIGE_ASSIGN(out.round, store::create_round(db_, e.id, fields.dump(), now));
    stage("round");
    out.emergency = e;
    return {};
  }));
  stage("commit");
  return out;
}

Result<store::EmergencyRecord> EmergencyService::end(Id id, const std::string& by, const std::string& note) {
  if (note.size() > 2000) return invalid_field("note has at most 2000 bytes", "note");
  Seconds now = clock_();
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_TRY(active(id).status());
    WEIGE_TRY(store::end_emergency(db_, id, now, by, note));
    WEIGE_TRY(store::close_rounds(db_, id, now));
    return db_
        .execute("UPDATE errands SET state = 'cancelled', cancelled_at = ?, note = CASE WHEN note = '' THEN "
                 "'emergency ended' ELSE note END WHERE emergency_id = ? AND state IN ('requested','accepted')",
                 {now, id})
        .status();
  }));
  return store::get_emergency(db_, id);
}

Result<store::EmergencyRecord> EmergencyService::set_level(Id id, int level) {
  if (level < 1 || level > 4) return invalid_field("level is 1 (most serious) to 4", "level");
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_TRY(active(id).status());
    return store::set_emergency_level(db_, id, level);
  }));
  return store::get_emergency(db_, id);
}

Result<store::RoundRecord> EmergencyService::new_round(Id id, const json& fields_in) {
  store::RoundRecord out;
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto e, active(id));
    json fields = fields_in;
    if (fields.is_null()) {
      WEIGE_ASSIGN(auto last, store::current_round(db_, id));
      fields = json::parse(last.fields, nullptr, false);
    }
    WEIGE_TRY(validate_fields(fields));
    WEIGE_ASSIGN(out, store::create_round(db_, e.id, fields.dump(), clock_()));
    return {};
  }));
  return out;
}

Result<store::TaskRecord> EmergencyService::record(Id task_id, const ScreeningInput& in, std::optional<Id> by_person) {
  if (in.outcome == ScreeningOutcome::kPending) return invalid_field("record an outcome other than pending", "outcome");
  if (in.note.size() > 2000) return invalid_field("note has at most 2000 bytes", "note");
  store::TaskRecord t;
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(t, store::get_task(db_, task_id));
    WEIGE_ASSIGN(auto round_row, db_.row("SELECT emergency_id, closed_at, fields FROM screening_rounds WHERE id = ?",
                                         {t.round_id}));
    if (!round_row) return Status::internal("task without its round");
    WEIGE_TRY(active(round_row->i64(0)).status());
    if (!round_row->is_null(1)) {
      return Status::conflict("this screening round is closed; record in the current round", {{"round_id", t.round_id}});
    }
    json fields = json::parse(round_row->text(2), nullptr, false);
    WEIGE_TRY(validate_screening_data(fields, in.data, covers(in.outcome)));
    Seconds now = clock_();
    t.outcome = in.outcome;
    t.data = in.data.dump();
    if (in.restricted) t.restricted = *in.restricted;
    t.note = in.note;
    ++t.attempts;
    t.screened_by = by_person;
    t.screened_at = now;
    if (covers(in.outcome) && !t.covered_at) t.covered_at = now;
    if (!covers(in.outcome)) t.covered_at.reset();
    WEIGE_TRY(store::update_task(db_, t));
    return store::note_coverage(db_, t.round_id, now);
  }));
  return t;
}

Result<store::ErrandRecord> EmergencyService::request_errand(Id emergency_id, Id household_id, ErrandKind kind,
                                                             const std::string& details, const std::string& by) {
  if (details.size() > 1000) return invalid_field("details has at most 1000 bytes", "details");
  Id id = 0;
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto e, active(emergency_id));
    WEIGE_ASSIGN(auto hh, store::household_in_emergency(db_, emergency_id, household_id));
    if (!hh) return invalid_field("household " + std::to_string(household_id) + " is not in this emergency's scope",
                                  "household_id");
    WEIGE_ASSIGN(auto team, db_.row("SELECT id FROM emergency_teams WHERE emergency_id = ? AND place_id = ?",
                                    {emergency_id, hh->building_id}));
    Seconds now = clock_();
    store::ErrandRecord r;
    r.emergency_id = emergency_id;
    r.household_id = household_id;
    r.building_id = hh->building_id;
    if (team) r.team_id = team->i64(0);
    r.kind = kind;
    r.details = details;
    r.requested_by = by;
    r.requested_at = now;
    r.due_at = now + static_cast<Seconds>(e.errand_hours * 3600);
    WEIGE_ASSIGN(id, store::insert_errand(db_, r));
    return {};
  }));
  return store::get_errand(db_, id);
}

Result<store::ErrandRecord> EmergencyService::act_errand(Id errand_id, ErrandAction action, const ErrandCaller& caller,
                                                         const std::string& note) {
  if (note.size() > 1000) return invalid_field("note has at most 1000 bytes", "note");
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto r, store::get_errand(db_, errand_id));
    WEIGE_TRY(active(r.emergency_id).status());
    WEIGE_ASSIGN(ErrandTransition t, decide_errand(r.state, action));
    bool allowed = caller.manager || (t.by == ErrandParty::kHousehold && caller.household) ||
                   (t.by == ErrandParty::kTeam && caller.team) ||
                   (t.by == ErrandParty::kEither && (caller.household || caller.team));
    // Only the runner who accepted marks it done (or a manager).
    if (allowed && action == ErrandAction::kDone && !caller.manager) allowed = caller.person_id == r.runner_person_id;
    if (!allowed) {
      return Status::forbidden("you may not '" + std::string(to_string(action)) + "' this errand");
    }
    if (action == ErrandAction::kAccept && !caller.person_id) {
      return Status::invalid("accepting an errand needs an account linked to a person", {{"field", "action"}});
    }
    Seconds now = clock_();
    r.state = t.to;
    switch (action) {
      case ErrandAction::kAccept:
        r.runner_person_id = caller.person_id;
        r.accepted_at = now;
        break;
      case ErrandAction::kDone: r.done_at = now; break;
      case ErrandAction::kConfirm: r.confirmed_at = now; break;
      case ErrandAction::kCancel: r.cancelled_at = now; break;
    }
    if (!note.empty()) r.note = note;
    return store::update_errand(db_, r);
  }));
  return store::get_errand(db_, errand_id);
}

Result<store::TeamRecord> EmergencyService::add_member(Id team_id, Id person_id, EmergencyRole role,
                                                       const std::string& by) {
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto team, store::get_team(db_, team_id));
    WEIGE_TRY(active(team.emergency_id).status());
    WEIGE_ASSIGN(auto person, db_.row("SELECT id FROM persons WHERE id = ?", {person_id}));
    if (!person) return invalid_field("person " + std::to_string(person_id) + " does not exist", "person_id");
    for (const auto& m : team.members) {
      if (m.person_id == person_id) return Status::conflict("person " + std::to_string(person_id) + " is already on this team");
    }
    WEIGE_ASSIGN(auto peacetime, db_.row("SELECT id, role, duty FROM assignments WHERE person_id = ? ORDER BY id LIMIT 1",
                                         {person_id}));
    store::TeamMemberRecord m;
    m.team_id = team_id;
    m.person_id = person_id;
    m.role = role;
    m.added_by = by;
    if (peacetime) {
      m.assignment_id = peacetime->i64(0);
      m.peacetime_role = peacetime_key(parse_grid_role(peacetime->text(1)).value_or(GridRole::kVolunteer),
                                       parse_peacetime_duty(peacetime->text(2)).value_or(PeacetimeDuty::kNone));
    }
    WEIGE_TRY(store::insert_member(db_, team.emergency_id, m).status());
    if (!team.leader_person_id) WEIGE_TRY(store::set_team_leader(db_, team_id, person_id));
    return db_.execute("UPDATE emergency_teams SET borrowed = 0 WHERE id = ?", {team_id}).status();
  }));
  return store::get_team(db_, team_id);
}

Result<store::TeamRecord> EmergencyService::remove_member(Id team_id, Id person_id) {
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto team, store::get_team(db_, team_id));
    WEIGE_TRY(active(team.emergency_id).status());
    return store::delete_member(db_, team_id, person_id);
  }));
  return store::get_team(db_, team_id);
}

Result<store::TeamRecord> EmergencyService::set_leader(Id team_id, Id person_id) {
  WEIGE_TRY(store::in_write_transaction(db_, [&]() -> Status {
    WEIGE_ASSIGN(auto team, store::get_team(db_, team_id));
    WEIGE_TRY(active(team.emergency_id).status());
    bool member = std::any_of(team.members.begin(), team.members.end(),
                              [&](const auto& m) { return m.person_id == person_id; });
    if (!member) return invalid_field("the leader must be a member of the team", "person_id");
    return store::set_team_leader(db_, team_id, person_id);
  }));
  return store::get_team(db_, team_id);
}

Result<json> EmergencyService::report(Id id) {
  WEIGE_ASSIGN(auto e, store::get_emergency(db_, id));
  json out;
  Seconds until = e.ended_at.value_or(clock_());
  out["duration_hours"] = static_cast<double>(until - e.started_at) / 3600.0;
  WEIGE_ASSIGN(auto places, db_.scalar("SELECT count(*) FROM emergency_places WHERE emergency_id = ?", {id}));
  out["places"] = places;
  json teams = {{"task_forces", 0}, {"building_teams", 0}, {"members", 0}, {"people", 0}, {"borrowed", 0},
                {"unstaffed", 0}, {"by_role", {{"responder", 0}, {"screener", 0}, {"errand_runner", 0}}}};
  WEIGE_TRY(db_.query("SELECT kind, count(*), sum(borrowed), sum(NOT EXISTS (SELECT 1 FROM emergency_members m "
                      "WHERE m.team_id = t.id)) FROM emergency_teams t WHERE emergency_id = ? GROUP BY kind",
                      {id}, [&](const store::Row& r) {
                        teams[r.text(0) == "task_force" ? "task_forces" : "building_teams"] = r.i64(1);
                        if (r.text(0) == "building_team") {
                          teams["borrowed"] = r.i64(2);
                          teams["unstaffed"] = r.i64(3);
                        }
                      }));
  WEIGE_TRY(db_.query("SELECT emergency_role, count(*), count(DISTINCT person_id) FROM emergency_members WHERE "
                      "emergency_id = ? GROUP BY emergency_role",
                      {id}, [&](const store::Row& r) {
                        teams["by_role"][r.text(0)] = r.i64(1);
                        teams["members"] = teams["members"].get<std::int64_t>() + r.i64(1);
                      }));
  WEIGE_ASSIGN(auto people, db_.scalar("SELECT count(DISTINCT person_id) FROM emergency_members WHERE emergency_id = ?", {id}));
  teams["people"] = people;
  out["teams"] = teams;

  json rounds = json::array();
  WEIGE_ASSIGN(auto list, store::list_rounds(db_, id));
  for (const auto& round : list) {
    WEIGE_ASSIGN(auto rows, store::round_progress(db_, round.id, "total", store::TaskScope{}));
    const auto& p = rows.front();
    json j{{"round", round.round},         {"households", round.households}, {"covered", p.covered()},
           {"pending", p.pending},         {"reached", p.reached},           {"not_at_home", p.not_at_home},
           {"refused", p.refused},         {"needs_help", p.needs_help},     {"started_at", round.started_at},
           {"closed_at", round.closed_at ? json(*round.closed_at) : json(nullptr)},
           {"coverage", round.households ? static_cast<double>(p.covered()) / static_cast<double>(round.households) : 1.0},
           {"full_coverage_at", round.full_coverage_at ? json(*round.full_coverage_at) : json(nullptr)},
           {"hours_to_full_coverage",
            round.full_coverage_at ? json(static_cast<double>(*round.full_coverage_at - round.started_at) / 3600.0)
                                   : json(nullptr)}};
    rounds.push_back(j);
  }
  out["rounds"] = rounds;
  out["households"] = list.empty() ? 0 : list.front().households;

  json errands = {{"total", 0}, {"requested", 0}, {"accepted", 0}, {"done", 0}, {"confirmed", 0}, {"cancelled", 0}};
  WEIGE_TRY(db_.query("SELECT state, count(*) FROM errands WHERE emergency_id = ? GROUP BY state", {id},
                      [&](const store::Row& r) {
                        errands[r.text(0)] = r.i64(1);
                        errands["total"] = errands["total"].get<std::int64_t>() + r.i64(1);
                      }));
  std::vector<double> minutes;
  std::int64_t late = 0;
  WEIGE_TRY(db_.query("SELECT done_at - requested_at, done_at > due_at FROM errands WHERE emergency_id = ? AND done_at "
                      "IS NOT NULL ORDER BY 1",
                      {id}, [&](const store::Row& r) {
                        minutes.push_back(static_cast<double>(r.i64(0)) / 60.0);
                        late += r.i64(1);
                      }));
  errands["completed"] = minutes.size();
  errands["completed_late"] = late;
  errands["minutes_to_done"] =
      minutes.empty() ? json(nullptr)
                      : json{{"median", minutes[minutes.size() / 2]},
                             {"max", minutes.back()},
                             {"mean", [&] {
                                double s = 0;
                                for (double m : minutes) s += m;
                                return s / static_cast<double>(minutes.size());
                              }()}};
  WEIGE_ASSIGN(auto overdue, db_.scalar("SELECT count(*) FROM errands WHERE emergency_id = ? AND state IN "
                                        "('requested','accepted') AND due_at < ?",
                                        {id, clock_()}));
  errands["overdue_open"] = overdue;
  out["errands"] = errands;

  WEIGE_ASSIGN(auto cases, db_.row("SELECT count(*), sum(closed_at IS NOT NULL OR state IN ('closed','rated')), "
                                   "sum(state NOT IN ('closed','rated','rejected','merged')) FROM cases WHERE "
                                   "emergency_id = ?",
                                   {id}));
  out["cases"] = {{"opened", cases->i64(0)}, {"closed", cases->i64(1)}, {"open", cases->i64(2)}};
  return out;
}

Result<std::optional<store::EmergencyRecord>> emergency_for_case(store::Db& db, const store::CaseRecord& c) {
  if (c.compound_id) {
    WEIGE_ASSIGN(auto e, store::active_emergency_at(db, *c.compound_id));
    if (e) return e;
  }
  if (c.grid_id) return store::active_emergency_in_grid(db, *c.grid_id);
  return std::optional<store::EmergencyRecord>();
}

}  // namespace weige::service
