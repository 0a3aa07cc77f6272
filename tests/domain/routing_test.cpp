#include "domain/routing.h"

#include <gtest/gtest.h>

namespace weige {
namespace {

RoutingFacts lift_case() {
  RoutingFacts f;
  f.category_path = {12, 10};  // property.lift under property
  f.category_code = "property.lift";
  f.level = CaseLevel::kSmall;
  f.category_default = HandlerKind::kPropertyCompany;
  f.community_id = 2;
  f.grid_path = {111, 110, 100};
  f.property_company_id = 50;
  f.property_company_name = "华润物业";
  f.local_weekday = 0;
  f.local_hour = 10;
  return f;
}

TEST(RoutingTest, DefaultPathWhenNoRuleMatchesAndJointHandlingForProperty) {
  auto d = route({}, lift_case());
  EXPECT_EQ(d.handler, HandlerKind::kPropertyCompany);
  EXPECT_EQ(d.organisation_id, 50);
  EXPECT_TRUE(d.joint_with_community);
  EXPECT_NE(d.explanation.find("default path"), std::string::npos);
  EXPECT_NE(d.explanation.find("joint"), std::string::npos);
}

TEST(RoutingTest, PropertyPathWithoutContractFallsBackToCommunity) {
  RoutingFacts f = lift_case();
  f.property_company_id.reset();
  auto d = route({}, f);
  EXPECT_EQ(d.handler, HandlerKind::kCommunity);
  EXPECT_FALSE(d.joint_with_community);
  EXPECT_NE(d.explanation.find("no property contract"), std::string::npos);
}

TEST(RoutingTest, RulesMatchByCategoryParentPlaceAndTime) {
  RoutingRule by_parent;
  by_parent.id = 1;
  by_parent.priority = 10;
  by_parent.category_id = 10;  // the parent category
  by_parent.requires_property_contract = true;
  by_parent.handler = HandlerKind::kPropertyCompany;
  RoutingRule night;
  night.id = 2;
  night.priority = 20;
  night.category_id = 12;
  night.hour_from = 18;
  night.hour_to = 8;
  night.handler = HandlerKind::kCommunity;
  night.note = "night duty";
  RoutingRule other_grid;
  other_grid.id = 3;
  other_grid.priority = 30;
  other_grid.grid_id = 999;
  other_grid.handler = HandlerKind::kSubdistrict;

  RoutingFacts f = lift_case();
  auto d = route({by_parent, night, other_grid}, f);
  EXPECT_EQ(d.rule_id, 1);
  EXPECT_EQ(d.explanation,
            "property_company: category=property.lift, compound has a property contract (华润物业) "
            "(rule 1); the community sees it at the same moment (joint handling)");
  f.local_hour = 22;
  d = route({by_parent, night, other_grid}, f);
  EXPECT_EQ(d.rule_id, 2);
  EXPECT_EQ(d.handler, HandlerKind::kCommunity);
  f.local_hour = 3;
  EXPECT_EQ(route({by_parent, night, other_grid}, f).rule_id, 2);
  f.grid_path = {999};
  EXPECT_EQ(route({by_parent, night, other_grid}, f).handler, HandlerKind::kSubdistrict);
  other_grid.enabled = false;
  EXPECT_EQ(route({by_parent, night, other_grid}, f).rule_id, 2);
}

TEST(RoutingTest, WeekdayMask) {
  RoutingRule weekend;
  weekend.id = 4;
  weekend.weekday_mask = (1 << 5) | (1 << 6);
  weekend.handler = HandlerKind::kPolice;
  RoutingFacts f = lift_case();
  EXPECT_FALSE(matches(weekend, f));
  f.local_weekday = 6;
  EXPECT_TRUE(matches(weekend, f));
}

}  // namespace
}  // namespace weige
