// JsonText must write exactly what nlohmann::json::dump() writes, so that a
// list written as text and the same list built as a tree are the same bytes.
#include "http/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "http/case_dto.h"

namespace weige::http {
namespace {

std::string dumped(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string as_text(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonTextTest, StringsAreEscapedAsNlohmannDoes) {
  const std::vector<std::string> cases = {
      "", "plain", "狗叫扰民，晚上十点以后", "quote \" and backslash \\ and slash /", "\b\f\n\r\t",
      std::string("nul \0 inside", 12), "\x01\x1f\x7f", "emoji 😀 4 bytes", "U+FFFF \xEF\xBF\xBF",
      // Invalid UTF-8: a lone continuation, a truncated sequence, an overlong
      // form, a surrogate, above U+10FFFF, and a bad byte before a good one.
      "a\x80"
      "b",
      "cut \xE4\xB8", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
      "\xFF"
      "好",
      "end \xE4"};
  for (const auto& s : cases)
    EXPECT_EQ(as_text(s), dumped(nlohmann::json(s)))
        << nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

TEST(JsonTextTest, RandomBytesMatchNlohmann) {
  // Mostly well-formed UTF-8 pieces, with stray bytes among them.
  const std::vector<std::string> pieces = {
      "a",    "\"",   "\\",       "\n",       "\x05",         "é",    "中", "😀",
      "\x80", "\xC3", "\xE4\xB8", "\xF0\x9F", "\xED\xB0\x80", "\xF5", " "};
  std::mt19937 rng(20261130);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(0, 12);
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (std::size_t n = length(rng); n > 0; --n) s += pieces[pick(rng)];
    ASSERT_EQ(as_text(s), dumped(nlohmann::json(s))) << i;
  }
}

TEST(JsonTextTest, DocumentsMatchTheTreeDump) {
  JsonText out;
  out.begin_object()
      .key("a")
      .begin_array()
      .value(std::int64_t{-9007199254740993})
      .value(true)
      .null()
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .value("x")
      .end_array()
      .key("b")
      .value(0)
      .key("c")
      .begin_object()
      .key("d")
      .value(false)
      .key("e")
      .value(std::string_view("中文"))
      .end_object()
      .end_object();
  nlohmann::json tree = {{"a",
                          {std::int64_t{-9007199254740993}, true, nullptr, nlohmann::json::object(),
                           nlohmann::json::array(), "x"}},
                         {"b", 0},
                         {"c", {{"d", false}, {"e", "中文"}}}};
  EXPECT_EQ(out.text(), dumped(tree));
  EXPECT_EQ(nlohmann::json::parse(out.text()), tree);
}

store::CaseRecord full_case() {
  store::CaseRecord c;
  c.id = 42;
  c.channel = Channel::kHotline;
  c.category_id = 102;
  c.level = CaseLevel::kMicro;
  c.description = "楼上\"漏水\"\n已两天";
  c.place_id = 7;
  c.grid_id = 111;
  c.community_id = 2;
  c.state = CaseState::kDispatched;
  c.handler = HandlerKind::kPropertyCompany;
  c.handler_person_id = 9;
  c.joint_with_community = true;
  c.emergency = true;
  c.emergency_id = 3;
  c.stage = "resolve";
  c.stage_due_at = 1'790'000'000;
  c.stage_warn_at = 1'789'990'000;
  c.created_at = 1'789'000'000;
  c.updated_at = 1'789'500'000;
  return c;
}

TEST(JsonTextTest, ACaseSummaryIsTheSameBytesAsTheTree) {
  store::CaseRecord empty;  // nulls, empty stage, no deadline
  store::CaseRecord full = full_case();
  store::CaseRecord late = full;
  late.state = CaseState::kAccepted;
  late.description = "bad \xE4 byte";
  for (Seconds now : {Seconds{1'789'000'000}, Seconds{1'789'995'000}, Seconds{1'800'000'000}}) {
    for (const auto* c : {&empty, &full, &late}) {
      JsonText out;
      write_case_summary(out, *c, now);
      nlohmann::json tree = case_summary_json(*c, now);
      EXPECT_EQ(out.text(), dumped(tree));
      EXPECT_EQ(tree.size(), 22u);
    }
  }
  // The deadline colour follows `now`, so the comparison above covers all three.
  JsonText red;
  write_case_summary(red, full, 1'800'000'000);
  EXPECT_EQ(nlohmann::json::parse(red.text())["deadline"], "red");
  EXPECT_EQ(nlohmann::json::parse(red.text())["stage_due_at"], "2026-09-21T22:13:20+08:00");
}

}  // namespace
}  // namespace weige::http
