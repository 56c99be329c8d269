#include <gtest/gtest.h>

#include "core/text_rules.hpp"

namespace riskloop {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("stent"));
  EXPECT_TRUE(is_valid_utf8("支架 – Stent ✓ 𝄞"));
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("abc\xc3"));           // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated 3-byte
}

TEST(CheckText, SaysWhatIsWrongAndWhere) {
  auto r = check_text("/name", "", {.min_length = 1});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/name");
  EXPECT_EQ(r.error().message, "must not be empty");

  r = check_text("/name", "a\nb", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "must be a single line of text");

  EXPECT_TRUE(check_text("/description", "a\nb", {.multiline = true}));

  r = check_text("/model", std::string(5, 'x'), {.max_length = 4});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "must have at most 4 characters (has 5)");

  // Length counts characters, not bytes.
  EXPECT_TRUE(check_text("/name", "支架支架", {.max_length = 4}));
}

TEST(CheckEmail, AcceptsLowerCaseAddressesOnly) {
  EXPECT_TRUE(check_email("/email", "qa.lead+risk@example.org"));
  EXPECT_FALSE(check_email("/email", "Admin@example.org"));
  EXPECT_FALSE(check_email("/email", "no-at-sign.example.org"));
  EXPECT_FALSE(check_email("/email", "a@b@example.org"));
  EXPECT_FALSE(check_email("/email", "a@localhost"));
  EXPECT_FALSE(check_email("/email", "a'; DROP TABLE users;--@x.org"));
}

}  // namespace
}  // namespace riskloop
