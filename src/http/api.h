#pragma once
// The Weige JSON API under /api/v1, and the web app's static files at /.
// Api builds the declared route table; handle() is the Server's Handler.

#include <string>

#include "crypto/vault.h"
#include "domain/roles.h"
#include "service/case_service.h"
#include "http/message.h"
#include "http/router.h"
#include "store/pool.h"

namespace weige::http {

struct ApiOptions {
  std::string web_dir;    // built web app (index.html + assets); empty: API only
  std::string files_dir;  // where attachments are stored; empty: attachments refused
  std::string version = "0.1.0";
  service::Clock clock = service::system_clock();
};

class Api {
 public:
  Api(store::Pool& pool, const crypto::Vault& vault, ApiOptions options);

  // Dispatches a request: /api/... through the route table, anything else to
  // the web app (history-mode fallback to index.html).
  Response handle(Request& request);
  const Router& router() const { return router_; }
  // The OpenAPI 3 document generated from the route table.
  nlohmann::json openapi() const;

 private:
  using JsonHandler = std::function<Result<nlohmann::json>(Request&, store::Db&)>;
  // A handler that leases a connection, runs `fn` and renders its result with
  // `status`, or its error through error_response().
  Handler wrap(JsonHandler fn, int status = 200);

  void register_system_routes();
  void register_map_routes();
  void register_people_routes();
  void register_case_routes();
  void register_case_admin_routes();
  void register_metrics_routes();
  service::CaseService cases(store::Db& db);

  store::Pool& pool_;
  const crypto::Vault& vault_;
  ApiOptions options_;
  Router router_;
  service::LocatorCache locator_;
};

// Who is calling. Until accounts and sessions exist, staff identify with the
// headers X-Weige-Role (a role name) and X-Weige-Person (a person id); a
// request without them is kUnauthorized. This is the one seam accounts replace.
Result<Actor> actor_of(const Request& request);

// Serves a file from web_dir for a GET/HEAD outside /api; index.html for
// unknown paths without an extension (client-side routes). Hashed assets
// under /assets/ are cacheable for a year; index.html is never cached.
Response serve_static(const std::string& web_dir, const Request& request);

}  // namespace weige::http
