#pragma once
// The Weige JSON API under /api/v1, and the web app's static files at /.
// Api builds the declared route table; handle() is the Server's Handler.

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "crypto/vault.h"
#include "domain/roles.h"
#include "service/answer_cache.h"
#include "service/auth_service.h"
#include "service/case_service.h"
#include "service/credential_cache.h"
#include "service/change_feed.h"
#include "service/scope.h"
#include "http/message.h"
#include "http/router.h"
#include "http/slow_lane.h"
#include "store/change_clock.h"
#include "store/group_commit.h"
#include "store/pool.h"

namespace weige::http {

struct ApiOptions {
  std::string web_dir;    // built web app (index.html + assets); empty: API only
  std::string files_dir;  // where attachments are stored; empty: attachments refused
  std::string version = "0.1.0";
  service::Clock clock = service::system_clock();
  service::AuthOptions auth;
  // Per client address, per minute: failed or successful login attempts and
  // public reports. 0 turns a limit off.
  int login_per_minute = 10;
  int public_reports_per_minute = 20;
  bool secure_cookies = false;  // set the Secure flag (behind TLS)
  // Run the JSON API's writes through one writer thread that commits them in
  // batches (store/group_commit.h); off: each write commits on its own.
  bool group_commit = true;
  // When set, health reports it as "prewarm" (off, running, done, failed).
  std::function<std::string()> prewarm_state;
  // The slow lane (http/slow_lane.h): threads for the routes that may take
  // long, and how many such requests may wait before the next gets 503.
  // 0 threads: slow routes run on the I/O threads.
  int slow_threads = 2;
  std::size_t slow_queue = 64;
};

class Api {
 public:
  Api(store::Pool& pool, const crypto::Vault& vault, ApiOptions options);

  // Dispatches a request: /api/... through the route table, anything else to
  // the web app (history-mode fallback to index.html).
  Response handle(Request& request);
  const Router& router() const { return router_; }
  // Finishes the slow requests and the writes already queued (the slow lane,
  // the group commit) and stops their threads. Call it after the transport
  // has stopped and before it is destroyed: their responses are posted to
  // the transport's executors. No request may arrive afterwards.
  void finish() {
    slow_lane_.reset();
    committer_.reset();
  }
  service::ChangeFeed& feed() { return feed_; }
  // The OpenAPI 3 document generated from the route table.
  nlohmann::json openapi() const;

 private:
  using JsonHandler = std::function<Result<nlohmann::json>(Request&, store::Db&)>;
  // A handler that leases a connection, runs `fn` and renders its result with
  // `status`, or its error through error_response(). For POST, PUT, PATCH and
  // DELETE it runs `fn` inside one write transaction together with an audit
  // entry, so a write and its audit record land together or not at all.
  Handler wrap(JsonHandler fn, int status = 200);
  // A GET handler that writes its JSON as text (http/json_text.h), for hot
  // lists: run like wrap()'s reads, answered 200 with the text as body.
  using TextHandler = std::function<Result<std::string>(Request&, store::Db&)>;
  Handler wrap_text(TextHandler fn);
  // Runs `body` on the request's read snapshot (Api::handle opens one per
  // GET) or on one of its own, which a failure ends with ROLLBACK.
  Status read(const std::function<Status(store::Db&)>& body);
  // The change clock as read before this thread's read snapshot began, for
  // answers kept while it stands still (service/answer_cache.h); nullopt
  // outside a read or when the server keeps no such answers.
  std::optional<std::uint64_t> read_changes() const;
  // The audit entry of a successful write, in the write's transaction.
  Status audit_write(store::Db& db, const Request& request, const nlohmann::json& out, int status);
  // After a commit: tells live dashboards about case and emergency writes.
  void publish_write(const Request& request, const nlohmann::json& out);
  Response render(const Request& request, const Result<nlohmann::json>& result, int status);
  Response render_error(const Request& request, const Status& status);
  // A slow route's handler, run on the slow lane: answers with a deferred
  // Response, or 503 when the lane's queue is full.
  Response on_slow_lane(const Handler& handler, Request& request);

  // Authenticates (session cookie + CSRF header, or a Bearer API token),
  // checks the route's permission and the rate limits.
  std::optional<Response> guard(const Route& route, Request& request);
  // Counts one event for `key` (e.g. "login:127.0.0.1"); false when over `per_minute`.
  bool within_limit(const std::string& key, int per_minute);
  Result<service::Scope> scope(const Request& request, store::Db& db);

  void register_system_routes();
  void register_map_routes();
  void register_people_routes();
  void register_case_routes();
  void register_case_admin_routes();
  void register_metrics_routes();
  void register_auth_routes();
  void register_sign_routes();
  void register_event_routes();
  void register_emergency_routes();
  // Community life: patrols, visits, deliberation, conventions, notices (life_api.cpp and its siblings).
  void register_life_routes();
  void register_patrol_routes();
  void register_visit_routes();
  void register_deliberation_routes();
  void register_convention_routes();
  void register_notice_routes();
  service::CaseService cases(store::Db& db);

  store::Pool& pool_;
  const crypto::Vault& vault_;
  ApiOptions options_;
  Router router_;
  service::LocatorCache locator_;
  service::RefCache refs_;  // reference data for intake, see service/ref_cache.h
  service::CredentialCache credentials_;  // resolved sessions and API tokens
  service::AnswerCache<RateCounts> rates_;  // the dashboard's rates from the rollup
  std::unique_ptr<store::ChangeWatcher> watcher_;  // null: nothing is kept by the change clock
  service::ChangeFeed feed_;
  std::unique_ptr<store::GroupCommitter> committer_;  // null when group_commit is off
  std::unique_ptr<SlowLane> slow_lane_;               // null when slow_threads is 0
  std::mutex limits_mu_;
  std::map<std::string, std::pair<Seconds, int>> limits_;  // key -> (minute, count)
};

// The signed-in caller; kUnauthorized on a public route without credentials.
Result<Principal> principal_of(const Request& request);
// The session cookie's value, if the request carries one.
std::optional<std::string> session_cookie(const Request& request);

// Serves a file from web_dir for a GET/HEAD outside /api; index.html for
// unknown paths without an extension (client-side routes). Hashed assets
// under /assets/ are cacheable for a year; index.html is never cached.
Response serve_static(const std::string& web_dir, const Request& request);

}  // namespace weige::http
