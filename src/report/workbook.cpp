#include "report/workbook.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace weige::report {

Result<std::string> build_workbook(const std::function<void(lxw_workbook*)>& fill) {
  char path[] = "/tmp/weige-report-XXXXXX.xlsx";
  int fd = mkstemps(path, 5);
  if (fd < 0) return Status::internal("cannot create a temporary file for the report");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  if (!wb) return Status::internal("cannot start the workbook");
  fill(wb);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::remove(path);
    return Status::internal(std::string("cannot write the workbook: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::remove(path);
  return ss.str();
}

void write_sheet(lxw_workbook* wb, const std::string& name, const std::vector<std::string>& headers,
                 const std::vector<std::vector<Cell>>& rows) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), head);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 ? 28 : 16, nullptr);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      auto row = static_cast<lxw_row_t>(r + 1);
      auto col = static_cast<lxw_col_t>(c);
      if (const auto* s = std::get_if<std::string>(&rows[r][c])) {
        worksheet_write_string(ws, row, col, s->c_str(), nullptr);
      } else {
        worksheet_write_number(ws, row, col, std::get<double>(rows[r][c]), nullptr);
      }
    }
  }
}

}  // namespace weige::report
