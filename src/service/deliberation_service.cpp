#include "service/deliberation_service.h"

#include <algorithm>

#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::service {
namespace {

constexpr std::size_t kMaxAttendees = 500;

std::string source_of(const LifeCaller& c, const TopicInput& in) {
  if (in.case_id) return "case";
  if (in.observation_id) return "patrol_suggestion";
  switch (c.actor.role) {
    case Role::kResident:
      return "resident";
    case Role::kMicroGridHead:
    case Role::kMicroGridWorker:
    case Role::kVolunteer:
      return "micro_grid_worker";
    default:
      return "staff";
  }
}

// Whether a household lies in the subtree of a grid.
Result<bool> household_in_grid(store::Db& db, Id household_id, Id grid_id) {
  WEIGE_ASSIGN(Place h, store::get_place(db, household_id));
  WEIGE_ASSIGN(auto path, store::grid_path(db, h.grid_id));
  return std::find(path.begin(), path.end(), grid_id) != path.end();
}

}  // namespace

Result<store::Topic> DeliberationService::visible_topic(const LifeCaller& c, Id topic_id) {
  WEIGE_ASSIGN(store::Topic t, store::get_topic(db_, topic_id));
  WEIGE_TRY(require_visible(c, t.grid_id, "topic", topic_id));
  return t;
}

Result<TopicFacts> DeliberationService::facts_of(const store::Topic& t) {
  TopicFacts f;
  f.state = t.state;
  f.rule = t.rule;
  f.eligible_households = t.eligible_households;
  if (t.state == TopicState::kMeeting) {
    WEIGE_ASSIGN(auto households, store::households_in_grid_subtree(db_, t.grid_id));
    f.eligible_households = static_cast<int>(households.size());
  }
  WEIGE_ASSIGN(f.meetings_with_minutes, store::meetings_with_minutes(db_, t.id));
  WEIGE_ASSIGN(f.votes, store::count_votes(db_, store::kTopicSubject, t.id));
  WEIGE_ASSIGN(auto steps, store::steps_of(db_, t.id));
  f.steps = static_cast<int>(steps.size());
  f.open_steps = static_cast<int>(std::count_if(
      steps.begin(), steps.end(), [](const auto& s) { return s.status != StepStatus::kDone; }));
  return f;
}

Status DeliberationService::append(const store::Topic& t, const std::string& action,
                                   std::optional<TopicState> from, const Actor& a,
                                   const std::string& note) {
  return store::append_topic_event(db_, {0, t.id, clock_(), action, from, t.state,
                                         std::string(to_string(a.role)), a.person_id, note})
      .status();
}

Result<store::Topic> DeliberationService::touch(store::Topic t) {
  t.updated_at = clock_();
  WEIGE_TRY(store::update_topic(db_, t));
  return t;
}

Result<TopicView> DeliberationService::raise(const LifeCaller& c, const TopicInput& in) {
  WEIGE_TRY(check_text(in.title, "title", true, 200));
  WEIGE_TRY(check_text(in.description, "description", false));
  if (in.case_id && in.observation_id) {
    return Status::invalid("a topic comes from a case or an observation, not both",
                           {{"field", "case_id"}});
  }
  std::optional<Id> grid = in.grid_id;
  if (in.case_id) {
    auto cs = store::get_case(db_, *in.case_id);
    if (!cs || !cs->grid_id || !c.scope.sees(*cs->grid_id)) {
      return Status::invalid("case " + std::to_string(*in.case_id) + " does not exist",
                             {{"field", "case_id"}});
    }
    if (!grid) grid = cs->grid_id;
  }
  if (in.observation_id) {
    auto o = store::get_observation(db_, *in.observation_id);
    auto patrol = o ? store::get_patrol(db_, o->patrol_id) : Result<store::Patrol>(o.status());
    if (!patrol || !c.scope.sees(patrol->grid_id) || c.is_resident()) {
      return Status::invalid(
          "observation " + std::to_string(*in.observation_id) + " does not exist",
          {{"field", "observation_id"}});
    }
    if (o->outcome != ObservationOutcome::kSuggestion) {
      return Status::conflict("only an observation kept as a suggestion raises a topic",
                              {{"field", "observation_id"}});
    }
    if (!grid) grid = patrol->grid_id;
  }
  if (!grid && c.is_resident() && !c.scope.household_grids.empty())
    grid = c.scope.household_grids.front();
  if (!grid) return Status::invalid("grid_id is required", {{"field", "grid_id"}});
  auto g = store::get_grid(db_, *grid);
  if (!g || !c.scope.sees(g->id)) {
    return Status::invalid("grid " + std::to_string(*grid) + " does not exist",
                           {{"field", "grid_id"}});
  }
  store::Topic t;
  t.grid_id = g->id;
  t.community_id = g->community_id;
  t.title = in.title;
  t.description = in.description;
  t.source = source_of(c, in);
  t.source_case_id = in.case_id;
  t.source_observation_id = in.observation_id;
  t.raised_by_person_id = c.actor.person_id;
  if (c.is_resident()) t.raised_by_household_id = c.scope.household_id;
  if (in.rule) {
    WEIGE_TRY(validate(*in.rule));
    t.rule = *in.rule;
  }
  t.state = TopicState::kRaised;
  t.created_at = t.updated_at = clock_();
  WEIGE_ASSIGN(t.id, store::insert_topic(db_, t));
  WEIGE_TRY(append(t, "raise", std::nullopt, c.actor, t.source));
  return get(c, t.id);
}

Result<store::TopicPage> DeliberationService::list(const LifeCaller& c, store::TopicFilter f) {
  f.grids = c.scope.visible_filter();
  return store::list_topics(db_, f);
}

Result<TopicView> DeliberationService::get(const LifeCaller& c, Id topic_id) {
  TopicView v;
  WEIGE_ASSIGN(v.topic, visible_topic(c, topic_id));
  WEIGE_ASSIGN(TopicFacts f, facts_of(v.topic));
  v.votes = f.votes;
  v.tally = tally(f.votes, v.topic.eligible_households, v.topic.rule);
  v.meetings_with_minutes = f.meetings_with_minutes;
  WEIGE_ASSIGN(v.steps, store::steps_of(db_, topic_id));
  WEIGE_ASSIGN(v.comments, store::comments_of(db_, store::kTopicSubject, topic_id));
  store::MeetingFilter mf;
  mf.topic_id = topic_id;
  WEIGE_ASSIGN(v.meetings, store::list_meetings(db_, mf));
  WEIGE_ASSIGN(v.events, store::topic_events(db_, topic_id));
  if (c.scope.manages(v.topic.grid_id)) v.allowed = allowed_actions(f, c.actor);
  if (c.scope.household_id) {
    WEIGE_ASSIGN(v.my_vote,
                 store::vote_of(db_, store::kTopicSubject, topic_id, *c.scope.household_id));
  }
  return v;
}

Result<TopicView> DeliberationService::act(const LifeCaller& c, Id topic_id, TopicAction action,
                                           const StepInput& in, std::optional<VoteRule> rule) {
  WEIGE_ASSIGN(store::Topic t, visible_topic(c, topic_id));
  WEIGE_TRY(require_managed(c, t.grid_id, "topic", topic_id));
  WEIGE_TRY(check_text(in.reason, "reason", false, 2000));
  WEIGE_TRY(check_text(in.note, "note", false));
  if (rule && action != TopicAction::kOpenVoting) {
    return Status::invalid("quorum and majority are set when voting opens",
                           {{"field", "quorum_percent"}});
  }
  WEIGE_ASSIGN(TopicFacts f, facts_of(t));
  if (rule) {
    WEIGE_TRY(validate(*rule));
    f.rule = *rule;
  }
  WEIGE_ASSIGN(TopicState to, decide(f, action, c.actor, in));
  TopicState from = t.state;
  t.state = to;
  Seconds now = clock_();
  switch (action) {
    case TopicAction::kOpenVoting:
      t.rule = f.rule;
      t.eligible_households = f.eligible_households;
      break;
    case TopicAction::kCloseVoting:
      t.decided_at = now;
      break;
    case TopicAction::kPublish:
      t.result = in.note;
      t.published_at = now;
      break;
    default:
      break;
  }
  WEIGE_ASSIGN(t, touch(std::move(t)));
  std::string note = !in.reason.empty() ? in.reason : in.note;
  if (action == TopicAction::kCloseVoting)
    note = tally(f.votes, t.eligible_households, t.rule).explanation;
  WEIGE_TRY(append(t, std::string(to_string(action)), from, c.actor, note));
  return get(c, topic_id);
}

Result<TopicView> DeliberationService::comment(const LifeCaller& c, Id topic_id,
                                               const std::string& text, std::optional<Id> household,
                                               std::optional<AuthorKind> author) {
  WEIGE_ASSIGN(store::Topic t, visible_topic(c, topic_id));
  WEIGE_TRY(check_text(text, "text", true));
  if (!takes_comments(t.state)) {
    return Status::conflict(
        "a topic that is " + std::string(to_string(t.state)) + " takes no more comments",
        {{"state", to_string(t.state)}});
  }
  store::Comment cm;
  cm.subject = store::kTopicSubject;
  cm.subject_id = t.id;
  cm.text = text;
  if (c.is_resident() || household) {
    WEIGE_ASSIGN(cm.household_id, acting_household(db_, c, household));
  }
  WEIGE_TRY(add_comment(db_, c, cm, author, clock_()));
  WEIGE_TRY(touch(t).status());
  return get(c, topic_id);
}

Result<TopicView> DeliberationService::vote(const LifeCaller& c, Id topic_id, Ballot ballot,
                                            std::optional<Id> household) {
  WEIGE_ASSIGN(store::Topic t, visible_topic(c, topic_id));
  if (!takes_votes(t.state)) {
    return Status::conflict(
        "a topic that is " + std::string(to_string(t.state)) + " takes no votes",
        {{"state", to_string(t.state)}});
  }
  WEIGE_ASSIGN(Id h, acting_household(db_, c, household));
  WEIGE_ASSIGN(bool inside, household_in_grid(db_, h, t.grid_id));
  if (!inside) {
    return Status::violation("household " + std::to_string(h) + " does not lie in the topic's grid",
                             {{"field", "household_id"}});
  }
  WEIGE_TRY(store::insert_vote(
                db_, {0, store::kTopicSubject, t.id, h, c.actor.person_id, ballot, clock_()})
                .status());
  return get(c, topic_id);
}

Result<TopicView> DeliberationService::add_step(const LifeCaller& c, Id topic_id,
                                                const StepDraft& in) {
  WEIGE_ASSIGN(store::Topic t, visible_topic(c, topic_id));
  WEIGE_TRY(require_managed(c, t.grid_id, "topic", topic_id));
  WEIGE_TRY(check_text(in.title, "title", true, 200));
  if (!takes_steps(t.state)) {
    return Status::conflict(
        "implementation steps follow a decision; the topic is " + std::string(to_string(t.state)),
        {{"state", to_string(t.state)}});
  }
  if (in.owner_person_id) {
    auto p = store::get_person(db_, *in.owner_person_id);
    if (!p) return Status(p.status().code(), p.status().message(), {{"field", "owner_person_id"}});
  }
  store::Step s;
  s.topic_id = t.id;
  s.title = in.title;
  s.owner_person_id = in.owner_person_id;
  s.due_at = in.due_at;
  s.updated_at = clock_();
  WEIGE_TRY(store::insert_step(db_, s).status());
  WEIGE_TRY(touch(t).status());
  return get(c, topic_id);
}

Result<TopicView> DeliberationService::update_step(const LifeCaller& c, Id step_id,
                                                   const StepPatch& in) {
  WEIGE_ASSIGN(store::Step s, store::get_step(db_, step_id));
  auto t = visible_topic(c, s.topic_id);
  if (!t && t.status().code() != Code::kNotFound) return t.status();
  if (!t)
    return Status::not_found("step " + std::to_string(step_id) + " does not exist",
                             {{"id", step_id}});
  WEIGE_TRY(require_managed(c, t->grid_id, "topic", t->id));
  if (t->state != TopicState::kPublished && t->state != TopicState::kImplementing) {
    return Status::conflict("steps are followed once the result is published; the topic is " +
                                std::string(to_string(t->state)),
                            {{"state", to_string(t->state)}});
  }
  if (in.progress && (*in.progress < 0 || *in.progress > 100)) {
    return Status::invalid("progress is between 0 and 100", {{"field", "progress"}});
  }
  if (in.note) WEIGE_TRY(check_text(*in.note, "note", false));
  if (in.status) s.status = *in.status;
  if (in.progress) s.progress = *in.progress;
  if (in.note) s.note = *in.note;
  if (s.status == StepStatus::kDone) s.progress = 100;
  s.updated_at = clock_();
  WEIGE_TRY(store::update_step(db_, s));
  WEIGE_TRY(touch(*t).status());
  return get(c, t->id);
}

Result<MeetingView> DeliberationService::record_meeting(const LifeCaller& c,
                                                        const MeetingInput& in) {
  store::Meeting m;
  if (in.topic_id) {
    auto t = visible_topic(c, *in.topic_id);
    if (!t) return Status(t.status().code(), t.status().message(), {{"field", "topic_id"}});
    if (!takes_meetings(t->state)) {
      return Status::conflict("a topic's meeting is recorded in its meeting state; it is " +
                                  std::string(to_string(t->state)),
                              {{"state", to_string(t->state)}});
    }
    m.topic_id = t->id;
    m.grid_id = t->grid_id;
  } else {
    if (!in.grid_id) return Status::invalid("grid_id is required", {{"field", "grid_id"}});
    WEIGE_ASSIGN(Grid g, visible_grid_in_body(db_, c, *in.grid_id, "grid_id"));
    m.grid_id = g.id;
  }
  WEIGE_TRY(require_managed(c, m.grid_id, "grid", m.grid_id));
  WEIGE_TRY(check_text(in.place, "place", false, 200));
  WEIGE_TRY(check_text(in.minutes, "minutes", false, 20000));
  if (in.attendees.size() > kMaxAttendees)
    return Status::invalid("at most 500 attendees", {{"field", "attendees"}});
  for (const auto& a : in.attendees) {
    if (a.label.empty() && !a.person_id) {
      return Status::invalid("each attendee has a label or a person_id", {{"field", "attendees"}});
    }
    if (a.person_id) {
      auto p = store::get_person(db_, *a.person_id);
      if (!p) return Status(p.status().code(), p.status().message(), {{"field", "attendees"}});
    }
  }
  m.kind = in.kind;
  m.place = in.place.empty() && in.kind == MeetingKind::kJointMeeting ? "红色港湾" : in.place;
  m.held_at = in.held_at.value_or(clock_());
  m.attendees = in.attendees;
  m.minutes = in.minutes;
  m.created_at = clock_();
  WEIGE_ASSIGN(m.id, store::insert_meeting(db_, m));
  return MeetingView{m, {}};
}

Result<std::vector<store::Meeting>> DeliberationService::meetings(const LifeCaller& c,
                                                                  store::MeetingFilter f) {
  f.grids = c.scope.visible_filter();
  return store::list_meetings(db_, f);
}

Result<MeetingView> DeliberationService::meeting(const LifeCaller& c, Id meeting_id) {
  MeetingView v;
  WEIGE_ASSIGN(v.meeting, store::get_meeting(db_, meeting_id));
  WEIGE_TRY(require_visible(c, v.meeting.grid_id, "meeting", meeting_id));
  WEIGE_ASSIGN(v.decisions, store::decisions_of(db_, meeting_id));
  return v;
}

Result<MeetingView> DeliberationService::add_decision(const LifeCaller& c, Id meeting_id,
                                                      const DecisionInput& in) {
  WEIGE_ASSIGN(MeetingView v, meeting(c, meeting_id));
  WEIGE_TRY(require_managed(c, v.meeting.grid_id, "meeting", meeting_id));
  WEIGE_TRY(check_text(in.text, "text", true));
  if (!in.owner_person_id && !in.owner_organisation_id) {
    return Status::invalid("a decision has an owner: owner_person_id or owner_organisation_id",
                           {{"field", "owner_person_id"}});
  }
  if (in.owner_person_id) {
    auto p = store::get_person(db_, *in.owner_person_id);
    if (!p) return Status(p.status().code(), p.status().message(), {{"field", "owner_person_id"}});
  }
  if (in.owner_organisation_id) {
    auto o = store::get_organisation(db_, *in.owner_organisation_id);
    if (!o)
      return Status(o.status().code(), o.status().message(), {{"field", "owner_organisation_id"}});
  }
  if (in.due_at <= 0) return Status::invalid("due_on is required", {{"field", "due_on"}});
  store::Decision d;
  d.meeting_id = meeting_id;
  d.text = in.text;
  d.owner_person_id = in.owner_person_id;
  d.owner_organisation_id = in.owner_organisation_id;
  d.due_at = in.due_at;
  d.created_at = clock_();
  WEIGE_TRY(store::insert_decision(db_, d).status());
  return meeting(c, meeting_id);
}

Result<store::Decision> DeliberationService::complete_decision(const LifeCaller& c, Id decision_id,
                                                               const std::string& note) {
  WEIGE_ASSIGN(store::Decision d, store::get_decision(db_, decision_id));
  WEIGE_ASSIGN(store::Meeting m, store::get_meeting(db_, d.meeting_id));
  bool owner = (d.owner_person_id && d.owner_person_id == c.actor.person_id) ||
               (d.owner_organisation_id && d.owner_organisation_id == c.organisation_id);
  if (!owner) {
    WEIGE_TRY(require_managed(c, m.grid_id, "decision", decision_id));
  }
  WEIGE_TRY(check_text(note, "note", false));
  if (d.done)
    return Status::conflict("decision " + std::to_string(decision_id) + " is done already");
  d.done = true;
  d.done_at = clock_();
  d.done_note = note;
  WEIGE_TRY(store::update_decision(db_, d));
  return d;
}

Result<std::vector<store::Decision>> DeliberationService::my_decisions(const LifeCaller& c) {
  if (!c.actor.person_id && !c.organisation_id) return std::vector<store::Decision>{};
  return store::open_decisions_for(db_, c.actor.person_id, c.organisation_id);
}

}  // namespace weige::service
