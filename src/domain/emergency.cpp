#include "domain/emergency.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/enum_names.h"

namespace weige {
namespace {

constexpr NameTable<EmergencyType, 5> kTypes{{{EmergencyType::kEpidemic, "epidemic"},
                                               {EmergencyType::kFlood, "flood"},
                                               {EmergencyType::kFire, "fire"},
                                               {EmergencyType::kEarthquake, "earthquake"},
                                               {EmergencyType::kOther, "other"}}};
constexpr NameTable<EmergencyRole, 3> kRoles{{{EmergencyRole::kResponder, "responder"},
                                              {EmergencyRole::kScreener, "screener"},
                                              {EmergencyRole::kErrandRunner, "errand_runner"}}};
constexpr NameTable<TeamKind, 2> kTeamKinds{{{TeamKind::kTaskForce, "task_force"},
                                             {TeamKind::kBuildingTeam, "building_team"}}};
constexpr NameTable<ScreeningOutcome, 5> kOutcomes{{{ScreeningOutcome::kPending, "pending"},
                                                    {ScreeningOutcome::kReached, "reached"},
                                                    {ScreeningOutcome::kNotAtHome, "not_at_home"},
                                                    {ScreeningOutcome::kRefused, "refused"},
                                                    {ScreeningOutcome::kNeedsHelp, "needs_help"}}};
constexpr NameTable<ErrandKind, 5> kErrandKinds{{{ErrandKind::kMedicine, "medicine"},
                                                 {ErrandKind::kGroceries, "groceries"},
                                                 {ErrandKind::kPaperwork, "paperwork"},
                                                 {ErrandKind::kMedicalVisit, "medical_visit"},
                                                 {ErrandKind::kOther, "other"}}};
constexpr NameTable<ErrandState, 5> kErrandStates{{{ErrandState::kRequested, "requested"},
                                                   {ErrandState::kAccepted, "accepted"},
                                                   {ErrandState::kDone, "done"},
                                                   {ErrandState::kConfirmed, "confirmed"},
                                                   {ErrandState::kCancelled, "cancelled"}}};
constexpr NameTable<ErrandAction, 4> kErrandActions{{{ErrandAction::kAccept, "accept"},
                                                     {ErrandAction::kDone, "done"},
                                                     {ErrandAction::kConfirm, "confirm"},
                                                     {ErrandAction::kCancel, "cancel"}}};

}  // namespace

std::string_view to_string(EmergencyType t) { return name_in(kTypes, t); }
std::string_view to_string(EmergencyRole r) { return name_in(kRoles, r); }
std::string_view to_string(TeamKind k) { return name_in(kTeamKinds, k); }
std::string_view to_string(ScreeningOutcome o) { return name_in(kOutcomes, o); }
std::string_view to_string(ErrandKind k) { return name_in(kErrandKinds, k); }
std::string_view to_string(ErrandState s) { return name_in(kErrandStates, s); }
std::string_view to_string(ErrandAction a) { return name_in(kErrandActions, a); }
std::optional<EmergencyType> parse_emergency_type(std::string_view s) { return parse_in(kTypes, s); }
std::optional<EmergencyRole> parse_emergency_role(std::string_view s) { return parse_in(kRoles, s); }
std::optional<ScreeningOutcome> parse_screening_outcome(std::string_view s) { return parse_in(kOutcomes, s); }
std::optional<ErrandKind> parse_errand_kind(std::string_view s) { return parse_in(kErrandKinds, s); }
std::optional<ErrandAction> parse_errand_action(std::string_view s) { return parse_in(kErrandActions, s); }
std::optional<ErrandState> parse_errand_state(std::string_view s) { return parse_in(kErrandStates, s); }

std::string_view label_zh(EmergencyRole r) {
  switch (r) {
    case EmergencyRole::kResponder: return "冲锋员";
    case EmergencyRole::kScreener: return "排查员";
    case EmergencyRole::kErrandRunner: return "代办员";
  }
  return "";
}

std::string_view label_zh(EmergencyType t) {
  switch (t) {
    case EmergencyType::kEpidemic: return "疫情";
    case EmergencyType::kFlood: return "汛情";
    case EmergencyType::kFire: return "火灾";
    case EmergencyType::kEarthquake: return "地震";
    case EmergencyType::kOther: return "其他";
  }
  return "";
}

bool covers(ScreeningOutcome o) {
  return o == ScreeningOutcome::kReached || o == ScreeningOutcome::kRefused || o == ScreeningOutcome::kNeedsHelp;
}

std::string peacetime_key(GridRole role, PeacetimeDuty duty) {
  if (duty != PeacetimeDuty::kNone) return std::string(to_string(duty));
  return std::string(to_string(role));
}

EmergencyRole default_emergency_role(std::string_view key) {
  if (key == "publicist") return EmergencyRole::kResponder;
  if (key == "informant") return EmergencyRole::kScreener;
  if (key == "helper") return EmergencyRole::kErrandRunner;
  if (key == "micro_grid_worker") return EmergencyRole::kScreener;
  if (key == "volunteer") return EmergencyRole::kErrandRunner;
  return EmergencyRole::kResponder;  // heads, grid workers, property staff, police
}

const std::vector<ErrandTransition>& errand_table() {
  using S = ErrandState;
  using A = ErrandAction;
  using B = ErrandParty;
  static const std::vector<ErrandTransition> t{
      {S::kRequested, A::kAccept, S::kAccepted, B::kTeam},
      {S::kRequested, A::kCancel, S::kCancelled, B::kEither},
      {S::kAccepted, A::kDone, S::kDone, B::kTeam},
      {S::kAccepted, A::kCancel, S::kCancelled, B::kEither},
      {S::kDone, A::kConfirm, S::kConfirmed, B::kHousehold},
  };
  return t;
}

Result<ErrandTransition> decide_errand(ErrandState from, ErrandAction action) {
  for (const auto& t : errand_table()) {
    if (t.from == from && t.action == action) return t;
  }
  return Status::conflict("an errand that is " + std::string(to_string(from)) + " cannot be '" +
                              std::string(to_string(action)) + "'",
                          {{"state", std::string(to_string(from))}, {"action", std::string(to_string(action))}});
}

bool is_open(ErrandState s) { return s == ErrandState::kRequested || s == ErrandState::kAccepted; }

namespace {

bool building_level(GridRole r) {
  return r == GridRole::kMicroGridHead || r == GridRole::kMicroGridWorker || r == GridRole::kVolunteer;
}

// Leader preference: lower is better.
int leader_rank(const TeamCandidate& c, TeamKind kind) {
  if (kind == TeamKind::kBuildingTeam && c.role == GridRole::kMicroGridHead) return 0;
  if (kind == TeamKind::kTaskForce && c.role == GridRole::kGridWorker) return 0;
  if (c.party_member) return 1;
  return 2;
}

using Entries = std::map<Id, std::vector<const TeamCandidate*>>;  // person -> their assignments

void choose_leader(TeamPlan& team, const Entries& entries) {
  if (team.members.empty()) return;
  auto rank = [&](const TeamMemberPlan& m) {
    int best = 3;
    if (auto it = entries.find(m.person_id); it != entries.end()) {
      for (const auto* c : it->second) best = std::min(best, leader_rank(*c, team.kind));
    }
    return std::make_pair(best, m.person_id);
  };
  auto best = std::min_element(team.members.begin(), team.members.end(),
                               [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  best->leader = true;
}

}  // namespace

std::vector<TeamPlan> form_teams(const std::vector<TeamBuilding>& buildings,
                                 const std::vector<TeamCandidate>& candidates,
                                 const std::function<EmergencyRole(std::string_view)>& role_of) {
  std::vector<TeamBuilding> sorted = buildings;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.building_id < b.building_id; });
  std::map<Id, std::vector<std::size_t>> buildings_of_grid;  // grid -> indexes into sorted
  std::map<Id, std::vector<std::size_t>> buildings_of_compound;
  std::vector<Id> compounds;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    for (Id g : sorted[i].grid_ids) buildings_of_grid[g].push_back(i);
    if (buildings_of_compound[sorted[i].compound_id].empty()) compounds.push_back(sorted[i].compound_id);
    buildings_of_compound[sorted[i].compound_id].push_back(i);
  }
  std::sort(compounds.begin(), compounds.end());

  std::vector<TeamPlan> teams(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    teams[i].kind = TeamKind::kBuildingTeam;
    teams[i].place_id = sorted[i].building_id;
    teams[i].compound_id = sorted[i].compound_id;
  }
  std::map<Id, TeamPlan> task_forces;
  for (Id c : compounds) task_forces[c] = TeamPlan{TeamKind::kTaskForce, c, c, {}, false};

  auto member_of = [&](const TeamCandidate& c) {
    std::string key = peacetime_key(c.role, c.duty);
    EmergencyRole role = role_of(key);
    return TeamMemberPlan{c.person_id, c.assignment_id, key, role, false};
  };

  // Candidates in a stable order; one building team per person.
  std::vector<const TeamCandidate*> order;
  Entries by_person;
  for (const auto& c : candidates) {
    order.push_back(&c);
    by_person[c.person_id].push_back(&c);
  }
  std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return std::tie(a->person_id, a->assignment_id) < std::tie(b->person_id, b->assignment_id);
  });
  std::set<Id> placed;
  std::set<std::pair<Id, Id>> in_task_force;  // (compound, person)
  for (const TeamCandidate* c : order) {
    if (building_level(c->role)) {
      if (placed.count(c->person_id)) continue;
      auto it = buildings_of_grid.find(c->grid_id);
      if (it == buildings_of_grid.end()) continue;
      std::size_t best = it->second.front();
      for (std::size_t i : it->second) {
        if (teams[i].members.size() < teams[best].members.size()) best = i;
      }
      teams[best].members.push_back(member_of(*c));
      placed.insert(c->person_id);
    } else if (c->compound_id) {
      auto tf = task_forces.find(*c->compound_id);
      if (tf == task_forces.end() || !in_task_force.insert({*c->compound_id, c->person_id}).second) continue;
      tf->second.members.push_back(member_of(*c));
    }
  }

  // Staff the empty buildings from their compound.
  for (Id compound : compounds) {
    for (std::size_t i : buildings_of_compound[compound]) {
      if (!teams[i].members.empty()) continue;
      std::size_t donor = i;
      for (std::size_t j : buildings_of_compound[compound]) {
        if (teams[j].members.size() >= 2 && (donor == i || teams[j].members.size() > teams[donor].members.size()))
          donor = j;
      }
      if (donor != i) {
        teams[i].members.push_back(teams[donor].members.back());
        teams[donor].members.pop_back();
      } else if (!task_forces[compound].members.empty()) {
        teams[i].members.push_back(task_forces[compound].members.front());
      }
      teams[i].borrowed = !teams[i].members.empty();
    }
  }

  std::vector<TeamPlan> out;
  for (Id compound : compounds) {
    TeamPlan& tf = task_forces[compound];
    for (std::size_t i : buildings_of_compound[compound]) {
      choose_leader(teams[i], by_person);
      for (const auto& m : teams[i].members) {
        if (!m.leader || !in_task_force.insert({compound, m.person_id}).second) continue;
        TeamMemberPlan copy = m;
        copy.leader = false;
        tf.members.push_back(copy);
      }
    }
    choose_leader(tf, by_person);
    out.push_back(std::move(tf));
    for (std::size_t i : buildings_of_compound[compound]) out.push_back(std::move(teams[i]));
  }
  return out;
}

}  // namespace weige
