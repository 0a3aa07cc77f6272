#include "report/monthly_report.h"

#include <cstdio>

#include "report/workbook.h"

namespace weige::report {
namespace {

struct Column {
  const char* zh;
  const char* en;
};

const Column kColumns[] = {
    {"受理总数", "cases"},
    {"已结案", "finished"},
    {"在办", "open"},
    {"超期", "overdue"},
    {"微事不出网格率", "never leave micro-grid"},
    {"小事不出社区率", "never leave community"},
    {"大事不出街道率", "never leave subdistrict"},
    {"响应率", "response rate"},
    {"按时办结率", "on-time resolution rate"},
    {"满意率", "satisfaction rate"},
    {"结案时长中位数(小时)", "median hours to close"},
    {"结案时长P90(小时)", "p90 hours to close"},
};

std::vector<std::optional<double>> values(const Metrics& m) {
  auto d = [](std::int64_t v) { return std::optional<double>(static_cast<double>(v)); };
  return {d(m.total),
          d(m.finished),
          d(m.open),
          d(m.overdue),
          m.never_leave_micro_grid.value(),
          m.never_leave_community.value(),
          m.never_leave_subdistrict.value(),
          m.response_rate.value(),
          m.on_time_resolution_rate.value(),
          m.satisfaction_rate.value(),
          m.median_hours_to_close,
          m.p90_hours_to_close};
}

bool is_rate(std::size_t col) { return col >= 4 && col <= 9; }

void write_table(lxw_workbook* wb, const char* name, const char* first_zh, const char* first_en,
                 const std::vector<std::pair<std::string, Metrics>>& rows) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  lxw_format* pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");
  lxw_format* num = workbook_add_format(wb);
  format_set_num_format(num, "0.0");
  worksheet_set_column(ws, 0, 0, 24, nullptr);
  worksheet_set_column(ws, 1, 12, 14, nullptr);
  worksheet_write_string(ws, 0, 0, (std::string(first_zh) + "\n" + first_en).c_str(), head);
  for (std::size_t c = 0; c < std::size(kColumns); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c + 1),
                           (std::string(kColumns[c].zh) + "\n" + kColumns[c].en).c_str(), head);
  }
  worksheet_set_row(ws, 0, 36, nullptr);
  lxw_row_t row = 1;
  for (const auto& [label, m] : rows) {
    worksheet_write_string(ws, row, 0, label.c_str(), nullptr);
    auto v = values(m);
    for (std::size_t c = 0; c < v.size(); ++c) {
      if (!v[c]) continue;
      worksheet_write_number(ws, row, static_cast<lxw_col_t>(c + 1), *v[c], is_rate(c) ? pct : (c >= 10 ? num : nullptr));
    }
    ++row;
  }
  worksheet_freeze_panes(ws, 1, 1);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

Result<std::string> to_xlsx(const MonthlyReport& r) {
  return build_workbook([&](lxw_workbook* wb) {
    std::vector<std::pair<std::string, Metrics>> summary{{r.community + " " + r.month, r.overall}};
    write_table(wb, "概况 Summary", "社区", "community", summary);
    std::vector<std::pair<std::string, Metrics>> rows;
    for (const auto& b : r.by_grid) rows.emplace_back(b.label, b.metrics);
    write_table(wb, "按网格 By grid", "网格", "grid", rows);
    rows.clear();
    for (const auto& b : r.by_category) rows.emplace_back(b.label, b.metrics);
    write_table(wb, "按类别 By category", "类别", "category", rows);
    rows.clear();
    for (const auto& t : r.by_day) rows.emplace_back(t.period, t.metrics);
    write_table(wb, "按日 By day", "日期", "day", rows);
  });
}

std::string to_csv(const MonthlyReport& r) {
  std::string out = "\xEF\xBB\xBF";  // BOM, so spreadsheet programs read UTF-8
  out += "section,label";
  for (const auto& c : kColumns) out += "," + std::string(c.en);
  out += "\n";
  auto row = [&](const std::string& section, const std::string& label, const Metrics& m) {
    out += section + "," + csv_field(label);
    for (const auto& v : values(m)) {
      out += ",";
      if (v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4g", *v);
        out += buf;
      }
    }
    out += "\n";
  };
  for (const auto& b : r.by_grid) row("grid", b.label, b.metrics);
  for (const auto& b : r.by_category) row("category", b.label, b.metrics);
  for (const auto& t : r.by_day) row("day", t.period, t.metrics);
  row("total", r.community + " " + r.month, r.overall);
  return out;
}

}  // namespace weige::report
