// CSV records -> import rows: header checks, then one row per record.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "io/rows.h"

namespace weige::io::detail {
namespace {

struct Columns {
  std::vector<std::string_view> known;
  std::vector<std::string_view> required;
};

Columns columns_of(Dataset dataset) {
  switch (dataset) {
    case Dataset::kPlaces:
      return {kPlaceColumns, {"kind", "code", "name"}};
    case Dataset::kGrids:
      return {kGridColumns, {"kind", "code", "name"}};
    default:
      return {kAssignmentColumns, {"phone", "grid_code", "role"}};
  }
}

// The header: column name -> field index. Problems become RowErrors on its line.
class Header {
 public:
  Header(const CsvRecord& record, Dataset dataset, std::vector<RowError>& errors) {
    Columns cols = columns_of(dataset);
    width_ = record.fields.size();
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const std::string& name = record.fields[i];
      if (std::find(cols.known.begin(), cols.known.end(), name) == cols.known.end()) {
        errors.push_back({record.line, name, "unknown column '" + name + "'"});
      } else if (!index_.emplace(name, i).second) {
        errors.push_back({record.line, name, "column '" + name + "' appears twice"});
        usable_ = false;
      }
    }
    for (std::string_view name : cols.required) {
      if (!has(name)) {
        errors.push_back({record.line, std::string(name),
                          "missing required column '" + std::string(name) + "'"});
        usable_ = false;
      }
    }
    if (has("lng") != has("lat")) {
      std::string missing = has("lng") ? "lat" : "lng";
      errors.push_back({record.line, missing, "columns lng and lat come together"});
      usable_ = false;
    }
  }

  // False when records cannot be read at all (a required column is missing).
  bool usable() const { return usable_; }
  std::size_t width() const { return width_; }
  bool has(std::string_view name) const { return index_.count(std::string(name)) > 0; }
  // The field of `name`, "" when the column is absent.
  const std::string& get(const CsvRecord& r, std::string_view name) const {
    static const std::string kEmpty;
    auto it = index_.find(std::string(name));
    return it == index_.end() ? kEmpty : r.fields[it->second];
  }
  Given<std::string> optional(const CsvRecord& r, std::string_view name) const {
    if (!has(name)) return {};
    return given(get(r, name));
  }

 private:
  std::map<std::string, std::size_t> index_;
  std::size_t width_ = 0;
  bool usable_ = true;
};

// Collects the errors of one record.
struct RecordErrors {
  std::size_t line;
  std::vector<RowError>& out;
  bool any = false;
  void add(std::string field, std::string message) {
    out.push_back({line, std::move(field), std::move(message)});
    any = true;
  }
};

void require(RecordErrors& e, const std::string& value, std::string_view field) {
  if (value.empty()) e.add(std::string(field), std::string(field) + " is required");
}

Given<std::optional<Point>> read_location(const Header& h, const CsvRecord& r, RecordErrors& e) {
  if (!h.has("lng")) return {};
  const std::string& lng = h.get(r, "lng");
  const std::string& lat = h.get(r, "lat");
  if (lng.empty() && lat.empty()) return given(std::optional<Point>());
  auto x = parse_number(lng);
  auto y = parse_number(lat);
  if (lng.empty() || lat.empty()) {
    e.add(lng.empty() ? "lng" : "lat", "lng and lat are both given or both empty");
  } else if (!x) {
    e.add("lng", "lng '" + lng + "' is not a number");
  } else if (!y) {
    e.add("lat", "lat '" + lat + "' is not a number");
  }
  if (!x || !y) return {};
  return given(std::optional<Point>(Point{*x, *y}));
}

void read_place(const Header& h, const CsvRecord& r, RecordErrors& e, ParsedFile& out) {
  PlaceRow row;
  row.line = r.line;
  const std::string& kind = h.get(r, "kind");
  auto parsed = parse_place_kind(kind);
  if (!parsed) e.add("kind", "unknown place kind '" + kind + "'");
  row.code = h.get(r, "code");
  row.name = h.get(r, "name");
  require(e, row.code, "code");
  require(e, row.name, "name");
  row.parent_code = h.optional(r, "parent_code");
  row.grid_code = h.optional(r, "grid_code");
  row.location = read_location(h, r, e);
  if (e.any) return;
  row.kind = *parsed;
  out.places.push_back(std::move(row));
}

void read_grid(const Header& h, const CsvRecord& r, RecordErrors& e, ParsedFile& out) {
  GridRow row;
  row.line = r.line;
  const std::string& kind = h.get(r, "kind");
  auto parsed = parse_grid_kind(kind);
  if (!parsed) e.add("kind", "unknown grid kind '" + kind + "'");
  row.code = h.get(r, "code");
  row.name = h.get(r, "name");
  require(e, row.code, "code");
  require(e, row.name, "name");
  row.parent_code = h.optional(r, "parent_code");
  row.community_code = h.optional(r, "community_code");
  if (h.has("boundary")) {
    const std::string& text = h.get(r, "boundary");
    if (text.empty()) {
      row.boundary = given(std::optional<Polygon>());
    } else if (auto ring = parse_ring_json(text)) {
      row.boundary = given(std::optional<Polygon>(std::move(*ring)));
    } else {
      e.add("boundary", "boundary is not a JSON ring [[lng,lat],...] of at least 3 points");
    }
  }
  if (e.any) return;
  row.kind = *parsed;
  out.grids.push_back(std::move(row));
}

void read_assignment(const Header& h, const CsvRecord& r, RecordErrors& e, ParsedFile& out) {
  AssignmentRow row;
  row.line = r.line;
  row.phone = h.get(r, "phone");
  row.grid_code = h.get(r, "grid_code");
  require(e, row.phone, "phone");
  require(e, row.grid_code, "grid_code");
  const std::string& role = h.get(r, "role");
  auto parsed = parse_grid_role(role);
  if (!parsed) e.add("role", "unknown role '" + role + "'");
  row.organisation = h.get(r, "organisation");
  if (e.any) return;
  row.role = *parsed;
  out.assignments.push_back(std::move(row));
}

}  // namespace

ParsedFile read_csv(std::string_view text, Dataset dataset) {
  ParsedFile out;
  CsvParse csv = parse_csv(text);
  for (const CsvProblem& p : csv.problems) out.errors.push_back({p.line, "", p.message});
  out.records = csv.records.empty() ? 0 : csv.records.size() - 1;
  out.records += csv.problems.size();
  if (csv.records.empty()) {
    if (csv.problems.empty())
      out.errors.push_back({1, "", "the file is empty; a header is expected"});
    return out;
  }
  if (!csv.problems.empty() && csv.problems.front().line < csv.records.front().line) {
    return out;  // the header itself is malformed; its problem is already reported
  }
  Header header(csv.records.front(), dataset, out.errors);
  if (!header.usable()) return out;
  for (std::size_t i = 1; i < csv.records.size(); ++i) {
    const CsvRecord& r = csv.records[i];
    RecordErrors e{r.line, out.errors};
    if (r.fields.size() != header.width()) {
      e.add("", "expected " + std::to_string(header.width()) + " fields, found " +
                    std::to_string(r.fields.size()));
      continue;
    }
    switch (dataset) {
      case Dataset::kPlaces:
        read_place(header, r, e, out);
        break;
      case Dataset::kGrids:
        read_grid(header, r, e, out);
        break;
      default:
        read_assignment(header, r, e, out);
        break;
    }
  }
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  return out;
}

int depth(PlaceKind kind) {
  int d = 0;
  for (auto k = required_parent_kind(kind); k; k = required_parent_kind(*k)) ++d;
  return d;
}

int depth(GridKind kind) {
  switch (kind) {
    case GridKind::kGeneralGrid:
      return 0;
    case GridKind::kGrid:
    case GridKind::kExclusiveGrid:
      return 1;
    case GridKind::kMicroGrid:
      return 2;
  }
  return 0;
}

std::string format_number(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [end, ec] = std::from_chars(first, last, v);
  if (text.empty() || ec != std::errc() || end != last || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<Polygon> parse_ring_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return std::nullopt;
  Polygon p;
  for (const auto& pt : j) {
    if (!pt.is_array() || pt.size() < 2 || !pt[0].is_number() || !pt[1].is_number()) {
      return std::nullopt;
    }
    p.ring.push_back({pt[0].get<double>(), pt[1].get<double>()});
  }
  if (p.ring.size() > 1 && p.ring.front() == p.ring.back()) p.ring.pop_back();
  if (p.ring.size() < 3) return std::nullopt;
  return p;
}

}  // namespace weige::io::detail
