// Times go out as local (UTC+8) ISO 8601 with their offset, formatted by hand
// in case_dto.cpp; these are checked against Python's datetime.
#include <gtest/gtest.h>

#include "http/case_dto.h"

namespace weige::http {
namespace {

TEST(TimeJsonTest, WritesLocalTimeWithItsOffset) {
  EXPECT_EQ(time_json(Seconds{0}), "1970-01-01T08:00:00+08:00");
  EXPECT_EQ(time_json(Seconds{1795987495}), "2026-11-30T05:24:55+08:00");  // the next local day
  EXPECT_EQ(time_json(Seconds{1700057599}), "2023-11-15T22:13:19+08:00");
  EXPECT_EQ(time_json(Seconds{951854400}), "2000-03-01T04:00:00+08:00");  // after a leap day
  EXPECT_TRUE(time_json(std::nullopt).is_null());
}

}  // namespace
}  // namespace weige::http
