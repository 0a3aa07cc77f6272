#pragma once
// Transport-free HTTP request and response. Handlers see only these; the
// session in server.cpp owns sockets, parsing, limits and timeouts.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/permissions.h"
#include "domain/status.h"

namespace weige::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw target, e.g. "/api/v1/places?kind=unit"
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;        // decoded query parameters
  std::map<std::string, std::string> headers;      // lower-case names
  std::map<std::string, std::string> path_params;  // filled by the router
  std::string body;
  std::string remote;  // client address

  // Filled by the API's guard before a handler runs: the signed-in caller
  // (absent on public routes without credentials) and how they signed in.
  std::optional<Principal> principal;
  // Extra facts a handler wants in the audit entry of this request (e.g. the
  // reason given for revealing personal data).
  nlohmann::json audit_detail;
  // Set by the transport when the client closed its connection while this
  // request's response was deferred (Response::later); null when nothing
  // watches. Work queued for a client that has gone may be skipped.
  std::shared_ptr<const std::atomic<bool>> gone;

  const std::string* header(const std::string& lower_name) const;
  // A query parameter, or nullptr when absent.
  const std::string* param(const std::string& name) const;
};

// A server-sent event stream: the transport polls next() about twice a
// second and writes whatever it returns; "" means nothing new yet.
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual std::string next() = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the response is text/event-stream: the body is ignored and the
  // connection stays open, writing the stream's events until the client leaves.
  std::shared_ptr<EventStream> stream;
  // When set, the response is not ready yet (a write waiting for its group
  // commit): the transport calls `later` once with a callback, and that
  // callback receives the final response exactly once, from any thread. The
  // caller may keep the callback object after calling it (the group commit
  // destroys a batch's callbacks after the flush): the transport's callback
  // gives up its hold on the connection when it runs.
  std::function<void(std::function<void(Response)>)> later;
};

// Waits for a deferred response (for callers without an event loop).
Response resolve(Response r);

// A JSON response.
Response json_response(int status, const nlohmann::json& body);
// The one place that turns a Status into an HTTP status and the error shape
// {"error": {"code": "...", "message": "...", "details": ...}}.
Response error_response(const Status& status);
int http_status(Code code);

// Percent-decoding; '+' becomes a space in query strings. Fails on bad escapes.
std::optional<std::string> url_decode(std::string_view s, bool plus_as_space);
// Splits a target into path and query parameters; nullopt on bad encoding.
bool parse_target(std::string_view target, std::string& path,
                  std::map<std::string, std::string>& query);

}  // namespace weige::http
