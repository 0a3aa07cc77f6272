#include "domain/work_calendar.h"

#include <gtest/gtest.h>

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
