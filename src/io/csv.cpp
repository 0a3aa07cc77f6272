#include "io/csv.h"

#include <algorithm>
#include <cstdint>

namespace weige::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Length of the UTF-8 sequence starting at s[i], or 0 when it is malformed
// (bad lead byte, truncated, overlong, surrogate, or above U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  std::uint8_t c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// A cursor over the text that counts lines as it consumes line feeds.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    if (text_.substr(0, kBom.size()) == kBom) pos_ = kBom.size();
  }

  CsvParse run() {
    while (!at_end()) {
      if (at_line_end()) {  // an empty line: skipped
        consume_line_end();
        continue;
      }
      read_record();
    }
    return std::move(out_);
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool at_line_end() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }
  void consume_line_end() {
    if (peek() == '\r') ++pos_;
    ++pos_;
    ++line_;
  }

  void read_record() {
    CsvRecord record{line_, {}};
    while (true) {
      std::string field;
      std::string problem = peek() == '"' ? read_quoted(field, record.line) : read_plain(field);
      if (!problem.empty()) {
        out_.problems.push_back({problem_line_, problem});
        skip_rest_of_line();
        return;
      }
      record.fields.push_back(std::move(field));
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (!at_end()) consume_line_end();
      out_.records.push_back(std::move(record));
      return;
    }
  }

  // Reads up to the next comma or line end. Returns a problem message or "".
  std::string read_plain(std::string& field) {
    problem_line_ = line_;
    while (!at_end() && peek() != ',' && peek() != '\n') {
      if (peek() == '\r') {
        if (peek(1) == '\n') return {};
        return "a bare carriage return (CR without LF) outside quotes";
      }
      if (peek() == '"') return "a quote inside an unquoted field (quote the whole field)";
      field += text_[pos_++];
    }
    return {};
  }

  // Reads a quoted field starting at the opening quote. Returns a problem or "".
  std::string read_quoted(std::string& field, std::size_t record_line) {
    const std::size_t opened = line_;
    ++pos_;
    while (true) {
      if (at_end()) {
        problem_line_ = record_line;
        return "a quoted field opened on line " + std::to_string(opened) + " is never closed";
      }
      char c = text_[pos_++];
      if (c == '"') {
        if (peek() != '"') break;
        ++pos_;
      } else if (c == '\n') {
        ++line_;
      }
      field += c;
    }
    problem_line_ = line_;
    if (!at_end() && peek() != ',' && !at_line_end()) {
      return "text after the closing quote of a field";
    }
    return {};
  }

  void skip_rest_of_line() {
    while (!at_end() && peek() != '\n') ++pos_;
    if (!at_end()) consume_line_end();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t problem_line_ = 1;
  CsvParse out_;
};

}  // namespace

CsvProblem check_encoding(std::string_view text) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') return {line, "a NUL byte on line " + std::to_string(line)};
    std::size_t n = utf8_length(text, i);
    if (n == 0)
      return {line, "the text is not UTF-8 (bad byte on line " + std::to_string(line) + ")"};
    if (text[i] == '\n') ++line;
    i += n;
  }
  return {0, {}};
}

CsvParse parse_csv(std::string_view text) {
  CsvProblem bad = check_encoding(text);
  if (bad.line != 0) {
    CsvParse out;
    out.problems.push_back(std::move(bad));
    return out;
  }
  return Reader(text).run();
}

std::string csv_field(std::string_view value) {
  bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace weige::io
