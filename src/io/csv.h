#pragma once
// RFC 4180 CSV: reading with line numbers, and writing.
//
// Reading accepts quoted fields with doubled quotes, commas and line breaks
// inside quotes, CRLF or LF line ends, a UTF-8 byte-order mark at the start, a
// missing line end after the last record, and skips lines that are entirely
// empty. The text must be UTF-8 without NUL bytes.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace weige::io {

struct CsvRecord {
  std::size_t line = 0;  // 1-based physical line on which the record starts
  std::vector<std::string> fields;
};

struct CsvProblem {
  std::size_t line = 0;  // 1-based
  std::string message;
};

struct CsvParse {
  std::vector<CsvRecord> records;    // every well-formed record, header included
  std::vector<CsvProblem> problems;  // one per malformed record, in file order
};

// Parses the whole text. A record with bad quoting (a quote inside an
// unquoted field, text after a closing quote, a quote never closed) or a bare
// CR is reported in `problems` and left out of `records`; parsing resumes on
// the next line. Text that is not UTF-8 or holds a NUL byte is refused as a
// whole: one problem naming the line of the first bad byte, and no records.
CsvParse parse_csv(std::string_view text);

// The 1-based line of the first byte that makes `text` not UTF-8 (or a NUL),
// with a message; line 0 when the text is fine.
CsvProblem check_encoding(std::string_view text);

// One field as written: quoted when it holds a comma, quote, CR or LF, or
// starts or ends with a space.
std::string csv_field(std::string_view value);
// A record of fields joined by commas and ended with CRLF (RFC 4180).
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace weige::io
