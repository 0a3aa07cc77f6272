#pragma once
// The world the scope matrix runs in, and the expectation it is checked against.
//
// On top of the mini map (communities A and B), the same resources stand at
// three placements, seen from callers who all work in A's micro-grid A1-1:
//   home       micro-grid A1-1 (grid A1, community A)
//   neighbour  micro-grid A2-1 (grid A2, community A)
//   elsewhere  micro-grid B1-1 (grid B1, community B)
// Each placement has a compound served by its own property company, a
// building, a unit, a household with a resident, a micro-grid worker, a
// neighbour dispute the resident reported (with a mediation record), a broken
// lift routed to the property company, and a photo on each case.
// Last, after all of that (so the cells of earlier routes see the world they
// saw before), each placement's compound is put under an emergency of its
// own: its building team, the household's screening task, an errand for it.
// Then community life at each placement (Site lists it): plans, patrols,
// topics, meetings, conventions, notices and campaigns of the ordinary grid;
// a visit and care tags for the household.
//
// The expectation is written out from scope.h's contract and from what the
// fixture built, never asked of the server: a caller's scope is a list of
// grid ids, and every resource records its grid, reporter and handler.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/roles.h"
#include "support/mini_map.h"
#include "support/route_matrix.h"
#include "support/test_server.h"

namespace weige::testing {

enum class Placement { kHome, kNeighbour, kElsewhere };
inline constexpr Placement kPlacements[] = {Placement::kHome, Placement::kNeighbour,
                                            Placement::kElsewhere};
std::string to_string(Placement p);

// A dispute (category 102) at the household, reported by its resident; a
// broken lift (501) at the unit, handled by the compound's property company.
enum class CaseKind { kDispute, kLift };
inline constexpr CaseKind kCaseKinds[] = {CaseKind::kDispute, CaseKind::kLift};
std::string to_string(CaseKind k);

struct Site {
  Placement placement{};
  Id community = 0, ordinary_grid = 0, micro_grid = 0;
  Id compound = 0, building = 0, unit = 0, household = 0;
  Id company = 0, resident = 0, worker = 0, worker_assignment = 0;
  Id dispute = 0, lift = 0, dispute_photo = 0, lift_photo = 0;
  std::string dispute_token;  // the dispute's tracking token
  // The compound's emergency (the latest new_emergency() declared), its
  // building team with one member, the household's task in its current round,
  // and an errand requested for the household.
  Id emergency = 0, team = 0, team_member = 0, task = 0, errand = 0;
  // Community life, all scoped by the ordinary grid (A1, A2, B1), so that
  // micro-grid staff below it see them without managing them: a patrol plan,
  // a topic, a meeting, a convention of the compound (its first version a
  // draft), a campaign; a patrol on the plan by the micro-grid worker with an
  // observation; a notice to the compound in the campaign; a topic taken to
  // publication (its meeting with minutes, one implementation step).
  Id patrol_plan = 0, topic = 0, meeting = 0, convention = 0, campaign = 0;
  Id version = 0, patrol = 0, observation = 0, notice = 0;
  Id published_topic = 0, topic_meeting = 0, step = 0;
  // Scoped by the household's micro-grid: the micro-grid worker links the
  // household (tier 3) and visited it months ago; it is tagged elderly_alone,
  // so its visit is overdue.
  Id visit = 0;
  Id case_of(CaseKind k) const { return k == CaseKind::kDispute ? dispute : lift; }
  Id photo_of(CaseKind k) const { return k == CaseKind::kDispute ? dispute_photo : lift_photo; }
};

// What a route names: which of a placement's resources, and so which part of
// the expectation decides whether the caller sees it.
enum class Family {
  kGrid,          // the micro-grid
  kOrdinaryGrid,  // the grid above it
  kCommunity,
  kUnit,
  kCompound,
  kHousehold,
  kPerson,             // the household's resident
  kWorker,             // the micro-grid worker (a person serving there)
  kAssignment,         // the micro-grid worker's assignment
  kCase,               // of each CaseKind
  kAttachment,         // the photo on the case of each CaseKind
  kEmergency,          // the compound's emergency; residents: one covering their household
  kTeam,               // the emergency's building team
  kTask,               // the household's screening task
  kErrand,             // an errand for the household, as a party to it: the household or the team
  kEmergencyCompound,  // a compound as a declaration names it
  // Community life (life_scope.h), scoped by the placement's ordinary grid.
  kPatrolPlan,
  kTopic,
  kMeeting,
  kConvention,
  kCampaign,
  kPatrol,             // the plan's patrol, by the micro-grid worker
  kObservation,        // an observation on that patrol
  kTopicStep,          // the published topic's implementation step
  kPublishedTopic,     // the topic taken to publication
  kTopicMeeting,       // its meeting
  kConventionVersion,  // the convention's first version
  kNotice,             // to the compound
  kDecision,           // a meeting decision, owned by the placement's property company
  kLifeGrid,           // the ordinary grid, as community life names it in a body
  kLifeCompound,       // the compound, likewise
  // Community life scoped by the household's micro-grid (visits and care).
  kVisit,
  kCaredHousehold,
};
bool is_life(Family f);

// One resource of a family: where it stands (and, for cases, which case).
struct Target {
  Placement placement;
  CaseKind kind = CaseKind::kDispute;
};
// Every target of a family, and a name for it ("elsewhere lift").
std::vector<Target> targets(Family f);
std::string label(Family f, const Target& t);

struct Caller {
  std::string
      name;  // the role; "anonymous"; "reporter": no account, the home dispute's tracking token
  std::optional<Role> role;  // none without an account
  Headers headers;
  bool all = false;                // subdistrict roles: every grid
  std::set<Id> grids;              // otherwise the grids the scope covers (subtrees expanded)
  std::optional<Id> person;        // residents: whose reports they see
  std::optional<Id> organisation;  // property staff: whose cases they see
  std::optional<Id> member;        // the person behind the account: emergency team memberships
};

class ScopeWorld {
 public:
  // Builds the world through the API as the test server's default admin.
  explicit ScopeWorld(TestServer& server);

  int port() const { return port_; }
  store::Db& db() { return server_.db(); }
  const MiniMap& map() const { return m_; }
  const Site& site(Placement p) const { return sites_.at(p); }
  // One caller per account role (in account_roles() order), then "anonymous" and "reporter".
  const std::vector<Caller>& callers() const { return callers_; }

  // The expectation: what each caller's scope lets them see and act on.
  bool sees_grid(const Caller& c, Id grid) const;
  bool sees_community(const Caller& c, Id community) const;  // some grid of it
  bool sees_place(const Caller& c, Id place) const;    // a place outside every grid is seen by all
  bool sees_person(const Caller& c, Id person) const;  // lives or serves in a grid in scope
  bool sees_case(const Caller& c, Id id) const;
  bool has_case(Id id) const { return cases_.count(id) > 0; }  // made by the world, not by a cell
  bool sees_assignment(const Caller& c, Id assignment) const;
  bool sees_organisation(const Caller& c,
                         Id organisation) const;  // of no community, or of one seen
  // The placement's resource of a family, and whether the caller sees `id` as one of it.
  Id resource(Family f, const Target& t) const;
  bool sees(const Caller& c, Family f, const Target& t, Id id) const;
  // Emergencies (emergency_scope_of()): a compound is within reach when its
  // grid or one of its units' grids is in scope, it is the property staff's
  // company's contract, or it is the compound of one of the caller's teams in
  // an active emergency; an emergency or team when its compound is.
  bool reaches_compound(const Caller& c, Id compound) const;
  bool sees_emergency(const Caller& c, Id emergency) const;
  // A task (and an errand) when its micro-grid is in scope, its compound's own
  // grid is or the compound is the property staff's, or its team is the caller's.
  bool sees_task(const Caller& c, Id task) const;
  bool has_task(Id id) const { return tasks_.count(id) > 0; }
  // A party to the errand: a resident of its household, or one who acts in
  // emergencies and sees it as a task.
  bool sees_errand(const Caller& c, Id errand) const;
  bool has_errand(Id id) const { return errands_.count(id) > 0; }
  // Community life (life_scope.h): staff manage the subtrees of their grids and
  // see those and the grids above; a resident sees their household's grid and
  // the grids above and manages nothing; subdistrict roles everything.
  bool life_sees(const Caller& c, Id grid) const;
  bool life_manages(const Caller& c, Id grid) const;
  // A household's visits and care: a resident their own; staff and volunteers
  // the households of the grids they manage (a micro-grid is seen only when managed).
  bool life_reaches_household(const Caller& c, Placement p) const;
  // Who takes part for the placement's household (votes, sign-ons,
  // acknowledgements): a resident for their own, anyone else when they manage
  // its micro-grid.
  bool acts_for_household(const Caller& c, Placement p) const;
  // Whether the caller is among the participants of the placement's patrol
  // plan and patrol (its micro-grid worker).
  bool patrols(const Caller& c, Placement p) const;
  // Whether the caller may change the family's resource they see (true for
  // families outside community life, whose scope has no such split).
  bool manages(const Caller& c, Family f, const Target& t) const;

  // Every resource of a kind the world holds, by id.
  std::vector<Id> grids() const;
  std::vector<Id> places(std::optional<PlaceKind> kind = std::nullopt) const;
  std::vector<Id> persons() const;
  std::vector<Id> cases() const;
  std::vector<Id> assignments() const;
  std::vector<Id> organisations() const;
  std::vector<Id> emergencies() const;
  // The grids a caller's answer may name: those in scope and their ancestors.
  std::set<Id> grids_with_ancestors(const Caller& c) const;
  std::optional<Id> grid_of(Id place) const { return places_.at(place).grid; }
  // The cases in a community.
  std::vector<Id> cases_in(Id community) const;

  // Fresh resources for cells that change what they touch, recorded like the rest.
  Id new_case(Placement p, CaseKind k, CaseState state);
  Id new_person();               // in no household and no grid
  Id new_resident(Placement p);  // of the placement's household
  Id new_assignment(
      Placement p);  // a new person, as micro-grid worker of the placement's micro-grid
  // Ends the placement's emergency (when still active) and declares a new one.
  Id new_emergency(Placement p);
  Id new_errand(Placement p);    // requested, for the household in the placement's emergency
  Id new_compound(Placement p);  // a building, a unit in the micro-grid, a household; no emergency
  // A new person put on the team (a team that does not exist gets none).
  Id new_team_member(Id team);
  // Community life, for cells that use up what they touch (all as the admin).
  Id new_topic(Placement p);               // raised in the ordinary grid
  Id new_voting_topic(Placement p);        // taken to voting (quorum 1%)
  Id new_draft_version(Placement p);       // of a new convention of the compound
  Id new_voting_version(Placement p);      // likewise, taken to voting
  Id new_adopted_convention(Placement p);  // a new convention whose first version is adopted
  Id new_observation(Placement p);         // on the placement's patrol
  Id new_decision(Placement p);            // on the placement's meeting, owned by its company

 private:
  struct PlaceRow {
    PlaceKind kind;
    std::optional<Id> grid;
  };
  struct CaseRow {
    Id grid;
    CaseKind kind;
    std::optional<Id> reporter;
    Id company;  // the property company that handles it (lifts only)
  };
  Site build_site(Placement p);
  Id add_place(PlaceKind kind, const std::string& name, Id parent, std::optional<Id> grid,
               std::optional<Id> grid_put = {});
  Id add_person(const std::string& name, std::optional<Id> household);
  Id assign(Id person, Id grid, const std::string& role);
  Id add_case(const Site& s, CaseKind k, std::string* token = nullptr);
  void declare(Site& s);
  void add_life(Site& s);
  void add_life_activity(Site& s);
  // POSTs (or `method`s) as the admin and expects `status`; the answer's body.
  nlohmann::json admin(const std::string& method, const std::string& path,
                       const nlohmann::json& body, int status = 201);
  Id act(const std::string& collection, Id id, const std::string& action,
         nlohmann::json extra = nlohmann::json::object());
  bool own_compound(const Caller& c, Id compound) const;  // its grid in scope, or the company's
  bool on_team(const Caller& c, std::optional<Id> team) const;  // of an active emergency
  void add_caller(Role r);

  TestServer& server_;
  int port_;
  Headers staff_;  // a subdistrict_staff account for workflow steps admins may not take
  MiniMap m_{};
  std::map<Placement, Site> sites_;
  std::vector<Caller> callers_;
  std::map<Id, Id> grid_community_;
  std::map<Id, Id> grid_parent_;
  std::map<Id, PlaceRow> places_;
  std::map<Id, std::set<Id>> persons_;  // person -> grids they live or serve in
  std::map<Id, CaseRow> cases_;
  std::map<Id, Id> assignments_;                   // assignment -> grid
  std::map<Id, std::optional<Id>> organisations_;  // organisation -> community
  std::map<Id, std::set<Id>> unit_grids_;          // compound -> its units' grids
  std::map<Id, Id> contracts_;                     // compound -> property company
  std::map<Id, Id> household_compound_;
  std::map<Id, Id> resident_household_;  // person -> household
  struct EmergencyRow {
    Id compound;
    bool active;
  };
  std::map<Id, EmergencyRow> emergencies_;
  struct TeamRow {
    Id emergency, compound;
    std::set<Id> members;
  };
  std::map<Id, TeamRow> teams_;
  // Where a task (or an errand) stands: the household's micro-grid, compound, building team.
  struct TaskRow {
    Id grid, compound, team;
  };
  std::map<Id, TaskRow> tasks_;
  std::map<Id, std::pair<Id, TaskRow>> errands_;  // errand -> household, and where it stands
  bool covers(const Caller& c, const TaskRow& row) const;
};

}  // namespace weige::testing
