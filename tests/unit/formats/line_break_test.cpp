// Line breaking by UAX #14 (ICU): break opportunities between CJK ideographs, never before
// closing punctuation "，。、）" nor after "（", after spaces and hyphens in Latin text; and
// wrap_text keeping lines inside their width with the DejaVu Sans and Noto Sans CJK fonts.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "formats/pdf/line_break.hpp"
#include "formats/pdf/pdf_text.hpp"
#include "formats/pdf/utf8_decode.hpp"
#include "formats/report/rmr_pdf.hpp"

namespace riskloop::formats::pdf {
namespace {

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  for (std::size_t at = 0; at < utf8.size();) out += next_code_point(utf8, at);
  return out;
}

// The text with "|" at every break opportunity.
std::string marked(std::string_view utf8) {
  const auto text = decode(utf8);
  std::vector<std::uint8_t> before;
  LineBreaks breaks;
  breaks.find(text, before);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (before[i]) out += '|';
    append_utf8(out, text[i]);
  }
  return out;
}

TEST(LineBreak, CjkBreaksBetweenIdeographs) {
  EXPECT_EQ(marked("支架内血栓形成"), "支|架|内|血|栓|形|成");
  EXPECT_EQ(marked("支架內血栓"), "支|架|內|血|栓");
  EXPECT_EQ(marked("ステント"), "ス|テ|ン|ト");
}

TEST(LineBreak, NeverBeforeClosingNorAfterOpeningPunctuation) {
  const auto m = marked("患者（例如）停药，支架、血栓。形成");
  EXPECT_EQ(m, "患|者|（例|如）|停|药，|支|架、|血|栓。|形|成");
  for (const char* closing : {"|，", "|。", "|、", "|）"})
    EXPECT_EQ(m.find(closing), std::string::npos) << closing;
  EXPECT_EQ(m.find("（|"), std::string::npos);
}

TEST(LineBreak, LatinBreaksAtSpacesAndHyphensOnly) {
  EXPECT_EQ(marked("well-known stent thrombosis"), "well-|known |stent |thrombosis");
  EXPECT_EQ(marked("Тромбоз стента"), "Тромбоз |стента");
  EXPECT_EQ(marked("x"), "x");
  EXPECT_EQ(marked(""), "");
}

TEST(LineBreak, MixedLatinAndChineseBreakAroundTheIdeographs) {
  EXPECT_EQ(marked("ISO 14971风险管理"), "ISO |14971|风|险|管|理");
}

// Real fonts: lines fit, no line starts with closing punctuation, nothing is lost.
TEST(LineBreak, WrapTextKeepsChineseLinesInsideTheWidth) {
  const RmrPdfOptions o;
  auto dejavu = OpenTypeFont::load(o.font_directory / o.regular_font);
  auto noto = OpenTypeFont::load(o.cjk_font_directory / o.cjk_regular_font, o.cjk_family);
  ASSERT_TRUE(dejavu) << dejavu.error().message;
  ASSERT_TRUE(noto) << noto.error().message << " (scripts/setup-deps.sh installs fonts-noto-cjk)";
  EXPECT_TRUE(noto->cff());
  EXPECT_EQ(noto->family(), "Noto Sans CJK SC");
  PdfFont regular(*dejavu), cjk(*noto);
  FontSet fonts({{&regular, {}}, {&cjk, {}}}, {{&regular, {}}});
  const std::string text = "患者在植入支架后，由于抗血小板治疗中断（例如因手术或出血而停药）、支架贴壁不良。";
  const TextStyle style{Face::regular, 10, 0};
  for (double width : {50.0, 73.0, 101.0, 155.0}) {
    std::vector<TextLine> lines;
    wrap_text(fonts, style, text, width, lines);
    ASSERT_GE(lines.size(), 2u);
    std::size_t glyphs = 0;
    for (const auto& line : lines) {
      EXPECT_LE(line.width, width + 1e-9);
      glyphs += line.glyphs.size();
      // Every CJK character is drawn with the CJK font (index 1), not DejaVu's box.
      for (const auto& g : line.glyphs) EXPECT_EQ(g.font, 1) << "width " << width;
    }
    EXPECT_EQ(glyphs, decode(text).size());
    // Where a line ends and the next begins: the next never starts with "，" "）" "、" "。".
    const auto comma = fonts.glyph(Face::regular, U'，', {}, 0);
    const auto paren = fonts.glyph(Face::regular, U'）', {}, 0);
    const auto open = fonts.glyph(Face::regular, U'（', {}, 0);
    for (std::size_t i = 1; i < lines.size(); ++i) {
      EXPECT_NE(lines[i].glyphs.front().cid, comma.cid);
      EXPECT_NE(lines[i].glyphs.front().cid, paren.cid);
      EXPECT_NE(lines[i - 1].glyphs.back().cid, open.cid);
    }
  }
  EXPECT_TRUE(fonts.undrawable().empty());
  EXPECT_FALSE(fonts.right_to_left());
}

}  // namespace
}  // namespace riskloop::formats::pdf
