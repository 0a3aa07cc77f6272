#include "support/scope_world.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace weige::testing {
namespace {

using nlohmann::json;

std::string path_of(const std::string& collection, Id id, const std::string& rest = "") {
  return "/api/v1/" + collection + "/" + std::to_string(id) + rest;
}

template <typename Map>
std::vector<Id> keys(const Map& m) {
  std::vector<Id> out;
  for (const auto& [id, row] : m) out.push_back(id);
  return out;
}

// The workflow steps from a new case to `state`, with who takes each:
// subdistrict admins may not start or resolve, so staff do.
struct Step {
  const char* action;
  CaseState to;
  bool by_staff;
};
constexpr Step kPath[] = {
    {"accept", CaseState::kAccepted, false}, {"dispatch", CaseState::kDispatched, false},
    {"start", CaseState::kInProgress, true}, {"resolve", CaseState::kResolved, true},
    {"verify", CaseState::kVerified, false}, {"close", CaseState::kClosed, false}};

// The last id in a list of rows (the one just added).
Id last_id(const json& rows) {
  return rows.is_array() && !rows.empty() ? rows.back()["id"].get<Id>() : 0;
}

}  // namespace

std::string to_string(Placement p) {
  switch (p) {
    case Placement::kHome:
      return "home";
    case Placement::kNeighbour:
      return "neighbour";
    case Placement::kElsewhere:
      return "elsewhere";
  }
  return "?";
}

std::string to_string(CaseKind k) {
  return k == CaseKind::kDispute ? "dispute" : "lift";
}

std::vector<Target> targets(Family f) {
  std::vector<Target> out;
  for (Placement p : kPlacements) {
    if (f == Family::kCase || f == Family::kAttachment) {
      for (CaseKind k : kCaseKinds) out.push_back({p, k});
    } else {
      out.push_back({p});
    }
  }
  return out;
}

std::string label(Family f, const Target& t) {
  std::string s = to_string(t.placement);
  return f == Family::kCase || f == Family::kAttachment ? s + " " + to_string(t.kind) : s;
}

ScopeWorld::ScopeWorld(TestServer& server) : server_(server), port_(server.port()) {
  staff_ = server.as("subdistrict_staff");
  m_ = build(port_);
  for (Id g : {m_.general_a, m_.grid_a1, m_.grid_a2, m_.micro_a11, m_.micro_a12, m_.micro_a21})
    grid_community_[g] = m_.community_a;
  for (Id g : {m_.general_b, m_.grid_b1, m_.micro_b11}) grid_community_[g] = m_.community_b;
  grid_parent_ = {{m_.grid_a1, m_.general_a}, {m_.grid_a2, m_.general_a},
                  {m_.grid_b1, m_.general_b}, {m_.micro_a11, m_.grid_a1},
                  {m_.micro_a12, m_.grid_a1}, {m_.micro_a21, m_.grid_a2},
                  {m_.micro_b11, m_.grid_b1}};
  places_[m_.subdistrict] = {PlaceKind::kSubdistrict, std::nullopt};
  places_[m_.community_a] = {PlaceKind::kCommunity, std::nullopt};
  places_[m_.community_b] = {PlaceKind::kCommunity, std::nullopt};
  places_[m_.compound] = {PlaceKind::kCompound, m_.grid_a1};
  places_[m_.building] = {PlaceKind::kBuilding, std::nullopt};
  places_[m_.unit1] = {PlaceKind::kUnit, m_.micro_a11};
  places_[m_.unit2] = {PlaceKind::kUnit, m_.micro_a12};
  places_[m_.household] = {PlaceKind::kHousehold, m_.micro_a11};
  unit_grids_[m_.compound] = {m_.micro_a11, m_.micro_a12};
  for (Placement p : kPlacements) sites_[p] = build_site(p);
  for (Role r : account_roles()) add_caller(r);
  callers_.push_back({"anonymous", std::nullopt, anonymous()});
  Headers reporter = anonymous();
  reporter["X-Tracking-Token"] = site(Placement::kHome).dispute_token;
  callers_.push_back({"reporter", std::nullopt, reporter});
  for (Placement p : kPlacements) declare(sites_.at(p));
  for (Placement p : kPlacements) add_life(sites_.at(p));
}

void ScopeWorld::add_life(Site& s) {
  std::string tag = to_string(s.placement);
  s.patrol_plan = create(port_, "/api/v1/patrol-plans",
                         {{"grid_id", s.ordinary_grid},
                          {"name", tag + "巡查"},
                          {"route", {s.compound}},
                          {"participants", {{{"person_id", s.worker}, {"kind", "volunteer"}}}}});
  s.topic =
      create(port_, "/api/v1/topics", {{"grid_id", s.ordinary_grid}, {"title", tag + "议题"}});
  s.meeting =
      create(port_, "/api/v1/meetings",
             {{"kind", "joint_meeting"}, {"grid_id", s.ordinary_grid}, {"minutes", "商定"}});
  s.convention =
      create(port_, "/api/v1/conventions",
             {{"place_id", s.compound},
              {"title", tag + "公约"},
              {"sections", {{{"key", "1"}, {"heading", "总则"}, {"text", "邻里和睦"}}}}});
  s.campaign =
      create(port_, "/api/v1/campaigns",
             {{"theme", "fire_safety"}, {"title", tag + "消防月"}, {"grid_id", s.ordinary_grid}});
  add_life_activity(s);
}

json ScopeWorld::admin(const std::string& method, const std::string& path, const json& j,
                       int status) {
  Reply r = http(port_, {method, path, j.is_null() ? "" : j.dump(), "application/json", {}});
  EXPECT_EQ(r.status, status) << method << " " << path << " " << r.body;
  return r.status == status ? body(r) : json::object();
}

Id ScopeWorld::act(const std::string& collection, Id id, const std::string& action, json extra) {
  extra["action"] = action;
  admin("POST", path_of(collection, id, "/actions"), extra, 200);
  return id;
}

void ScopeWorld::add_life_activity(Site& s) {
  std::string tag = to_string(s.placement);
  json worker = {{{"person_id", s.worker}, {"kind", "volunteer"}}};
  s.version = admin("GET", path_of("conventions", s.convention), nullptr, 200)["versions"][0].value(
      "id", Id{0});
  json patrol = admin("POST", "/api/v1/patrols",
                      {{"plan_id", s.patrol_plan},
                       {"participants", worker},
                       {"checkins", {{{"place_id", s.compound}}}},
                       {"observations", {{{"place_id", s.compound}, {"text", tag + "单车乱停"}}}}});
  s.patrol = patrol.value("id", Id{0});
  s.observation = last_id(patrol["observations"]);
  admin("POST", "/api/v1/links",
        {{"tier", 3}, {"from_person_id", s.worker}, {"to_household_id", s.household}});
  s.visit = admin("POST", "/api/v1/visits",
                  {{"household_id", s.household},
                   {"visitor_person_id", s.worker},
                   {"form", "door_to_door"},
                   {"at", "2026-06-01"},
                   {"learnt", "一切安好"}})
                .value("id", Id{0});
  admin("PUT", path_of("households", s.household, "/care"),
        {{"tags", {{{"tag", "elderly_alone"}}}}}, 200);
  s.notice = create(port_, "/api/v1/notices",
                    {{"target_kind", "compound"},
                     {"target_id", s.compound},
                     {"title", tag + "停水通知"},
                     {"body", "周六停水"},
                     {"campaign_id", s.campaign}});
  s.published_topic = new_voting_topic(s.placement);
  json topic = admin("GET", path_of("topics", s.published_topic), nullptr, 200);
  s.topic_meeting = last_id(topic["meetings"]);
  admin("POST", path_of("topics", s.published_topic, "/votes"),
        {{"ballot", "for"}, {"household_id", s.household}});
  act("topics", s.published_topic, "close_voting");
  s.step = last_id(admin("POST", path_of("topics", s.published_topic, "/steps"),
                         {{"title", tag + "清理楼道"}})["steps"]);
  act("topics", s.published_topic, "publish", {{"note", "通过"}});
}

Id ScopeWorld::new_topic(Placement p) {
  return create(port_, "/api/v1/topics",
                {{"grid_id", site(p).ordinary_grid}, {"title", to_string(p) + "新议题"}});
}

Id ScopeWorld::new_voting_topic(Placement p) {
  Id t = new_topic(p);
  act("topics", t, "open_consultation");
  act("topics", t, "schedule_meeting");
  admin("POST", "/api/v1/meetings",
        {{"kind", "courtyard_meeting"}, {"topic_id", t}, {"minutes", "议定"}});
  return act("topics", t, "open_voting", {{"quorum_percent", 1}});
}

Id ScopeWorld::new_draft_version(Placement p) {
  json conv = admin("POST", "/api/v1/conventions",
                    {{"place_id", site(p).compound},
                     {"title", to_string(p) + "新公约"},
                     {"sections", {{{"key", "1"}, {"heading", "总则"}, {"text", "邻里和睦"}}}}});
  return conv.contains("versions") ? last_id(conv["versions"]) : 0;
}

Id ScopeWorld::new_voting_version(Placement p) {
  Id v = new_draft_version(p);
  act("convention-versions", v, "open_consultation");
  return act("convention-versions", v, "open_voting", {{"quorum_percent", 1}});
}

Id ScopeWorld::new_adopted_convention(Placement p) {
  Id v = new_voting_version(p);
  admin("POST", path_of("convention-versions", v, "/votes"),
        {{"ballot", "for"}, {"household_id", site(p).household}});
  act("convention-versions", v, "close_voting");
  json version = admin("GET", path_of("convention-versions", v), nullptr, 200);
  EXPECT_EQ(version.value("state", ""), "adopted") << version.dump();
  return version.value("convention_id", Id{0});
}

Id ScopeWorld::new_observation(Placement p) {
  json patrol =
      admin("POST", path_of("patrols", site(p).patrol, "/observations"), {{"text", "新发现"}});
  return last_id(patrol["observations"]);
}

Id ScopeWorld::new_decision(Placement p) {
  json meeting = admin(
      "POST", path_of("meetings", site(p).meeting, "/decisions"),
      {{"text", "限期清理"}, {"owner_organisation_id", site(p).company}, {"due_on", "2026-12-20"}});
  return last_id(meeting["decisions"]);
}

bool is_life(Family f) {
  return f >= Family::kPatrolPlan;
}

bool ScopeWorld::life_reaches_household(const Caller& c, Placement p) const {
  if (c.role == Role::kResident)
    return c.person && resident_household_.at(*c.person) == site(p).household;
  return life_manages(c, site(p).micro_grid);
}

bool ScopeWorld::acts_for_household(const Caller& c, Placement p) const {
  return c.role == Role::kResident ? life_reaches_household(c, p)
                                   : life_manages(c, site(p).micro_grid);
}

bool ScopeWorld::patrols(const Caller& c, Placement p) const {
  return c.member && *c.member == site(p).worker;
}

bool ScopeWorld::life_manages(const Caller& c, Id grid) const {
  return c.all || (c.role != Role::kResident && c.grids.count(grid) > 0);
}

bool ScopeWorld::life_sees(const Caller& c, Id grid) const {
  if (c.all) return true;
  std::set<Id> seen;
  if (c.role == Role::kResident) {
    auto home = c.person ? resident_household_.find(*c.person) : resident_household_.end();
    if (home == resident_household_.end()) return false;
    for (std::optional<Id> cur = places_.at(home->second).grid; cur;) {
      seen.insert(*cur);
      auto it = grid_parent_.find(*cur);
      cur = it == grid_parent_.end() ? std::nullopt : std::optional<Id>(it->second);
    }
  } else {
    seen = grids_with_ancestors(c);
  }
  return seen.count(grid) > 0;
}

bool ScopeWorld::manages(const Caller& c, Family f, const Target& t) const {
  if (f == Family::kVisit || f == Family::kCaredHousehold)
    return life_reaches_household(c, t.placement);
  return !is_life(f) || life_manages(c, site(t.placement).ordinary_grid);
}

Site ScopeWorld::build_site(Placement p) {
  Site s;
  s.placement = p;
  std::string tag = to_string(p);
  if (p == Placement::kHome) {
    s.community = m_.community_a;
    s.ordinary_grid = m_.grid_a1;
    s.micro_grid = m_.micro_a11;
    s.compound = m_.compound;
    s.building = m_.building;
    s.unit = m_.unit1;
    s.household = m_.household;
  } else {
    bool near = p == Placement::kNeighbour;
    s.community = near ? m_.community_a : m_.community_b;
    s.ordinary_grid = near ? m_.grid_a2 : m_.grid_b1;
    s.micro_grid = near ? m_.micro_a21 : m_.micro_b11;
    s.compound = add_place(PlaceKind::kCompound, tag + "小区", s.community, s.ordinary_grid,
                           s.ordinary_grid);
    s.building = add_place(PlaceKind::kBuilding, "1栋", s.compound, std::nullopt);
    s.unit = add_place(PlaceKind::kUnit, "1单元", s.building, s.micro_grid, s.micro_grid);
    s.household = add_place(PlaceKind::kHousehold, "101", s.unit, s.micro_grid);
    unit_grids_[s.compound] = {s.micro_grid};
  }
  household_compound_[s.household] = s.compound;
  s.company =
      create(port_, "/api/v1/organisations",
             {{"kind", "property_company"}, {"name", tag + "物业"}, {"community_id", s.community}});
  organisations_[s.company] = s.community;
  contracts_[s.compound] = s.company;
  Reply contract = http(port_, {"PUT",
                                path_of("places", s.compound, "/property-contract"),
                                json{{"organisation_id", s.company}}.dump(),
                                "application/json",
                                {}});
  EXPECT_EQ(contract.status, 200) << contract.body;
  s.resident = add_person(tag + "住户", s.household);
  resident_household_[s.resident] = s.household;
  s.worker = add_person(tag + "微网格员", std::nullopt);
  s.worker_assignment = assign(s.worker, s.micro_grid, "micro_grid_worker");
  sites_[p] = s;  // add_case needs the site's company
  s.dispute = add_case(s, CaseKind::kDispute, &s.dispute_token);
  s.lift = add_case(s, CaseKind::kLift);
  for (Id* photo : {&s.dispute_photo, &s.lift_photo}) {
    Id c = photo == &s.dispute_photo ? s.dispute : s.lift;
    Reply r =
        http(port_, {"POST", path_of("cases", c, "/attachments"), png_bytes(), "image/png", {}});
    EXPECT_EQ(r.status, 201) << r.body;
    *photo = r.status == 201 ? body(r)["id"].get<Id>() : 0;
  }
  json mediation{{"parties", json::array({{{"label", "楼上"}}, {{"label", "楼下"}}})},
                 {"signed_by", json::array()}};
  Reply med = http(
      port_,
      {"PUT", path_of("cases", s.dispute, "/mediation"), mediation.dump(), "application/json", {}});
  EXPECT_EQ(med.status, 200) << med.body;
  return s;
}

Id ScopeWorld::add_place(PlaceKind kind, const std::string& name, Id parent, std::optional<Id> grid,
                         std::optional<Id> grid_put) {
  json j{{"kind", to_string(kind)}, {"name", name}, {"parent_id", parent}};
  if (grid_put) j["grid_id"] = *grid_put;
  Id id = create(port_, "/api/v1/places", j);
  places_[id] = {kind, grid};
  return id;
}

Id ScopeWorld::add_person(const std::string& name, std::optional<Id> household) {
  json j{{"name", name}};
  if (household) j["household_id"] = *household;
  Id id = create(port_, "/api/v1/persons", j);
  persons_[id];
  if (household) persons_[id].insert(*places_.at(*household).grid);
  return id;
}

Id ScopeWorld::assign(Id person, Id grid, const std::string& role) {
  Id id = create(port_, "/api/v1/assignments",
                 {{"person_id", person}, {"grid_id", grid}, {"role", role}});
  assignments_[id] = grid;
  persons_[person].insert(grid);
  return id;
}

Id ScopeWorld::add_case(const Site& s, CaseKind k, std::string* token) {
  json j{{"category_id", k == CaseKind::kDispute ? 102 : 501},
         {"description", to_string(s.placement) + " " + to_string(k)},
         {"place_id", k == CaseKind::kDispute ? s.household : s.unit}};
  if (k == CaseKind::kDispute) j["reporter_person_id"] = s.resident;
  Reply r = http(port_, {"POST", "/api/v1/cases", j.dump(), "application/json", {}});
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return 0;
  json c = body(r);
  if (k == CaseKind::kLift) {
    // The fixture's premise: the lift goes to the compound's property company.
    EXPECT_EQ(c["handler"], "property_company") << c.dump();
    EXPECT_EQ(c["handler_org_id"], s.company) << c.dump();
  }
  if (token) *token = c["tracking_token"].get<std::string>();
  Id id = c["id"].get<Id>();
  cases_[id] = {s.micro_grid, k,
                k == CaseKind::kDispute ? std::optional<Id>(s.resident) : std::nullopt, s.company};
  return id;
}

void ScopeWorld::add_caller(Role r) {
  Caller c;
  c.name = std::string(weige::to_string(r));
  c.role = r;
  std::set<Id> community_a, grid_a1{m_.grid_a1, m_.micro_a11, m_.micro_a12}, micro{m_.micro_a11};
  for (const auto& [g, community] : grid_community_) {
    if (community == m_.community_a) community_a.insert(g);
  }
  auto posted = [&](const std::string& role, Id grid, std::set<Id> grids) {
    Id person = add_person(c.name, std::nullopt);
    assign(person, grid, role);
    c.member = person;
    c.headers = server_.as(c.name, person);
    c.grids = std::move(grids);
  };
  switch (r) {
    case Role::kSubdistrictAdmin:
    case Role::kSubdistrictStaff:
      c.headers = server_.as(c.name);
      c.all = true;
      break;
    case Role::kCommunityAdmin:
      c.headers = server_.as(c.name, std::nullopt, m_.general_a);
      c.grids = community_a;
      break;
    case Role::kGridWorker:
      posted("grid_worker", m_.grid_a1, grid_a1);
      break;
    case Role::kMicroGridHead:
      posted("micro_grid_head", m_.micro_a11, micro);
      break;
    case Role::kMicroGridWorker:
      c.member = site(Placement::kHome).worker;
      c.headers = server_.as(c.name, c.member);
      c.grids = micro;
      break;
    case Role::kVolunteer:
      posted("volunteer", m_.micro_a11, micro);
      break;
    case Role::kPolice:
      posted("police", m_.general_a, community_a);
      break;
    case Role::kPropertyStaff:
      c.organisation = site(Placement::kHome).company;
      c.headers = server_.as(c.name, std::nullopt, std::nullopt, c.organisation);
      break;
    case Role::kResident:
      c.person = site(Placement::kHome).resident;
      c.member = c.person;
      c.headers = server_.as(c.name, c.person);
      break;
    case Role::kSystem:
      ADD_FAILURE() << "the system has no account";
      break;
  }
  callers_.push_back(std::move(c));
}

bool ScopeWorld::sees_grid(const Caller& c, Id grid) const {
  return c.all || c.grids.count(grid) > 0;
}

bool ScopeWorld::sees_community(const Caller& c, Id community) const {
  return std::any_of(grid_community_.begin(), grid_community_.end(),
                     [&](const auto& g) { return g.second == community && sees_grid(c, g.first); });
}

bool ScopeWorld::sees_place(const Caller& c, Id place) const {
  auto grid = places_.at(place).grid;
  return !grid || sees_grid(c, *grid);
}

bool ScopeWorld::sees_person(const Caller& c, Id person) const {
  const auto& grids = persons_.at(person);
  return c.all || std::any_of(grids.begin(), grids.end(), [&](Id g) { return sees_grid(c, g); });
}

bool ScopeWorld::sees_case(const Caller& c, Id id) const {
  const CaseRow& row = cases_.at(id);
  if (c.all) return true;
  if (c.role == Role::kResident) return row.reporter && row.reporter == c.person;
  if (c.role == Role::kPropertyStaff)
    return row.kind == CaseKind::kLift && row.company == c.organisation;
  // Police see disputes (and safety matters) only.
  return sees_grid(c, row.grid) && (c.role != Role::kPolice || row.kind == CaseKind::kDispute);
}

bool ScopeWorld::sees_assignment(const Caller& c, Id assignment) const {
  return sees_grid(c, assignments_.at(assignment));
}

bool ScopeWorld::sees_organisation(const Caller& c, Id organisation) const {
  auto community = organisations_.at(organisation);
  return c.all || !community || sees_community(c, *community);
}

Id ScopeWorld::resource(Family f, const Target& t) const {
  const Site& s = site(t.placement);
  switch (f) {
    case Family::kGrid:
      return s.micro_grid;
    case Family::kOrdinaryGrid:
      return s.ordinary_grid;
    case Family::kCommunity:
      return s.community;
    case Family::kUnit:
      return s.unit;
    case Family::kCompound:
      return s.compound;
    case Family::kHousehold:
      return s.household;
    case Family::kPerson:
      return s.resident;
    case Family::kWorker:
      return s.worker;
    case Family::kAssignment:
      return s.worker_assignment;
    case Family::kCase:
      return s.case_of(t.kind);
    case Family::kAttachment:
      return s.photo_of(t.kind);
    case Family::kEmergency:
      return s.emergency;
    case Family::kTeam:
      return s.team;
    case Family::kTask:
      return s.task;
    case Family::kErrand:
      return s.errand;
    case Family::kEmergencyCompound:
      return s.compound;
    case Family::kPatrolPlan:
      return s.patrol_plan;
    case Family::kTopic:
      return s.topic;
    case Family::kMeeting:
      return s.meeting;
    case Family::kConvention:
      return s.convention;
    case Family::kCampaign:
      return s.campaign;
    case Family::kPatrol:
      return s.patrol;
    case Family::kObservation:
      return s.observation;
    case Family::kTopicStep:
      return s.step;
    case Family::kPublishedTopic:
      return s.published_topic;
    case Family::kTopicMeeting:
      return s.topic_meeting;
    case Family::kConventionVersion:
      return s.version;
    case Family::kNotice:
      return s.notice;
    case Family::kDecision:
      return 0;  // made fresh by each cell
    case Family::kLifeGrid:
      return s.ordinary_grid;
    case Family::kLifeCompound:
      return s.compound;
    case Family::kVisit:
      return s.visit;
    case Family::kCaredHousehold:
      return s.household;
  }
  return 0;
}

bool ScopeWorld::sees(const Caller& c, Family f, const Target& t, Id id) const {
  switch (f) {
    case Family::kGrid:
    case Family::kOrdinaryGrid:
      return sees_grid(c, id);
    case Family::kCommunity:
      return sees_community(c, id);
    case Family::kUnit:
    case Family::kCompound:
    case Family::kHousehold:
      return sees_place(c, id);
    case Family::kPerson:
    case Family::kWorker:
      return sees_person(c, id);
    case Family::kAssignment:
      return sees_assignment(c, id);
    case Family::kCase:
      return sees_case(c, id);
    case Family::kAttachment:
      return sees_case(c, site(t.placement).case_of(t.kind));
    case Family::kEmergency:
      return sees_emergency(c, id);
    case Family::kTeam:
      return reaches_compound(c, teams_.at(id).compound);
    case Family::kTask:
      return sees_task(c, id);
    case Family::kErrand:
      return sees_errand(c, id);
    case Family::kEmergencyCompound:
      return reaches_compound(c, id);
    case Family::kPatrolPlan:
    case Family::kTopic:
    case Family::kMeeting:
    case Family::kConvention:
    case Family::kCampaign:
    case Family::kPatrol:
    case Family::kObservation:
    case Family::kTopicStep:
    case Family::kPublishedTopic:
    case Family::kTopicMeeting:
    case Family::kConventionVersion:
    case Family::kNotice:
    case Family::kDecision:
    case Family::kLifeGrid:
    case Family::kLifeCompound:
      return life_sees(c, site(t.placement).ordinary_grid);
    case Family::kVisit:
    case Family::kCaredHousehold:
      return life_reaches_household(c, t.placement);
  }
  return false;
}

bool ScopeWorld::own_compound(const Caller& c, Id compound) const {
  auto grid = places_.at(compound).grid;
  if (grid && sees_grid(c, *grid)) return true;
  auto contract = contracts_.find(compound);
  return c.role == Role::kPropertyStaff && contract != contracts_.end() &&
         contract->second == c.organisation;
}

bool ScopeWorld::on_team(const Caller& c, std::optional<Id> team) const {
  if (!c.member || !team) return false;
  auto it = teams_.find(*team);
  return it != teams_.end() && it->second.members.count(*c.member) > 0 &&
         emergencies_.at(it->second.emergency).active;
}

bool ScopeWorld::reaches_compound(const Caller& c, Id compound) const {
  if (c.all || own_compound(c, compound)) return true;
  for (Id g : unit_grids_.at(compound)) {
    if (sees_grid(c, g)) return true;
  }
  return std::any_of(teams_.begin(), teams_.end(), [&](const auto& t) {
    return t.second.compound == compound && on_team(c, t.first);
  });
}

bool ScopeWorld::sees_emergency(const Caller& c, Id emergency) const {
  Id compound = emergencies_.at(emergency).compound;
  if (c.role == Role::kResident) {
    return household_compound_.at(resident_household_.at(*c.person)) == compound;
  }
  return reaches_compound(c, compound);
}

bool ScopeWorld::covers(const Caller& c, const TaskRow& row) const {
  return c.all || sees_grid(c, row.grid) || own_compound(c, row.compound) || on_team(c, row.team);
}

bool ScopeWorld::sees_task(const Caller& c, Id task) const {
  return covers(c, tasks_.at(task));
}

bool ScopeWorld::sees_errand(const Caller& c, Id errand) const {
  const auto& [household, row] = errands_.at(errand);
  if (!c.role) return false;
  if (c.role == Role::kResident) return resident_household_.at(*c.person) == household;
  return role_allows(*c.role, Permission::kEmergencyAct) && covers(c, row);
}

std::set<Id> ScopeWorld::grids_with_ancestors(const Caller& c) const {
  std::set<Id> out;
  for (const auto& [g, community] : grid_community_) {
    if (!sees_grid(c, g)) continue;
    for (std::optional<Id> cur = g; cur;) {
      out.insert(*cur);
      auto it = grid_parent_.find(*cur);
      cur = it == grid_parent_.end() ? std::nullopt : std::optional<Id>(it->second);
    }
  }
  return out;
}

std::vector<Id> ScopeWorld::cases_in(Id community) const {
  std::vector<Id> out;
  for (const auto& [id, row] : cases_) {
    if (grid_community_.at(row.grid) == community) out.push_back(id);
  }
  return out;
}

std::vector<Id> ScopeWorld::grids() const {
  return keys(grid_community_);
}
std::vector<Id> ScopeWorld::persons() const {
  return keys(persons_);
}
std::vector<Id> ScopeWorld::cases() const {
  return keys(cases_);
}
std::vector<Id> ScopeWorld::assignments() const {
  return keys(assignments_);
}
std::vector<Id> ScopeWorld::organisations() const {
  return keys(organisations_);
}
std::vector<Id> ScopeWorld::emergencies() const {
  return keys(emergencies_);
}

std::vector<Id> ScopeWorld::places(std::optional<PlaceKind> kind) const {
  std::vector<Id> out;
  for (const auto& [id, row] : places_) {
    if (!kind || row.kind == *kind) out.push_back(id);
  }
  return out;
}

Id ScopeWorld::new_case(Placement p, CaseKind k, CaseState state) {
  Id id = add_case(site(p), k);
  for (const Step& step : kPath) {
    if (state == CaseState::kReported) break;
    json j{{"action", step.action}, {"note", "matrix"}};
    Reply r = http(port_, {"POST", path_of("cases", id, "/actions"), j.dump(), "application/json",
                           step.by_staff ? staff_ : Headers{}});
    EXPECT_EQ(r.status, 200) << step.action << " " << r.body;
    if (step.to == state) break;
  }
  return id;
}

void ScopeWorld::declare(Site& s) {
  json j{{"name", to_string(s.placement) + "疫情"},
         {"type", "epidemic"},
         {"scope_kind", "compounds"},
         {"scope_ids", {s.compound}}};
  Reply r = http(port_, {"POST", "/api/v1/emergencies", j.dump(), "application/json", {}});
  ASSERT_EQ(r.status, 201) << r.body;
  s.emergency = body(r)["id"].get<Id>();
  emergencies_[s.emergency] = {s.compound, true};
  // Who is on the teams is what the declaration formed from the roster: recorded, not worked out.
  json teams =
      body(http(port_, {"GET", path_of("emergencies", s.emergency, "/teams"), "", "", {}}));
  s.team = s.team_member = 0;
  for (const auto& t : teams["items"]) {
    TeamRow row{s.emergency, t["compound_id"].get<Id>(), {}};
    for (const auto& m : t["members"]) row.members.insert(m["person_id"].get<Id>());
    Id id = t["id"].get<Id>();
    if (t["kind"] == "building_team" && t["place_id"] == s.building) {
      s.team = id;
      s.team_member = row.members.empty() ? 0 : *row.members.begin();
    }
    teams_[id] = row;
  }
  EXPECT_NE(s.team_member, 0) << "no building team with a member";
  json tasks = body(
      http(port_, {"GET", path_of("emergencies", s.emergency, "/tasks?limit=500"), "", "", {}}));
  s.task = 0;
  for (const auto& t : tasks["items"]) {
    if (t["household_id"] == s.household) s.task = t["id"].get<Id>();
  }
  EXPECT_NE(s.task, 0) << "no screening task for the household";
  tasks_[s.task] = {*places_.at(s.household).grid, s.compound, s.team};
  s.errand = new_errand(s.placement);
}

Id ScopeWorld::new_emergency(Placement p) {
  Site& s = sites_.at(p);
  Reply r = http(
      port_, {"POST", path_of("emergencies", s.emergency, "/end"), "{}", "application/json", {}});
  EXPECT_TRUE(r.status == 200 || r.status == 409) << r.body;  // a cell may have ended it
  emergencies_.at(s.emergency).active = false;
  declare(s);
  return s.emergency;
}

Id ScopeWorld::new_errand(Placement p) {
  const Site& s = site(p);
  json j{{"household_id", s.household}, {"kind", "groceries"}, {"details", "矩阵"}};
  Reply r = http(
      port_,
      {"POST", path_of("emergencies", s.emergency, "/errands"), j.dump(), "application/json", {}});
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return 0;
  Id id = body(r)["id"].get<Id>();
  errands_[id] = {s.household, tasks_.at(s.task)};
  return id;
}

Id ScopeWorld::new_compound(Placement p) {
  const Site& s = site(p);
  Id compound =
      add_place(PlaceKind::kCompound, "新小区", s.community, s.ordinary_grid, s.ordinary_grid);
  Id building = add_place(PlaceKind::kBuilding, "1栋", compound, std::nullopt);
  Id unit = add_place(PlaceKind::kUnit, "1单元", building, s.micro_grid, s.micro_grid);
  household_compound_[add_place(PlaceKind::kHousehold, "101", unit, s.micro_grid)] = compound;
  unit_grids_[compound] = {s.micro_grid};
  return compound;
}

Id ScopeWorld::new_team_member(Id team) {
  Id person = new_person();
  auto it = teams_.find(team);
  if (it == teams_.end()) return person;
  json j{{"person_id", person}, {"emergency_role", "screener"}};
  Reply r = http(
      port_,
      {"POST", path_of("emergency-teams", team, "/members"), j.dump(), "application/json", {}});
  EXPECT_EQ(r.status, 200) << r.body;
  it->second.members.insert(person);
  return person;
}

Id ScopeWorld::new_person() {
  return add_person("新志愿者", std::nullopt);
}

Id ScopeWorld::new_resident(Placement p) {
  return add_person("新住户", site(p).household);
}

Id ScopeWorld::new_assignment(Placement p) {
  return assign(new_person(), site(p).micro_grid, "micro_grid_worker");
}

}  // namespace weige::testing
