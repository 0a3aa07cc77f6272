#include "service/patrol_service.h"

#include <algorithm>
#include <set>

#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::service {
namespace {

constexpr std::size_t kMaxRoute = 100;
constexpr std::size_t kMaxItems = 200;  // participants, check-ins or observations in one request

Status staff_only(const LifeCaller& c) {
  if (c.is_resident())
    return Status::forbidden("patrols are recorded and read by staff and volunteers");
  return {};
}

bool participates(const std::vector<store::Participant>& ps, const Actor& a) {
  return a.person_id && std::any_of(ps.begin(), ps.end(),
                                    [&](const auto& p) { return p.person_id == *a.person_id; });
}

}  // namespace

Status PatrolService::check_participants(const std::vector<store::Participant>& ps) {
  if (ps.size() > kMaxItems)
    return Status::invalid("at most 200 participants", {{"field", "participants"}});
  std::set<Id> seen;
  for (const auto& p : ps) {
    if (!seen.insert(p.person_id).second) {
      return Status::invalid("person " + std::to_string(p.person_id) + " is listed twice",
                             {{"field", "participants"}});
    }
    auto person = store::get_person(db_, p.person_id);
    if (!person)
      return Status(person.status().code(), person.status().message(), {{"field", "participants"}});
  }
  return {};
}

Status PatrolService::check_place_in_community(Id place_id, Id grid_id, const char* field) {
  auto place = store::get_place(db_, place_id);
  if (!place) return Status(place.status().code(), place.status().message(), {{"field", field}});
  WEIGE_ASSIGN(Grid grid, store::get_grid(db_, grid_id));
  if (place->community_id != grid.community_id) {
    return Status::violation(
        "place " + std::to_string(place_id) + " lies outside the community of grid " + grid.code,
        {{"field", field}, {"place_id", place_id}});
  }
  return {};
}

Result<store::PatrolPlan> PatrolService::create_plan(const LifeCaller& c, PlanInput in) {
  WEIGE_TRY(staff_only(c));
  WEIGE_TRY(visible_grid_in_body(db_, c, in.grid_id, "grid_id").status());
  WEIGE_TRY(require_managed(c, in.grid_id, "grid", in.grid_id));
  WEIGE_TRY(check_text(in.name, "name", true));
  if (in.route.empty() || in.route.size() > kMaxRoute) {
    return Status::invalid("a route has 1 to 100 places", {{"field", "route"}});
  }
  for (Id place : in.route) WEIGE_TRY(check_place_in_community(place, in.grid_id, "route"));
  WEIGE_TRY(check_participants(in.participants));
  store::PatrolPlan plan;
  plan.grid_id = in.grid_id;
  plan.name = std::move(in.name);
  plan.frequency = in.frequency;
  plan.route = std::move(in.route);
  plan.participants = std::move(in.participants);
  plan.created_at = clock_();
  WEIGE_ASSIGN(plan.id, store::insert_patrol_plan(db_, plan));
  return plan;
}

Result<std::vector<store::PatrolPlan>> PatrolService::list_plans(const LifeCaller& c,
                                                                 std::optional<Id> grid_id) {
  WEIGE_TRY(staff_only(c));
  store::GridFilter grids = c.scope.visible_filter();
  if (grid_id) {
    WEIGE_ASSIGN(auto below, store::grid_subtree(db_, *grid_id));
    std::vector<Id> both;
    for (Id g : below) {
      if (c.scope.sees(g)) both.push_back(g);
    }
    grids = both;
  }
  return store::list_patrol_plans(db_, grids);
}

Result<store::PatrolPlan> PatrolService::get_plan(const LifeCaller& c, Id id) {
  WEIGE_TRY(staff_only(c));
  auto plan = store::get_patrol_plan(db_, id);
  if (!plan) return plan.status();
  WEIGE_TRY(require_visible(c, plan->grid_id, "patrol plan", id));
  return plan;
}

Status PatrolService::add_checkin_row(Id patrol_id, Id grid_id, const CheckinInput& in) {
  WEIGE_TRY(check_place_in_community(in.place_id, grid_id, "checkins"));
  WEIGE_TRY(check_text(in.note, "note", false));
  Seconds now = clock_();
  Seconds at = in.at.value_or(now);
  if (at > now + 3600)
    return Status::invalid("a check-in cannot lie in the future", {{"field", "checkins"}});
  return store::insert_checkin(db_, {0, patrol_id, in.place_id, at, in.note}).status();
}

Status PatrolService::add_observation_row(Id patrol_id, Id grid_id, const ObservationInput& in) {
  if (in.place_id) WEIGE_TRY(check_place_in_community(*in.place_id, grid_id, "observations"));
  WEIGE_TRY(check_text(in.text, "text", true));
  WEIGE_TRY(check_text(in.suggestion, "suggestion", false));
  store::Observation o;
  o.patrol_id = patrol_id;
  o.place_id = in.place_id;
  o.text = in.text;
  o.suggestion = in.suggestion;
  o.created_at = clock_();
  return store::insert_observation(db_, o).status();
}

Result<PatrolDetail> PatrolService::record(const LifeCaller& c, const PatrolInput& in) {
  WEIGE_TRY(staff_only(c));
  store::Patrol p;
  if (in.plan_id) {
    auto plan = store::get_patrol_plan(db_, *in.plan_id);
    if (!plan && plan.status().code() != Code::kNotFound) return plan.status();
    if (!plan || !c.scope.sees(plan->grid_id))
      return unknown_in_body("patrol plan", *in.plan_id, "plan_id");
    if (!c.scope.manages(plan->grid_id) && !participates(plan->participants, c.actor)) {
      return Status::forbidden(
          "only the plan's participants and the grid's staff record its patrols");
    }
    p.plan_id = plan->id;
    p.grid_id = plan->grid_id;
  } else {
    if (!in.grid_id)
      return Status::invalid("a patrol needs a plan_id or a grid_id", {{"field", "plan_id"}});
    WEIGE_ASSIGN(Grid grid, visible_grid_in_body(db_, c, *in.grid_id, "grid_id"));
    WEIGE_TRY(require_managed(c, grid.id, "grid", grid.id));
    p.grid_id = grid.id;
  }
  Seconds now = clock_();
  p.started_at = in.started_at.value_or(now);
  p.ended_at = in.ended_at;
  if (p.started_at > now + 3600)
    return Status::invalid("a patrol cannot start in the future", {{"field", "started_at"}});
  if (p.ended_at && *p.ended_at < p.started_at) {
    return Status::invalid("a patrol ends after it starts", {{"field", "ended_at"}});
  }
  WEIGE_TRY(check_text(in.summary, "summary", false));
  if (in.participants.empty())
    return Status::invalid("a patrol has at least one participant", {{"field", "participants"}});
  WEIGE_TRY(check_participants(in.participants));
  if (in.checkins.size() > kMaxItems || in.observations.size() > kMaxItems) {
    return Status::invalid("at most 200 check-ins and 200 observations at once",
                           {{"field", "checkins"}});
  }
  p.summary = in.summary;
  p.participants = in.participants;
  p.recorded_by = c.actor.person_id;
  p.created_at = now;
  WEIGE_ASSIGN(p.id, store::insert_patrol(db_, p));
  for (const auto& ci : in.checkins) WEIGE_TRY(add_checkin_row(p.id, p.grid_id, ci));
  for (const auto& o : in.observations) WEIGE_TRY(add_observation_row(p.id, p.grid_id, o));
  return get(c, p.id);
}

Result<store::PatrolPage> PatrolService::list(const LifeCaller& c, store::PatrolFilter f) {
  WEIGE_TRY(staff_only(c));
  f.grids = c.scope.visible_filter();
  return store::list_patrols(db_, f);
}

Result<PatrolDetail> PatrolService::get(const LifeCaller& c, Id id) {
  WEIGE_TRY(staff_only(c));
  PatrolDetail d;
  WEIGE_ASSIGN(d.patrol, store::get_patrol(db_, id));
  WEIGE_TRY(require_visible(c, d.patrol.grid_id, "patrol", id));
  WEIGE_ASSIGN(d.checkins, store::checkins_of(db_, id));
  WEIGE_ASSIGN(d.observations, store::observations_of(db_, id));
  return d;
}

Result<store::Patrol> PatrolService::writable_patrol(const LifeCaller& c, Id patrol_id) {
  WEIGE_TRY(staff_only(c));
  WEIGE_ASSIGN(store::Patrol p, store::get_patrol(db_, patrol_id));
  WEIGE_TRY(require_visible(c, p.grid_id, "patrol", patrol_id));
  if (!c.scope.manages(p.grid_id) && !participates(p.participants, c.actor)) {
    return Status::forbidden("only the patrol's participants and the grid's staff add to it");
  }
  return p;
}

Result<PatrolDetail> PatrolService::add_checkin(const LifeCaller& c, Id patrol_id,
                                                const CheckinInput& in) {
  WEIGE_ASSIGN(store::Patrol p, writable_patrol(c, patrol_id));
  WEIGE_TRY(add_checkin_row(p.id, p.grid_id, in));
  return get(c, p.id);
}

Result<PatrolDetail> PatrolService::add_observation(const LifeCaller& c, Id patrol_id,
                                                    const ObservationInput& in) {
  WEIGE_ASSIGN(store::Patrol p, writable_patrol(c, patrol_id));
  WEIGE_TRY(add_observation_row(p.id, p.grid_id, in));
  return get(c, p.id);
}

Result<ObservationResult> PatrolService::decide(const LifeCaller& c, Id observation_id,
                                                const OutcomeInput& in, CaseService& cases) {
  WEIGE_TRY(staff_only(c));  // before the lookup: a resident learns nothing of the id
  WEIGE_ASSIGN(store::Observation o, store::get_observation(db_, observation_id));
  auto patrol = writable_patrol(c, o.patrol_id);
  if (!patrol && patrol.status().code() == Code::kNotFound) {
    return Status::not_found("observation " + std::to_string(observation_id) + " does not exist",
                             {{"id", observation_id}});
  }
  if (!patrol) return patrol.status();
  if (o.outcome != ObservationOutcome::kOpen) {
    return Status::conflict(
        "observation " + std::to_string(o.id) + " is already a " +
            std::string(to_string(o.outcome)),
        {{"outcome", to_string(o.outcome)},
         {"case_id", o.case_id ? nlohmann::json(*o.case_id) : nlohmann::json(nullptr)}});
  }
  if (in.outcome == ObservationOutcome::kOpen) {
    return Status::invalid("outcome is case or suggestion", {{"field", "outcome"}});
  }
  ObservationResult out;
  if (in.outcome == ObservationOutcome::kCase) {
    if (!in.category_id)
      return Status::invalid("a case needs a category_id", {{"field", "category_id"}});
    IntakeInput intake;
    intake.channel = Channel::kPatrol;
    intake.category_id = *in.category_id;
    intake.level = in.level;
    intake.description = o.suggestion.empty() ? o.text : o.text + "\n" + o.suggestion;
    intake.place_id = o.place_id;
    if (!o.place_id) intake.grid_id = patrol->grid_id;
    intake.reporter_person_id = c.actor.person_id;
    intake.accept_now = in.accept_now;
    WEIGE_ASSIGN(auto created, cases.intake(intake, c.actor));
    o.case_id = created.view.record.id;
    out.created_case = std::move(created.view);
  }
  o.outcome = in.outcome;
  o.decided_at = clock_();
  WEIGE_TRY(store::update_observation(db_, o));
  out.observation = o;
  return out;
}

Result<std::vector<store::Observation>> PatrolService::observations(
    const LifeCaller& c, std::optional<ObservationOutcome> outcome) {
  WEIGE_TRY(staff_only(c));
  return store::list_observations(db_, c.scope.visible_filter(), outcome, 200);
}

Result<std::vector<PlanCoverage>> PatrolService::coverage(const LifeCaller& c,
                                                          std::optional<Id> grid_id,
                                                          const Window& month) {
  WEIGE_ASSIGN(auto plans, list_plans(c, grid_id));
  std::vector<PlanCoverage> out;
  for (auto& plan : plans) {
    if (!plan.active) continue;
    WEIGE_ASSIGN(auto checked, store::checked_in_places(db_, plan.route, month.from, month.to));
    store::PatrolFilter f;
    f.plan_id = plan.id;
    f.from = month.from;
    f.to = month.to;
    f.limit = 1;
    WEIGE_ASSIGN(auto page, store::list_patrols(db_, f));
    RouteCoverage cov = route_coverage(plan.route, checked);
    out.push_back({std::move(plan), std::move(cov), page.total});
  }
  return out;
}

}  // namespace weige::service
