#include "domain/case_metrics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/work_calendar.h"

namespace weige {
namespace {

std::vector<Ranked> top(const std::map<Id, std::int64_t>& counts, std::size_t n) {
  std::vector<Ranked> out;
  for (const auto& [id, c] : counts) out.push_back({id, c});
  std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    return a.count != b.count ? a.count > b.count : a.id < b.id;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace

std::optional<double> Ratio::value() const {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::optional<double> percentile(std::vector<double> sample, double p) {
  if (sample.empty()) return std::nullopt;
  std::sort(sample.begin(), sample.end());
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sample.size())));
  if (rank == 0) rank = 1;
  return sample[std::min(rank, sample.size()) - 1];
}

Metrics compute_metrics(const std::vector<CaseFact>& facts, Seconds now) {
  Metrics m;
  std::vector<double> hours_to_close;
  std::map<Id, std::int64_t> categories, places;
  std::map<Id, Workload> work;
  for (const CaseFact& f : facts) {
    if (f.state == CaseState::kMerged) continue;
    ++m.total;
    ++categories[f.category_id];
    if (f.place_id) ++places[*f.place_id];
    bool open = is_open(f.state);
    if (open) {
      ++m.open;
      if (f.stage_due && *f.stage_due < now) ++m.overdue;
    }
    m.response_rate.denominator++;
    if (f.responded_at && f.accept_due && *f.responded_at <= *f.accept_due) m.response_rate.numerator++;
    if (f.resolved_at) {
      m.on_time_resolution_rate.denominator++;
      if (f.resolve_due && *f.resolved_at <= *f.resolve_due) m.on_time_resolution_rate.numerator++;
    }
    if (f.rating) {
      m.satisfaction_rate.denominator++;
      if (*f.rating != Rating::kUnsatisfied) m.satisfaction_rate.numerator++;
    }
    if (is_finished(f.state)) {
      ++m.finished;
      HandlingLevel lvl = f.settled_level.value_or(HandlingLevel::kBeyond);
      m.never_leave_micro_grid.numerator += lvl == HandlingLevel::kMicroGrid;
      m.never_leave_community.numerator += lvl <= HandlingLevel::kCommunity;
      m.never_leave_subdistrict.numerator += lvl <= HandlingLevel::kSubdistrict;
      if (f.closed_at) hours_to_close.push_back(static_cast<double>(*f.closed_at - f.created_at) / 3600.0);
    }
    if (f.handler_person_id) {
      Workload& w = work[*f.handler_person_id];
      w.person_id = *f.handler_person_id;
      if (open) ++w.open;
      if (f.resolved_at) ++w.resolved;
    }
  }
  m.never_leave_micro_grid.denominator = m.finished;
  m.never_leave_community.denominator = m.finished;
  m.never_leave_subdistrict.denominator = m.finished;
  m.median_hours_to_close = percentile(hours_to_close, 0.5);
  m.p90_hours_to_close = percentile(hours_to_close, 0.9);
  m.hot_categories = top(categories, 10);
  m.hot_places = top(places, 10);
  for (auto& [id, w] : work) m.workload.push_back(w);
  return m;
}

RateCounts rate_counts(const Metrics& m) {
  return {m.total,
          m.open,
          m.finished,
          m.never_leave_micro_grid.numerator,
          m.never_leave_community.numerator,
          m.never_leave_subdistrict.numerator,
          m.response_rate.numerator,
          m.on_time_resolution_rate.denominator,
          m.on_time_resolution_rate.numerator,
          m.satisfaction_rate.denominator,
          m.satisfaction_rate.numerator};
}

Metrics metrics_from(const RateCounts& c) {
  Metrics m;
  m.total = c.total;
  m.open = c.open;
  m.finished = c.finished;
  m.never_leave_micro_grid = {c.settled_micro, c.finished};
  m.never_leave_community = {c.settled_community, c.finished};
  m.never_leave_subdistrict = {c.settled_subdistrict, c.finished};
  m.response_rate = {c.responded, c.total};
  m.on_time_resolution_rate = {c.resolved_on_time, c.resolved};
  m.satisfaction_rate = {c.satisfied, c.rated};
  return m;
}

std::vector<TrendPoint> trend(const std::vector<CaseFact>& facts, Bucket bucket, Seconds now,
                              int utc_offset_minutes) {
  WorkCalendar cal({}, utc_offset_minutes);
  std::map<std::string, std::vector<CaseFact>> groups;
  for (const CaseFact& f : facts) {
    Day d = cal.local_day(f.created_at);
    std::string key;
    if (bucket == Bucket::kDay) {
      key = format_day(d);
    } else if (bucket == Bucket::kWeek) {
      key = format_day(d - weekday(d));
    } else {
      key = format_day(d).substr(0, 7);
    }
    groups[key].push_back(f);
  }
  std::vector<TrendPoint> out;
  for (auto& [key, group] : groups) out.push_back({key, compute_metrics(group, now)});
  return out;
}

}  // namespace weige
