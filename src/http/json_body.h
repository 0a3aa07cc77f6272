#pragma once
// Reading request bodies: strict JSON objects with typed fields. Every
// function fails with kInvalid (400) naming the field and what was expected,
// or kUnsupported (415) for a body that is not declared as JSON.

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "domain/geometry.h"
#include "domain/map.h"
#include "http/message.h"

namespace weige::http {

// The body as a JSON object. Rejects a non-JSON content type, malformed JSON,
// a non-object, and any key not in `allowed`.
Result<nlohmann::json> parse_object(const Request& request, const std::set<std::string>& allowed);

// Each reader leaves `out` untouched when the key is absent, and fails when
// the key is present with the wrong type. `required` fails when absent.
Status read_string(const nlohmann::json& j, const char* key, std::string& out,
                   bool required = false, std::size_t max_len = 1000);
Status read_bool(const nlohmann::json& j, const char* key, bool& out);
Status read_int(const nlohmann::json& j, const char* key, int& out);
// An id; JSON null clears it.
Status read_id(const nlohmann::json& j, const char* key, std::optional<Id>& out,
               bool required = false);
Status read_id(const nlohmann::json& j, const char* key, Id& out, bool required = false);
// {"lng": x, "lat": y}, or a GeoJSON Point; null clears.
Status read_point(const nlohmann::json& j, const char* key, std::optional<Point>& out);
// A GeoJSON Polygon geometry or a bare ring [[lng,lat],...]; null clears.
Status read_polygon(const nlohmann::json& j, const char* key, std::optional<Polygon>& out);

// Query-string readers with the same contracts.
Status query_id(const Request& r, const char* key, std::optional<Id>& out);
Status query_bool(const Request& r, const char* key, std::optional<bool>& out);
// An enumerated query parameter read with `parse`; kInvalid names `what`
// ("unknown level 'x'") when the value is not one of its names.
template <typename E, typename Parse>
Status query_enum(const Request& r, const char* key, Parse parse, std::optional<E>& out,
                  const char* what) {
  const std::string* v = r.param(key);
  if (!v) return {};
  out = parse(*v);
  if (!out)
    return Status::invalid(std::string("unknown ") + what + " '" + *v + "'", {{"parameter", key}});
  return {};
}

// limit (1..500, default 50) and offset (>= 0).
Status query_page(const Request& r, int& limit, int& offset);
// A path parameter that must be a positive integer id.
Result<Id> path_id(const Request& r, const char* key = "id");

nlohmann::json point_json(const std::optional<Point>& p);
// A GeoJSON Polygon geometry (closed ring), or null.
nlohmann::json polygon_json(const std::optional<Polygon>& p);

}  // namespace weige::http
