#include "http/json_body.h"

#include <charconv>
#include <cmath>

namespace weige::http {
namespace {

Status wrong_type(const char* key, const char* expected) {
  return Status::invalid(std::string("field '") + key + "' must be " + expected, {{"field", key}});
}

std::optional<std::int64_t> to_int(const std::string& s) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<nlohmann::json> parse_object(const Request& request, const std::set<std::string>& allowed) {
  const std::string* ct = request.header("content-type");
  if (!ct || ct->find("application/json") == std::string::npos) {
    return Status(Code::kUnsupported, "the request body must be JSON (Content-Type: application/json)");
  }
  auto j = nlohmann::json::parse(request.body, nullptr, false);
  if (j.is_discarded()) return Status::invalid("the request body is not valid JSON");
  if (!j.is_object()) return Status::invalid("the request body must be a JSON object");
  for (const auto& [key, value] : j.items()) {
    if (!allowed.count(key)) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& a : allowed) list.push_back(a);
      return Status::invalid("unknown field '" + key + "'", {{"field", key}, {"allowed", list}});
    }
  }
  return j;
}

Status read_string(const nlohmann::json& j, const char* key, std::string& out, bool required,
                   std::size_t max_len) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return Status::invalid(std::string("field '") + key + "' is required", {{"field", key}});
    if (it != j.end()) out.clear();
    return {};
  }
  if (!it->is_string()) return wrong_type(key, "a string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_len) {
    return Status::invalid(std::string("field '") + key + "' is longer than " + std::to_string(max_len) + " bytes", {{"field", key}});
  }
  if (required && s.empty()) return Status::invalid(std::string("field '") + key + "' must not be empty", {{"field", key}});
  out = s;
  return {};
}

Status read_bool(const nlohmann::json& j, const char* key, bool& out) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (!it->is_boolean()) return wrong_type(key, "true or false");
  out = it->get<bool>();
  return {};
}

Status read_int(const nlohmann::json& j, const char* key, int& out) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (!it->is_number_integer()) return wrong_type(key, "an integer");
  auto v = it->get<std::int64_t>();
  if (v < INT32_MIN || v > INT32_MAX) return wrong_type(key, "a 32-bit integer");
  out = static_cast<int>(v);
  return {};
}

Status read_id(const nlohmann::json& j, const char* key, std::optional<Id>& out, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return Status::invalid(std::string("field '") + key + "' is required", {{"field", key}});
    if (it != j.end()) out.reset();
    return {};
  }
  if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) return wrong_type(key, "a positive integer id");
  out = it->get<std::int64_t>();
  return {};
}

Status read_id(const nlohmann::json& j, const char* key, Id& out, bool required) {
  std::optional<Id> v;
  if (j.contains(key) || required) {
    WEIGE_TRY(read_id(j, key, v, required));
    out = v.value_or(0);
  }
  return {};
}

Status read_point(const nlohmann::json& j, const char* key, std::optional<Point>& out) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_null()) {
    out.reset();
    return {};
  }
  Point p;
  if (it->is_object() && it->contains("lng") && it->contains("lat")) {
    const auto& lng = (*it)["lng"];
    const auto& lat = (*it)["lat"];
    if (!lng.is_number() || !lat.is_number()) return wrong_type(key, "{\"lng\": number, \"lat\": number}");
    p = {lng.get<double>(), lat.get<double>()};
  } else if (it->is_object() && it->value("type", "") == "Point" && (*it)["coordinates"].is_array() &&
             (*it)["coordinates"].size() >= 2 && (*it)["coordinates"][0].is_number() &&
             (*it)["coordinates"][1].is_number()) {
    p = {(*it)["coordinates"][0].get<double>(), (*it)["coordinates"][1].get<double>()};
  } else {
    return wrong_type(key, "{\"lng\": number, \"lat\": number} or a GeoJSON Point");
  }
  if (!std::isfinite(p.lng) || !std::isfinite(p.lat) || std::abs(p.lng) > 180 || std::abs(p.lat) > 90) {
    return Status::invalid(std::string("field '") + key + "' is outside lng [-180,180], lat [-90,90]", {{"field", key}});
  }
  out = p;
  return {};
}

Status read_polygon(const nlohmann::json& j, const char* key, std::optional<Polygon>& out) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_null()) {
    out.reset();
    return {};
  }
  const nlohmann::json* ring = &*it;
  if (it->is_object()) {
    if (it->value("type", "") != "Polygon" || !(*it)["coordinates"].is_array() ||
        (*it)["coordinates"].empty()) {
      return wrong_type(key, "a GeoJSON Polygon or a ring [[lng,lat],...]");
    }
    ring = &(*it)["coordinates"][0];
  }
  if (!ring->is_array()) return wrong_type(key, "a GeoJSON Polygon or a ring [[lng,lat],...]");
  Polygon poly;
  for (const auto& pt : *ring) {
    if (!pt.is_array() || pt.size() < 2 || !pt[0].is_number() || !pt[1].is_number()) {
      return wrong_type(key, "a ring of [lng, lat] number pairs");
    }
    poly.ring.push_back({pt[0].get<double>(), pt[1].get<double>()});
  }
  if (poly.ring.size() > 1 && poly.ring.front() == poly.ring.back()) poly.ring.pop_back();
  if (poly.ring.size() > 10000) return Status::invalid(std::string("field '") + key + "' has more than 10000 points", {{"field", key}});
  if (!is_valid(poly)) {
    return Status::invalid(std::string("field '") + key +
                               "' is not a valid polygon (3+ distinct points, non-zero area, lng/lat in range)",
                           {{"field", key}});
  }
  out = std::move(poly);
  return {};
}

Status query_id(const Request& r, const char* key, std::optional<Id>& out) {
  const std::string* v = r.param(key);
  if (!v) return {};
  auto n = to_int(*v);
  if (!n || *n <= 0) {
    return Status::invalid(std::string("query parameter '") + key + "' must be a positive integer id", {{"parameter", key}});
  }
  out = *n;
  return {};
}

Status query_bool(const Request& r, const char* key, std::optional<bool>& out) {
  const std::string* v = r.param(key);
  if (!v) return {};
  if (*v == "true" || *v == "1") {
    out = true;
  } else if (*v == "false" || *v == "0") {
    out = false;
  } else {
    return Status::invalid(std::string("query parameter '") + key + "' must be true or false", {{"parameter", key}});
  }
  return {};
}

Status query_page(const Request& r, int& limit, int& offset) {
  limit = 50;
  offset = 0;
  if (const std::string* v = r.param("limit")) {
    auto n = to_int(*v);
    if (!n || *n < 1 || *n > 500) return Status::invalid("limit must be between 1 and 500", {{"parameter", "limit"}});
    limit = static_cast<int>(*n);
  }
  if (const std::string* v = r.param("offset")) {
    auto n = to_int(*v);
    if (!n || *n < 0 || *n > 100000000) return Status::invalid("offset must be a non-negative integer", {{"parameter", "offset"}});
    offset = static_cast<int>(*n);
  }
  return {};
}

Result<Id> path_id(const Request& r, const char* key) {
  auto it = r.path_params.find(key);
  if (it == r.path_params.end()) return Status::internal("route has no path parameter " + std::string(key));
  auto n = to_int(it->second);
  if (!n || *n <= 0) return Status::invalid("'" + it->second + "' is not an id", {{"parameter", key}});
  return *n;
}

nlohmann::json point_json(const std::optional<Point>& p) {
  if (!p) return nullptr;
  return {{"lng", p->lng}, {"lat", p->lat}};
}

nlohmann::json polygon_json(const std::optional<Polygon>& p) {
  if (!p) return nullptr;
  nlohmann::json ring = nlohmann::json::array();
  for (const Point& pt : p->ring) ring.push_back({pt.lng, pt.lat});
  if (!p->ring.empty()) ring.push_back({p->ring.front().lng, p->ring.front().lat});
  return {{"type", "Polygon"}, {"coordinates", {ring}}};
}

}  // namespace weige::http
