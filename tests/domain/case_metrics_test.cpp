// Every metric against a small fixture computed by hand.
#include "domain/case_metrics.h"
#include "domain/work_calendar.h"

#include <gtest/gtest.h>

namespace weige {
namespace {

constexpr Seconds kH = 3600;

CaseFact fact(Id id, CaseState s, Id category, std::optional<HandlingLevel> settled = std::nullopt) {
  CaseFact f;
  f.id = id;
  f.state = s;
  f.category_id = category;
  f.settled_level = settled;
  f.created_at = 1000 * kH;
  f.accept_due = f.created_at + 2 * kH;
  return f;
}

std::vector<CaseFact> fixture() {
  using S = CaseState;
  using L = HandlingLevel;
  std::vector<CaseFact> v;
  // 1: closed at micro-grid in 10h, responded on time, resolved on time, satisfied.
  auto a = fact(1, S::kRated, 100, L::kMicroGrid);
  a.responded_at = a.created_at + kH;
  a.resolved_at = a.created_at + 8 * kH;
  a.resolve_due = a.created_at + 9 * kH;
  a.closed_at = a.created_at + 10 * kH;
  a.rating = Rating::kSatisfied;
  a.place_id = 7;
  a.handler_person_id = 41;
  v.push_back(a);
  // 2: closed at community in 20h, responded late, resolved late, unsatisfied.
  auto b = fact(2, S::kRated, 100, L::kCommunity);
  b.responded_at = b.created_at + 3 * kH;
  b.resolved_at = b.created_at + 19 * kH;
  b.resolve_due = b.created_at + 10 * kH;
  b.closed_at = b.created_at + 20 * kH;
  b.rating = Rating::kUnsatisfied;
  b.place_id = 7;
  b.handler_person_id = 41;
  v.push_back(b);
  // 3: closed at subdistrict in 40h, basically satisfied.
  auto c = fact(3, S::kRated, 200, L::kSubdistrict);
  c.responded_at = c.created_at;
  c.resolved_at = c.created_at + 30 * kH;
  c.resolve_due = c.created_at + 30 * kH;
  c.closed_at = c.created_at + 40 * kH;
  c.rating = Rating::kBasicallySatisfied;
  c.place_id = 8;
  v.push_back(c);
  // 4: closed beyond the subdistrict in 100h, not rated.
  auto d = fact(4, S::kClosed, 300, L::kBeyond);
  d.responded_at = d.created_at + kH;
  d.closed_at = d.created_at + 100 * kH;
  v.push_back(d);
  // 5: open and overdue; 6: open, not overdue, never responded.
  auto e = fact(5, S::kInProgress, 100);
  e.responded_at = e.created_at + kH;
  e.stage_due = 1005 * kH;
  e.handler_person_id = 42;
  v.push_back(e);
  auto f = fact(6, S::kReported, 200);
  f.stage_due = 2000 * kH;
  v.push_back(f);
  // 7: merged: counts nowhere.
  v.push_back(fact(7, S::kMerged, 100));
  return v;
}

TEST(CaseMetricsTest, HandCountedFixture) {
  Metrics m = compute_metrics(fixture(), 1010 * kH);
  EXPECT_EQ(m.total, 6);
  EXPECT_EQ(m.open, 2);
  EXPECT_EQ(m.overdue, 1);
  EXPECT_EQ(m.finished, 4);
  EXPECT_EQ(m.never_leave_micro_grid.numerator, 1);
  EXPECT_EQ(m.never_leave_community.numerator, 2);
  EXPECT_EQ(m.never_leave_subdistrict.numerator, 3);
  EXPECT_EQ(m.never_leave_subdistrict.denominator, 4);
  EXPECT_DOUBLE_EQ(*m.never_leave_community.value(), 0.5);
  EXPECT_EQ(m.response_rate.numerator, 4);  // 1, 3, 4, 5 on time; 2 late; 6 never
  EXPECT_EQ(m.response_rate.denominator, 6);
  EXPECT_EQ(m.on_time_resolution_rate.numerator, 2);  // 1 and 3 (on the deadline counts)
  EXPECT_EQ(m.on_time_resolution_rate.denominator, 3);
  EXPECT_EQ(m.satisfaction_rate.numerator, 2);
  EXPECT_EQ(m.satisfaction_rate.denominator, 3);
  // Hours to close: 10, 20, 40, 100 -> median (nearest rank) 20, p90 100.
  EXPECT_DOUBLE_EQ(*m.median_hours_to_close, 20);
  EXPECT_DOUBLE_EQ(*m.p90_hours_to_close, 100);
  ASSERT_EQ(m.hot_categories.size(), 3u);
  EXPECT_EQ(m.hot_categories[0].id, 100);
  EXPECT_EQ(m.hot_categories[0].count, 3);
  EXPECT_EQ(m.hot_categories[1].id, 200);
  ASSERT_EQ(m.hot_places.size(), 2u);
  EXPECT_EQ(m.hot_places[0].id, 7);
  EXPECT_EQ(m.hot_places[0].count, 2);
  ASSERT_EQ(m.workload.size(), 2u);
  EXPECT_EQ(m.workload[0].person_id, 41);
  EXPECT_EQ(m.workload[0].resolved, 2);
  EXPECT_EQ(m.workload[1].open, 1);
}

TEST(CaseMetricsTest, EmptyHasNoRates) {
  Metrics m = compute_metrics({}, 0);
  EXPECT_FALSE(m.never_leave_micro_grid.value());
  EXPECT_FALSE(m.median_hours_to_close);
}

TEST(CaseMetricsTest, TrendBucketsByLocalDayWeekAndMonth) {
  std::vector<CaseFact> v;
  // 2026-11-29 23:30 local (a Sunday) and 2026-11-30 00:30 local (Monday).
  Seconds sunday = (*parse_day("2026-11-29")) * 86400 + 23 * kH + 1800 - 8 * kH;
  auto a = fact(1, CaseState::kReported, 1);
  a.created_at = sunday;
  auto b = fact(2, CaseState::kReported, 1);
  b.created_at = sunday + kH;
  v = {a, b};
  auto days = trend(v, Bucket::kDay, sunday);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].period, "2026-11-29");
  EXPECT_EQ(days[1].period, "2026-11-30");
  auto weeks = trend(v, Bucket::kWeek, sunday);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].period, "2026-11-23");
  EXPECT_EQ(weeks[1].period, "2026-11-30");
  auto months = trend(v, Bucket::kMonth, sunday);
  ASSERT_EQ(months.size(), 1u);
  EXPECT_EQ(months[0].period, "2026-11");
  EXPECT_EQ(months[0].metrics.total, 2);
}

}  // namespace
}  // namespace weige
