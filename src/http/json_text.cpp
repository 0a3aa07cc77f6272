#include "http/json_text.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace weige::http {
namespace {

// The length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7:
// no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < s.size() && byte(k) >= lo && byte(k) <= hi;
  };
  unsigned b = byte(i);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b == 0xE0) return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return cont(i + 1) && cont(i + 2) ? 3 : 0;
  if (b == 0xED) return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;
  if (b == 0xF0) return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (b >= 0xF1 && b <= 0xF3) return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (b == 0xF4) return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Runs that need no escape go in one append.
    std::size_t run = i;
    while (run < s.size()) {
      auto b = static_cast<unsigned char>(s[run]);
      if (b < 0x20 || b == '"' || b == '\\') break;
      if (b < 0x80) {
        ++run;
        continue;
      }
      std::size_t n = utf8_length(s, run);
      if (n == 0) break;
      run += n;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {
      // Invalid UTF-8: rare, and nlohmann's own replacement rules decide
      // exactly where U+FFFD goes, so the whole string is written by it.
      out.resize(start);
      out += nlohmann::json(std::string(s))
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    switch (b) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
      }
    }
    ++i;
  }
  out += '"';
}

void JsonText::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
  }
}

JsonText& JsonText::open(char bracket) {
  separate();
  out_ += bracket;
  has_items_.push_back(false);
  return *this;
}

JsonText& JsonText::close(char bracket) {
  out_ += bracket;
  has_items_.pop_back();
  return *this;
}

JsonText& JsonText::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonText& JsonText::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonText& JsonText::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonText& JsonText::value(std::int64_t n) {
  separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  (void)ec;  // 24 characters always hold an int64
  out_.append(buf, end);
  return *this;
}

JsonText& JsonText::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

}  // namespace weige::http
