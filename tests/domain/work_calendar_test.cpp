#include "domain/work_calendar.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace weige {
namespace {

// Local (UTC+8) date and time -> instant.
Seconds at(const char* day, int hour, int minute = 0) {
  return *parse_day(day) * 86400 + hour * 3600 + minute * 60 - 8 * 3600;
}

TEST(WorkCalendarTest, CivilDates) {
  EXPECT_EQ(format_day(0), "1970-01-01");
  EXPECT_EQ(weekday(*parse_day("2026-11-30")), 0);  // a Monday
  EXPECT_EQ(weekday(*parse_day("2026-11-29")), 6);  // a Sunday
  EXPECT_FALSE(parse_day("2026-02-30"));
  EXPECT_FALSE(parse_day("2026-13-01"));
  EXPECT_FALSE(parse_day("26-1-1"));
  EXPECT_FALSE(parse_day("2025-02-29"));  // not a leap year
  EXPECT_FALSE(parse_day("2026/11/30"));
  EXPECT_FALSE(parse_day("+026-11-30"));
  EXPECT_FALSE(parse_day("2026-1a-30"));
  EXPECT_FALSE(parse_day("2026-11-3 "));
  EXPECT_FALSE(parse_day("2026-04-31"));
  EXPECT_EQ(*parse_day("1970-01-01"), 0);
  EXPECT_EQ(*parse_day("2026-11-30") - *parse_day("2025-11-30"), 365);
  EXPECT_EQ(format_day(*parse_day("2024-02-29")), "2024-02-29");
}

TEST(WorkCalendarTest, AddsWorkingHoursAcrossLunchNightsAndWeekends) {
  WorkCalendar cal;  // 09:00-12:00, 13:30-17:30
  struct Case {
    Seconds from;
    double hours;
    Seconds want;
    const char* what;
  };
  const Case cases[] = {
      {at("2026-11-30", 9), 2, at("2026-11-30", 11), "inside the morning"},
      {at("2026-11-30", 11), 2, at("2026-11-30", 14, 30), "across lunch"},
      {at("2026-11-30", 16), 3, at("2026-12-01", 10, 30), "across the night"},
      {at("2026-12-04", 16), 3, at("2026-12-07", 10, 30), "Friday to Monday"},
      {at("2026-11-29", 10), 1, at("2026-11-30", 10), "from a Sunday"},
      {at("2026-11-30", 7), 1, at("2026-11-30", 10), "before work starts"},
      {at("2026-11-30", 12, 30), 1, at("2026-11-30", 14, 30), "from lunch"},
      {at("2026-11-30", 9), 7, at("2026-11-30", 17, 30), "a whole day ends at close"},
      {at("2026-11-30", 9), 14, at("2026-12-01", 17, 30), "two days"},
  };
  for (const auto& c : cases) EXPECT_EQ(cal.add_working_hours(c.from, c.hours), c.want) << c.what;
}

TEST(WorkCalendarTest, HolidaysAndMakeUpDays) {
  WorkCalendar cal;
  // National Day week: 10-01..10-07 off; Sunday 09-28 and Saturday 10-11 are make-up days.
  for (int d = 1; d <= 7; ++d) cal.set_day(*parse_day("2025-10-0" + std::to_string(d)), DayKind::kHoliday);
  cal.set_day(*parse_day("2025-09-28"), DayKind::kWorkday);
  cal.set_day(*parse_day("2025-10-11"), DayKind::kWorkday);
  EXPECT_FALSE(cal.is_working_day(*parse_day("2025-10-01")));
  EXPECT_TRUE(cal.is_working_day(*parse_day("2025-09-28")));
  EXPECT_TRUE(cal.is_working_day(*parse_day("2025-10-11")));
  // Tuesday 09-30 16:00 + 3h: 1.5h that day, then the holiday week; 10-08 is a Wednesday.
  EXPECT_EQ(cal.add_working_hours(at("2025-09-30", 16), 3), at("2025-10-08", 10, 30));
  // Saturday 09-27 is a normal weekend; Sunday 09-28 is worked.
  EXPECT_EQ(cal.add_working_hours(at("2025-09-27", 10), 1), at("2025-09-28", 10));
  // Friday 10-10 17:00 + 1h lands on make-up Saturday 10-11.
  EXPECT_EQ(cal.add_working_hours(at("2025-10-10", 17), 1), at("2025-10-11", 9, 30));
}

TEST(WorkCalendarTest, WorkingSecondsBetweenIsTheInverse) {
  WorkCalendar cal;
  cal.set_day(*parse_day("2026-12-02"), DayKind::kHoliday);
  for (double h : {0.5, 1.0, 3.0, 7.0, 10.0, 30.0}) {
    Seconds from = at("2026-11-30", 10, 15);
    Seconds to = cal.add_working_hours(from, h);
    EXPECT_EQ(cal.working_seconds_between(from, to), static_cast<std::int64_t>(h * 3600)) << h;
  }
  EXPECT_EQ(cal.working_seconds_between(at("2026-11-30", 12), at("2026-11-30", 13)), 0);
  EXPECT_EQ(cal.working_seconds_between(at("2026-11-30", 13), at("2026-11-30", 12)), 0);
}

}  // namespace
}  // namespace weige

namespace weige {
namespace {

TEST(MonthTest, MonthsAreConsecutiveAndStartOnTheirFirstDay) {
  EXPECT_EQ(month_index(*parse_day("2026-01-31")), 2026 * 12);
  EXPECT_EQ(month_index(*parse_day("2025-12-01")), 2026 * 12 - 1);
  EXPECT_EQ(first_day_of(2024 * 12 + 1), *parse_day("2024-02-01"));
  for (Day d = *parse_day("1969-11-01"); d < *parse_day("2028-03-01"); ++d) {
    Month m = month_index(d);
    ASSERT_LE(first_day_of(m), d) << format_day(d);
    ASSERT_LT(d, first_day_of(m + 1)) << format_day(d);
  }
}

// Every day of a window is covered exactly as often as it lies in the range:
// once inside, never outside, for every pair of ends, open or not.
TEST(MonthTest, ACutCoversItsRangeExactlyOnce) {
  const Day lo = *parse_day("2025-10-20"), hi = *parse_day("2026-04-10");
  std::vector<std::optional<Day>> ends{std::nullopt};
  for (Day d = lo + 3; d < hi - 3; d += 5) ends.push_back(d);
  for (const char* edge : {"2025-11-01", "2025-12-01", "2026-01-01", "2026-02-28", "2026-03-01"}) ends.push_back(*parse_day(edge));
  for (const auto& from : ends) {
    for (const auto& to : ends) {
      MonthCut cut = cut_by_month(from, to);
      ASSERT_LE(cut.days.size(), 2u);
      std::map<Day, int> covered;
      for (const auto& span : cut.days) {
        ASSERT_TRUE(span.from || span.to || cut.days.size() == 1);
        for (Day d = span.from.value_or(lo); d < span.to.value_or(hi); ++d) ++covered[d];
      }
      if (cut.months) {
        Month m0 = cut.months->from.value_or(month_index(lo)), m1 = cut.months->to.value_or(month_index(hi) + 1);
        for (Month m = m0; m < m1; ++m) {
          for (Day d = first_day_of(m); d < first_day_of(m + 1); ++d) ++covered[d];
        }
      }
      for (Day d = lo; d < hi; ++d) {
        bool in = (!from || d >= *from) && (!to || d < *to);
        ASSERT_EQ(covered[d], in ? 1 : 0) << "day " << format_day(d) << " from " << (from ? format_day(*from) : "-")
                                          << " to " << (to ? format_day(*to) : "-");
      }
      bool whole_month = false;
      for (Month m = month_index(lo) - 2; m <= month_index(hi) + 2; ++m) {
        whole_month = whole_month || ((!from || first_day_of(m) >= *from) && (!to || first_day_of(m + 1) <= *to));
      }
      EXPECT_EQ(cut.months.has_value(), whole_month);
    }
  }
}

}  // namespace
}  // namespace weige
