#include "domain/work_calendar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace weige {
namespace {
constexpr std::int64_t kDaySeconds = 86400;
constexpr int kMaxDays = 3660;  // a deadline never lies more than ~10 years away

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
}  // namespace

// Howard Hinnant's days_from_civil.
Day day_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era) * 146097 + static_cast<Day>(doe) - 719468;
}

namespace {
struct Civil {
  std::int64_t year;
  unsigned month, day;
};
Civil civil_from_day(Day z) {
  z += 719468;
  const Day era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const Day y = static_cast<Day>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}
}  // namespace

std::string format_day(Day z) {
  Civil c = civil_from_day(z);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
  return buf;
}

Month month_index(Day d) {
  Civil c = civil_from_day(d);
  return c.year * 12 + c.month - 1;
}

Day first_day_of(Month m) {
  Month year = m >= 0 ? m / 12 : (m - 11) / 12;
  return day_from_civil(static_cast<int>(year), static_cast<unsigned>(m - year * 12 + 1), 1);
}

MonthCut cut_by_month(std::optional<Day> from, std::optional<Day> to) {
  // Whole months: those whose first day is >= from and whose last day is < to.
  std::optional<Month> first, end;
  if (from) {
    Month m = month_index(*from);
    first = first_day_of(m) == *from ? m : m + 1;
  }
  if (to) end = month_index(*to);
  MonthCut cut;
  if (first && end && *first >= *end) {
    if (!(from && to && *from >= *to)) cut.days.push_back({from, to});
    return cut;
  }
  cut.months = MonthSpan{first, end};
  if (first && *from < first_day_of(*first)) cut.days.push_back({from, first_day_of(*first)});
  if (end && first_day_of(*end) < *to) cut.days.push_back({first_day_of(*end), to});
  return cut;
}

std::optional<Day> parse_day(const std::string& iso) {
  // By hand, not sscanf: every dashboard and inbox request with a period
  // parses two of these.
  auto digits = [&](std::size_t at, std::size_t n, unsigned& out) {
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      out = out * 10 + static_cast<unsigned>(iso[i] - '0');
    }
    return true;
  };
  unsigned y = 0, m = 0, d = 0;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) ||
      !digits(8, 2, d)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  Day day = day_from_civil(static_cast<int>(y), m, d);
  Civil back = civil_from_day(day);
  if (back.month != m || back.day != d) return std::nullopt;  // e.g. 2026-02-30
  return day;
}

int weekday(Day d) { return static_cast<int>(((d % 7) + 7 + 3) % 7); }  // 1970-01-01 was a Thursday

WorkCalendar::WorkCalendar() : WorkCalendar({{9 * 60, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}}, 480) {}

WorkCalendar::WorkCalendar(std::vector<WorkingInterval> hours, int utc_offset_minutes)
    : hours_(std::move(hours)), offset_minutes_(utc_offset_minutes) {
  std::sort(hours_.begin(), hours_.end(),
            [](const WorkingInterval& a, const WorkingInterval& b) { return a.start_minute < b.start_minute; });
}

void WorkCalendar::set_day(Day day, DayKind kind) { special_[day] = kind; }

bool WorkCalendar::is_working_day(Day day) const {
  auto it = special_.find(day);
  if (it != special_.end()) return it->second == DayKind::kWorkday;
  return weekday(day) < 5;
}

Day WorkCalendar::local_day(Seconds t) const {
  return floor_div(t + static_cast<Seconds>(offset_minutes_) * 60, kDaySeconds);
}

int WorkCalendar::local_minute(Seconds t) const {
  Seconds local = t + static_cast<Seconds>(offset_minutes_) * 60;
  return static_cast<int>((local - floor_div(local, kDaySeconds) * kDaySeconds) / 60);
}

Seconds WorkCalendar::instant(Day day, int minute) const {
  return day * kDaySeconds + static_cast<Seconds>(minute) * 60 - static_cast<Seconds>(offset_minutes_) * 60;
}

Seconds WorkCalendar::add_working_seconds(Seconds from, std::int64_t seconds) const {
  if (seconds <= 0 || hours_.empty()) return from;
  Seconds cursor = from;
  std::int64_t left = seconds;
  Day day = local_day(from);
  for (int i = 0; i < kMaxDays; ++i, ++day) {
    if (!is_working_day(day)) continue;
    for (const auto& iv : hours_) {
      Seconds start = std::max(cursor, instant(day, iv.start_minute));
      Seconds end = instant(day, iv.end_minute);
      if (start >= end) continue;
      if (end - start >= left) return start + left;
      left -= end - start;
    }
  }
  return cursor + left;  // unreachable for any sane calendar
}

Seconds WorkCalendar::add_working_hours(Seconds from, double hours) const {
  return add_working_seconds(from, static_cast<std::int64_t>(std::llround(hours * 3600)));
}

std::int64_t WorkCalendar::working_seconds_between(Seconds a, Seconds b) const {
  if (b <= a) return 0;
  std::int64_t total = 0;
  Day last = local_day(b);
  for (Day day = local_day(a); day <= last && day - local_day(a) < kMaxDays; ++day) {
    if (!is_working_day(day)) continue;
    for (const auto& iv : hours_) {
      Seconds start = std::max(a, instant(day, iv.start_minute));
      Seconds end = std::min(b, instant(day, iv.end_minute));
      if (end > start) total += end - start;
    }
  }
  return total;
}

}  // namespace weige
