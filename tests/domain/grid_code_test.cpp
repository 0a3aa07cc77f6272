#include "domain/grid_code.h"

#include <gtest/gtest.h>

namespace weige {
namespace {

TEST(GridCodeTest, ChecksFormKindAndParentPrefix) {
  struct Case {
    const char* code;
    GridKind kind;
    const char* parent;
    bool ok;
  };
  const Case cases[] = {
      {"510108012005000000", GridKind::kGeneralGrid, "", true},
      {"510108012005001000", GridKind::kGrid, "510108012005000000", true},
      {"510108012005901000", GridKind::kExclusiveGrid, "510108012005000000", true},
      {"510108012005001007", GridKind::kMicroGrid, "510108012005001000", true},
      {"510108012005901001", GridKind::kMicroGrid, "510108012005901000", true},
      {"51010801200500100", GridKind::kGrid, "510108012005000000", false},    // 17 digits
      {"51010801200500100x", GridKind::kGrid, "510108012005000000", false},   // not digits
      {"510108012005901000", GridKind::kGrid, "510108012005000000", false},   // exclusive range
      {"510108012005001000", GridKind::kMicroGrid, "510108012005001000", false},
      {"510108012006001000", GridKind::kGrid, "510108012005000000", false},   // other community
      {"510108012005002001", GridKind::kMicroGrid, "510108012005001000", false},
      {"510108012000000000", GridKind::kGeneralGrid, "", false},  // community 000
  };
  for (const auto& c : cases) {
    EXPECT_EQ(check_grid_code(c.code, c.kind, c.parent).empty(), c.ok) << c.code;
  }
}

TEST(GridCodeTest, MakeAndParse) {
  std::string code = make_grid_code("510108012005", 11, 129);
  EXPECT_EQ(code, "510108012005011129");
  auto parsed = parse_grid_code(code);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->grid, "011");
  EXPECT_EQ(kind_of(*parsed), GridKind::kMicroGrid);
}

}  // namespace
}  // namespace weige
