#include "http/case_dto.h"

#include <ctime>

#include "domain/mask.h"
#include "http/json_body.h"

namespace weige::http {
namespace {
nlohmann::json opt_id(const std::optional<Id>& id) { return id ? nlohmann::json(*id) : nlohmann::json(nullptr); }
nlohmann::json ratio_json(const Ratio& r) {
  auto v = r.value();
  return {{"numerator", r.numerator}, {"denominator", r.denominator}, {"value", v ? nlohmann::json(*v) : nlohmann::json(nullptr)}};
}
nlohmann::json opt_num(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
}  // namespace

std::string_view local_time_text(Seconds t, char (&buf)[32]) {
  std::time_t local = static_cast<std::time_t>(t + 8 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  return {buf, std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+08:00", &tm)};
}

nlohmann::json time_json(std::optional<Seconds> t) {
  if (!t) return nullptr;
  char buf[32];
  return local_time_text(*t, buf);
}

nlohmann::json category_json(const store::Category& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"parent_id", opt_id(c.parent_id)},
          {"name_zh", c.name_zh},
          {"name_en", c.name_en},
          {"pinyin", c.pinyin},
          {"icon", c.icon},
          {"level", to_string(c.level)},
          {"path", to_string(c.path)},
          {"needs_verification", c.needs_verification},
          {"hours", {{"accept", c.accept_hours}, {"dispatch", c.dispatch_hours}, {"resolve", c.resolve_hours}, {"verify", c.verify_hours}}},
          {"emergency_only", c.emergency_only},
          {"enabled", c.enabled}};
}

nlohmann::json rule_json(const RoutingRule& r) {
  auto opt_int = [](const std::optional<int>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"id", r.id},
          {"priority", r.priority},
          {"category_id", opt_id(r.category_id)},
          {"level", r.level ? nlohmann::json(to_string(*r.level)) : nlohmann::json(nullptr)},
          {"community_id", opt_id(r.community_id)},
          {"grid_id", opt_id(r.grid_id)},
          {"weekday_mask", r.weekday_mask},
          {"hour_from", opt_int(r.hour_from)},
          {"hour_to", opt_int(r.hour_to)},
          {"requires_property_contract", r.requires_property_contract},
          {"handler", to_string(r.handler)},
          {"organisation_id", opt_id(r.organisation_id)},
          {"note", r.note},
          {"enabled", r.enabled}};
}

namespace {

// A timestamp written as time_json writes it.
struct LocalTime {
  std::optional<Seconds> at;
};

// The fields of a case summary, in sorted key order (JsonText needs that
// order; nlohmann's objects sort their keys anyway), for either sink below:
// the one list of fields behind both case_summary_json and write_case_summary.
template <class Sink>
void case_summary_fields(Sink& s, const store::CaseRecord& c, Seconds now) {
  s.field("category_id", c.category_id);
  s.field("channel", to_string(c.channel));
  s.field("community_id", c.community_id);
  s.field("created_at", LocalTime{c.created_at});
  s.field("deadline", std::string_view(service::deadline_colour(c, now)));
  s.field("description", std::string_view(c.description));
  s.field("emergency", c.emergency);
  s.field("emergency_id", c.emergency_id);
  s.field("grid_id", c.grid_id);
  s.field("handler", to_string(c.handler));
  s.field("handler_person_id", c.handler_person_id);
  s.field("handler_zh", label_zh(c.handler));
  s.field("handling_level", to_string(level_of(c.handler)));
  s.field("id", c.id);
  s.field("joint_with_community", c.joint_with_community);
  s.field("level", to_string(c.level));
  s.field("place_id", c.place_id);
  s.field("stage", c.stage.empty() ? std::optional<std::string_view>() : std::optional<std::string_view>(c.stage));
  s.field("stage_due_at", LocalTime{c.stage_due_at});
  s.field("state", to_string(c.state));
  s.field("state_zh", label_zh(c.state));
  s.field("updated_at", LocalTime{c.updated_at});
}

struct TreeSink {
  nlohmann::json& j;
  void field(const char* k, std::int64_t v) { j[k] = v; }
  void field(const char* k, bool v) { j[k] = v; }
  void field(const char* k, std::string_view v) { j[k] = v; }
  void field(const char* k, const std::optional<Id>& v) { j[k] = opt_id(v); }
  void field(const char* k, std::optional<std::string_view> v) { j[k] = v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
  void field(const char* k, LocalTime t) { j[k] = time_json(t.at); }
};

struct TextSink {
  JsonText& out;
  void field(const char* k, std::int64_t v) { out.key(k).value(v); }
  void field(const char* k, bool v) { out.key(k).value(v); }
  void field(const char* k, std::string_view v) { out.key(k).value(v); }
  void field(const char* k, const std::optional<Id>& v) {
    if (v) {
      out.key(k).value(*v);
    } else {
      out.key(k).null();
    }
  }
  void field(const char* k, std::optional<std::string_view> v) {
    if (v) {
      out.key(k).value(*v);
    } else {
      out.key(k).null();
    }
  }
  void field(const char* k, LocalTime t) {
    char buf[32];
    if (t.at) {
      out.key(k).value(local_time_text(*t.at, buf));
    } else {
      out.key(k).null();
    }
  }
};

}  // namespace

nlohmann::json case_summary_json(const store::CaseRecord& c, Seconds now) {
  nlohmann::json j = nlohmann::json::object();
  TreeSink sink{j};
  case_summary_fields(sink, c, now);
  return j;
}

void write_case_summary(JsonText& out, const store::CaseRecord& c, Seconds now) {
  out.begin_object();
  TextSink sink{out};
  case_summary_fields(sink, c, now);
  out.end_object();
}

nlohmann::json case_json(const service::CaseView& v, Seconds now) {
  const auto& c = v.record;
  nlohmann::json j = case_summary_json(c, now);
  j["location"] = point_json(c.location);
  j["compound_id"] = opt_id(c.compound_id);
  j["address"] = mask_address(v.address);
  j["reporter"] = {{"person_id", opt_id(c.reporter_person_id)},
                   {"name", mask_name(v.reporter_name)},
                   {"phone", mask_phone(v.reporter_phone)},
                   {"anonymous", c.anonymous},
                   {"on_behalf_of", c.on_behalf_of},
                   {"masked", true}};
  j["routing_explanation"] = c.routing_explanation;
  j["handler_org_id"] = opt_id(c.handler_org_id);
  j["needs_verification"] = c.needs_verification;
  j["stage_warn_at"] = time_json(c.stage_warn_at);
  j["extension_pending"] = c.extension_pending;
  j["accept_due_at"] = time_json(c.accept_due_at);
  j["responded_at"] = time_json(c.responded_at);
  j["resolved_at"] = time_json(c.resolved_at);
  j["closed_at"] = time_json(c.closed_at);
  j["settled_level"] = c.settled_level ? nlohmann::json(to_string(*c.settled_level)) : nlohmann::json(nullptr);
  j["rating"] = c.rating ? nlohmann::json(to_string(*c.rating)) : nlohmann::json(nullptr);
  j["rating_comment"] = c.rating_comment;
  j["reopen_count"] = c.reopen_count;
  j["escalation_count"] = c.escalation_count;
  j["merged_into"] = opt_id(c.merged_into);
  j["review_at"] = time_json(c.review_at);
  return j;
}

nlohmann::json event_json(const store::CaseEvent& e) {
  auto data = nlohmann::json::parse(e.data, nullptr, false);
  return {{"id", e.id},
          {"at", time_json(e.at)},
          {"action", e.action},
          {"from_state", e.from_state ? nlohmann::json(to_string(*e.from_state)) : nlohmann::json(nullptr)},
          {"to_state", to_string(e.to_state)},
          {"actor_role", e.actor_role},
          {"actor_person_id", opt_id(e.actor_person_id)},
          {"note", e.note},
          {"data", data.is_discarded() ? nlohmann::json::object() : data}};
}

nlohmann::json attachment_json(const store::Attachment& a) {
  return {{"id", a.id},
          {"case_id", a.case_id},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"original_name", a.original_name},
          {"url", "/api/v1/attachments/" + std::to_string(a.id)},
          {"created_at", time_json(a.created_at)}};
}

nlohmann::json mediation_json(const store::Mediation& m) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : m.sessions) {
    sessions.push_back({{"id", s.id}, {"at", time_json(s.at)}, {"place", s.place}, {"summary", s.summary}});
  }
  auto parties = nlohmann::json::parse(m.parties, nullptr, false);
  auto signed_by = nlohmann::json::parse(m.signed_by, nullptr, false);
  return {{"case_id", m.case_id},
          {"mediator_person_id", opt_id(m.mediator_person_id)},
          {"parties", parties.is_discarded() ? nlohmann::json::array() : parties},
          {"agreement", m.agreement},
          {"signed_by", signed_by.is_discarded() ? nlohmann::json::array() : signed_by},
          {"signed_at", time_json(m.signed_at)},
          {"follow_up_at", time_json(m.follow_up_at)},
          {"follow_up_note", m.follow_up_note},
          {"sessions", sessions}};
}

nlohmann::json metrics_json(const Metrics& m) {
  auto ranked = [](const std::vector<Ranked>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& r : v) a.push_back({{"id", r.id}, {"count", r.count}});
    return a;
  };
  nlohmann::json work = nlohmann::json::array();
  for (const auto& w : m.workload) work.push_back({{"person_id", w.person_id}, {"open", w.open}, {"resolved", w.resolved}});
  return {{"total", m.total},
          {"open", m.open},
          {"overdue", m.overdue},
          {"finished", m.finished},
          {"never_leave",
           {{"micro_grid", ratio_json(m.never_leave_micro_grid)},
            {"community", ratio_json(m.never_leave_community)},
            {"subdistrict", ratio_json(m.never_leave_subdistrict)}}},
          {"hotline",
           {{"response_rate", ratio_json(m.response_rate)},
            {"on_time_resolution_rate", ratio_json(m.on_time_resolution_rate)},
            {"satisfaction_rate", ratio_json(m.satisfaction_rate)}}},
          {"hours_to_close", {{"median", opt_num(m.median_hours_to_close)}, {"p90", opt_num(m.p90_hours_to_close)}}},
          {"hot_categories", ranked(m.hot_categories)},
          {"hot_places", ranked(m.hot_places)},
          {"workload", work}};
}

}  // namespace weige::http
