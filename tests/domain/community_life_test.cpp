// The community-life vocabulary and figures: names both ways, local months
// and quarters, route coverage, care due dates, and three-links coverage
// against hand counts.
#include "domain/community_life.h"

#include <gtest/gtest.h>

#include "domain/work_calendar.h"

namespace weige {
namespace {

// 00:00 in Chengdu (UTC+8) on a date.
Seconds local(const char* day) { return *parse_day(day) * 86400 - 8 * 3600; }

TEST(CommunityLifeTest, NamesRoundTrip) {
  for (auto f : {VisitForm::kDoorToDoor, VisitForm::kCourtyardMeeting, VisitForm::kChatGroup}) {
    EXPECT_EQ(parse_visit_form(to_string(f)), f);
    EXPECT_FALSE(label_zh(f).empty());
  }
  for (auto t : {CareTag::kElderlyAlone, CareTag::kDisabled, CareTag::kLowIncome}) EXPECT_EQ(parse_care_tag(to_string(t)), t);
  for (auto t : {NoticeTarget::kBuilding, NoticeTarget::kMicroGrid, NoticeTarget::kCompound, NoticeTarget::kGrid,
                 NoticeTarget::kCommunity}) {
    EXPECT_EQ(parse_notice_target(to_string(t)), t);
    EXPECT_NE(targets_place(t), target_grid_kind(t).has_value());
  }
  EXPECT_EQ(parse_campaign_theme("civilised_dog_keeping"), CampaignTheme::kCivilisedDogKeeping);
  EXPECT_EQ(parse_participant_kind("property_staff"), ParticipantKind::kPropertyStaff);
  EXPECT_EQ(parse_observation_outcome("suggestion"), ObservationOutcome::kSuggestion);
  EXPECT_EQ(parse_author_kind("tenant"), AuthorKind::kTenant);
  EXPECT_EQ(parse_patrol_frequency("monthly"), PatrolFrequency::kMonthly);
  EXPECT_FALSE(parse_visit_form("phone_call"));
  EXPECT_FALSE(parse_notice_target(""));
  EXPECT_EQ(to_string(static_cast<CareTag>(99)), "unknown");
}

TEST(CommunityLifeTest, MonthsAndQuartersAreLocal) {
  // 2026-11-30 23:30 local is 15:30 UTC: still November in Chengdu.
  Seconds late = local("2026-11-30") + 23 * 3600 + 30 * 60;
  Window m = month_of(late);
  EXPECT_EQ(m.label, "2026-11");
  EXPECT_EQ(m.from, local("2026-11-01"));
  EXPECT_EQ(m.to, local("2026-12-01"));
  EXPECT_TRUE(m.contains(late));
  EXPECT_FALSE(m.contains(m.to));
  EXPECT_EQ(month_of(local("2026-12-01")).label, "2026-12");
  EXPECT_EQ(month_of(local("2026-12-31")).to, local("2027-01-01"));
  Window q = quarter_of(late);
  EXPECT_EQ(q.label, "2026Q4");
  EXPECT_EQ(q.from, local("2026-10-01"));
  EXPECT_EQ(q.to, local("2027-01-01"));
  EXPECT_EQ(quarter_of(local("2026-03-31")).label, "2026Q1");
  EXPECT_EQ(parse_month("2026-02")->to, local("2026-03-01"));
  EXPECT_EQ(parse_quarter("2026-Q2")->from, local("2026-04-01"));
  EXPECT_EQ(parse_quarter("2026q3")->label, "2026Q3");
  for (const char* bad : {"2026-13", "2026-1", "26-11", "2026/11", "", "2026-00"}) EXPECT_FALSE(parse_month(bad)) << bad;
  for (const char* bad : {"2026Q5", "2026Q0", "Q4", "20-26Q4", "2026-4"}) EXPECT_FALSE(parse_quarter(bad)) << bad;
  EXPECT_EQ(parse_local_date("2026-11-02"), local("2026-11-02"));
  EXPECT_FALSE(parse_local_date("2026-02-30"));
}

TEST(CommunityLifeTest, RouteCoverageKeepsRouteOrderAndCountsAPlaceOnce) {
  RouteCoverage c = route_coverage({5, 3, 9, 3, 7}, {3, 7, 42});
  EXPECT_EQ(c.patrolled, (std::vector<Id>{3, 7}));
  EXPECT_EQ(c.not_patrolled, (std::vector<Id>{5, 9}));
  EXPECT_TRUE(route_coverage({}, {1}).patrolled.empty());
}

TEST(CommunityLifeTest, CareDueDates) {
  Seconds tagged = local("2026-10-01");
  Seconds now = local("2026-11-20");
  struct Case {
    const char* name;
    std::optional<Seconds> last;
    int interval;
    bool overdue;
    int days;
  };
  const Case cases[] = {
      {"never visited, tagged 50 days ago, weekly", std::nullopt, 7, true, 43},
      {"visited 7 days ago exactly, weekly", local("2026-11-13"), 7, false, 0},
      {"visited 8 days ago, weekly", local("2026-11-12"), 7, true, 1},
      {"visited 20 days ago, monthly", local("2026-10-31"), 30, false, 0},
  };
  for (const Case& c : cases) {
    CareDue d = care_due(c.last, tagged, c.interval, now);
    EXPECT_EQ(d.overdue, c.overdue) << c.name;
    EXPECT_EQ(d.days_overdue, c.days) << c.name;
  }
  EXPECT_EQ(default_visit_interval_days(CareTag::kElderlyAlone), 7);
  EXPECT_EQ(default_visit_interval_days(CareTag::kLowIncome), 30);
}

// Organisation 1 links backbones 10 and 11; backbone 10 links party members
// 20 and 21, backbone 11 links 22; they link households 100-105. Hand count:
// visited 100, 101, 104 (and 999, not linked).
TEST(CommunityLifeTest, LinkCoverageAgainstAHandCount) {
  std::vector<LinkEdge> edges{
      {1, 1, std::nullopt, 10, std::nullopt}, {1, 1, std::nullopt, 11, std::nullopt},
      {2, std::nullopt, 10, 20, std::nullopt}, {2, std::nullopt, 10, 21, std::nullopt},
      {2, std::nullopt, 11, 22, std::nullopt}, {3, std::nullopt, 20, std::nullopt, 100},
      {3, std::nullopt, 20, std::nullopt, 101}, {3, std::nullopt, 21, std::nullopt, 102},
      {3, std::nullopt, 22, std::nullopt, 103}, {3, std::nullopt, 22, std::nullopt, 104},
      {3, std::nullopt, 22, std::nullopt, 105},
  };
  auto rows = link_coverage(edges, {100, 101, 104, 999});
  struct Want {
    int tier;
    Id who;
    int households, visited;
  };
  const Want want[] = {{1, 1, 6, 3}, {2, 10, 3, 2}, {2, 11, 3, 1}, {3, 20, 2, 2}, {3, 21, 1, 0}, {3, 22, 3, 1}};
  ASSERT_EQ(rows.size(), std::size(want));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].tier, want[i].tier) << i;
    EXPECT_EQ(rows[i].tier == 1 ? *rows[i].organisation_id : *rows[i].person_id, want[i].who) << i;
    EXPECT_EQ(rows[i].households, want[i].households) << i;
    EXPECT_EQ(rows[i].visited, want[i].visited) << i;
  }
}

}  // namespace
}  // namespace weige
