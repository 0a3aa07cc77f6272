#include "http/router.h"

#include <stdexcept>

namespace weige::http {
namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    auto j = s.find('/', i);
    if (j == std::string_view::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

void Router::add(Route route) {
  if (route.operation_id.empty()) {
    throw std::logic_error("route " + route.method + " " + route.pattern + " has no operation id");
  }
  if (route.permission == Permission::kUnset) {
    throw std::logic_error("route " + route.method + " " + route.pattern + " declares no permission");
  }
  for (const Route& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      throw std::logic_error("route " + route.method + " " + route.pattern + " registered twice");
    }
  }
  Segments segments;
  for (std::string_view s : split(route.pattern)) segments.emplace_back(s);
  segments_.push_back(std::move(segments));
  routes_.push_back(std::move(route));
}

bool Router::match(const Segments& ps, const std::vector<std::string_view>& xs,
                   std::map<std::string, std::string>* params) {
  if (ps.size() != xs.size()) return false;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
      if (xs[i].empty()) return false;
      if (params) (*params)[ps[i].substr(1, ps[i].size() - 2)] = std::string(xs[i]);
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  return true;
}

Response Router::dispatch(Request& request, const Guard& guard) const {
  std::string allow;
  const auto path = split(request.path);
  for (std::size_t k = 0; k < routes_.size(); ++k) {
    const Route& r = routes_[k];
    std::map<std::string, std::string> params;
    if (!match(segments_[k], path, &params)) continue;
    if (r.method != request.method && !(request.method == "HEAD" && r.method == "GET")) {
      if (allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
      continue;
    }
    request.path_params = std::move(params);
    if (guard) {
      if (auto refused = guard(r, request)) return std::move(*refused);
    }
    if (r.slow && slow_lane_ && r.slow(request)) return slow_lane_(r.handler, request);
    return r.handler(request);
  }
  if (!allow.empty()) {
    Response res = error_response(
        Status(Code::kInvalid, "method " + request.method + " is not allowed on " + request.path,
               {{"allow", allow}}));
    res.status = 405;
    res.body = nlohmann::json{{"error",
                               {{"code", "method_not_allowed"},
                                {"message", "method " + request.method + " is not allowed on " +
                                                request.path},
                                {"details", {{"allow", allow}}}}}}
                   .dump();
    res.headers.emplace_back("Allow", allow);
    return res;
  }
  return error_response(Status::not_found("no endpoint " + request.path));
}

}  // namespace weige::http
