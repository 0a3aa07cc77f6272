// The scope matrix (issue #5): every route of the server is classified, and
// every route that names a scoped resource is called by every caller (each
// role, no account, a reporter with a tracking token) on the same resource at
// home, in the neighbouring grid and in the other community (scope_world.h).
// The outcome expected comes from the permission table and the world's
// written-out scopes, never from the server.
//
// How the API answers, and what the matrix holds it to:
//   no credentials                 401
//   the role lacks the permission  403 naming the permission, before anything is looked up
//   a resource outside the scope   404, the very answer (status and body, up to
//                                  the id) given for an id that does not exist
//   lists, counts and metrics      only what the scope covers, totals included
//                                  (scope_list_test.cpp)
// and a refused request changes nothing in the database.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/case_workflow.h"
#include "domain/topic_workflow.h"
#include "http/api.h"
#include "http/scope_routes.h"
#include "support/scope_world.h"

namespace weige::testing {
namespace {

using nlohmann::json;

// A route's request for one resource id, and its status when allowed.
struct Probe {
  std::string path;
  std::string body = "{}";
  std::string content_type = "application/json";
  int success = 200;
  int unknown = 404;  // the answer for an id that does not exist, and so for one outside the scope
};

// How a scoped route is called. `pick` makes a fresh resource for routes that
// use up what they touch; otherwise the placement's fixed resource is used.
struct Call {
  Family family;
  std::function<Probe(ScopeWorld&, const Caller&, const Target&, Id)> probe;
  std::function<Id(ScopeWorld&, const Caller&, const Target&)> pick;
  // The permission the handler checks for signed-in callers when the route is public.
  Permission acts_as = Permission::kUnset;
  bool reporter_token =
      false;  // a caller without an account may name the case by its tracking token
  // More to check of an allowed answer: that it names nothing outside the scope.
  std::function<void(const ScopeWorld&, const Caller&, const json&)> also = nullptr;
  // Community life: a change to what the caller sees but does not manage is 403 (life_scope.h).
  bool manage = false;
  // Community life kept from residents whatever the id (403 before anything is looked up).
  bool staff_only = false;
  // Community life with a rule of its own: whether the caller sees the
  // resource, and may change it, where that is not the family's (ScopeWorld::sees, ::manages).
  std::function<bool(const ScopeWorld&, const Caller&, const Target&)> sees = nullptr;
  std::function<bool(const ScopeWorld&, const Caller&, const Target&)> may_change = nullptr;
};

using LifeProbe = std::function<Probe(ScopeWorld&, const Caller&, const Target&, Id)>;

// A community-life route: reads (manage false) or changes (manage true) the resource.
Call life(Family f, LifeProbe probe, bool manage = false, bool staff_only = false) {
  Call c{f, std::move(probe), nullptr};
  c.manage = manage;
  c.staff_only = staff_only;
  return c;
}

// The same, on a fresh resource from `pick` for each cell (the route uses up what it touches).
Call life_fresh(Family f, LifeProbe probe, Id (ScopeWorld::*make)(Placement), bool manage,
                bool staff_only = false) {
  Call c = life(f, std::move(probe), manage, staff_only);
  c.pick = [make](ScopeWorld& w, const Caller&, const Target& t) { return (w.*make)(t.placement); };
  return c;
}

// Taking part for a household (votes, sign-ons, acknowledgements): a resident
// for their own, anyone else for the placement's household, which they must manage.
Call for_household(Call c) {
  c.manage = true;
  c.may_change = [](const ScopeWorld& w, const Caller& who, const Target& t) {
    return w.acts_for_household(who, t.placement);
  };
  return c;
}

// Adding to a patrol: the grid's staff, or the patrol's participants (the micro-grid worker).
Call on_patrol(Call c) {
  c.may_change = [](const ScopeWorld& w, const Caller& who, const Target& t) {
    return w.manages(who, Family::kPatrol, t) || w.patrols(who, t.placement);
  };
  return c;
}

std::string at(const std::string& collection, Id id, const std::string& rest = "") {
  return "/api/v1/" + collection + "/" + std::to_string(id) + rest;
}

// Whether the workflow table lets the caller take `action` on a case in `state`.
bool may(const Caller& c, CaseState state, Action action) {
  if (!c.role) return false;
  CaseFacts f;
  f.state = state;
  auto allowed = allowed_actions(f, Actor{*c.role, c.person});
  return std::find(allowed.begin(), allowed.end(), action) != allowed.end();
}

// The move each caller makes on a case in their scope: the first of these
// the workflow table allows them, on a fresh case in the state it starts from.
struct Move {
  CaseState from;
  Action action;
};

std::optional<Move> move_for(const Caller& c) {
  for (Move m :
       {Move{CaseState::kReported, Action::kAccept}, Move{CaseState::kDispatched, Action::kStart},
        Move{CaseState::kClosed, Action::kRate}}) {
    if (may(c, m.from, m.action)) return m;
  }
  return std::nullopt;
}

// A micro-grid code not used yet, under the ordinary grid `parent`.
std::string new_micro_code(int port, Id parent) {
  static int next = 100;
  Reply r = get(port, at("grids", parent));
  std::string code = r.status == 200 ? body(r)["code"].get<std::string>() : "510108012005001000";
  return code.substr(0, 15) + std::to_string(next++);
}

Probe simple(const std::string& collection, Id id, const std::string& rest = "") {
  return {at(collection, id, rest)};
}

Probe send(const std::string& path, const json& j, int success = 201, int unknown = 404) {
  return Probe{path, j.dump(), "application/json", success, unknown};
}

// `j` naming the placement's household, unless the caller is a resident (who takes their own).
json household_of(const ScopeWorld& w, const Caller& c, const Target& t, json j) {
  if (c.role != Role::kResident) j["household_id"] = w.site(t.placement).household;
  return j;
}

// Whether the deliberation tables let the caller open consultation on a
// raised topic, or on a draft convention version: 200 if so, else 403.
int consultation_status(const Caller& c, bool version) {
  if (!c.role) return 403;
  Actor a{*c.role, c.person};
  if (version) return decide(VersionFacts{}, VersionAction::kOpenConsultation, a) ? 200 : 403;
  auto allowed = allowed_actions(TopicFacts{}, a);
  return std::find(allowed.begin(), allowed.end(), TopicAction::kOpenConsultation) != allowed.end()
             ? 200
             : 403;
}

json one_section() {
  return {{{"key", "1"}, {"heading", "总则"}, {"text", "矩阵"}}};
}

// An `also` for a list inside one resource: every row is one the world made
// and the caller sees.
template <bool (ScopeWorld::*Has)(Id) const, bool (ScopeWorld::*Sees)(const Caller&, Id) const>
void only_rows_seen(const ScopeWorld& w, const Caller& c, const json& answer) {
  for (const auto& row : answer["items"]) {
    Id id = row["id"].get<Id>();
    EXPECT_TRUE((w.*Has)(id) && (w.*Sees)(c, id)) << "lists " << id << ", beyond the scope";
  }
}

// An `also` for the coverage map: every area is the ordinary grid above the
// micro-grid of a screening task the caller sees (the world's tasks stand in
// the placements' micro-grids), and nothing is drilled into.
void areas_above_tasks_seen(const ScopeWorld& w, const Caller& c, const json& answer) {
  std::set<Id> allowed;
  for (Placement p : kPlacements) {
    if (w.sees_task(c, w.site(p).task)) allowed.insert(w.site(p).ordinary_grid);
  }
  for (const auto& area : answer["areas"]) {
    Id id = area["id"].get<Id>();
    EXPECT_TRUE(allowed.count(id)) << "the map shows grid " << id << ", beyond the tasks in scope";
  }
  EXPECT_TRUE(answer["compounds"].empty() && answer["buildings"].empty()) << answer.dump();
}

// A notice's unread households, one page of the default 50: each row a
// household of the world's placements (a notice reaches its compound's), and a
// total that counts no more than the world holds.
Call unread_page() {
  Call c = life(
      Family::kNotice, [](ScopeWorld&, const Caller&, const Target&, Id id) {
        return simple("notices", id, "/unread");
      },
      false, true);
  c.also = [](const ScopeWorld& w, const Caller&, const json& answer) {
    std::set<Id> households;
    for (Placement p : kPlacements) households.insert(w.site(p).household);
    ASSERT_TRUE(answer["items"].is_array()) << answer.dump();
    EXPECT_LE(answer["items"].size(), 50u);
    for (const auto& row : answer["items"]) {
      EXPECT_EQ(households.count(row["household_id"].get<Id>()), 1u)
          << "lists " << row.dump() << ", beyond the notice's compound";
    }
    EXPECT_EQ(answer["total"].get<std::int64_t>(), static_cast<std::int64_t>(answer["items"].size()))
        << "the total counts beyond the page";
  };
  return c;
}

const std::map<std::string, Call>& calls() {
  using W = ScopeWorld;
  using C = const Caller&;
  using T = const Target&;
  using F = Family;
  static const std::map<std::string, Call> m{
      {"getGrid", {F::kGrid, [](W&, C, T, Id id) { return simple("grids", id); }}},
      {"updateGrid", {F::kGrid, [](W&, C, T, Id id) { return simple("grids", id); }}},
      {"gridPoster", {F::kGrid, [](W&, C, T, Id id) { return simple("grids", id, "/poster"); }}},
      {"getPlace", {F::kUnit, [](W&, C, T, Id id) { return simple("places", id); }}},
      {"updatePlace", {F::kUnit, [](W&, C, T, Id id) { return simple("places", id); }}},
      {"setPropertyContract",
       {F::kCompound,
        [](W& w, C, T t, Id id) {
          return Probe{at("places", id, "/property-contract"),
                       json{{"organisation_id", w.site(t.placement).company}}.dump()};
        }}},
      {"getHouseholdLinks",
       {F::kHousehold, [](W&, C, T, Id id) { return simple("households", id, "/links"); }}},
      {"getPerson", {F::kPerson, [](W&, C, T, Id id) { return simple("persons", id); }}},
      {"updatePerson", {F::kPerson, [](W&, C, T, Id id) { return simple("persons", id); }}},
      {"revealPerson",
       {F::kPerson,
        [](W&, C, T, Id id) {
          return Probe{at("persons", id, "/reveal"), json{{"reason", "上门走访核实"}}.dump()};
        }}},
      {"deleteAssignment",
       {F::kAssignment, [](W&, C, T, Id id) { return simple("assignments", id); },
        [](W& w, C, T t) { return w.new_assignment(t.placement); }}},
      {"getCase", {F::kCase, [](W&, C, T, Id id) { return simple("cases", id); }}},
      {"revealReporter",
       {F::kCase,
        [](W&, C, T, Id id) {
          return Probe{at("cases", id, "/reveal"), json{{"reason", "回访核实情况"}}.dump()};
        }}},
      {"attachToCase",
       {F::kCase,
        [](W&, C, T, Id id) {
          return Probe{at("cases", id, "/attachments"), png_bytes(), "image/png", 201};
        },
        nullptr, Permission::kCaseAct, true}},
      {"saveMediation",
       {F::kCase,
        [](W&, C, T t, Id id) {
          return Probe{at("cases", id, "/mediation"),
                       json{{"agreement", "晚上十点后不再吵闹"}}.dump(), "application/json",
                       t.kind == CaseKind::kDispute ? 200 : 409};  // disputes only
        }}},
      {"addMediationSession",
       {F::kCase,
        [](W&, C, T t, Id id) {
          return Probe{at("cases", id, "/mediation/sessions"),
                       json{{"place", "红色港湾"}, {"summary", "双方同意"}}.dump(),
                       "application/json",
                       t.kind == CaseKind::kDispute ? 201 : 409};  // after a mediation record
        }}},
      {"actOnCase",
       {F::kCase,
        [](W&, C c, T, Id id) {
          auto move = move_for(c);
          json j{{"action", move ? std::string(to_string(move->action)) : "accept"},
                 {"rating", "satisfied"},
                 {"note", "矩阵"}};
          return Probe{at("cases", id, "/actions"), j.dump()};
        },
        [](W& w, C c, T t) {
          auto move = move_for(c);
          return w.new_case(t.placement, t.kind, move ? move->from : CaseState::kReported);
        }}},
      {"bulkDispatchCases",
       {F::kCase,
        [](W&, C c, T, Id id) {
          return Probe{
              "/api/v1/cases/bulk-dispatch", json{{"case_ids", {id}}}.dump(), "application/json",
              may(c, CaseState::kAccepted, Action::kDispatch) ? 200
                                                              : 403};  // the workflow table decides
        },
        [](W& w, C, T t) { return w.new_case(t.placement, t.kind, CaseState::kAccepted); }}},
      {"getAttachment",
       {F::kAttachment, [](W&, C, T, Id id) { return simple("attachments", id); }}},
      // Peacetime and emergency.
      {"getEmergency", {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id); }}},
      {"updateEmergency",
       {F::kEmergency,
        [](W&, C, T, Id id) {
          return Probe{at("emergencies", id), json{{"level", 2}}.dump()};
        }}},
      {"endEmergency",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/end"); },
        [](W& w, C, T t) { return w.new_emergency(t.placement); }}},
      {"listEmergencyTeams",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/teams"); }}},
      {"listScreeningRounds",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/rounds"); }}},
      {"startScreeningRound",
       {F::kEmergency,
        [](W&, C, T, Id id) {
          return Probe{at("emergencies", id, "/rounds"), "{}", "application/json", 201};
        },
        [](W& w, C, T t) { return w.new_emergency(t.placement); }}},
      {"getScreeningProgress",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/progress"); }}},
      // Scoped like the progress; its areas are only grids above tasks the caller sees.
      // Drilling into a grid (?grid_id=): ScopeMatrix.CoverageMapDrillsOnlyIntoGridsInSight.
      {"getCoverageMap",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/coverage-map"); },
        nullptr, Permission::kUnset, false, areas_above_tasks_seen}},
      {"listScreeningTasks",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/tasks"); }, nullptr,
        Permission::kUnset, false, only_rows_seen<&W::has_task, &W::sees_task>}},
      {"listErrands",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/errands"); },
        nullptr, Permission::kUnset, false, only_rows_seen<&W::has_errand, &W::sees_errand>}},
      {"getEmergencyReport",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/report"); }}},
      {"getEmergencyReportXlsx",
       {F::kEmergency, [](W&, C, T, Id id) { return simple("emergencies", id, "/report.xlsx"); }}},
      {"addTeamMember",
       {F::kTeam,
        [](W& w, C, T t, Id id) {
          // A new resident of the household: a person the caller sees when they see the team.
          json j{{"person_id", w.new_resident(t.placement)}, {"emergency_role", "screener"}};
          return Probe{at("emergency-teams", id, "/members"), j.dump()};
        }}},
      {"removeTeamMember",
       {F::kTeam,
        [](W& w, C, T, Id id) {
          return simple("emergency-teams", id, "/members/" + std::to_string(w.new_team_member(id)));
        }}},
      {"setTeamLeader",
       {F::kTeam,
        [](W& w, C, T t, Id id) {
          return Probe{at("emergency-teams", id, "/leader"),
                       json{{"person_id", w.site(t.placement).team_member}}.dump(),
                       "application/json"};
        }}},
      {"recordScreening",
       {F::kTask,
        [](W&, C, T, Id id) {
          return Probe{at("screening-tasks", id), json{{"outcome", "not_at_home"}}.dump()};
        }}},
      // Either party may cancel a requested errand; anyone else finds no such errand.
      {"actOnErrand",
       {F::kErrand,
        [](W&, C, T, Id id) {
          return Probe{at("errands", id, "/actions"), json{{"action", "cancel"}}.dump()};
        },
        [](W& w, C, T t) { return w.new_errand(t.placement); }}},
      // Community life, scoped by the placement's ordinary grid.
      {"getPatrolPlan",
       life(F::kPatrolPlan, [](W&, C, T, Id id) { return simple("patrol-plans", id); }, false,
            true)},
      {"getTopic", life(F::kTopic, [](W&, C, T, Id id) { return simple("topics", id); })},
      // The world's topics are only raised: a manager is told steps follow a decision (409).
      {"addTopicStep",
       life(
           F::kTopic,
           [](W&, C, T, Id id) {
             return Probe{at("topics", id, "/steps"), json{{"title", "矩阵步骤"}}.dump(),
                          "application/json", 409};
           },
           true)},
      {"getMeeting", life(F::kMeeting, [](W&, C, T, Id id) { return simple("meetings", id); })},
      {"addMeetingDecision",
       life(
           F::kMeeting,
           [](W& w, C, T t, Id id) {
             json j{{"text", "矩阵决定"},
                    {"owner_organisation_id", w.site(t.placement).company},
                    {"due_on", "2026-12-20"}};
             return Probe{at("meetings", id, "/decisions"), j.dump(), "application/json", 201};
           },
           true)},
      {"getConvention",
       life(F::kConvention, [](W&, C, T, Id id) { return simple("conventions", id); })},
      // The convention's first version is still a draft: a manager is told so (409).
      {"draftConventionVersion",
       life(
           F::kConvention,
           [](W&, C, T, Id id) {
             json j{{"sections", one_section()}};
             return Probe{at("conventions", id, "/versions"), j.dump(), "application/json", 409};
           },
           true)},
      {"getCampaign", life(F::kCampaign, [](W&, C, T, Id id) { return simple("campaigns", id); })},
      // Patrols: staff and volunteers only; the plan's participants add to its patrols.
      {"getPatrol", life(F::kPatrol, [](W&, C, T, Id id) { return simple("patrols", id); }, false, true)},
      {"addPatrolCheckin",
       on_patrol(life(
           F::kPatrol,
           [](W& w, C, T t, Id id) {
             return send(at("patrols", id, "/checkins"), {{"place_id", w.site(t.placement).compound}});
           },
           true, true))},
      {"addPatrolObservation",
       on_patrol(life(
           F::kPatrol,
           [](W&, C, T, Id id) { return send(at("patrols", id, "/observations"), {{"text", "矩阵"}}); },
           true, true))},
      {"decidePatrolObservation",
       on_patrol(life_fresh(
           F::kObservation,
           [](W&, C, T, Id id) {
             return send(at("patrol-observations", id, "/outcome"), {{"outcome", "suggestion"}}, 200);
           },
           &W::new_observation, true, true))},
      // Visits and care: the households of the grids one manages; a resident their own.
      {"getVisit", life(F::kVisit, [](W&, C, T, Id id) { return simple("visits", id); })},
      {"getHouseholdCare",
       life(F::kCaredHousehold, [](W&, C, T, Id id) { return simple("households", id, "/care"); })},
      {"setHouseholdCare",
       life(
           F::kCaredHousehold,
           [](W&, C, T, Id id) {
             return send(at("households", id, "/care"), {{"tags", {{{"tag", "disabled"}}}}}, 200);
           },
           false, true)},
      // Deliberation.
      {"actOnTopic",
       life_fresh(
           F::kTopic,
           [](W&, C c, T, Id id) {
             return send(at("topics", id, "/actions"), {{"action", "open_consultation"}},
                         consultation_status(c, false));
           },
           &W::new_topic, true)},
      {"commentOnTopic",
       life(F::kTopic,
            [](W&, C, T, Id id) { return send(at("topics", id, "/comments"), {{"text", "同意"}}); })},
      {"voteOnTopic",
       for_household(life_fresh(
           F::kTopic,
           [](W& w, C c, T t, Id id) {
             return send(at("topics", id, "/votes"), household_of(w, c, t, {{"ballot", "for"}}));
           },
           &W::new_voting_topic, true))},
      {"updateTopicStep",
       life(
           F::kTopicStep,
           [](W&, C, T, Id id) { return send(at("topic-steps", id), {{"progress", 50}}, 200); },
           true)},
      // A decision's owner (here the placement's property company) completes it wherever it lies.
      {"completeDecision",
       [] {
         Call c = life_fresh(
             F::kDecision,
             [](W&, C, T, Id id) { return send(at("decisions", id, "/done"), {{"note", "已完成"}}, 200); },
             &W::new_decision, true);
         auto owner = [](const W& w, C who, T t) {
           return who.organisation && *who.organisation == w.site(t.placement).company;
         };
         c.sees = [owner](const W& w, C who, T t) {
           return owner(w, who, t) || w.sees(who, F::kDecision, t, 0);
         };
         c.may_change = [owner](const W& w, C who, T t) {
           return owner(w, who, t) || w.manages(who, F::kDecision, t);
         };
         return c;
       }()},
      // Conventions.
      {"getSignOnRates",
       life(F::kConvention, [](W&, C, T, Id id) { return simple("conventions", id, "/sign-on-rates"); },
            false, true)},
      {"signConvention",
       for_household(life_fresh(
           F::kConvention,
           [](W& w, C c, T t, Id id) {
             return send(at("conventions", id, "/sign-ons"), household_of(w, c, t, json::object()));
           },
           &W::new_adopted_convention, true))},
      {"getConventionVersion",
       life(F::kConventionVersion, [](W&, C, T, Id id) { return simple("convention-versions", id); })},
      {"actOnConventionVersion",
       life_fresh(
           F::kConventionVersion,
           [](W&, C c, T, Id id) {
             return send(at("convention-versions", id, "/actions"), {{"action", "open_consultation"}},
                         consultation_status(c, true));
           },
           &W::new_draft_version, true)},
      // The world's first versions are drafts, which take comments.
      {"commentOnConventionSection",
       life(F::kConventionVersion,
            [](W&, C, T, Id id) {
              return send(at("convention-versions", id, "/comments"),
                          {{"section_key", "1"}, {"text", "赞成"}});
            })},
      {"voteOnConventionVersion",
       for_household(life_fresh(
           F::kConventionVersion,
           [](W& w, C c, T t, Id id) {
             return send(at("convention-versions", id, "/votes"),
                         household_of(w, c, t, {{"ballot", "for"}}));
           },
           &W::new_voting_version, true))},
      // Notices and campaigns.
      {"getNotice", life(F::kNotice, [](W&, C, T, Id id) { return simple("notices", id); })},
      {"acknowledgeNotice",
       for_household(life(F::kNotice, [](W& w, C c, T t, Id id) {
         return send(at("notices", id, "/read"), household_of(w, c, t, json::object()), 200);
       }))},
      {"listNoticeUnread", unread_page()},
      {"linkCampaignCase",
       life(
           F::kCampaign,
           [](W& w, C, T t, Id id) {
             return send(at("campaigns", id, "/cases"), {{"case_id", w.site(t.placement).dispute}}, 200);
           },
           true)},
      // Community life created under a grid or a place named in the body.
      {"createPatrolPlan",
       life(
           F::kLifeGrid,
           [](W& w, C, T t, Id id) {
             const Site& s = w.site(t.placement);
             return send("/api/v1/patrol-plans",
                         {{"grid_id", id},
                          {"name", "矩阵巡查"},
                          {"route", {s.compound}},
                          {"participants", {{{"person_id", s.worker}, {"kind", "volunteer"}}}}});
           },
           true, true)},
      {"recordPatrol",
       on_patrol(life(
           F::kPatrolPlan,
           [](W& w, C, T t, Id id) {
             return send("/api/v1/patrols",
                         {{"plan_id", id},
                          {"participants",
                           {{{"person_id", w.site(t.placement).worker}, {"kind", "volunteer"}}}}});
           },
           true, true))},
      {"logVisit",
       life(
           F::kCaredHousehold,
           [](W& w, C, T t, Id id) {
             return send("/api/v1/visits", {{"household_id", id},
                                            {"visitor_person_id", w.site(t.placement).worker},
                                            {"form", "door_to_door"}});
           },
           false, true)},
      // Anyone taking part raises a topic in a grid they see; an unseen grid is a bad grid_id (400).
      {"raiseTopic",
       life(F::kLifeGrid, [](W&, C, T, Id id) {
         return send("/api/v1/topics", {{"grid_id", id}, {"title", "矩阵议题"}}, 201, 400);
       })},
      {"recordMeeting",
       life(
           F::kLifeGrid,
           [](W&, C, T, Id id) {
             return send("/api/v1/meetings",
                         {{"kind", "joint_meeting"}, {"grid_id", id}, {"minutes", "矩阵"}});
           },
           true)},
      {"createConvention",
       life(
           F::kLifeCompound,
           [](W&, C, T, Id id) {
             return send("/api/v1/conventions",
                         {{"place_id", id}, {"title", "矩阵公约"}, {"sections", one_section()}});
           },
           true)},
      // An unseen compound is a bad target (400), as one that does not exist.
      {"publishNotice",
       life(
           F::kLifeCompound,
           [](W&, C, T, Id id) {
             return send("/api/v1/notices",
                         {{"target_kind", "compound"}, {"target_id", id}, {"title", "矩阵通知"}, {"body", "内容"}},
                         201, 400);
           },
           true)},
      {"createCampaign",
       life(
           F::kLifeGrid,
           [](W&, C, T, Id id) {
             return send("/api/v1/campaigns",
                         {{"theme", "fire_safety"}, {"title", "矩阵宣传"}, {"grid_id", id}});
           },
           true)},
      // Creates under a scoped resource named in the body.
      {"createGrid",
       {F::kOrdinaryGrid,
        [](W& w, C, T, Id id) {
          json j{{"kind", "micro_grid"},
                 {"code", new_micro_code(w.port(), id)},
                 {"name", "新微网格"},
                 {"parent_id", id}};
          return Probe{"/api/v1/grids", j.dump(), "application/json", 201};
        }}},
      {"createPlace",
       {F::kUnit,
        [](W&, C, T, Id id) {
          return Probe{"/api/v1/places",
                       json{{"kind", "household"}, {"name", "新户"}, {"parent_id", id}}.dump(),
                       "application/json", 201};
        }}},
      {"createPerson",
       {F::kHousehold,
        [](W&, C, T, Id id) {
          return Probe{"/api/v1/persons", json{{"name", "新住户"}, {"household_id", id}}.dump(),
                       "application/json", 201};
        }}},
      {"createAssignment",
       {F::kGrid,
        [](W& w, C, T, Id id) {
          json j{{"person_id", w.new_person()}, {"grid_id", id}, {"role", "micro_grid_worker"}};
          return Probe{"/api/v1/assignments", j.dump(), "application/json", 201};
        }}},
      {"createLink",
       {F::kHousehold,
        [](W& w, C, T t, Id id) {
          json j{
              {"tier", 3}, {"from_person_id", w.site(t.placement).worker}, {"to_household_id", id}};
          return Probe{"/api/v1/links", j.dump(), "application/json", 201};
        }}},
      {"createCase",
       {F::kUnit,
        [](W&, C, T, Id id) {
          json j{{"category_id", 501}, {"description", "电梯又坏了"}, {"place_id", id}};
          return Probe{"/api/v1/cases", j.dump(), "application/json", 201};
        },
        nullptr, Permission::kUnset, false,
        // The duplicates suggested at intake (the unit's open lift case) only from the scope.
        [](const W& w, C c, const json& answer) {
          json duplicates = answer["duplicates"];
          for (const auto& d : duplicates) {
            Id id = d["id"].get<Id>();
            if (w.has_case(id)) {
              EXPECT_TRUE(w.sees_case(c, id))
                  << "suggests case " << id << " from outside the scope";
            }
          }
        }}},
      // For the household in the emergency; a resident names no household: theirs is taken.
      {"requestErrand",
       {F::kEmergency,
        [](W& w, C c, T t, Id id) {
          json j{{"kind", "medicine"}, {"details", "降压药"}};
          if (c.role != Role::kResident) j["household_id"] = w.site(t.placement).household;
          return Probe{at("emergencies", id, "/errands"), j.dump(), "application/json", 201};
        }}},
      // A compound outside the scope is refused as one that does not exist: 400, a bad scope id.
      {"declareEmergency",
       {F::kEmergencyCompound,
        [](W&, C, T, Id id) {
          json j{{"name", "矩阵演练"},
                 {"type", "fire"},
                 {"scope_kind", "compounds"},
                 {"scope_ids", {id}}};
          return Probe{"/api/v1/emergencies", j.dump(), "application/json", 201, 400};
        },
        [](W& w, C, T t) { return w.new_compound(t.placement); }}},
      {"createOrganisation",
       {F::kCommunity,
        [](W&, C, T, Id id) {
          json j{{"kind", "business"}, {"name", "新商户"}, {"community_id", id}};
          return Probe{"/api/v1/organisations", j.dump(), "application/json", 201};
        }}},
  };
  return m;
}

// kNotManaged: community life seen but not managed (403, and the resource may be
// acknowledged); kStaffOnly: community life kept from residents (403 for any id).
enum class Verdict { kAllowed, kNoAccount, kNoPermission, kOutOfScope, kNotManaged, kStaffOnly };

struct Expected {
  int status;
  Verdict verdict;
};

// The outcome from the permission table and the world's scopes alone.
Expected expect(const Call& call, const http::Route& route, const Caller& c, const Target& t,
                bool visible, bool managed, const Probe& p) {
  int success = p.success;
  if (!c.role) {
    if (call.reporter_token && c.name == "reporter") {
      bool own = t.placement == Placement::kHome && t.kind == CaseKind::kDispute;
      return own ? Expected{success, Verdict::kAllowed} : Expected{403, Verdict::kOutOfScope};
    }
    return {401, Verdict::kNoAccount};
  }
  Permission needed = call.acts_as != Permission::kUnset ? call.acts_as : route.permission;
  if (!role_allows(*c.role, needed)) return {403, Verdict::kNoPermission};
  if (call.staff_only && c.role == Role::kResident) return {403, Verdict::kStaffOnly};
  if (!visible) return {p.unknown, Verdict::kOutOfScope};
  if (call.manage && !managed) return {403, Verdict::kNotManaged};
  return {success, Verdict::kAllowed};
}

TEST(ScopeMatrix, EveryRouteIsClassifiedAndEveryScopedRouteHasItsCall) {
  TestServer server;
  std::map<std::string, const ClassifiedRoute*> table;
  for (const auto& c : classified_routes()) {
    EXPECT_TRUE(table.emplace(c.operation_id, &c).second)
        << c.operation_id << " is classified twice";
  }
  std::map<RouteClass, int> per_class;
  for (const auto& route : server.api().router().routes()) {
    auto it = table.find(route.operation_id);
    if (it == table.end()) {
      ADD_FAILURE()
          << route.method << " " << route.pattern << " (" << route.operation_id
          << ") has no place in the scope matrix: classify it in tests/http/scope_routes.h";
      continue;
    }
    const ClassifiedRoute& c = *it->second;
    ++per_class[c.cls];
    bool scoped = c.cls == RouteClass::kById || c.cls == RouteClass::kByReference;
    EXPECT_EQ(scoped, calls().count(c.operation_id) > 0)
        << c.operation_id << ": scoped routes, and only they, have a Call";
    if (c.cls == RouteClass::kPublic) {
      EXPECT_EQ(route.permission, Permission::kPublic) << c.operation_id;
    }
    if (c.cls == RouteClass::kSelf) {
      EXPECT_EQ(route.permission, Permission::kSignedIn) << c.operation_id;
    }
    if (c.cls == RouteClass::kGlobal) {
      // Configuration for the whole subdistrict: only roles that see all of it, unless the table
      // says why not.
      for (Role r : account_roles()) {
        bool limited = r != Role::kSubdistrictAdmin && r != Role::kSubdistrictStaff;
        if (limited && role_allows(r, route.permission)) {
          EXPECT_FALSE(c.shared_because.empty())
              << c.operation_id << " is open to " << to_string(r)
              << ", whose scope is limited; say why in scope_routes.h or restrict it";
        }
      }
    }
    table.erase(it);
  }
  for (const auto& [op, c] : table)
    ADD_FAILURE() << op << " is classified but the server has no such route";
  EXPECT_EQ(per_class[RouteClass::kById] + per_class[RouteClass::kByReference],
            static_cast<int>(calls().size()));
}

// Calls the route as `call` says for every caller x every target of its
// family and checks each answer against the expectation (see
// AllowsExactlyWhatTheScopeCovers); the number of cells.
int check_cells(TestServer& server, ScopeWorld& w, const http::Route& route, const Call& call) {
  int cells = 0;
  for (const Caller& c : w.callers()) {
    for (const Target& t : targets(call.family)) {
      Id id = call.pick ? call.pick(w, c, t) : w.resource(call.family, t);
      bool visible = call.sees ? call.sees(w, c, t) : w.sees(c, call.family, t, id);
      Probe p = call.probe(w, c, t, id);
      bool managed = call.may_change ? call.may_change(w, c, t) : w.manages(c, call.family, t);
      Expected x = expect(call, route, c, t, visible, managed, p);
      SCOPED_TRACE(c.name + " x " + route.method + " " + route.pattern + " x " +
                   label(call.family, t) + " (" +
                   (visible ? (managed ? "in scope" : "seen, not managed") : "out of scope") +
                   ", id " + std::to_string(id) + ")");
      bool refusal_expected = route.method != "GET" && x.status >= 300;
      std::string before = refusal_expected ? dump(server.db()) : "";
      Reply r = http(server.port(), {route.method, p.path, p.body, p.content_type, c.headers});
      EXPECT_EQ(r.status, x.status) << r.body.substr(0, 300);
      if (x.verdict == Verdict::kNoPermission) {
        EXPECT_TRUE(refused_by_guard(r)) << r.body;
      }
      if (call.also && x.verdict == Verdict::kAllowed && r.status < 300) call.also(w, c, body(r));
      if (refusal_expected && r.status >= 300) {
        EXPECT_EQ(before, dump(server.db())) << "a refused request changed the database";
      }
      if (x.verdict != Verdict::kAllowed && x.verdict != Verdict::kNotManaged) {
        Probe twin = call.probe(w, c, t, kNoSuchId);
        Reply n =
            http(server.port(), {route.method, twin.path, twin.body, twin.content_type, c.headers});
        EXPECT_EQ(n.status, r.status)
            << "refused differently from an id that does not exist: " << n.body.substr(0, 200);
        EXPECT_EQ(without_id(n.body, kNoSuchId), without_id(r.body, id))
            << "the refusal tells the id exists";
      }
      ++cells;
    }
  }
  return cells;
}

class ScopeMatrixByResource : public ::testing::TestWithParam<std::string> {};

// Every caller x every resource at every placement: allowed exactly when the
// permission table and the caller's scope say so; a refusal for a resource
// outside the scope reads exactly like one for an id that does not exist; a
// refused request changes nothing.
TEST_P(ScopeMatrixByResource, AllowsExactlyWhatTheScopeCovers) {
  TestServer server;
  ScopeWorld w(server);
  ASSERT_FALSE(::testing::Test::HasFailure()) << "the world could not be built";
  const http::Route* route = route_of(server, GetParam());
  ASSERT_NE(route, nullptr) << GetParam();
  ASSERT_TRUE(calls().count(GetParam())) << GetParam() << " has no Call";
  const Call& call = calls().at(GetParam());
  int cells = check_cells(server, w, *route, call);
  EXPECT_EQ(cells, static_cast<int>(w.callers().size() * targets(call.family).size()));
  RecordProperty("cells", cells);
}

// The coverage map of the home emergency drilled into each placement's
// micro-grid and ordinary grid (?grid_id=): allowed when the caller sees the
// emergency and either sees the grid or sees a screening task in it (the
// home household's, in home's micro-grid under home's grid); any other grid
// reads exactly like one that does not exist, 404.
TEST(ScopeMatrix, CoverageMapDrillsOnlyIntoGridsInSight) {
  TestServer server;
  ScopeWorld w(server);
  ASSERT_FALSE(::testing::Test::HasFailure()) << "the world could not be built";
  const http::Route* route = route_of(server, "getCoverageMap");
  ASSERT_NE(route, nullptr);
  for (Family f : {Family::kGrid, Family::kOrdinaryGrid}) {
    SCOPED_TRACE(f == Family::kGrid ? "micro-grids" : "ordinary grids");
    Call call{f, [](ScopeWorld& world, const Caller&, const Target&, Id grid) {
                return Probe{at("emergencies", world.site(Placement::kHome).emergency,
                                "/coverage-map?grid_id=" + std::to_string(grid))};
              }};
    call.sees = [f](const ScopeWorld& world, const Caller& c, const Target& t) {
      const Site& home = world.site(Placement::kHome);
      Id grid = world.resource(f, t);
      bool task_in_grid = t.placement == Placement::kHome && world.sees_task(c, home.task);
      return world.sees_emergency(c, home.emergency) && (world.sees_grid(c, grid) || task_in_grid);
    };
    // What a drilled map shows: the micro-grids, compounds and buildings of tasks the caller sees.
    call.also = [](const ScopeWorld& world, const Caller& c, const json& answer) {
      std::set<Id> grids, places;
      for (Placement p : kPlacements) {
        const Site& s = world.site(p);
        if (!world.sees_task(c, s.task)) continue;
        grids.insert(s.micro_grid);
        places.insert({s.compound, s.building});
      }
      for (const auto& a : answer["areas"]) {
        EXPECT_TRUE(grids.count(a["id"].get<Id>())) << "shows grid " << a["id"];
      }
      for (const char* kind : {"compounds", "buildings"}) {
        for (const auto& row : answer[kind]) {
          EXPECT_TRUE(places.count(row["id"].get<Id>())) << "shows place " << row["id"];
        }
      }
    };
    int cells = check_cells(server, w, *route, call);
    EXPECT_EQ(cells, static_cast<int>(w.callers().size() * targets(f).size()));
  }
}

// What the cells do not try: moving a place, a grid or a person into another
// community, and naming a reporter from outside the scope. Each is refused
// exactly as if the target did not exist, and changes nothing.
TEST(ScopeMatrix, MovesAndReferencesStayInsideTheScope) {
  TestServer server;
  ScopeWorld w(server);
  const Site& home = w.site(Placement::kHome);
  const Site& away = w.site(Placement::kElsewhere);
  auto as = [&](Role r) {
    for (const Caller& c : w.callers()) {
      if (c.role == r) return c.headers;
    }
    return Headers{};
  };
  struct Attempt {
    std::string what;
    Role role;
    std::string method, path;
    std::function<json(Id)> body;  // with the target's id
    Id target;
    int status = 404;
  };
  const Attempt attempts[] = {
      {"a unit moved into a micro-grid of B", Role::kCommunityAdmin, "PATCH",
       at("places", home.unit),
       [](Id id) {
         return json{{"grid_id", id}};
       },
       away.micro_grid},
      {"a building moved under a compound of B", Role::kCommunityAdmin, "PATCH",
       at("places", home.building),
       [](Id id) {
         return json{{"parent_id", id}};
       },
       away.compound},
      {"a micro-grid moved under a grid of B", Role::kCommunityAdmin, "PATCH",
       at("grids", home.micro_grid),
       [](Id id) {
         return json{{"parent_id", id}};
       },
       away.ordinary_grid},
      {"a general grid made for community B", Role::kCommunityAdmin, "POST", "/api/v1/grids",
       [](Id id) {
         return json{{"kind", "general_grid"},
                     {"code", "510108012007000000"},
                     {"name", "总网格"},
                     {"community_id", id}};
       },
       away.community, 400},
      {"a resident moved into a household of B", Role::kGridWorker, "PATCH",
       at("persons", home.resident),
       [](Id id) {
         return json{{"household_id", id}};
       },
       away.household},
      {"a case taken in for a reporter of B", Role::kGridWorker, "POST", "/api/v1/cases",
       [&](Id id) {
         return json{{"category_id", 102},
                     {"description", "狗叫"},
                     {"place_id", home.household},
                     {"reporter_person_id", id}};
       },
       away.resident},
      {"a link to a person of B", Role::kGridWorker, "POST", "/api/v1/links",
       [&](Id id) {
         return json{{"tier", 2}, {"from_person_id", home.worker}, {"to_person_id", id}};
       },
       away.resident},
      {"a person of B put on a home building team", Role::kCommunityAdmin, "POST",
       at("emergency-teams", home.team, "/members"),
       [](Id id) {
         return json{{"person_id", id}, {"emergency_role", "screener"}};
       },
       away.resident, 400},
  };
  for (const Attempt& a : attempts) {
    SCOPED_TRACE(a.what);
    std::string before = dump(server.db());
    Reply r = http(server.port(),
                   {a.method, a.path, a.body(a.target).dump(), "application/json", as(a.role)});
    EXPECT_EQ(r.status, a.status) << r.body;
    EXPECT_EQ(before, dump(server.db()));
    Reply n = http(server.port(),
                   {a.method, a.path, a.body(kNoSuchId).dump(), "application/json", as(a.role)});
    EXPECT_EQ(without_id(n.body, kNoSuchId), without_id(r.body, a.target));
  }
}

std::vector<std::string> scoped_routes() {
  auto v = routes_of(RouteClass::kById);
  auto r = routes_of(RouteClass::kByReference);
  v.insert(v.end(), r.begin(), r.end());
  return v;
}

INSTANTIATE_TEST_SUITE_P(Routes, ScopeMatrixByResource, ::testing::ValuesIn(scoped_routes()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace weige::testing
