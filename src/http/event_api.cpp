// Server-sent events for live dashboards: GET /api/v1/events streams the
// change feed (event "case" with the case id and state) as it happens.
#include "http/api.h"

namespace weige::http {
namespace {

class FeedStream final : public EventStream {
 public:
  FeedStream(service::ChangeFeed& feed, std::uint64_t after) : feed_(feed), last_(after) {}
  std::string next() override {
    std::string out;
    for (const auto& [seq, data] : feed_.since(last_)) {
      out += "id: " + std::to_string(seq) + "\nevent: case\ndata: " + data + "\n\n";
      last_ = seq;
    }
    return out;
  }

 private:
  service::ChangeFeed& feed_;
  std::uint64_t last_;
};

}  // namespace

void Api::register_event_routes() {
  router_.add({.method = "GET", .pattern = "/api/v1/events", .operation_id = "streamEvents",
               .summary = "Server-sent events: one 'case' event per change to a case, for live dashboards "
                          "(Last-Event-ID resumes)",
               .tag = "metrics", .response_schema = "", .permission = Permission::kMetricsRead,
               .handler = [this](Request& r) -> Response {
                 std::uint64_t after = feed_.last();
                 if (const std::string* last = r.header("last-event-id")) {
                   try {
                     after = std::stoull(*last);
                   } catch (const std::exception&) {
                   }
                 }
                 Response res;
                 res.stream = std::make_shared<FeedStream>(feed_, after);
                 return res;
               }});
}

}  // namespace weige::http
