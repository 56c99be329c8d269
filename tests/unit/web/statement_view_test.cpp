// Statements shortened for dense tables: by characters, not bytes; at a word boundary when one is
// near the cut; whole when short enough.
#include "web/statement_view.hpp"

#include <gtest/gtest.h>

namespace riskloop::web {
namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

TEST(StatementView, AShortStatementStaysWhole) {
  EXPECT_EQ(shorten("Air embolism", 160), "Air embolism");
  EXPECT_EQ(shorten(std::string(160, 'x'), 160), std::string(160, 'x'));
  EXPECT_EQ(shorten("", 160), "");
}

TEST(StatementView, ALongStatementIsCutAfterTheLastWordThatFits) {
  EXPECT_EQ(shorten("Air enters the line when the set is primed", 20), "Air enters the line…");
  // A comma or space before the cut is not kept before the ellipsis.
  EXPECT_EQ(shorten("Air enters, the line when primed", 12), "Air enters…");
}

TEST(StatementView, AWordTooLongToKeepIsCutAtTheCharacter) {
  EXPECT_EQ(shorten("A " + std::string(50, 'x'), 20), "A " + std::string(18, 'x') + "…");
}

TEST(StatementView, TextWithoutSpacesIsCutByCharactersNotBytes) {
  std::string chinese;
  for (int i = 0; i < 200; ++i) chinese += "危";  // three bytes each
  const auto cut = shorten(chinese, 160);
  EXPECT_EQ(code_points(cut), 161u);  // 160 and the ellipsis
  EXPECT_EQ(cut.substr(0, 3), "危");
  EXPECT_EQ(cut.substr(cut.size() - 3), "…");
}

TEST(StatementView, TheDataKeepsTheFullText) {
  const std::string long_text(200, 'y');
  auto d = statement(long_text, 160);
  EXPECT_TRUE(d["shortened"].is_true());
  EXPECT_EQ(d["full"].string_value(), long_text);
  EXPECT_EQ(d["short"].string_value(), std::string(160, 'y') + "…");
  auto s = statement("short", 160);
  EXPECT_FALSE(s["shortened"].is_true());
}

TEST(StatementView, TheTemplateShowsTheShortTextWithTheFullOneOnHoverAndForScreenReaders) {
  const std::string long_text = "Guidewire & <trapped> " + std::string(200, 'z');
  const auto html = render_template("statement", statement(long_text));
  EXPECT_NE(html.find("title=\"Guidewire &amp; &lt;trapped&gt; " + std::string(200, 'z') + "\""),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span aria-hidden=\"true\">Guidewire &amp; &lt;trapped&gt; z"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"visually-hidden\">Guidewire"), std::string::npos) << html;
  EXPECT_EQ(render_template("statement", statement("Air embolism")), "Air embolism");
}

}  // namespace
}  // namespace riskloop::web
