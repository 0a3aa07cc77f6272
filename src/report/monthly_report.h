#pragma once
// The monthly report of a community: the never-leave and hotline rates, times
// to close, hot spots, and breakdowns by grid and by category and per day,
// as an Excel workbook (libxlsxwriter) or CSV.

#include <string>
#include <vector>

#include "domain/case_metrics.h"
#include "domain/status.h"

namespace weige::report {

struct Breakdown {
  std::string label;  // a grid or category name
  Metrics metrics;
};

struct MonthlyReport {
  std::string community;  // name
  std::string month;      // "2026-11"
  Metrics overall;
  std::vector<Breakdown> by_grid;
  std::vector<Breakdown> by_category;
  std::vector<TrendPoint> by_day;
};

// The workbook's bytes. Sheets: 概况 Summary, 按网格 By grid, 按类别 By category, 按日 By day.
Result<std::string> to_xlsx(const MonthlyReport& report);
// One CSV table: a row per grid, then a row per category, then the total,
// with the same columns as the workbook's breakdown sheets.
std::string to_csv(const MonthlyReport& report);

}  // namespace weige::report
