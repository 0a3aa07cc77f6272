#pragma once
// Writing an Excel workbook (libxlsxwriter) to bytes. Private to report/.

#include <xlsxwriter.h>

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "domain/status.h"

namespace weige::report {

// Runs `fill` on a fresh workbook and returns the finished file's bytes.
Result<std::string> build_workbook(const std::function<void(lxw_workbook*)>& fill);

// A plain sheet: a bold header row, then rows of text and numbers.
using Cell = std::variant<std::string, double>;
void write_sheet(lxw_workbook* wb, const std::string& name, const std::vector<std::string>& headers,
                 const std::vector<std::vector<Cell>>& rows);

}  // namespace weige::report
