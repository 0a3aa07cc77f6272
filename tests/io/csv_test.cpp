// The RFC 4180 reader and writer, as tables of input -> records / problems.

#include "io/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace weige::io {
namespace {

struct Expected {
  std::size_t line;
  std::vector<std::string> fields;
};

struct ParseCase {
  const char* name;
  std::string input;
  std::vector<Expected> records;
  std::vector<std::size_t> problem_lines;
};

// std::string(literal, size) keeps embedded NULs.
const std::vector<ParseCase> kCases = {
    {"plain", "a,b\n1,2\n", {{1, {"a", "b"}}, {2, {"1", "2"}}}, {}},
    {"crlf", "a,b\r\n1,2\r\n", {{1, {"a", "b"}}, {2, {"1", "2"}}}, {}},
    {"no final newline", "a,b\n1,2", {{1, {"a", "b"}}, {2, {"1", "2"}}}, {}},
    {"bom",
     "\xEF\xBB\xBF"
     "a,b\n1,2\n",
     {{1, {"a", "b"}}, {2, {"1", "2"}}},
     {}},
    {"bom only at start",
     "a\n\xEF\xBB\xBF"
     "b\n",
     {{1, {"a"}},
      {2,
       {"\xEF\xBB\xBF"
        "b"}}},
     {}},
    {"empty fields", ",,\n", {{1, {"", "", ""}}}, {}},
    {"trailing comma", "a,\n", {{1, {"a", ""}}}, {}},
    {"quoted comma and quotes",
     "\"x,y\",\"he said \"\"hi\"\"\",\"\"\n",
     {{1, {"x,y", "he said \"hi\"", ""}}},
     {}},
    {"embedded newline keeps line numbers",
     "a,b\n\"line1\nline2\",z\nc,d\n",
     {{1, {"a", "b"}}, {2, {"line1\nline2", "z"}}, {4, {"c", "d"}}},
     {}},
    {"embedded crlf is kept",
     "\"1\r\n2\",x\r\ny,z\r\n",
     {{1, {"1\r\n2", "x"}}, {3, {"y", "z"}}},
     {}},
    {"blank lines skipped", "a\n\n\r\n\nb\n", {{1, {"a"}}, {5, {"b"}}}, {}},
    {"utf8 text",
     "名称,社区\n双福路,万年场\n",
     {{1, {"名称", "社区"}}, {2, {"双福路", "万年场"}}},
     {}},
    {"spaces are data", " a , b \n", {{1, {" a ", " b "}}}, {}},
    {"quote inside unquoted field", "a,b\nab\"c,d\ne,f\n", {{1, {"a", "b"}}, {3, {"e", "f"}}}, {2}},
    {"text after closing quote", "a,b\n\"ab\"c,d\ne,f\n", {{1, {"a", "b"}}, {3, {"e", "f"}}}, {2}},
    {"unterminated quote", "a,b\nc,\"d\ne,f\n", {{1, {"a", "b"}}}, {2}},
    {"bare cr", "a,b\rc\nd,e\n", {{2, {"d", "e"}}}, {1}},
    {"bad record after multi-line one", "\"x\ny\",1\nbad\"q,2\n", {{1, {"x\ny", "1"}}}, {3}},
    {"nul byte refused", std::string("a,b\n1,\0\n", 8), {}, {2}},
    {"latin-1 refused", "a,b\n1,2\nx,caf\xE9\n", {}, {3}},
    {"overlong utf8 refused", "a,\xC0\xAF\n", {}, {1}},
    {"surrogate refused", "a,\xED\xA0\x80\n", {}, {1}},
    {"truncated utf8 refused", "a,\xE4\xB8", {}, {1}},
};

void PrintTo(const ParseCase& c, std::ostream* os) {
  *os << c.name;
}

class CsvParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(CsvParseTest, RecordsAndProblems) {
  const ParseCase& c = GetParam();
  CsvParse got = parse_csv(c.input);
  ASSERT_EQ(got.records.size(), c.records.size());
  for (std::size_t i = 0; i < c.records.size(); ++i) {
    EXPECT_EQ(got.records[i].line, c.records[i].line) << "record " << i;
    EXPECT_EQ(got.records[i].fields, c.records[i].fields) << "record " << i;
  }
  std::vector<std::size_t> lines;
  for (const CsvProblem& p : got.problems) {
    lines.push_back(p.line);
    EXPECT_FALSE(p.message.empty());
  }
  EXPECT_EQ(lines, c.problem_lines);
}

INSTANTIATE_TEST_SUITE_P(Table, CsvParseTest, ::testing::ValuesIn(kCases), [](const auto& info) {
  std::string n = info.param.name;
  for (char& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
});

TEST(CsvParse, UnterminatedQuoteNamesTheOpeningLine) {
  CsvParse got = parse_csv("h\nx\n\"never\nclosed\n");
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_EQ(got.problems[0].line, 3u);
  EXPECT_NE(got.problems[0].message.find("line 3"), std::string::npos) << got.problems[0].message;
}

TEST(CsvWrite, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
  EXPECT_EQ(csv_line({"a", "b,c", ""}), "a,\"b,c\",\r\n");
}

TEST(CsvWrite, WhatIsWrittenReadsBack) {
  std::vector<std::string> fields{"x",        "",    "a,b",  "\"q\"",
                                  "l1\r\nl2", " s ", "社区", "[[1,2],[3,4]]"};
  std::string text = csv_line(fields) + csv_line({"second"});
  CsvParse got = parse_csv(text);
  ASSERT_TRUE(got.problems.empty());
  ASSERT_EQ(got.records.size(), 2u);
  EXPECT_EQ(got.records[0].fields, fields);
  EXPECT_EQ(got.records[1].line, 3u);  // the field with CRLF spans two lines
}

TEST(CsvEncoding, AcceptsUtf8AndNamesTheBadLine) {
  EXPECT_EQ(check_encoding("ok\n双福路\n\xF0\x9F\x98\x80\n").line, 0u);
  EXPECT_EQ(check_encoding("ok\nok\n\xFF\n").line, 3u);
  EXPECT_EQ(check_encoding(std::string("\0", 1)).line, 1u);
  EXPECT_EQ(check_encoding("\xF4\x90\x80\x80").line, 1u);  // above U+10FFFF
}

}  // namespace
}  // namespace weige::io
