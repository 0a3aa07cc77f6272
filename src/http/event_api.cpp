// Server-sent events for live dashboards: GET /api/v1/events streams the
// change feed (event "case" with the case id and state) as it happens, each
// event only to those whose scope covers its case.
#include <nlohmann/json.hpp>

#include "http/api.h"

namespace weige::http {
namespace {

class FeedStream final : public EventStream {
 public:
  // `visible` decides per event (a JSON text); unset: every event.
  FeedStream(service::ChangeFeed& feed, std::uint64_t after, std::function<bool(const std::string&)> visible)
      : feed_(feed), last_(after), visible_(std::move(visible)) {}
  std::string next() override {
    std::string out;
    for (const auto& [seq, data] : feed_.since(last_)) {
      if (!visible_ || visible_(data)) out += "id: " + std::to_string(seq) + "\nevent: case\ndata: " + data + "\n\n";
      last_ = seq;
    }
    return out;
  }

 private:
  service::ChangeFeed& feed_;
  std::uint64_t last_;
  std::function<bool(const std::string&)> visible_;
};

}  // namespace

void Api::register_event_routes() {
  router_.add({.method = "GET", .pattern = "/api/v1/events", .operation_id = "streamEvents",
               .summary = "Server-sent events: one 'case' event per change to a case in your scope, for live "
                          "dashboards (Last-Event-ID resumes)",
               .tag = "metrics", .response_schema = "", .permission = Permission::kMetricsRead,
               .handler = [this](Request& r) -> Response {
                 std::uint64_t after = feed_.last();
                 if (const std::string* last = r.header("last-event-id")) {
                   try {
                     after = std::stoull(*last);
                   } catch (const std::exception&) {
                   }
                 }
                 auto lease = pool_.acquire();
                 if (!lease) return error_response(lease.status());
                 auto sc = scope(r, **lease);
                 if (!sc) return error_response(sc.status());
                 std::function<bool(const std::string&)> visible;
                 if (!sc->all) {
                   // An event without a case, or about a case outside the scope, is not sent.
                   // Emergency events name nothing ("something changed: refresh") and go to all.
                   visible = [this, sc = *sc](const std::string& data) {
                     auto e = nlohmann::json::parse(data, nullptr, false);
                     if (e.is_object() && e.value("type", "") == "emergency") return true;
                     if (!e.is_object() || !e.contains("id") || !e["id"].is_number_integer()) return false;
                     auto db = pool_.acquire();
                     if (!db) return false;
                     auto c = store::get_case(**db, e["id"].get<Id>());
                     return c && service::case_in_scope(*c, sc);
                   };
                 }
                 Response res;
                 res.stream = std::make_shared<FeedStream>(feed_, after, std::move(visible));
                 return res;
               }});
}

}  // namespace weige::http
