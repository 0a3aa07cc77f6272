#include "domain/mask.h"

#include <gtest/gtest.h>

namespace weige {
namespace {

TEST(MaskTest, Names) {
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name("王"), "王*");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("Li Lei"), "L*****");
}

TEST(MaskTest, PhonesIdsAddresses) {
  EXPECT_EQ(mask_phone("13812341234"), "138****1234");
  EXPECT_EQ(mask_phone("12345"), "***45");
  EXPECT_EQ(mask_id_number("510108199001011234"), "5101**********1234");
  EXPECT_EQ(mask_id_number("51010819900101123X"), "5101**********123X");
  EXPECT_EQ(mask_address("双福路8号3栋2单元1201"), "双福路8号3****");
  EXPECT_EQ(mask_phone(""), "");
}

}  // namespace
}  // namespace weige
