#pragma once
// The declared route table. Every endpoint is registered here with its method,
// path pattern ("/api/v1/grids/{id}"), an operation id and a summary, which
// the OpenAPI document is generated from, so the two cannot drift apart.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace weige::http {

using Handler = std::function<Response(Request&)>;

struct ParamDoc {
  std::string name;
  std::string in;  // "query" or "path"
  std::string type;  // "integer", "string", "boolean", "number"
  std::string description;
  bool required = false;
};

struct Route {
  std::string method;
  std::string pattern;
  std::string operation_id;
  std::string summary;
  std::string tag;
  std::vector<ParamDoc> params;  // query parameters; path parameters are derived
  std::string request_schema;    // component name of the JSON body, if any
  std::string response_schema;   // component name of the 2xx body
  int success_status = 200;
  Permission permission = Permission::kUnset;  // required: see add()
  // When set and true for a request, the handler may take long (a scan, a
  // search, an export): after the guard, it runs on the slow lane (see
  // Router::set_slow_lane) instead of the connection's I/O thread.
  std::function<bool(const Request&)> slow;
  Handler handler;
};

// For Route::slow: every request of the route.
inline bool always_slow(const Request&) { return true; }

class Router {
 public:
  // Registers a route. A pattern segment in braces is a path parameter and
  // matches one non-empty segment. Throws std::logic_error on a duplicate
  // (method, pattern), a missing operation id or an undeclared permission:
  // a programming error, caught when the server starts.
  void add(Route route);
  // Runs before the handler of a matched route; a response it returns is sent
  // instead (401, 403, 429, ...).
  using Guard = std::function<std::optional<Response>(const Route&, Request&)>;
  // Finds the route for the request and calls it; 404 when no pattern
  // matches, 405 (with Allow) when the path matches under other methods.
  Response dispatch(Request& request, const Guard& guard = {}) const;
  // Runs a slow request's handler elsewhere and answers with a deferred
  // Response (Response::later). Without one, slow handlers run inline.
  using Handoff = std::function<Response(const Handler&, Request&)>;
  void set_slow_lane(Handoff handoff) { slow_lane_ = std::move(handoff); }
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // A pattern's segments, split once when the route is added: a request
  // splits only its own path, not every pattern again (docs/decisions.md).
  using Segments = std::vector<std::string>;
  static bool match(const Segments& pattern, const std::vector<std::string_view>& path,
                    std::map<std::string, std::string>* params);
  std::vector<Route> routes_;
  std::vector<Segments> segments_;  // parallel to routes_
  Handoff slow_lane_;
};

}  // namespace weige::http
