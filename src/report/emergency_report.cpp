#include "report/emergency_report.h"

#include "report/workbook.h"

namespace weige::report {
namespace {

using nlohmann::json;

Cell cell(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_null()) return std::string();
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

}  // namespace

Result<std::string> emergency_report_xlsx(const json& r) {
  return build_workbook([&](lxw_workbook* wb) {
    const json& e = r.value("emergency", json::object());
    std::vector<std::vector<Cell>> summary{
        {std::string("名称 Name"), cell(e.value("name", json()))},
        {std::string("类型 Type"), cell(e.value("type", json()))},
        {std::string("等级 Level"), cell(e.value("level", json()))},
        {std::string("开始 Started"), cell(e.value("started_at_local", json()))},
        {std::string("结束 Ended"), cell(e.value("ended_at_local", json()))},
        {std::string("历时(小时) Duration (h)"), cell(r.value("duration_hours", json()))},
        {std::string("小区/场所 Places"), cell(r.value("places", json()))},
        {std::string("户数 Households"), cell(r.value("households", json()))},
        {std::string("包干专班 Task forces"), cell(r["teams"].value("task_forces", json()))},
        {std::string("楼栋服务队 Building teams"), cell(r["teams"].value("building_teams", json()))},
        {std::string("参与人数 People"), cell(r["teams"].value("people", json()))},
        {std::string("代办总数 Errands"), cell(r["errands"].value("total", json()))},
        {std::string("代办完成 Errands completed"), cell(r["errands"].value("completed", json()))},
        {std::string("应急事件受理 Cases opened"), cell(r["cases"].value("opened", json()))},
        {std::string("应急事件办结 Cases closed"), cell(r["cases"].value("closed", json()))},
    };
    write_sheet(wb, "概况 Summary", {"项目 Item", "数值 Value"}, summary);

    std::vector<std::vector<Cell>> rounds;
    for (const auto& x : r["rounds"]) {
      rounds.push_back({cell(x["round"]), cell(x["households"]), cell(x["covered"]), cell(x["coverage"]),
                        cell(x["reached"]), cell(x["not_at_home"]), cell(x["refused"]), cell(x["needs_help"]),
                        cell(x["pending"]), cell(x["hours_to_full_coverage"])});
    }
    write_sheet(wb, "排查轮次 Rounds",
                {"轮次 Round", "户数 Households", "已覆盖 Covered", "覆盖率 Coverage", "已联系 Reached",
                 "不在家 Not at home", "拒绝 Refused", "需帮助 Needs help", "未排查 Pending",
                 "全覆盖用时(小时) Hours to full coverage"},
                rounds);

    const json& er = r["errands"];
    std::vector<std::vector<Cell>> errands;
    for (const char* k : {"requested", "accepted", "done", "confirmed", "cancelled", "overdue_open", "completed_late"}) {
      errands.push_back({std::string(k), cell(er.value(k, json()))});
    }
    if (er.contains("minutes_to_done") && er["minutes_to_done"].is_object()) {
      for (const char* k : {"median", "mean", "max"}) {
        errands.push_back({std::string("minutes_to_done.") + k, cell(er["minutes_to_done"][k])});
      }
    }
    write_sheet(wb, "代办 Errands", {"指标 Measure", "数值 Value"}, errands);

    std::vector<std::vector<Cell>> teams;
    for (const auto& [role, n] : r["teams"]["by_role"].items()) teams.push_back({role, cell(n)});
    write_sheet(wb, "队伍 Teams", {"战时角色 Emergency role", "人次 Members"}, teams);
  });
}

}  // namespace weige::report
