#include "formats/text/unicode_text.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace riskloop::formats {
namespace {

TEST(UnicodeText, NfcComposesWhatWasTypedDecomposed) {
  const std::string decomposed = "Caf" "e\xCC\x81";  // e + U+0301 COMBINING ACUTE ACCENT
  EXPECT_FALSE(is_nfc(decomposed));
  EXPECT_EQ(nfc(decomposed), "Caf\xC3\xA9");  // é
  EXPECT_TRUE(is_nfc(nfc(decomposed)));
  EXPECT_EQ(nfc("支架内血栓形成"), "支架内血栓形成");
  EXPECT_EQ(nfc("plain ascii"), "plain ascii");
  EXPECT_EQ(nfc("\xFF\xFE not utf-8"), "\xFF\xFE not utf-8");  // left for the input rules
  // Hangul jamo compose to a syllable; an emoji with a modifier stays as it is.
  EXPECT_EQ(nfc("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), "\xED\x95\x9C");  // 한
  EXPECT_EQ(nfc("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");
}

TEST(UnicodeText, TerminalWidthCountsWideCharactersTwice) {
  EXPECT_EQ(terminal_width(""), 0u);
  EXPECT_EQ(terminal_width("stent"), 5u);
  EXPECT_EQ(terminal_width("µm"), 2u);
  EXPECT_EQ(terminal_width("支架"), 4u);
  EXPECT_EQ(terminal_width("支架 thrombosis"), 15u);
  EXPECT_EQ(terminal_width("ｓｔｅｎｔ"), 10u);  // fullwidth forms
  EXPECT_EQ(terminal_width("e\xCC\x81"), 1u);     // a combining mark takes no column
  EXPECT_EQ(terminal_width("한국어"), 6u);
  EXPECT_EQ(terminal_width("\xFF"), 1u);
}

TEST(UnicodeText, PrefixOfWidthCutsBetweenCharacters) {
  EXPECT_EQ(prefix_of_width("支架内血栓", 5), "支架");
  EXPECT_EQ(prefix_of_width("支架内血栓", 6), "支架内");
  EXPECT_EQ(prefix_of_width("ab支", 3), "ab");
  EXPECT_EQ(prefix_of_width("abc", 10), "abc");
}

TEST(UnicodeText, ChineseNamesSortInPinyinOrder) {
  // Beijing (bei), Guangzhou (guang), Shanghai (shang), Shenzhen (shen): pinyin order, which is
  // not their code point order (上 U+4E0A < 北 U+5317 < 广 U+5E7F < 深 U+6DF1).
  std::vector<std::string> cities = {"上海", "深圳", "北京", "广州"};
  const TextCollator chinese(Language::zh_hans);
  std::sort(cities.begin(), cities.end(),
            [&](const auto& a, const auto& b) { return chinese.less(a, b); });
  EXPECT_EQ(cities, (std::vector<std::string>{"北京", "广州", "上海", "深圳"}));
  // Sort keys give the same order.
  EXPECT_LT(chinese.sort_key("北京"), chinese.sort_key("上海"));
  EXPECT_LT(chinese.sort_key("上海"), chinese.sort_key("深圳"));
}

TEST(UnicodeText, EnglishOrderIgnoresCaseAndAccentsFirst) {
  std::vector<std::string> names = {"zeta", "Émile", "apple", "Banana", "émile"};
  const TextCollator english(Language::en);
  std::sort(names.begin(), names.end(),
            [&](const auto& a, const auto& b) { return english.less(a, b); });
  EXPECT_EQ(names[0], "apple");
  EXPECT_EQ(names[1], "Banana");
  EXPECT_EQ(names[4], "zeta");
  EXPECT_NE(english.compare("émile", "Émile"), 0);  // distinct, so the order is stable
}

}  // namespace
}  // namespace riskloop::formats
