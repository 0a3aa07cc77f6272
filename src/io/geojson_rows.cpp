// GeoJSON FeatureCollection -> import rows. Every structural problem becomes a
// RowError (feature index as its line); nothing here throws on bad input.

#include <nlohmann/json.hpp>

#include "io/rows.h"

namespace weige::io::detail {
namespace {

using nlohmann::json;

// The problems of one feature.
struct FeatureErrors {
  std::size_t line;
  std::vector<RowError>& out;
  bool any = false;
  void add(std::string field, std::string message) {
    out.push_back({line, std::move(field), std::move(message)});
    any = true;
  }
};

// A string property: absent -> not given; null -> given ""; else must be a string.
Given<std::string> string_prop(const json& props, const char* name, FeatureErrors& e) {
  auto it = props.find(name);
  if (it == props.end()) return {};
  if (it->is_null()) return given(std::string());
  if (!it->is_string()) {
    e.add(name, std::string(name) + " must be a string");
    return {};
  }
  return given(it->get<std::string>());
}

std::string required_string(const json& props, const char* name, FeatureErrors& e) {
  auto it = props.find(name);
  if (it != props.end() && !it->is_null() && !it->is_string()) {
    e.add(name, std::string(name) + " must be a string");
    return {};
  }
  if (it == props.end() || it->is_null() || it->get_ref<const std::string&>().empty()) {
    e.add(name, std::string(name) + " is required");
    return {};
  }
  return it->get<std::string>();
}

// A number property: absent -> not given; null -> given nullopt.
Given<std::optional<double>> number_prop(const json& props, const char* name, FeatureErrors& e) {
  auto it = props.find(name);
  if (it == props.end()) return {};
  if (it->is_null()) return given(std::optional<double>());
  if (!it->is_number()) {
    e.add(name, std::string(name) + " must be a number or null");
    return {};
  }
  return given(std::optional<double>(it->get<double>()));
}

std::optional<Point> position(const json& j) {
  if (!j.is_array() || j.size() < 2 || !j[0].is_number() || !j[1].is_number()) return std::nullopt;
  return Point{j[0].get<double>(), j[1].get<double>()};
}

// A parsed geometry: at most one of point and polygon is set.
struct Geometry {
  std::optional<Point> point;
  std::optional<Polygon> polygon;
};

std::optional<Polygon> read_polygon(const json& coords, FeatureErrors& e) {
  if (!coords.is_array() || coords.empty()) {
    e.add("geometry", "Polygon coordinates must be an array of rings");
    return std::nullopt;
  }
  if (coords.size() > 1) {
    e.add("geometry", "polygons with holes are not supported (one outer ring only)");
    return std::nullopt;
  }
  const json& ring = coords[0];
  if (!ring.is_array() || ring.size() < 4) {
    e.add("geometry", "a Polygon ring needs at least 4 positions (the first repeated last)");
    return std::nullopt;
  }
  Polygon p;
  for (const json& pos : ring) {
    auto pt = position(pos);
    if (!pt) {
      e.add("geometry", "a position must be [lng, lat] numbers");
      return std::nullopt;
    }
    p.ring.push_back(*pt);
  }
  if (p.ring.front() != p.ring.back()) {
    e.add("geometry", "a Polygon ring must end with its first position (RFC 7946)");
    return std::nullopt;
  }
  p.ring.pop_back();
  return p;
}

Geometry read_geometry(const json& feature, FeatureErrors& e) {
  Geometry g;
  auto it = feature.find("geometry");
  if (it == feature.end() || it->is_null()) return g;
  if (!it->is_object()) {
    e.add("geometry", "geometry must be an object or null");
    return g;
  }
  auto type = it->find("type");
  auto coords = it->find("coordinates");
  if (type == it->end() || !type->is_string() || coords == it->end()) {
    e.add("geometry", "geometry needs a type and coordinates");
    return g;
  }
  if (*type == "Point") {
    g.point = position(*coords);
    if (!g.point) e.add("geometry", "Point coordinates must be [lng, lat] numbers");
  } else if (*type == "Polygon") {
    g.polygon = read_polygon(*coords, e);
  } else {
    e.add("geometry", "geometry type " + type->get<std::string>() +
                          " is not supported (Point, Polygon or null)");
  }
  return g;
}

Given<std::optional<Point>> read_location(const json& props, const Geometry& geo,
                                          FeatureErrors& e) {
  std::size_t errors_before = e.out.size();
  auto lng = number_prop(props, "lng", e);
  auto lat = number_prop(props, "lat", e);
  if (e.out.size() != errors_before) return {};
  if (lng.given != lat.given || lng.value.has_value() != lat.value.has_value()) {
    e.add("lng", "lng and lat are both given or both empty");
    return {};
  }
  std::optional<Point> from_props;
  if (lng.value) from_props = Point{*lng.value, *lat.value};
  if (geo.point) {
    if (from_props && *from_props != *geo.point) {
      e.add("lng", "lng/lat disagree with the Point geometry");
    }
    return given(geo.point);
  }
  if (!lng.given) return {};
  return given(from_props);
}

void read_place(const json& props, const Geometry& geo, FeatureErrors& e, ParsedFile& out) {
  PlaceRow row;
  row.line = e.line;
  std::string kind = required_string(props, "kind", e);
  auto parsed = parse_place_kind(kind);
  if (!parsed && !kind.empty()) e.add("kind", "unknown place kind '" + kind + "'");
  row.code = required_string(props, "code", e);
  row.name = required_string(props, "name", e);
  row.parent_code = string_prop(props, "parent_code", e);
  row.grid_code = string_prop(props, "grid_code", e);
  row.location = read_location(props, geo, e);
  row.outline = given(geo.polygon);
  if (e.any) return;
  row.kind = *parsed;
  out.places.push_back(std::move(row));
}

void read_grid(const json& props, const Geometry& geo, FeatureErrors& e, ParsedFile& out) {
  GridRow row;
  row.line = e.line;
  std::string kind = required_string(props, "kind", e);
  auto parsed = parse_grid_kind(kind);
  if (!parsed && !kind.empty()) e.add("kind", "unknown grid kind '" + kind + "'");
  row.code = required_string(props, "code", e);
  row.name = required_string(props, "name", e);
  row.parent_code = string_prop(props, "parent_code", e);
  row.community_code = string_prop(props, "community_code", e);
  if (geo.point) e.add("geometry", "a grid's geometry is a Polygon (its boundary) or null");
  row.boundary = given(geo.polygon);
  if (e.any) return;
  row.kind = *parsed;
  out.grids.push_back(std::move(row));
}

void read_feature(const json& f, Dataset dataset, FeatureErrors& e, ParsedFile& out) {
  if (!f.is_object() || f.value("type", json()) != "Feature") {
    e.add("type", "not a GeoJSON Feature");
    return;
  }
  auto props = f.find("properties");
  if (props == f.end() || !props->is_object()) {
    e.add("properties", "a Feature needs a properties object");
    return;
  }
  json entity = props->value("entity", json());
  bool place = entity == "place";
  bool grid = entity == "grid";
  if (!place && !grid) {
    e.add("entity", "entity must be \"place\" or \"grid\"");
    return;
  }
  if ((place && dataset == Dataset::kGrids) || (grid && dataset == Dataset::kPlaces)) {
    e.add("entity", "a " + entity.get<std::string>() + " in a " + std::string(to_string(dataset)) +
                        " import");
    return;
  }
  Geometry geo = read_geometry(f, e);
  if (place) {
    read_place(*props, geo, e, out);
  } else {
    read_grid(*props, geo, e, out);
  }
}

}  // namespace

ParsedFile read_geojson(std::string_view text, Dataset dataset) {
  ParsedFile out;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    out.errors.push_back({0, "", "not valid JSON (at byte " + std::to_string(e.byte) + ")"});
    return out;
  } catch (const json::exception& e) {  // e.g. a number too large for a double
    out.errors.push_back({0, "", std::string("not valid JSON: ") + e.what()});
    return out;
  }
  if (!doc.is_object() || doc.value("type", json()) != "FeatureCollection") {
    out.errors.push_back({0, "type", "not a GeoJSON FeatureCollection"});
    return out;
  }
  auto features = doc.find("features");
  if (features == doc.end() || !features->is_array()) {
    out.errors.push_back({0, "features", "a FeatureCollection needs a features array"});
    return out;
  }
  out.records = features->size();
  for (std::size_t i = 0; i < features->size(); ++i) {
    FeatureErrors e{i + 1, out.errors};
    read_feature((*features)[i], dataset, e, out);
  }
  return out;
}

}  // namespace weige::io::detail
