#include "http/life_dto.h"

#include "domain/mask.h"
#include "domain/work_calendar.h"
#include "http/case_dto.h"
#include "http/json_body.h"
#include "service/people_service.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::http {
namespace {

using nlohmann::json;

json opt_id(std::optional<Id> id) {
  return id ? json(*id) : json(nullptr);
}

json ids_json(const std::vector<Id>& ids, Names& n) {
  json a = json::array();
  for (Id id : ids) a.push_back(n.place(id));
  return a;
}

json participants_json(const std::vector<store::Participant>& ps, Names& n) {
  json a = json::array();
  for (const auto& p : ps) {
    json j = n.person(p.person_id);
    j["kind"] = to_string(p.kind);
    a.push_back(j);
  }
  return a;
}

double rate(int part, int whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / whole;
}

}  // namespace

// ---- names ----

json Names::person(std::optional<Id> id) {
  if (!id) return nullptr;
  std::string key = "p" + std::to_string(*id);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  service::PeopleService people(db_, vault_);
  auto p = people.get_person(*id);
  json j = {{"id", *id}, {"name", p ? mask_name(p->name) : ""}};
  return cache_[key] = j;
}

json Names::place(std::optional<Id> id) {
  if (!id) return nullptr;
  std::string key = "l" + std::to_string(*id);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  auto p = store::get_place(db_, *id);
  json j = {{"id", *id}, {"kind", p ? to_string(p->kind) : ""}, {"name", p ? p->name : ""}};
  return cache_[key] = j;
}

json Names::grid(std::optional<Id> id) {
  if (!id) return nullptr;
  std::string key = "g" + std::to_string(*id);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  auto g = store::get_grid(db_, *id);
  json j = {{"id", *id}, {"kind", g ? to_string(g->kind) : ""}, {"name", g ? g->name : ""}};
  return cache_[key] = j;
}

json Names::organisation(std::optional<Id> id) {
  if (!id) return nullptr;
  std::string key = "o" + std::to_string(*id);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  auto o = store::get_organisation(db_, *id);
  json j = {{"id", *id}, {"kind", o ? to_string(o->kind) : ""}, {"name", o ? o->name : ""}};
  return cache_[key] = j;
}

// ---- patrols ----

json plan_json(const store::PatrolPlan& p, Names& n) {
  return {{"id", p.id},
          {"grid_id", p.grid_id},
          {"grid", n.grid(p.grid_id)},
          {"name", p.name},
          {"frequency", to_string(p.frequency)},
          {"active", p.active},
          {"route", ids_json(p.route, n)},
          {"participants", participants_json(p.participants, n)},
          {"created_at", time_json(p.created_at)}};
}

json patrol_summary_json(const store::Patrol& p, Names& n) {
  return {{"id", p.id},
          {"plan_id", opt_id(p.plan_id)},
          {"grid_id", p.grid_id},
          {"grid", n.grid(p.grid_id)},
          {"started_at", time_json(p.started_at)},
          {"ended_at", time_json(p.ended_at)},
          {"summary", p.summary},
          {"recorded_by", n.person(p.recorded_by)},
          {"participants", participants_json(p.participants, n)}};
}

json observation_json(const store::Observation& o, Names& n) {
  return {{"id", o.id},
          {"patrol_id", o.patrol_id},
          {"place", n.place(o.place_id)},
          {"text", o.text},
          {"suggestion", o.suggestion},
          {"outcome", to_string(o.outcome)},
          {"case_id", opt_id(o.case_id)},
          {"decided_at", time_json(o.decided_at)},
          {"created_at", time_json(o.created_at)}};
}

json patrol_json(const service::PatrolDetail& d, Names& n) {
  json j = patrol_summary_json(d.patrol, n);
  json checkins = json::array();
  for (const auto& c : d.checkins) {
    checkins.push_back(
        {{"id", c.id}, {"place", n.place(c.place_id)}, {"at", time_json(c.at)}, {"note", c.note}});
  }
  json observations = json::array();
  for (const auto& o : d.observations) observations.push_back(observation_json(o, n));
  j["checkins"] = checkins;
  j["observations"] = observations;
  return j;
}

json coverage_json(const std::vector<service::PlanCoverage>& rows, const Window& month, Names& n) {
  json plans = json::array();
  int route = 0, patrolled = 0;
  for (const auto& r : rows) {
    int places = static_cast<int>(r.coverage.patrolled.size() + r.coverage.not_patrolled.size());
    route += places;
    patrolled += static_cast<int>(r.coverage.patrolled.size());
    plans.push_back({{"plan_id", r.plan.id},
                     {"name", r.plan.name},
                     {"grid", n.grid(r.plan.grid_id)},
                     {"frequency", to_string(r.plan.frequency)},
                     {"patrols", r.patrols},
                     {"route_places", places},
                     {"patrolled", ids_json(r.coverage.patrolled, n)},
                     {"not_patrolled", ids_json(r.coverage.not_patrolled, n)}});
  }
  return {{"month", month.label},
          {"plans", plans},
          {"route_places", route},
          {"patrolled", patrolled},
          {"not_patrolled", route - patrolled},
          {"rate", rate(patrolled, route)}};
}

// ---- visits and care ----

json visit_json(const store::Visit& v, Names& n) {
  return {{"id", v.id},
          {"household", n.place(v.household_id)},
          {"grid_id", opt_id(v.grid_id)},
          {"visitor", n.person(v.visitor_person_id)},
          {"link_id", opt_id(v.link_id)},
          {"at", time_json(v.at)},
          {"form", to_string(v.form)},
          {"form_zh", label_zh(v.form)},
          {"learnt", v.learnt},
          {"follow_up_case_id", opt_id(v.follow_up_case_id)},
          {"campaign_id", opt_id(v.campaign_id)},
          {"created_at", time_json(v.created_at)}};
}

json care_json(const service::CareStatus& s, Names& n) {
  json tags = json::array();
  for (const auto& t : s.household.tags) {
    tags.push_back({{"tag", to_string(t.tag)},
                    {"tag_zh", label_zh(t.tag)},
                    {"visit_every_days", t.visit_every_days},
                    {"since", time_json(t.since)},
                    {"note", t.note}});
  }
  bool cared = !s.household.tags.empty();
  return {{"household", n.place(s.household.household_id)},
          {"grid_id", opt_id(s.household.grid_id)},
          {"tags", tags},
          {"last_visit_at", time_json(s.household.last_visit)},
          {"visit_every_days", cared ? json(s.interval_days) : json(nullptr)},
          {"due_at", cared ? time_json(s.due.due_at) : json(nullptr)},
          {"overdue", cared && s.due.overdue},
          {"days_overdue", s.due.days_overdue}};
}

json link_coverage_json(const service::CoverageReport& r, Names& n) {
  json links = json::array();
  for (const auto& l : r.links) {
    links.push_back({{"tier", l.tier},
                     {"organisation", n.organisation(l.organisation_id)},
                     {"person", n.person(l.person_id)},
                     {"households", l.households},
                     {"visited", l.visited},
                     {"rate", rate(l.visited, l.households)}});
  }
  return {{"quarter", r.quarter.label},
          {"from", time_json(r.quarter.from)},
          {"to", time_json(r.quarter.to)},
          {"households", r.households},
          {"visited", r.visited},
          {"rate", rate(r.visited, r.households)},
          {"links", links}};
}

// ---- deliberation ----

json tally_json(const VoteCount& votes, const Tally& t, const VoteRule& rule) {
  return {{"for", votes.in_favour},
          {"against", votes.against},
          {"abstain", votes.abstain},
          {"cast", t.cast},
          {"eligible", t.eligible},
          {"quorum_percent", rule.quorum_percent},
          {"majority", to_string(rule.majority)},
          {"quorum_reached", t.quorum_reached},
          {"majority_reached", t.majority_reached},
          {"passed", t.passed},
          {"explanation", t.explanation}};
}

json topic_summary_json(const store::Topic& t, Names& n) {
  return {{"id", t.id},
          {"grid_id", t.grid_id},
          {"grid", n.grid(t.grid_id)},
          {"title", t.title},
          {"source", t.source},
          {"state", to_string(t.state)},
          {"state_zh", label_zh(t.state)},
          {"quorum_percent", t.rule.quorum_percent},
          {"majority", to_string(t.rule.majority)},
          {"created_at", time_json(t.created_at)},
          {"updated_at", time_json(t.updated_at)}};
}

json comment_json(const store::Comment& c, Names& n) {
  return {{"id", c.id},
          {"section_key", c.section_key},
          {"author_kind", to_string(c.author_kind)},
          {"person", n.person(c.person_id)},
          {"household", n.place(c.household_id)},
          {"organisation", n.organisation(c.organisation_id)},
          {"text", c.text},
          {"created_at", time_json(c.created_at)}};
}

json meeting_json(const store::Meeting& m, Names& n) {
  json attendees = json::array();
  for (const auto& a : m.attendees) {
    attendees.push_back({{"label", a.label},
                         {"person", n.person(a.person_id)},
                         {"organisation", n.organisation(a.organisation_id)}});
  }
  return {{"id", m.id},
          {"kind", to_string(m.kind)},
          {"kind_zh", label_zh(m.kind)},
          {"grid", n.grid(m.grid_id)},
          {"topic_id", opt_id(m.topic_id)},
          {"place", m.place},
          {"held_at", time_json(m.held_at)},
          {"attendees", attendees},
          {"attendee_count", attendees.size()},
          {"minutes", m.minutes}};
}

json decision_json(const store::Decision& d, Names& n, Seconds now) {
  return {{"id", d.id},
          {"meeting_id", d.meeting_id},
          {"text", d.text},
          {"owner_person", n.person(d.owner_person_id)},
          {"owner_organisation", n.organisation(d.owner_organisation_id)},
          {"due_at", time_json(d.due_at)},
          {"overdue", !d.done && now > d.due_at},
          {"status", d.done ? "done" : "open"},
          {"done_at", time_json(d.done_at)},
          {"done_note", d.done_note}};
}

json meeting_view_json(const service::MeetingView& v, Names& n) {
  json j = meeting_json(v.meeting, n);
  json decisions = json::array();
  for (const auto& d : v.decisions) decisions.push_back(decision_json(d, n, 0));
  j["decisions"] = decisions;
  return j;
}

json topic_json(const service::TopicView& v, Names& n) {
  const store::Topic& t = v.topic;
  json j = topic_summary_json(t, n);
  j["description"] = t.description;
  j["source_case_id"] = opt_id(t.source_case_id);
  j["source_observation_id"] = opt_id(t.source_observation_id);
  j["raised_by"] = n.person(t.raised_by_person_id);
  j["raised_by_household"] = n.place(t.raised_by_household_id);
  j["result"] = t.result;
  j["decided_at"] = time_json(t.decided_at);
  j["published_at"] = time_json(t.published_at);
  j["tally"] = tally_json(v.votes, v.tally, t.rule);
  j["meetings_with_minutes"] = v.meetings_with_minutes;
  json comments = json::array();
  for (const auto& c : v.comments) comments.push_back(comment_json(c, n));
  j["comments"] = comments;
  json meetings = json::array();
  for (const auto& m : v.meetings) meetings.push_back(meeting_json(m, n));
  j["meetings"] = meetings;
  json steps = json::array();
  for (const auto& s : v.steps) {
    steps.push_back({{"id", s.id},
                     {"ordinal", s.ordinal},
                     {"title", s.title},
                     {"owner", n.person(s.owner_person_id)},
                     {"due_at", time_json(s.due_at)},
                     {"status", to_string(s.status)},
                     {"progress", s.progress},
                     {"note", s.note},
                     {"updated_at", time_json(s.updated_at)}});
  }
  j["steps"] = steps;
  json events = json::array();
  for (const auto& e : v.events) {
    events.push_back({{"at", time_json(e.at)},
                      {"action", e.action},
                      {"from_state", e.from_state ? json(to_string(*e.from_state)) : json(nullptr)},
                      {"to_state", to_string(e.to_state)},
                      {"actor_role", e.actor_role},
                      {"actor", n.person(e.actor_person_id)},
                      {"note", e.note}});
  }
  j["timeline"] = events;
  json allowed = json::array();
  for (TopicAction a : v.allowed)
    allowed.push_back({{"action", to_string(a)}, {"label_zh", label_zh(a)}});
  j["allowed_actions"] = allowed;
  j["my_vote"] = v.my_vote ? json(to_string(v.my_vote->ballot)) : json(nullptr);
  return j;
}

// ---- conventions ----

json convention_summary_json(const store::Convention& c, Names& n) {
  return {{"id", c.id},
          {"place", n.place(c.place_id)},
          {"grid_id", c.grid_id},
          {"kind", c.kind},
          {"title", c.title},
          {"current_version_id", opt_id(c.current_version_id)},
          {"created_at", time_json(c.created_at)}};
}

json convention_json(const service::ConventionView& v, Names& n) {
  json j = convention_summary_json(v.convention, n);
  json versions = json::array();
  for (const auto& x : v.versions) {
    versions.push_back({{"id", x.id},
                        {"number", x.number},
                        {"state", to_string(x.state)},
                        {"state_zh", label_zh(x.state)},
                        {"sections", x.sections.size()},
                        {"topic_id", opt_id(x.topic_id)},
                        {"note", x.note},
                        {"decided_at", time_json(x.decided_at)}});
  }
  j["versions"] = versions;
  j["households"] = v.households;
  j["signed_on"] = v.signed_on;
  j["signon_rate"] = rate(static_cast<int>(v.signed_on), v.households);
  j["my_household_signed"] = v.my_household_signed;
  return j;
}

json version_json(const service::VersionView& v, Names& n) {
  const auto& x = v.version;
  json sections = json::array();
  for (const auto& s : x.sections) {
    json comments = json::array();
    for (const auto& c : v.comments) {
      if (c.section_key == s.key) comments.push_back(comment_json(c, n));
    }
    sections.push_back(
        {{"key", s.key}, {"heading", s.heading}, {"text", s.text}, {"comments", comments}});
  }
  return {{"id", x.id},
          {"convention_id", x.convention_id},
          {"number", x.number},
          {"state", to_string(x.state)},
          {"state_zh", label_zh(x.state)},
          {"note", x.note},
          {"topic_id", opt_id(x.topic_id)},
          {"sections", sections},
          {"tally", tally_json(v.votes, v.tally, x.rule)},
          {"my_vote", v.my_vote ? json(to_string(v.my_vote->ballot)) : json(nullptr)},
          {"decided_at", time_json(x.decided_at)},
          {"created_at", time_json(x.created_at)}};
}

json rates_json(const service::RatesView& r, Names& n) {
  json buildings = json::array();
  for (const auto& b : r.buildings) {
    buildings.push_back({{"building", n.place(b.building_id)},
                         {"compound", b.compound},
                         {"households", b.households},
                         {"signed_on", b.signed_on},
                         {"rate", rate(b.signed_on, b.households)}});
  }
  return {{"convention_id", r.convention.id},
          {"version_id", opt_id(r.convention.current_version_id)},
          {"households", r.households},
          {"signed_on", r.signed_on},
          {"rate", rate(r.signed_on, r.households)},
          {"buildings", buildings}};
}

// ---- notices and campaigns ----

json notice_json(const service::NoticeView& v, Names& n) {
  const auto& x = v.notice;
  return {{"id", x.id},
          {"target_kind", to_string(x.target_kind)},
          {"target_id", x.target_id},
          {"target_name", v.target_name},
          {"grid_id", x.grid_id},
          {"title", x.title},
          {"body", x.body},
          {"campaign_id", opt_id(x.campaign_id)},
          {"author", n.person(x.author_person_id)},
          {"published_at", time_json(x.published_at)},
          {"recipients", v.recipients},
          {"read", v.read},
          {"read_rate", rate(v.read, v.recipients)},
          {"my_household_read", v.my_household_read ? json(*v.my_household_read) : json(nullptr)}};
}

json campaign_summary_json(const store::Campaign& c, Names& n) {
  return {{"id", c.id},
          {"theme", to_string(c.theme)},
          {"theme_zh", label_zh(c.theme)},
          {"title", c.title},
          {"grid", n.grid(c.grid_id)},
          {"starts_at", time_json(c.starts_at)},
          {"ends_at", time_json(c.ends_at)},
          {"note", c.note},
          {"created_at", time_json(c.created_at)}};
}

json campaign_json(const service::CampaignView& v, Names& n, Seconds now) {
  json j = campaign_summary_json(v.campaign, n);
  json cases = json::array();
  for (const auto& c : v.cases) cases.push_back(case_summary_json(c, now));
  json notices = json::array();
  for (const auto& x : v.notices) {
    notices.push_back(
        {{"id", x.id}, {"title", x.title}, {"published_at", time_json(x.published_at)}});
  }
  j["cases"] = cases;
  j["visits"] = v.visits;
  j["notices"] = notices;
  return j;
}

// ---- readers ----

Status read_time(const json& j, const char* key, std::optional<Seconds>& out) {
  if (!j.contains(key)) return {};
  if (j[key].is_null()) {
    out.reset();
    return {};
  }
  auto bad = [&] {
    return Status::invalid(
        std::string(key) + " is a date YYYY-MM-DD or a local time YYYY-MM-DDTHH:MM[:SS]",
        {{"field", key}});
  };
  if (!j[key].is_string()) return bad();
  std::string s = j[key].get<std::string>();
  if (s.size() > 19 && (s.substr(19) == "+08:00" || s.substr(16) == "+08:00"))
    s = s.substr(0, s.size() - 6);
  auto day = parse_local_date(s.substr(0, 10));
  if (!day) return bad();
  Seconds t = *day;
  if (s.size() > 10) {
    if (s[10] != 'T' || (s.size() != 16 && s.size() != 19) || s[13] != ':') return bad();
    auto digits = [&](std::size_t at) -> std::optional<int> {
      if (!std::isdigit(static_cast<unsigned char>(s[at])) ||
          !std::isdigit(static_cast<unsigned char>(s[at + 1]))) {
        return std::nullopt;
      }
      return (s[at] - '0') * 10 + (s[at + 1] - '0');
    };
    auto h = digits(11), m = digits(14);
    std::optional<int> sec = 0;
    if (s.size() == 19) sec = s[16] == ':' ? digits(17) : std::nullopt;
    if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 59) return bad();
    t += *h * 3600 + *m * 60 + *sec;
  }
  out = t;
  return {};
}

Status read_rule(const json& j, std::optional<VoteRule>& out) {
  if (!j.contains("quorum_percent") && !j.contains("majority")) return {};
  VoteRule r = out.value_or(VoteRule{});
  WEIGE_TRY(read_int(j, "quorum_percent", r.quorum_percent));
  std::optional<Majority> m;
  WEIGE_TRY(read_enum(j, "majority", parse_majority, m));
  if (m) r.majority = *m;
  WEIGE_TRY(validate(r));
  out = r;
  return {};
}

Status read_ids(const json& j, const char* key, std::vector<Id>& out, std::size_t max) {
  if (!j.contains(key)) return {};
  const json& a = j[key];
  if (!a.is_array() || a.size() > max) {
    return Status::invalid(
        std::string(key) + " is a list of at most " + std::to_string(max) + " ids",
        {{"field", key}});
  }
  for (const auto& x : a) {
    if (!x.is_number_integer() || x.get<Id>() <= 0) {
      return Status::invalid(std::string(key) + " holds positive integer ids", {{"field", key}});
    }
    out.push_back(x.get<Id>());
  }
  return {};
}

Status read_participants(const json& j, std::vector<store::Participant>& out) {
  if (!j.contains("participants")) return {};
  if (!j["participants"].is_array())
    return Status::invalid("participants is a list", {{"field", "participants"}});
  for (const auto& p : j["participants"]) {
    if (!p.is_object())
      return Status::invalid("each participant is {person_id, kind}", {{"field", "participants"}});
    store::Participant x;
    WEIGE_TRY(read_id(p, "person_id", x.person_id, true));
    std::optional<ParticipantKind> kind;
    WEIGE_TRY(read_enum(p, "kind", parse_participant_kind, kind, true));
    x.kind = *kind;
    out.push_back(x);
  }
  return {};
}

}  // namespace weige::http
