#pragma once
// JSON text written straight into a string, for hot list responses: no
// document tree to build, dump and free (a staff inbox page spent about 40%
// of its CPU on nlohmann::json's tree; docs/decisions.md, "The inbox writes
// its JSON as text").
//
// The output is byte for byte what nlohmann::json::dump() (no indent,
// invalid UTF-8 replaced) gives for the same document, provided each
// object's keys are given in sorted order, as nlohmann's objects keep them.
// Commas are the writer's business: callers only open, name and close.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weige::http {

class JsonText {
 public:
  JsonText& begin_object() { return open('{'); }
  JsonText& end_object() { return close('}'); }
  JsonText& begin_array() { return open('['); }
  JsonText& end_array() { return close(']'); }
  // An object member's name; the next call writes its value.
  JsonText& key(std::string_view name);

  JsonText& null();
  JsonText& value(bool b);
  JsonText& value(std::int64_t n);
  JsonText& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonText& value(std::string_view s);
  JsonText& value(const char* s) { return value(std::string_view(s)); }

  std::string take() { return std::move(out_); }
  const std::string& text() const { return out_; }

 private:
  void separate();  // the comma before a container's second and later items
  JsonText& open(char bracket);
  JsonText& close(char bracket);
  std::string out_;
  std::vector<bool> has_items_;  // one per open container
  bool after_key_ = false;
};

// Appends `s` as a JSON string literal as nlohmann::json::dump() writes it:
// quotes, backslash and control characters escaped, valid UTF-8 kept as is,
// invalid UTF-8 replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view s);

}  // namespace weige::http
