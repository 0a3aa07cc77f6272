#include "domain/map_rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/grid_code.h"

namespace weige {
namespace {

struct Index {
  std::unordered_map<Id, const Place*> places;
  std::unordered_map<Id, const Grid*> grids;

  const Place* place(std::optional<Id> id) const {
    if (!id) return nullptr;
    auto it = places.find(*id);
    return it == places.end() ? nullptr : it->second;
  }
  const Grid* grid(std::optional<Id> id) const {
    if (!id) return nullptr;
    auto it = grids.find(*id);
    return it == grids.end() ? nullptr : it->second;
  }
};

class Checker {
 public:
  explicit Checker(const MapSnapshot& s) : s_(s) {
    for (const Place& p : s.places) idx_.places.emplace(p.id, &p);
    for (const Grid& g : s.grids) idx_.grids.emplace(g.id, &g);
  }

  std::vector<Violation> run() {
    check_grids();
    check_places();
    check_communities_span();
    check_compounds();
    check_units();
    std::sort(out_.begin(), out_.end(), [](const Violation& a, const Violation& b) {
      if (a.rule != b.rule) return a.rule < b.rule;
      if (a.place_id != b.place_id) return a.place_id < b.place_id;
      return a.grid_ids < b.grid_ids;
    });
    return std::move(out_);
  }

 private:
  void add(std::string rule, std::string message, const Place* place,
           std::vector<const Grid*> grids, Severity sev = Severity::kError) {
    Violation v;
    v.rule = std::move(rule);
    v.severity = sev;
    v.message = std::move(message);
    if (place) {
      v.place_id = place->id;
      v.place_name = place->name;
    }
    std::sort(grids.begin(), grids.end(), [](const Grid* a, const Grid* b) { return a->id < b->id; });
    for (const Grid* g : grids) {
      v.grid_ids.push_back(g->id);
      v.grid_codes.push_back(g->code);
    }
    out_.push_back(std::move(v));
  }

  static std::string describe(const Place& p) {
    return std::string(to_string(p.kind)) + " " + std::to_string(p.id) + " '" + p.name + "'";
  }
  static std::string describe(const Grid& g) {
    return std::string(to_string(g.kind)) + " " + g.code + " '" + g.name + "'";
  }
  static std::string describe(const std::vector<const Grid*>& grids) {
    std::string s;
    for (const Grid* g : grids) {
      if (!s.empty()) s += ", ";
      s += describe(*g);
    }
    return s;
  }

  void check_grids() {
    std::map<Id, std::vector<const Grid*>> general_by_community;
    for (const Grid& g : s_.grids) {
      if (g.kind == GridKind::kGeneralGrid) general_by_community[g.community_id].push_back(&g);
      const Grid* parent = idx_.grid(g.parent_id);
      if (g.kind == GridKind::kGeneralGrid && g.parent_id) {
        add("grid_nesting", describe(g) + " is a general grid and has no parent grid", nullptr, {&g});
      } else if (g.kind != GridKind::kGeneralGrid && !g.parent_id) {
        add("grid_nesting", describe(g) + " has no parent grid", nullptr, {&g});
      } else if (parent && !may_nest(g.kind, parent->kind)) {
        add("grid_nesting", describe(g) + " may not nest under " + describe(*parent), nullptr,
            {&g, parent});
      }
      if (parent && parent->community_id != g.community_id) {
        add("general_grid_spans_communities",
            describe(g) + " is in community " + std::to_string(g.community_id) +
                " but its parent " + describe(*parent) + " is in community " +
                std::to_string(parent->community_id),
            nullptr, {&g, parent});
      }
      std::string code_problem =
          check_grid_code(g.code, g.kind, parent ? std::string_view(parent->code) : "");
      if (!code_problem.empty() && (parent || g.kind == GridKind::kGeneralGrid)) {
        add("grid_code", describe(g) + ": " + code_problem, nullptr, {&g});
      }
      if (parent && g.boundary && parent->boundary && !contains(*parent->boundary, *g.boundary)) {
        add("boundary_outside_parent",
            describe(g) + "'s boundary is not inside its parent " + describe(*parent), nullptr,
            {&g, parent}, Severity::kWarning);
      }
    }
    for (const auto& [community, generals] : general_by_community) {
      if (generals.size() > 1) {
        add("one_general_grid_per_community",
            "community " + std::to_string(community) + " has " + std::to_string(generals.size()) +
                " general grids: " + describe(generals),
            idx_.place(community), generals);
      }
    }
  }

  void check_places() {
    for (const Place& p : s_.places) {
      const Place* parent = idx_.place(p.parent_id);
      auto want = required_parent_kind(p.kind);
      if (parent && want && parent->kind != *want) {
        add("place_nesting",
            describe(p) + " may not lie under " + describe(*parent) + " (needs a " +
                std::string(to_string(*want)) + ")",
            &p, {});
      }
      const Grid* g = idx_.grid(p.grid_id);
      if (g && !may_assign(p.kind, g->kind)) {
        add("grid_assignment", describe(p) + " may not be put into " + describe(*g), &p, {g});
      }
      if (g && p.location && g->boundary && !contains(*g->boundary, *p.location)) {
        add("location_outside_grid", describe(p) + " lies outside the boundary of " + describe(*g),
            &p, {g}, Severity::kWarning);
      }
    }
  }

  // 总网格不破社区: every place in a general grid's subtree is in that community.
  void check_communities_span() {
    for (const Place& p : s_.places) {
      const Grid* g = idx_.grid(p.grid_id);
      if (!g || !p.community_id || *p.community_id == g->community_id) continue;
      const Place* community = idx_.place(p.community_id);
      std::string cname = community ? community->name : std::to_string(*p.community_id);
      add("general_grid_spans_communities",
          describe(p) + " lies in community '" + cname + "' but is put into " + describe(*g) +
              " of community " + std::to_string(g->community_id),
          &p, {g});
    }
  }

  // The ordinary grid a grid id belongs to: itself, or the parent of a micro-grid.
  const Grid* ordinary_grid_of(const Grid* g) const {
    if (!g) return nullptr;
    if (g->kind == GridKind::kMicroGrid) return idx_.grid(g->parent_id);
    return g;
  }

  // 一般网格不破小区院落: a compound's own grid and the grids of all its units agree.
  void check_compounds() {
    std::unordered_map<Id, std::set<const Grid*>> grids_of;
    for (const Place& p : s_.places) {
      if (p.kind == PlaceKind::kCompound) {
        if (const Grid* g = ordinary_grid_of(idx_.grid(p.grid_id))) grids_of[p.id].insert(g);
        continue;
      }
      if (p.kind != PlaceKind::kUnit && p.kind != PlaceKind::kHousehold) continue;
      const Grid* g = ordinary_grid_of(idx_.grid(p.grid_id));
      if (!g) continue;
      if (const Place* compound = compound_of(p)) grids_of[compound->id].insert(g);
    }
    for (const auto& [compound_id, set] : grids_of) {
      if (set.size() < 2) continue;
      const Place* compound = idx_.place(compound_id);
      std::vector<const Grid*> grids(set.begin(), set.end());
      std::sort(grids.begin(), grids.end(), [](auto a, auto b) { return a->id < b->id; });
      add("grid_splits_compound",
          describe(*compound) + " is split across " + std::to_string(grids.size()) +
              " grids: " + describe(grids),
          compound, grids);
    }
  }

  const Place* compound_of(const Place& p) const {
    const Place* cur = &p;
    for (int depth = 0; cur && depth < 8; ++depth) {
      if (cur->kind == PlaceKind::kCompound) return cur;
      cur = idx_.place(cur->parent_id);
    }
    return nullptr;
  }

  // 微网格不破楼栋单元: a unit and all its households are in one micro-grid.
  void check_units() {
    std::unordered_map<Id, std::set<const Grid*>> grids_of;
    std::vector<const Place*> units;
    for (const Place& p : s_.places) {
      if (p.kind == PlaceKind::kUnit) {
        units.push_back(&p);
        if (const Grid* g = idx_.grid(p.grid_id)) grids_of[p.id].insert(g);
      } else if (p.kind == PlaceKind::kHousehold && p.parent_id) {
        if (const Grid* g = idx_.grid(p.grid_id)) grids_of[*p.parent_id].insert(g);
      }
    }
    for (const Place* unit : units) {
      auto it = grids_of.find(unit->id);
      if (it == grids_of.end()) {
        add("unit_without_micro_grid", describe(*unit) + " is not in any micro-grid", unit, {},
            Severity::kWarning);
        continue;
      }
      if (it->second.size() < 2) continue;
      std::vector<const Grid*> grids(it->second.begin(), it->second.end());
      std::sort(grids.begin(), grids.end(), [](auto a, auto b) { return a->id < b->id; });
      add("micro_grid_splits_unit",
          describe(*unit) + " is split across " + std::to_string(grids.size()) +
              " micro-grids: " + describe(grids),
          unit, grids);
    }
  }

  const MapSnapshot& s_;
  Index idx_;
  std::vector<Violation> out_;
};

}  // namespace

nlohmann::json Violation::to_json() const {
  nlohmann::json j{{"rule", rule},
                   {"rule_zh", rule_label_zh(rule)},
                   {"severity", severity == Severity::kError ? "error" : "warning"},
                   {"message", message},
                   {"grid_ids", grid_ids},
                   {"grid_codes", grid_codes}};
  if (place_id) {
    j["place_id"] = place_id;
    j["place_name"] = place_name;
  }
  return j;
}

std::string_view rule_label_zh(std::string_view rule) {
  if (rule == "general_grid_spans_communities") return "总网格不破社区";
  if (rule == "grid_splits_compound") return "一般网格不破小区院落";
  if (rule == "micro_grid_splits_unit") return "微网格不破楼栋单元";
  if (rule == "one_general_grid_per_community") return "每个社区一个总网格";
  if (rule == "grid_nesting") return "网格层级";
  if (rule == "place_nesting") return "地点层级";
  if (rule == "grid_assignment") return "地点入格类型";
  if (rule == "grid_code") return "网格编码";
  if (rule == "boundary_outside_parent") return "网格边界超出上级";
  if (rule == "location_outside_grid") return "位置在网格边界外";
  if (rule == "unit_without_micro_grid") return "单元未入微网格";
  return "";
}

std::vector<Violation> check_map(const MapSnapshot& snapshot) { return Checker(snapshot).run(); }

std::size_t count_errors(const std::vector<Violation>& violations) {
  return static_cast<std::size_t>(std::count_if(violations.begin(), violations.end(), [](auto& v) {
    return v.severity == Severity::kError;
  }));
}

}  // namespace weige
