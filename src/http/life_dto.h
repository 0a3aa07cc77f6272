#pragma once
// JSON views of community life (patrols, visits, topics, meetings,
// conventions, notices, campaigns), and the readers their handlers share.
// Persons appear as {"id", "name"} with the name masked; places and grids as
// {"id", "kind", "name"}.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crypto/vault.h"
#include "http/json_body.h"
#include "http/message.h"
#include "service/convention_service.h"
#include "service/deliberation_service.h"
#include "service/notice_service.h"
#include "service/patrol_service.h"
#include "service/visit_service.h"

namespace weige::http {

// Resolves ids to short, masked references, each looked up once.
class Names {
 public:
  Names(store::Db& db, const crypto::Vault& vault) : db_(db), vault_(vault) {}
  nlohmann::json person(std::optional<Id> id);
  nlohmann::json place(std::optional<Id> id);
  nlohmann::json grid(std::optional<Id> id);
  nlohmann::json organisation(std::optional<Id> id);

 private:
  store::Db& db_;
  const crypto::Vault& vault_;
  std::map<std::string, nlohmann::json> cache_;
};

nlohmann::json plan_json(const store::PatrolPlan& p, Names& n);
nlohmann::json patrol_summary_json(const store::Patrol& p, Names& n);
nlohmann::json patrol_json(const service::PatrolDetail& d, Names& n);
nlohmann::json observation_json(const store::Observation& o, Names& n);
nlohmann::json coverage_json(const std::vector<service::PlanCoverage>& rows, const Window& month,
                             Names& n);

nlohmann::json visit_json(const store::Visit& v, Names& n);
nlohmann::json care_json(const service::CareStatus& s, Names& n);
nlohmann::json link_coverage_json(const service::CoverageReport& r, Names& n);

nlohmann::json topic_summary_json(const store::Topic& t, Names& n);
nlohmann::json topic_json(const service::TopicView& v, Names& n);
nlohmann::json comment_json(const store::Comment& c, Names& n);
nlohmann::json meeting_json(const store::Meeting& m, Names& n);
nlohmann::json meeting_view_json(const service::MeetingView& v, Names& n);
nlohmann::json decision_json(const store::Decision& d, Names& n, Seconds now);
nlohmann::json tally_json(const VoteCount& votes, const Tally& t, const VoteRule& rule);

nlohmann::json convention_summary_json(const store::Convention& c, Names& n);
nlohmann::json convention_json(const service::ConventionView& v, Names& n);
nlohmann::json version_json(const service::VersionView& v, Names& n);
nlohmann::json rates_json(const service::RatesView& r, Names& n);

nlohmann::json notice_json(const service::NoticeView& v, Names& n);
nlohmann::json campaign_summary_json(const store::Campaign& c, Names& n);
nlohmann::json campaign_json(const service::CampaignView& v, Names& n, Seconds now);

// ---- readers ----

// A time: "YYYY-MM-DD" (00:00 local) or "YYYY-MM-DDTHH:MM[:SS]" in local
// time (UTC+8), optionally ending in "+08:00"; null clears.
Status read_time(const nlohmann::json& j, const char* key, std::optional<Seconds>& out);
// An optional enumerated field read with `parse`; kInvalid names the field.
template <typename E, typename Parse>
Status read_enum(const nlohmann::json& j, const char* key, Parse parse, std::optional<E>& out,
                 bool required = false) {
  if (!j.contains(key) || j[key].is_null()) {
    if (required) return Status::invalid(std::string(key) + " is required", {{"field", key}});
    return {};
  }
  if (!j[key].is_string())
    return Status::invalid(std::string("field '") + key + "' must be a string", {{"field", key}});
  out = parse(j[key].get<std::string>());
  if (!out)
    return Status::invalid("unknown " + std::string(key) + " '" + j[key].get<std::string>() + "'",
                           {{"field", key}});
  return {};
}
// quorum_percent and majority, when either is present.
Status read_rule(const nlohmann::json& j, std::optional<VoteRule>& out);
// A list of ids under `key` (absent: empty).
Status read_ids(const nlohmann::json& j, const char* key, std::vector<Id>& out,
                std::size_t max = 200);
// A list of {"person_id", "kind"} participants.
Status read_participants(const nlohmann::json& j, std::vector<store::Participant>& out);

}  // namespace weige::http

namespace weige::http {

// {"items": [render(x)...], "total": total (default: the number of items)}.
template <typename T, typename Render>
nlohmann::json list_json(const std::vector<T>& items, Render render, std::int64_t total = -1) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& x : items) a.push_back(render(x));
  return {{"items", a}, {"total", total < 0 ? static_cast<std::int64_t>(items.size()) : total}};
}

// The signed-in caller as a community-life service sees them.
Result<service::LifeCaller> life_caller_of(const Request& r, store::Db& db);

// A service's result rendered with `render(value, names)`, or its error.
template <typename T, typename Render>
Result<nlohmann::json> rendered(store::Db& db, const crypto::Vault& vault, const Result<T>& r,
                                Render render) {
  if (!r) return r.status();
  Names n(db, vault);
  return render(*r, n);
}

// A handler for GET .../{id}: `fetch(db, caller, id)` rendered with `render`.
template <typename Fetch, typename Render>
auto by_id(const crypto::Vault& vault, Fetch fetch, Render render) {
  return [&vault, fetch, render](Request& r, store::Db& db) -> Result<nlohmann::json> {
    WEIGE_ASSIGN(auto c, life_caller_of(r, db));
    WEIGE_ASSIGN(Id id, path_id(r));
    return rendered(db, vault, fetch(db, c, id), render);
  };
}
// ?month=YYYY-MM (default: the month of `now`).
Result<Window> query_month(const Request& r, Seconds now);
// ?quarter=YYYYQn (default: the quarter of `now`).
Result<Window> query_quarter(const Request& r, Seconds now);

}  // namespace weige::http
