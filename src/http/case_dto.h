#pragma once
// JSON views of cases, categories, rules and metrics. Reporter data is masked.

#include <nlohmann/json.hpp>

#include "domain/case_metrics.h"
#include "http/json_text.h"
#include "service/case_service.h"
#include "store/case_store.h"

namespace weige::http {

nlohmann::json category_json(const store::Category& c);
nlohmann::json rule_json(const RoutingRule& r);
// A case for staff lists and detail (reporter masked); `now` colours the deadline.
nlohmann::json case_json(const service::CaseView& v, Seconds now);
nlohmann::json case_summary_json(const store::CaseRecord& c, Seconds now);
// The same summary as JSON text (for lists; the bytes case_summary_json dumps to).
void write_case_summary(JsonText& out, const store::CaseRecord& c, Seconds now);
nlohmann::json event_json(const store::CaseEvent& e);
nlohmann::json attachment_json(const store::Attachment& a);
nlohmann::json mediation_json(const store::Mediation& m);
nlohmann::json metrics_json(const Metrics& m);
// An ISO-8601 local (UTC+8) timestamp, or null.
nlohmann::json time_json(std::optional<Seconds> t);
// The same timestamp's text, written into `buf`.
std::string_view local_time_text(Seconds t, char (&buf)[32]);

}  // namespace weige::http
