#include "io/map_import.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include "io/rows.h"
#include "service/map_service.h"
#include "service/people_service.h"
#include "store/map_store.h"
#include "store/people_store.h"

namespace weige::io {
namespace {

using detail::AssignmentRow;
using detail::GridRow;
using detail::ParsedFile;
using detail::PlaceRow;

enum class Outcome { kCreated, kUpdated, kUnchanged, kFailed };

// The problems of one row, appended to the report as they are found.
struct RowErrors {
  std::size_t line;
  std::vector<RowError>& out;
  bool any = false;
  void add(std::string field, std::string message) {
    out.push_back({line, std::move(field), std::move(message)});
    any = true;
  }
};

// Whether a failed service call is the row's fault (reported, import goes on)
// rather than the database's (the import stops).
bool is_row_problem(Code code) {
  return code == Code::kInvalid || code == Code::kNotFound || code == Code::kConflict ||
         code == Code::kRuleViolation || code == Code::kForbidden;
}

bool same_ring(const std::optional<Polygon>& a, const std::optional<Polygon>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || a->ring == b->ring;
}

bool same_place(const Place& a, const Place& b) {
  return a.parent_id == b.parent_id && a.grid_id == b.grid_id && a.name == b.name &&
         a.code == b.code && a.location == b.location && same_ring(a.outline, b.outline);
}

bool same_grid(const Grid& a, const Grid& b) {
  return a.kind == b.kind && a.parent_id == b.parent_id && a.community_id == b.community_id &&
         a.code == b.code && a.name == b.name && same_ring(a.boundary, b.boundary);
}

Violation violation_from_json(const nlohmann::json& j, const std::string& fallback_message) {
  Violation v;
  v.rule = j.value("rule", std::string());
  v.severity = j.value("severity", std::string("error")) == "warning" ? Severity::kWarning
                                                                      : Severity::kError;
  v.message = j.value("message", fallback_message);
  v.place_id = j.value("place_id", Id{0});
  v.place_name = j.value("place_name", std::string());
  v.grid_ids = j.value("grid_ids", std::vector<Id>{});
  v.grid_codes = j.value("grid_codes", std::vector<std::string>{});
  return v;
}

// The row that runs first is the one whose parents exist by then: subdistricts
// and communities, then grids top down (a general grid names its community),
// then the remaining places top down (they name their grids).
int stage(const PlaceRow& row) {
  int d = detail::depth(row.kind);
  return d <= 1 ? d : 3 + d;
}
int stage(const GridRow& row) {
  return 2 + detail::depth(row.kind);
}
int stage(const AssignmentRow&) {
  return 0;
}

using Step = std::variant<const PlaceRow*, const GridRow*, const AssignmentRow*>;

std::vector<Step> plan(const ParsedFile& file) {
  std::vector<std::pair<std::pair<int, std::size_t>, Step>> keyed;
  for (const auto& r : file.places) keyed.push_back({{stage(r), r.line}, &r});
  for (const auto& r : file.grids) keyed.push_back({{stage(r), r.line}, &r});
  for (const auto& r : file.assignments) keyed.push_back({{stage(r), r.line}, &r});
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Step> out;
  for (auto& [key, step] : keyed) out.push_back(step);
  return out;
}

// Reports rows that repeat an earlier row's key and drops them from `rows`.
template <typename Row, typename KeyFn>
void drop_duplicates(std::vector<Row>& rows, KeyFn key, std::vector<RowError>& errors) {
  std::map<decltype(key(rows.front())), std::size_t> first_line;
  std::vector<Row> kept;
  for (Row& r : rows) {
    auto [it, fresh] = first_line.emplace(key(r), r.line);
    if (fresh) {
      kept.push_back(std::move(r));
    } else {
      errors.push_back(
          {r.line, "code",
           "code '" + r.code + "' already appears on line " + std::to_string(it->second)});
    }
  }
  rows = std::move(kept);
}

class Importer {
 public:
  Importer(store::Db& db, const crypto::Vault& vault, Format format, const ImportOptions& options,
           ImportReport& report)
      : db_(db),
        map_(db),
        people_(db, vault),
        format_(format),
        options_(options),
        report_(report) {}

  // Applies every row. Row problems go to the report; a non-OK Status means
  // the database failed and the import must stop.
  Status run(ParsedFile& file) {
    report_.rows = file.records;
    report_.errors = std::move(file.errors);
    drop_duplicates(
        file.places, [](const PlaceRow& r) { return std::pair(r.kind, r.code); }, report_.errors);
    drop_duplicates(
        file.grids, [](const GridRow& r) { return r.code; }, report_.errors);
    std::vector<Step> steps = plan(file);
    std::size_t done = file.records - std::min(file.records, steps.size());
    map_.begin_batch();
    for (const Step& step : steps) {
      WEIGE_ASSIGN(Outcome outcome, std::visit([&](auto* row) { return apply(*row); }, step));
      count(outcome);
      if (++done % 1000 == 0 && options_.progress) options_.progress(done, file.records);
    }
    WEIGE_TRY(take_violations(map_.end_batch()));
    if (options_.progress) options_.progress(file.records, file.records);
    std::stable_sort(report_.errors.begin(), report_.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.line < b.line; });
    return {};
  }

 private:
  void count(Outcome outcome) {
    if (outcome == Outcome::kCreated) ++report_.created;
    if (outcome == Outcome::kUpdated) ++report_.updated;
    if (outcome == Outcome::kUnchanged) ++report_.unchanged;
  }

  // Files the violations a kRuleViolation status carries; passes others on.
  Status take_violations(const Status& s) {
    if (s.is_ok()) return {};
    if (s.code() != Code::kRuleViolation) return s;
    nlohmann::json list;
    if (s.details().is_object()) list = s.details().value("violations", nlohmann::json());
    if (!list.is_array() || list.empty()) {
      report_.violations.push_back(violation_from_json(nlohmann::json::object(), s.message()));
    }
    for (const auto& j : list) {
      Violation v = violation_from_json(j, s.message());
      // A place of one community put into another's grid is reported by both
      // communities' checks, worded differently; keep the first.
      bool fresh = reported_.emplace(v.rule, v.place_id, v.grid_ids).second;
      if (fresh) report_.violations.push_back(std::move(v));
    }
    return {};
  }

  // The import's name for a field a service reports by its own name.
  std::string field_name(const Status& s) const {
    std::string f = s.details().is_object() ? s.details().value("field", std::string()) : "";
    if (f == "parent_id") return "parent_code";
    if (f == "grid_id") return "grid_code";
    if (f == "community_id") return "community_code";
    if (f == "person_id") return "phone";
    if (f == "organisation_id") return "organisation";
    if (f == "location") return "lng";
    if (f == "outline" || f == "boundary") return format_ == Format::kGeoJson ? "geometry" : f;
    return f;
  }

  // Turns a service call's Status into the row's outcome.
  Result<Outcome> outcome_of(const Status& s, RowErrors& e, Outcome success) {
    if (s.is_ok()) return success;
    if (!is_row_problem(s.code())) return s;
    if (s.code() == Code::kRuleViolation) {
      WEIGE_TRY(take_violations(s));
    } else {
      e.add(field_name(s), s.message());
    }
    return Outcome::kFailed;
  }

  // The id of the place with this kind and code, if any. Every code is read
  // once, on first use, and the index kept current as rows create places:
  // one lookup per row would scan the places table.
  Result<std::optional<Id>> place_id(PlaceKind kind, const std::string& code) {
    if (!place_ids_) {
      place_ids_.emplace();
      store::PlaceFilter f;
      f.limit = 5000;
      for (f.offset = 0;; f.offset += f.limit) {
        WEIGE_ASSIGN(auto page, store::list_places(db_, f));
        for (const Place& p : page.items) {
          if (!p.code.empty()) (*place_ids_)[{p.kind, p.code}] = p.id;
        }
        if (page.items.size() < static_cast<std::size_t>(f.limit)) break;
      }
    }
    auto it = place_ids_->find({kind, code});
    if (it == place_ids_->end()) return std::optional<Id>();
    return std::optional<Id>(it->second);
  }

  Result<std::optional<Place>> find_place(PlaceKind kind, const std::string& code) {
    WEIGE_ASSIGN(auto id, place_id(kind, code));
    if (!id) return std::optional<Place>();
    WEIGE_ASSIGN(Place p, store::get_place(db_, *id));
    return std::optional<Place>(std::move(p));
  }

  Status resolve_parent(const PlaceRow& row, Place& p, RowErrors& e) {
    p.parent_id.reset();
    if (row.parent_code.value.empty()) return {};
    auto want = required_parent_kind(row.kind);
    if (!want) {
      e.add("parent_code", "a subdistrict has no parent place");
      return {};
    }
    WEIGE_ASSIGN(auto parent, place_id(*want, row.parent_code.value));
    if (!parent) {
      e.add("parent_code",
            "no " + std::string(to_string(*want)) + " has code '" + row.parent_code.value + "'");
      return {};
    }
    p.parent_id = *parent;
    return {};
  }

  Status resolve_grid(const PlaceRow& row, Place& p, RowErrors& e) {
    p.grid_id.reset();
    if (row.grid_code.value.empty()) {
      // A household left without a grid follows its unit.
      if (row.kind != PlaceKind::kHousehold || !p.parent_id) return {};
      WEIGE_ASSIGN(auto unit, store::find_place(db_, *p.parent_id));
      if (unit) p.grid_id = unit->grid_id;
      return {};
    }
    WEIGE_ASSIGN(auto grid, store::find_grid_by_code(db_, row.grid_code.value));
    if (!grid) {
      e.add("grid_code", "no grid has code '" + row.grid_code.value + "'");
      return {};
    }
    p.grid_id = grid->id;
    return {};
  }

  Result<Outcome> apply(const PlaceRow& row) {
    RowErrors e{row.line, report_.errors};
    WEIGE_ASSIGN(auto existing, find_place(row.kind, row.code));
    Place p = existing ? *existing : Place{};
    p.kind = row.kind;
    p.code = row.code;
    p.name = row.name;
    if (row.parent_code.given) WEIGE_TRY(resolve_parent(row, p, e));
    if (row.grid_code.given) WEIGE_TRY(resolve_grid(row, p, e));
    if (row.location.given) p.location = row.location.value;
    if (row.outline.given) p.outline = row.outline.value;
    if (e.any) return Outcome::kFailed;
    if (existing && same_place(*existing, p)) return Outcome::kUnchanged;
    if (existing) return outcome_of(map_.update_place(p).status(), e, Outcome::kUpdated);
    auto created = map_.create_place(p);
    if (created.is_ok() && place_ids_) (*place_ids_)[{row.kind, row.code}] = created->id;
    return outcome_of(created.status(), e, Outcome::kCreated);
  }

  Status resolve_community(const GridRow& row, Grid& g, const std::optional<Grid>& parent,
                           RowErrors& e) {
    const std::string& code = row.community_code.value;
    if (code.empty()) {
      if (row.kind == GridKind::kGeneralGrid) g.community_id = 0;
      return {};
    }
    WEIGE_ASSIGN(auto community, place_id(PlaceKind::kCommunity, code));
    if (!community) {
      e.add("community_code", "no community has code '" + code + "'");
    } else if (row.kind == GridKind::kGeneralGrid) {
      g.community_id = *community;
    } else if (parent && parent->community_id != *community) {
      e.add("community_code", "community '" + code + "' is not the community of parent grid " +
                                  parent->code + " (总网格不破社区)");
    }
    return {};
  }

  Result<Outcome> apply(const GridRow& row) {
    RowErrors e{row.line, report_.errors};
    WEIGE_ASSIGN(auto existing, store::find_grid_by_code(db_, row.code));
    Grid g = existing ? *existing : Grid{};
    g.kind = row.kind;
    g.code = row.code;
    g.name = row.name;
    std::optional<Grid> parent;
    if (row.parent_code.given) {
      g.parent_id.reset();
      if (!row.parent_code.value.empty()) {
        WEIGE_ASSIGN(parent, store::find_grid_by_code(db_, row.parent_code.value));
        if (!parent) e.add("parent_code", "no grid has code '" + row.parent_code.value + "'");
        if (parent) g.parent_id = parent->id;
      }
    }
    if (row.community_code.given) WEIGE_TRY(resolve_community(row, g, parent, e));
    if (row.boundary.given) g.boundary = row.boundary.value;
    if (e.any) return Outcome::kFailed;
    if (existing && same_grid(*existing, g)) return Outcome::kUnchanged;
    if (existing) return outcome_of(map_.update_grid(g).status(), e, Outcome::kUpdated);
    return outcome_of(map_.create_grid(g).status(), e, Outcome::kCreated);
  }

  Result<std::optional<Id>> find_person(const AssignmentRow& row, RowErrors& e) {
    if (crypto::normalise_phone(row.phone).empty()) {
      e.add("phone", "phone '" + row.phone + "' has no digits");
      return std::optional<Id>();
    }
    service::PersonQuery q;
    q.phone = row.phone;
    q.limit = 2;
    WEIGE_ASSIGN(auto found, people_.list_persons(q));
    if (found.total == 1) return std::optional<Id>(found.items.front().id);
    e.add("phone", found.total == 0 ? "no person has phone " + row.phone
                                    : std::to_string(found.total) + " persons share phone " +
                                          row.phone + "; assign them one by one");
    return std::optional<Id>();
  }

  Result<std::optional<Id>> find_organisation(const AssignmentRow& row, const Grid& grid,
                                              RowErrors& e) {
    if (row.organisation.empty()) return std::optional<Id>();
    if (!organisations_) {
      WEIGE_ASSIGN(organisations_, people_.list_organisations(std::nullopt, std::nullopt));
    }
    std::vector<const Organisation*> named, local;
    for (const Organisation& o : *organisations_) {
      if (o.name != row.organisation) continue;
      named.push_back(&o);
      if (o.community_id == grid.community_id) local.push_back(&o);
    }
    if (named.size() == 1) return std::optional<Id>(named.front()->id);
    if (local.size() == 1) return std::optional<Id>(local.front()->id);
    e.add("organisation", named.empty()
                              ? "no organisation is named '" + row.organisation + "'"
                              : "several organisations are named '" + row.organisation + "'");
    return std::optional<Id>();
  }

  Result<Outcome> apply(const AssignmentRow& row) {
    RowErrors e{row.line, report_.errors};
    WEIGE_ASSIGN(auto person, find_person(row, e));
    WEIGE_ASSIGN(auto grid, store::find_grid_by_code(db_, row.grid_code));
    if (!grid) e.add("grid_code", "no grid has code '" + row.grid_code + "'");
    std::optional<Id> org;
    if (grid) {
      WEIGE_ASSIGN(org, find_organisation(row, *grid, e));
    }
    if (e.any) return Outcome::kFailed;
    Assignment a{0, *person, grid->id, row.role, org};
    WEIGE_ASSIGN(auto existing, store::list_assignments(db_, {{grid->id}, *person, row.role}));
    if (!existing.empty() && existing.front().organisation_id == org) return Outcome::kUnchanged;
    if (!existing.empty()) {
      // Only the organisation differs: replace the assignment.
      WEIGE_TRY(people_.delete_assignment(existing.front().id));
      return outcome_of(people_.create_assignment(a).status(), e, Outcome::kUpdated);
    }
    return outcome_of(people_.create_assignment(a).status(), e, Outcome::kCreated);
  }

  store::Db& db_;
  service::MapService map_;
  service::PeopleService people_;
  Format format_;
  const ImportOptions& options_;
  ImportReport& report_;
  std::optional<std::vector<Organisation>> organisations_;
  std::optional<std::map<std::pair<PlaceKind, std::string>, Id>> place_ids_;  // by (kind, code)
  std::set<std::tuple<std::string, Id, std::vector<Id>>> reported_;           // violations so far
};

Result<std::string> read_all(std::istream& in) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return Status::internal("cannot read the import file");
  return text;
}

// Runs the importer inside `db`'s write transaction and ends it: commit when
// the report is clean and this is not a dry run, roll back otherwise.
Status run_in_transaction(store::Db& db, Importer& importer, ParsedFile& file, bool dry_run,
                          ImportReport& report) {
  WEIGE_TRY(db.begin_write());
  Status s;
  try {
    s = importer.run(file);
  } catch (...) {
    (void)db.rollback();
    throw;
  }
  if (!s) {
    (void)db.rollback();
    return s;
  }
  if (!report.errors.empty() || !report.violations.empty() || dry_run) return db.rollback();
  if (Status c = db.commit(); !c) {
    (void)db.rollback();
    return c;
  }
  report.written = true;
  return {};
}

}  // namespace

nlohmann::json ImportReport::to_json() const {
  nlohmann::json errs = nlohmann::json::array();
  for (const RowError& e : errors) {
    errs.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
  }
  nlohmann::json viols = nlohmann::json::array();
  for (const Violation& v : violations) viols.push_back(v.to_json());
  return {{"rows", rows},           {"created", created}, {"updated", updated},
          {"unchanged", unchanged}, {"written", written}, {"errors", errs},
          {"violations", viols}};
}

Result<ImportReport> import_map(store::Db& db, const crypto::Vault& vault, std::istream& in,
                                Format format, Dataset dataset, const ImportOptions& options) {
  if (format == Format::kCsv && dataset == Dataset::kMap) {
    return Status::invalid("a CSV file holds one dataset: places, grids or assignments");
  }
  if (format == Format::kGeoJson && dataset == Dataset::kAssignments) {
    return Status::invalid("assignments have no geometry; import them as CSV");
  }
  if (db.in_transaction()) {
    return Status::invalid("import_map runs its own transaction and cannot join another");
  }
  WEIGE_ASSIGN(std::string text, read_all(in));
  ParsedFile file = format == Format::kCsv ? detail::read_csv(text, dataset)
                                           : detail::read_geojson(text, dataset);
  ImportReport report;
  Importer importer(db, vault, format, options, report);
  WEIGE_TRY(run_in_transaction(db, importer, file, options.dry_run, report));
  return report;
}

}  // namespace weige::io
