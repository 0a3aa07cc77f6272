#pragma once
// The after-action report of an emergency as an Excel workbook.

#include <nlohmann/json.hpp>
#include <string>

#include "domain/status.h"

namespace weige::report {

// `report` is EmergencyService::report() with "emergency" (name, type, level,
// started_at, ended_at) added. Sheets: 概况 Summary, 排查轮次 Screening rounds,
// 代办 Errands, 队伍 Teams.
Result<std::string> emergency_report_xlsx(const nlohmann::json& report);

}  // namespace weige::report
