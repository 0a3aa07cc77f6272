#include "io/map_export.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "io/rows.h"
#include "service/people_service.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::io {
namespace {

using nlohmann::json;

constexpr int kPageSize = 5000;

std::vector<std::string> header(const std::vector<std::string_view>& columns) {
  return {columns.begin(), columns.end()};
}

// A closed GeoJSON ring (RFC 7946: the first position repeated last).
json polygon_geometry(const Polygon& p) {
  json ring = json::array();
  for (const Point& pt : p.ring) ring.push_back({pt.lng, pt.lat});
  if (!p.ring.empty()) ring.push_back({p.ring.front().lng, p.ring.front().lat});
  return {{"type", "Polygon"}, {"coordinates", json::array({ring})}};
}

json feature(json properties, json geometry) {
  return {{"type", "Feature"}, {"properties", std::move(properties)}, {"geometry", geometry}};
}

// Writes a FeatureCollection one feature per line.
class FeatureWriter {
 public:
  explicit FeatureWriter(std::ostream& out) : out_(out) {
    out_ << "{\"type\":\"FeatureCollection\",\"features\":[";
  }
  void add(const json& f) {
    out_ << (first_ ? "\n" : ",\n") << f.dump();
    first_ = false;
  }
  void finish() { out_ << "\n]}\n"; }

 private:
  std::ostream& out_;
  bool first_ = true;
};

class Exporter {
 public:
  Exporter(store::Db& db, const crypto::Vault& vault, std::ostream& out,
           std::optional<Id> community_id)
      : db_(db), people_(db, vault), out_(out), community_id_(community_id) {}

  Status run(Format format, Dataset dataset) {
    if (community_id_) WEIGE_TRY(check_community());
    if (dataset == Dataset::kAssignments) return write_assignments_csv();
    if (dataset != Dataset::kPlaces) WEIGE_TRY(load_grids());
    if (dataset != Dataset::kGrids) WEIGE_TRY(load_places());
    if (format == Format::kCsv) {
      return dataset == Dataset::kGrids ? write_grids_csv() : write_places_csv();
    }
    FeatureWriter w(out_);
    for (const Grid& g : grids_) {
      WEIGE_ASSIGN(json f, grid_feature(g));
      w.add(f);
    }
    for (const Place& p : places_) {
      WEIGE_ASSIGN(json f, place_feature(p));
      w.add(f);
    }
    w.finish();
    return {};
  }

 private:
  Status check_community() {
    WEIGE_ASSIGN(Place c, store::get_place(db_, *community_id_));
    if (c.kind != PlaceKind::kCommunity) {
      return Status::invalid("place " + std::to_string(c.id) + " is not a community");
    }
    return {};
  }

  // Places (of the community and the subdistrict it lies in, or all), parents first.
  Status load_places() {
    store::PlaceFilter f;
    f.community_id = community_id_;
    f.limit = kPageSize;
    for (f.offset = 0;; f.offset += kPageSize) {
      WEIGE_ASSIGN(auto page, store::list_places(db_, f));
      places_.insert(places_.end(), page.items.begin(), page.items.end());
      if (page.items.size() < static_cast<std::size_t>(kPageSize)) break;
    }
    if (community_id_) {
      WEIGE_ASSIGN(Place c, store::get_place(db_, *community_id_));
      if (c.parent_id) {
        WEIGE_ASSIGN(Place s, store::get_place(db_, *c.parent_id));
        places_.push_back(std::move(s));
      }
    }
    std::sort(places_.begin(), places_.end(), [](const Place& a, const Place& b) {
      int da = detail::depth(a.kind), db = detail::depth(b.kind);
      return da != db ? da < db : a.id < b.id;
    });
    for (const Place& p : places_) place_codes_[p.id] = code_of(p);
    return {};
  }

  Status load_grids() {
    WEIGE_ASSIGN(grids_, store::list_grids(db_, community_id_));
    std::stable_sort(grids_.begin(), grids_.end(), [](const Grid& a, const Grid& b) {
      return detail::depth(a.kind) < detail::depth(b.kind);
    });
    for (const Grid& g : grids_) grid_codes_[g.id] = g.code;
    return {};
  }

  static std::string code_of(const Place& p) {
    return p.code.empty() ? "id-" + std::to_string(p.id) : p.code;
  }

  // The code of a place by id, "" for none; loads places outside the export.
  Result<std::string> place_code(std::optional<Id> id) {
    if (!id) return std::string();
    auto it = place_codes_.find(*id);
    if (it != place_codes_.end()) return it->second;
    WEIGE_ASSIGN(Place p, store::get_place(db_, *id));
    return place_codes_[*id] = code_of(p);
  }

  // The code of a grid by id, "" for none; loads grids outside the export.
  Result<std::string> grid_code(std::optional<Id> id) {
    if (!id) return std::string();
    auto it = grid_codes_.find(*id);
    if (it != grid_codes_.end()) return it->second;
    WEIGE_ASSIGN(Grid g, store::get_grid(db_, *id));
    return grid_codes_[*id] = g.code;
  }

  Result<std::string> community_code(const Grid& g) {
    if (g.kind != GridKind::kGeneralGrid) return std::string();
    return place_code(g.community_id);
  }

  Status write_places_csv() {
    out_ << csv_line(header(detail::kPlaceColumns));
    for (const Place& p : places_) {
      WEIGE_ASSIGN(std::string parent, place_code(p.parent_id));
      WEIGE_ASSIGN(std::string grid, grid_code(p.grid_id));
      std::string lng = p.location ? detail::format_number(p.location->lng) : "";
      std::string lat = p.location ? detail::format_number(p.location->lat) : "";
      out_ << csv_line(
          {std::string(to_string(p.kind)), code_of(p), parent, p.name, grid, lng, lat});
    }
    return {};
  }

  Status write_grids_csv() {
    out_ << csv_line(header(detail::kGridColumns));
    for (const Grid& g : grids_) {
      WEIGE_ASSIGN(std::string parent, grid_code(g.parent_id));
      WEIGE_ASSIGN(std::string community, community_code(g));
      std::string boundary = g.boundary ? store::ring_to_json(*g.boundary) : "";
      out_ << csv_line(
          {std::string(to_string(g.kind)), g.code, g.name, parent, community, boundary});
    }
    return {};
  }

  Result<json> place_feature(const Place& p) {
    WEIGE_ASSIGN(std::string parent, place_code(p.parent_id));
    WEIGE_ASSIGN(std::string grid, grid_code(p.grid_id));
    json props{{"entity", "place"},  {"kind", to_string(p.kind)},
               {"code", code_of(p)}, {"parent_code", parent},
               {"name", p.name},     {"grid_code", grid},
               {"lng", nullptr},     {"lat", nullptr}};
    json geometry;
    if (p.location) {
      props["lng"] = p.location->lng;
      props["lat"] = p.location->lat;
      geometry = {{"type", "Point"}, {"coordinates", {p.location->lng, p.location->lat}}};
    }
    if (p.outline) geometry = polygon_geometry(*p.outline);
    return feature(std::move(props), std::move(geometry));
  }

  Result<json> grid_feature(const Grid& g) {
    WEIGE_ASSIGN(std::string parent, grid_code(g.parent_id));
    WEIGE_ASSIGN(std::string community, community_code(g));
    json props{{"entity", "grid"}, {"kind", to_string(g.kind)}, {"code", g.code},
               {"name", g.name},   {"parent_code", parent},     {"community_code", community}};
    return feature(std::move(props), g.boundary ? polygon_geometry(*g.boundary) : json());
  }

  Result<std::string> organisation_name(std::optional<Id> id) {
    if (!id) return std::string();
    auto it = organisation_names_.find(*id);
    if (it != organisation_names_.end()) return it->second;
    WEIGE_ASSIGN(Organisation o, store::get_organisation(db_, *id));
    return organisation_names_[*id] = o.name;
  }

  Status write_assignments_csv() {
    WEIGE_TRY(load_grids());
    out_ << csv_line(header(detail::kAssignmentColumns));
    store::AssignmentFilter f;
    for (const Grid& g : grids_) f.grid_ids.push_back(g.id);
    if (community_id_ && f.grid_ids.empty()) return {};  // no grids: no assignments
    WEIGE_ASSIGN(auto assignments, store::list_assignments(db_, f));
    for (const Assignment& a : assignments) {
      WEIGE_ASSIGN(Person person, people_.get_person(a.person_id));
      WEIGE_ASSIGN(std::string grid, grid_code(a.grid_id));
      WEIGE_ASSIGN(std::string org, organisation_name(a.organisation_id));
      out_ << csv_line({person.phone, grid, std::string(to_string(a.role)), org});
    }
    return {};
  }

  store::Db& db_;
  service::PeopleService people_;
  std::ostream& out_;
  std::optional<Id> community_id_;
  std::vector<Place> places_;
  std::vector<Grid> grids_;
  std::map<Id, std::string> place_codes_, grid_codes_, organisation_names_;
};

}  // namespace

Status export_map(store::Db& db, const crypto::Vault& vault, std::ostream& out, Format format,
                  Dataset dataset, std::optional<Id> community_id) {
  if (format == Format::kCsv && dataset == Dataset::kMap) {
    return Status::invalid("a CSV file holds one dataset: places, grids or assignments");
  }
  if (format == Format::kGeoJson && dataset == Dataset::kAssignments) {
    return Status::invalid("assignments have no geometry; export them as CSV");
  }
  WEIGE_TRY(Exporter(db, vault, out, community_id).run(format, dataset));
  out.flush();
  if (!out) return Status::internal("cannot write the export");
  return {};
}

}  // namespace weige::io
