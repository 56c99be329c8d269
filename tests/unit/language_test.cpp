#include "core/language.hpp"

#include <gtest/gtest.h>

namespace riskloop {
namespace {

TEST(Language, TagsAndLocaleNamesNameALanguage) {
  EXPECT_EQ(language_of_tag("en"), Language::en);
  EXPECT_EQ(language_of_tag("EN-gb"), Language::en);
  EXPECT_EQ(language_of_tag("zh"), Language::zh_hans);
  EXPECT_EQ(language_of_tag("zh-CN"), Language::zh_hans);
  EXPECT_EQ(language_of_tag("zh-Hans-CN"), Language::zh_hans);
  EXPECT_EQ(language_of_tag("zh_CN.UTF-8"), Language::zh_hans);
  EXPECT_EQ(language_of_tag("zh-TW"), Language::zh_hans);
  EXPECT_EQ(language_of_tag("de-DE"), std::nullopt);
  EXPECT_EQ(language_of_tag("*"), std::nullopt);
  EXPECT_EQ(language_of_tag(""), std::nullopt);
  EXPECT_EQ(language_of_tag("zhx"), std::nullopt);
}

TEST(Language, AcceptLanguagePicksTheHighestQualityWeHave) {
  EXPECT_EQ(negotiate_language(""), Language::en);
  EXPECT_EQ(negotiate_language("zh-CN,zh;q=0.9,en;q=0.8"), Language::zh_hans);
  EXPECT_EQ(negotiate_language("en-US,en;q=0.9,zh-CN;q=0.8"), Language::en);
  EXPECT_EQ(negotiate_language("de-DE, zh;q=0.5, en;q=0.4"), Language::zh_hans);
  EXPECT_EQ(negotiate_language("de, fr;q=0.9"), Language::en);  // none we have
  EXPECT_EQ(negotiate_language("zh;q=0, en;q=0.1"), Language::en);  // q=0 refuses
  EXPECT_EQ(negotiate_language("en;q=0.5, zh;q=0.5"), Language::en);  // first of equals
  EXPECT_EQ(negotiate_language("zh;q=abc, en;q=0.2"), Language::en);  // malformed: ignored
  EXPECT_EQ(negotiate_language("zh;q=1.5"), Language::en);
  EXPECT_EQ(negotiate_language(" ZH-cn ; Q=0.7 ,,"), Language::zh_hans);
}

TEST(Language, TheLocaleVariablesDecideInPosixOrder) {
  EXPECT_EQ(language_of_locale("", "", ""), Language::en);
  EXPECT_EQ(language_of_locale("", "", "zh_CN.UTF-8"), Language::zh_hans);
  EXPECT_EQ(language_of_locale("", "en_US.UTF-8", "zh_CN.UTF-8"), Language::en);
  EXPECT_EQ(language_of_locale("zh_CN.UTF-8", "en_US.UTF-8", ""), Language::zh_hans);
  EXPECT_EQ(language_of_locale("C", "", "zh_CN.UTF-8"), Language::en);  // C decides: English
  EXPECT_EQ(language_of_tag(language_tag(Language::zh_hans)), Language::zh_hans);
}

}  // namespace
}  // namespace riskloop
