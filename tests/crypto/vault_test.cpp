#include "crypto/vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "support/test_server.h"

namespace weige::crypto {
namespace {

TEST(VaultTest, SealsAndUnsealsWithFreshNonces) {
  Vault v = Vault::random_for_test();
  std::string a = v.seal("13812341234");
  std::string b = v.seal("13812341234");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find("13812341234"), std::string::npos);
  EXPECT_EQ(*v.unseal(a), "13812341234");
  EXPECT_EQ(v.seal(""), "");
  EXPECT_EQ(*v.unseal(""), "");
}

TEST(VaultTest, AnotherKeyOrTamperingFailsToOpen) {
  Vault v = Vault::random_for_test();
  Vault other = Vault::random_for_test();
  std::string sealed = v.seal("张三");
  EXPECT_FALSE(other.unseal(sealed));
  sealed.back() ^= 1;
  EXPECT_FALSE(v.unseal(sealed));
}

TEST(VaultTest, BlindIndexIsKeyedAndDeterministic) {
  Vault v = Vault::random_for_test();
  Vault other = Vault::random_for_test();
  EXPECT_EQ(v.blind_index("x"), v.blind_index("x"));
  EXPECT_NE(v.blind_index("x"), v.blind_index("y"));
  EXPECT_NE(v.blind_index("x"), other.blind_index("x"));
}

TEST(VaultTest, KeyFileIsCreatedPrivateAndReused) {
  testing::TempDir dir;
  ::unsetenv("WEIGE_KEY");
  std::string path = dir.file("k.key");
  EXPECT_FALSE(Vault::open(path, false));
  auto a = Vault::open(path, true);
  ASSERT_TRUE(a);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto b = Vault::open(path, false);
  ASSERT_TRUE(b);
  EXPECT_EQ(*b->unseal(a->seal("secret")), "secret");
}

TEST(VaultTest, PhonesNormalise) {
  EXPECT_EQ(normalise_phone("+86 138-1234-1234"), "13812341234");
  EXPECT_EQ(normalise_phone("028 8888 1234"), "02888881234");
}

}  // namespace
}  // namespace weige::crypto
