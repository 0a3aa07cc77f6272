#include "domain/routing.h"

#include <algorithm>

namespace weige {
namespace {

bool contains(const std::vector<Id>& v, Id id) { return std::find(v.begin(), v.end(), id) != v.end(); }

bool hour_matches(const RoutingRule& r, int hour) {
  if (!r.hour_from && !r.hour_to) return true;
  int from = r.hour_from.value_or(0);
  int to = r.hour_to.value_or(24);
  if (from <= to) return hour >= from && hour < to;
  return hour >= from || hour < to;  // e.g. 18 -> 8, overnight
}

std::string describe(const RoutingRule& r, const RoutingFacts& f) {
  std::string s = std::string(to_string(r.handler)) + ": ";
  std::vector<std::string> why;
  if (r.category_id) why.push_back("category=" + f.category_code);
  if (r.level) why.push_back("level=" + std::string(to_string(*r.level)));
  if (r.community_id) why.push_back("community " + std::to_string(*r.community_id));
  if (r.grid_id) why.push_back("grid " + std::to_string(*r.grid_id));
  if (r.weekday_mask || r.hour_from || r.hour_to) why.push_back("time window");
  if (r.requires_property_contract) {
    why.push_back("compound has a property contract" +
                  (f.property_company_name.empty() ? "" : " (" + f.property_company_name + ")"));
  }
  for (std::size_t i = 0; i < why.size(); ++i) s += (i ? ", " : "") + why[i];
  s += " (rule " + std::to_string(r.id) + (r.note.empty() ? "" : ": " + r.note) + ")";
  return s;
}

}  // namespace

bool matches(const RoutingRule& r, const RoutingFacts& f) {
  if (!r.enabled) return false;
  if (r.category_id && !contains(f.category_path, *r.category_id)) return false;
  if (r.level && *r.level != f.level) return false;
  if (r.community_id && f.community_id != r.community_id) return false;
  if (r.grid_id && !contains(f.grid_path, *r.grid_id)) return false;
  if (r.weekday_mask && !(r.weekday_mask & (1 << f.local_weekday))) return false;
  if (!hour_matches(r, f.local_hour)) return false;
  if (r.requires_property_contract && !f.property_company_id) return false;
  return true;
}

RoutingDecision route(const std::vector<RoutingRule>& rules, const RoutingFacts& f) {
  std::vector<const RoutingRule*> sorted;
  for (const auto& r : rules) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [](const RoutingRule* a, const RoutingRule* b) {
    return a->priority != b->priority ? a->priority > b->priority : a->id < b->id;
  });
  RoutingDecision d;
  const RoutingRule* hit = nullptr;
  for (const RoutingRule* r : sorted) {
    if (matches(*r, f)) {
      hit = r;
      break;
    }
  }
  if (hit) {
    d.handler = hit->handler;
    d.organisation_id = hit->organisation_id;
    d.rule_id = hit->id;
    d.explanation = describe(*hit, f);
  } else {
    d.handler = f.category_default;
    d.explanation = std::string(to_string(d.handler)) + ": default path of category " +
                    f.category_code + " (level " + std::string(to_string(f.level)) + ")";
  }
  if (d.handler == HandlerKind::kPropertyCompany) {
    if (!f.property_company_id) {
      d.handler = HandlerKind::kCommunity;
      d.explanation = "community: " + f.category_code +
                      " would go to the property company, but the place has no property contract";
    } else if (!d.organisation_id) {
      d.organisation_id = f.property_company_id;
    }
  }
  d.joint_with_community = d.handler == HandlerKind::kPropertyCompany;
  if (d.joint_with_community) d.explanation += "; the community sees it at the same moment (joint handling)";
  return d;
}

}  // namespace weige
