#pragma once
// Routing: which handler takes a case. Rules (category, level, place, time)
// are tried from the highest priority down; the first that matches decides.
// When none matches, the category's default path decides. The decision is
// explained in words on the case.

#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"

namespace weige {

struct RoutingRule {
  Id id = 0;
  int priority = 0;                     // higher first; ties by id
  std::optional<Id> category_id;        // matches this category and its children
  std::optional<CaseLevel> level;
  std::optional<Id> community_id;
  std::optional<Id> grid_id;            // matches cases in this grid's subtree
  int weekday_mask = 0;                 // bit 0 = Monday ... bit 6 = Sunday; 0 = every day
  std::optional<int> hour_from;         // local hour, inclusive
  std::optional<int> hour_to;           // local hour, exclusive (wraps past midnight)
  bool requires_property_contract = false;  // only when the place has a property company
  HandlerKind handler = HandlerKind::kCommunity;
  std::optional<Id> organisation_id;    // a named handler organisation, if any
  std::string note;                     // why the rule exists, shown in the explanation
  bool enabled = true;
};

struct RoutingFacts {
  std::vector<Id> category_path;  // the category, then its parents
  std::string category_code;
  CaseLevel level = CaseLevel::kMicro;
  HandlerKind category_default = HandlerKind::kMicroGrid;
  std::optional<Id> community_id;
  std::vector<Id> grid_path;  // the case's grid, then its ancestors
  std::optional<Id> property_company_id;  // the compound's property company
  std::string property_company_name;
  int local_weekday = 0;  // 0 = Monday
  int local_hour = 12;
};

struct RoutingDecision {
  HandlerKind handler = HandlerKind::kCommunity;
  std::optional<Id> organisation_id;
  std::optional<Id> rule_id;
  std::string explanation;          // e.g. "property_company: category=property.lift, ..."
  bool joint_with_community = false;  // property cases are seen by the community at once
};

bool matches(const RoutingRule& rule, const RoutingFacts& facts);
RoutingDecision route(const std::vector<RoutingRule>& rules, const RoutingFacts& facts);

}  // namespace weige
