// Identity pieces and the random source of the demo generator.

#include "demo/names.h"

#include <gtest/gtest.h>

#include <set>

#include "demo/rng.h"
#include "service/people_service.h"

namespace weige::demo {
namespace {

TEST(IdCheckDigit, MatchesPublishedExamples) {
  // The worked example of GB 11643-1999, and two more with digit checks.
  EXPECT_EQ(id_check_digit("11010519491231002"), 'X');
  EXPECT_EQ(id_check_digit("44052418800101001"), '4');
  EXPECT_EQ(id_check_digit("51010819800101002"), '8');
  EXPECT_TRUE(id_number_checks("11010519491231002X"));
  EXPECT_FALSE(id_number_checks("110105194912310021"));
  EXPECT_FALSE(id_number_checks("11010519491231002"));
}

TEST(IdentityMaker, IdNumbersAreValidUniqueAndCarryBirthAndGender) {
  Rng rng(1);
  IdentityMaker maker;
  std::set<std::string> seen;
  for (int i = 0; i < 20000; ++i) {
    bool male = i % 2 == 0;
    int year = 1930 + i % 90;
    std::string id = maker.id_number(rng, i % 3 ? Origin::kResident : Origin::kTenant, year, male);
    ASSERT_TRUE(id_number_checks(id)) << id;
    ASSERT_TRUE(service::valid_id_number(id)) << id;
    EXPECT_EQ(std::stoi(id.substr(6, 4)), year);
    int month = std::stoi(id.substr(10, 2));
    int day = std::stoi(id.substr(12, 2));
    EXPECT_TRUE(month >= 1 && month <= 12 && day >= 1 && day <= 31) << id;
    EXPECT_EQ((id[16] - '0') % 2 == 1, male) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
  }
}

TEST(IdentityMaker, PhonesAreElevenDigitMobilesAndUnique) {
  Rng rng(2);
  IdentityMaker maker;
  std::set<std::string> seen;
  for (int i = 0; i < 20000; ++i) {
    std::string phone = maker.phone(rng);
    ASSERT_EQ(phone.size(), 11u) << phone;
    EXPECT_EQ(phone[0], '1');
    EXPECT_EQ(phone.find_first_not_of("0123456789"), std::string::npos);
    EXPECT_TRUE(seen.insert(phone).second) << "duplicate " << phone;
  }
}

TEST(Names, AreChineseAndVaried) {
  Rng rng(3);
  std::set<std::string> surnames, given;
  for (int i = 0; i < 2000; ++i) {
    std::string s = random_surname(rng);
    std::string g = random_given_name(rng, i % 2 == 0);
    EXPECT_TRUE(s.size() == 3 || s.size() == 6) << s;  // one or two characters
    EXPECT_TRUE(g.size() == 3 || g.size() == 6) << g;
    surnames.insert(s);
    given.insert(g);
  }
  EXPECT_GT(surnames.size(), 60u);
  EXPECT_GT(given.size(), 500u);
  EXPECT_EQ(subdistrict_name(0), "万年场街道");
  EXPECT_EQ(community_name(0), "双福路社区");
  EXPECT_NE(community_name(1), community_name(37));
  EXPECT_EQ(strip_suffix("双福路社区", "社区"), "双福路");
  EXPECT_EQ(strip_suffix("社区", "社区"), "社区");
  EXPECT_EQ(strip_suffix("润街", "社区"), "润街");
}

TEST(Names, CompoundAndBusinessNamesAreUniqueWithinASet) {
  Rng rng(4);
  std::unordered_set<std::string> compounds, businesses;
  for (int i = 0; i < 500; ++i) compound_name(rng, compounds);
  EXPECT_EQ(compounds.size(), 500u);
  for (int i = 0; i < 300; ++i) business_name(rng, BusinessSite::kShopStreet, businesses);
  EXPECT_EQ(businesses.size(), 300u);
}

TEST(Rng, StaysInRangeAndIsFixedBySeed) {
  Rng a(20261129), b(20261129);
  for (int i = 0; i < 10000; ++i) {
    int x = a.range(-3, 7);
    ASSERT_GE(x, -3);
    ASSERT_LE(x, 7);
    ASSERT_EQ(x, b.range(-3, 7));
  }
  EXPECT_EQ(Rng(5).range(std::int64_t{0}, std::int64_t{0}), 0);
  // The engine's output sequence is fixed by the standard (the 10000th value
  // of a default-seeded mt19937_64), so our integers are the same everywhere.
  std::mt19937_64 engine;
  engine.discard(9999);
  EXPECT_EQ(engine(), 9981545732273789042ULL);
}

TEST(Rng, GoldenSequence) {
  // Pinned output: a change here changes every generated demo.
  Rng rng(42);
  std::vector<std::int64_t> got;
  for (int i = 0; i < 6; ++i) got.push_back(rng.range(std::int64_t{0}, std::int64_t{999}));
  EXPECT_EQ(got, (std::vector<std::int64_t>{406, 824, 450, 662, 381, 428}));
}

TEST(Rng, DerivedSeedsDiffer) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t tag = 0; tag < 1000; ++tag) seeds.insert(derive_seed(7, tag));
  EXPECT_EQ(seeds.size(), 1000u);
  EXPECT_NE(derive_seed(7, 0), derive_seed(8, 0));
}

}  // namespace
}  // namespace weige::demo
