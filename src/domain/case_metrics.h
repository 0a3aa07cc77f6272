#pragma once
// The motto made measurable. Pure functions over compact case facts; the
// store selects the facts (scope, period, category) and the API renders them.
//
// Definitions (every rate comes with its numerator and denominator):
//   finished                 = cases closed or rated
//   never_leave_micro_grid   = finished settled at micro-grid level / finished
//   never_leave_community    = finished settled at community level or below / finished
//   never_leave_subdistrict  = finished settled at subdistrict level or below / finished
//   response_rate            = cases taken in (accepted or rejected) by the accept
//                              deadline / cases (merged duplicates excluded)
//   on_time_resolution_rate  = resolved by the resolve deadline / resolved
//   satisfaction_rate        = satisfied + basically satisfied / rated
//   time to close            = closed_at - created_at (wall-clock hours), median and p90
//   open / overdue           = not finished, rejected or merged / open past its stage deadline

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"

namespace weige {

struct CaseFact {
  Id id = 0;
  CaseState state = CaseState::kReported;
  Id category_id = 0;
  std::optional<Id> place_id;        // the compound (or place) the case is about
  std::optional<Id> handler_person_id;
  Seconds created_at = 0;
  std::optional<Seconds> responded_at;  // accepted or rejected
  std::optional<Seconds> accept_due;
  std::optional<Seconds> resolved_at;   // first resolution
  std::optional<Seconds> resolve_due;   // the resolve deadline in force then
  std::optional<Seconds> closed_at;
  std::optional<Seconds> stage_due;     // current stage deadline, open cases
  std::optional<HandlingLevel> settled_level;
  std::optional<Rating> rating;
};

struct Ratio {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  // numerator / denominator, or nullopt with no denominator.
  std::optional<double> value() const;
};

struct Ranked {
  Id id = 0;
  std::int64_t count = 0;
};

struct Workload {
  Id person_id = 0;
  std::int64_t open = 0;
  std::int64_t resolved = 0;
};

struct Metrics {
  std::int64_t total = 0;
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  std::int64_t finished = 0;
  Ratio never_leave_micro_grid, never_leave_community, never_leave_subdistrict;
  Ratio response_rate, on_time_resolution_rate, satisfaction_rate;
  std::optional<double> median_hours_to_close, p90_hours_to_close;
  std::vector<Ranked> hot_categories;  // top 10, most first, ties by id
  std::vector<Ranked> hot_places;      // top 10
  std::vector<Workload> workload;      // by person id
};

Metrics compute_metrics(const std::vector<CaseFact>& facts, Seconds now);

// The additive part of Metrics: counts that sum over cases, so a store can
// keep them per grid and day and add them up (the dashboard's rates).
// Merged cases count nowhere; the definitions are those above.
struct RateCounts {
  std::int64_t total = 0, open = 0, finished = 0;
  std::int64_t settled_micro = 0, settled_community = 0, settled_subdistrict = 0;  // finished, at or below
  std::int64_t responded = 0;  // taken in by the accept deadline
  std::int64_t resolved = 0, resolved_on_time = 0;
  std::int64_t rated = 0, satisfied = 0;
  bool operator==(const RateCounts&) const = default;
};
RateCounts rate_counts(const Metrics& m);
// Metrics with only total, open, finished and the six rates filled in.
Metrics metrics_from(const RateCounts& c);

// The p-th percentile (0..1) by nearest rank of an unsorted sample; nullopt if empty.
std::optional<double> percentile(std::vector<double> sample, double p);

enum class Bucket { kDay, kWeek, kMonth };
struct TrendPoint {
  std::string period;  // "2026-11-29", week of Monday "2026-11-23", or "2026-11"
  Metrics metrics;
};
// Metrics per period of creation (local time, utc_offset_minutes), oldest first.
std::vector<TrendPoint> trend(const std::vector<CaseFact>& facts, Bucket bucket, Seconds now,
                              int utc_offset_minutes = 480);

}  // namespace weige
