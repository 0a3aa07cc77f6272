#pragma once
// Working time: weekdays, minus holidays, plus make-up working days (调休),
// within working hours, in local time (China, UTC+8 by default, no DST).
// Stage deadlines are counted in working hours on this calendar.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"

namespace weige {

// A civil date as days since 1970-01-01.
using Day = std::int64_t;

Day day_from_civil(int year, unsigned month, unsigned day);
// "2026-10-01" -> day; nullopt when malformed or not a real date.
std::optional<Day> parse_day(const std::string& iso);
std::string format_day(Day d);
// 0 = Monday ... 6 = Sunday.
int weekday(Day d);

// A month as year * 12 + (month - 1): consecutive months are consecutive numbers.
using Month = std::int64_t;
Month month_index(Day d);
Day first_day_of(Month m);

// A range of days [from, to), either end open, cut into the whole months it
// covers and the days outside them: the spans to read from a monthly and a
// daily rollup. Together they cover the range exactly once.
struct DaySpan {
  std::optional<Day> from, to;  // [from, to); nullopt: open
};
struct MonthSpan {
  std::optional<Month> from, to;  // [from, to); nullopt: open
};
struct MonthCut {
  std::vector<DaySpan> days;        // at most two: before and after the whole months
  std::optional<MonthSpan> months;  // none when the range holds no whole month
};
MonthCut cut_by_month(std::optional<Day> from, std::optional<Day> to);

enum class DayKind { kHoliday, kWorkday };

struct WorkingInterval {
  int start_minute;  // minutes after local midnight
  int end_minute;
};

class WorkCalendar {
 public:
  // Default hours 09:00-12:00 and 13:30-17:30 (7 hours a day), UTC+8.
  WorkCalendar();
  WorkCalendar(std::vector<WorkingInterval> hours, int utc_offset_minutes);

  // Marks a date as a holiday (no work even on a weekday) or a make-up
  // working day (work even on a weekend).
  void set_day(Day day, DayKind kind);
  const std::map<Day, DayKind>& special_days() const { return special_; }
  bool is_working_day(Day day) const;
  const std::vector<WorkingInterval>& hours() const { return hours_; }
  int utc_offset_minutes() const { return offset_minutes_; }

  // The instant `seconds` of working time after `from`. A `from` outside
  // working hours starts counting at the next working period.
  Seconds add_working_seconds(Seconds from, std::int64_t seconds) const;
  Seconds add_working_hours(Seconds from, double hours) const;
  // Working seconds in [a, b); 0 when b <= a.
  std::int64_t working_seconds_between(Seconds a, Seconds b) const;

  // The local day and minute-of-day of an instant.
  Day local_day(Seconds t) const;
  int local_minute(Seconds t) const;

 private:
  Seconds instant(Day day, int minute) const;
  std::vector<WorkingInterval> hours_;
  int offset_minutes_;
  std::map<Day, DayKind> special_;
};

}  // namespace weige
