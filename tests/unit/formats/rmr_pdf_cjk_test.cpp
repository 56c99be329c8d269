// The PDF report of a risk file written in Chinese, with Japanese, Korean, Greek and Cyrillic
// lines, read back with poppler: real glyphs (no .notdef: every character rendered by pdftoppm
// looks different from every other), the CJK font embedded as a subset (pdffonts), the text
// extracted as written (pdftotext), long Chinese statements wrapped inside their cell by UAX #14;
// right-to-left text refused with its position, a missing CJK font named, characters no font has
// drawn visibly and listed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <cmath>
#include <map>
#include <regex>

#include "core/risk/file_index.hpp"
#include "formats/report/rmr_pdf.hpp"
#include "report_fixture.hpp"

namespace riskloop::formats {
namespace {

namespace fs = std::filesystem;
using testdata::ReportFixture;

// Each of these is a word of its own (spaces between), so pdftotext -bbox boxes it alone.
const std::vector<std::string> kSeparateCharacters = {
    "支", "架", "内", "血", "栓", "形", "成",  // simplified Chinese
    "內", "險",                               // traditional Chinese
    "ス", "テ", "ン",                         // Japanese katakana
    "스", "텐", "트",                         // Korean hangul
    "Θ", "λ", "Ж", "Я", "A"};
const std::string kStatement =
    "患者在植入支架后，由于抗血小板治疗中断（例如因手术或出血而停药）、支架贴壁不良或内皮化延迟，"
    "可能在支架内形成血栓，导致急性心肌梗死、心源性猝死或需要紧急再次血运重建。这一风险在植入后的"
    "最初三十天内最高，但在晚期和极晚期仍然存在。";
const std::vector<std::string> kTitles = {
    "支架内血栓形成",                      // stent thrombosis
    "支架內血栓形成與再狹窄風險",          // traditional
    "ステント内血栓症（日本語）",          // Japanese
    "스텐트 내 혈전증",                    // Korean
    "Θρόμβωση εντός του stent",            // Greek
    "Тромбоз стента после имплантации",  // Cyrillic
};

std::string run(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  std::string out;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

std::string without_spaces(std::string s) {
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\r'; });
  return s;
}

// The report of the Chinese risk file, written to a file of its own, removed at the end.
class ChineseReport : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(RmrPdfOptions{}.cjk_font_directory / RmrPdfOptions{}.cjk_regular_font))
      FAIL() << "Noto Sans CJK is missing: scripts/setup-deps.sh installs fonts-noto-cjk";
    for (std::size_t i = 0; i < kTitles.size(); ++i)
      f_.sample.hazard("HZ" + std::to_string(i), kTitles[i], "血栓");
    std::string separate;
    for (const auto& c : kSeparateCharacters) separate += c + " ";
    f_.sample.hazard("HS", separate, "字");
    f_.sample.s.hazards.front().description = kStatement;
    f_.sample.situation("SZ", "支架植入后双联抗血小板治疗过早中断", 0.01);
    f_.sample.harm("MZ", "急性心肌梗死", 4);
    f_.sample.s.file.title = "冠状动脉支架系统";
    f_.assessments = risk::assess_risks(risk::RiskFileIndex(f_.sample.s), f_.policy);
    auto pdf = render_rmr_pdf(f_.data());
    ASSERT_TRUE(pdf) << pdf.error().message;
    path_ = fs::temp_directory_path() / ("riskloop-cjk-" + std::to_string(::getpid()) + "-" +
                                         testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(path_);
    std::ofstream(path_ / "report.pdf", std::ios::binary) << *pdf;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string pdf() const { return "'" + (path_ / "report.pdf").string() + "'"; }

  ReportFixture f_;
  fs::path path_;
};

TEST_F(ChineseReport, PdffontsListsTheCjkFontEmbeddedAsASubset) {
  const auto fonts = run("pdffonts " + pdf());
  // "ABCDEF+NotoSansCJKsc-Regular  CID Type 0C  Identity-H  yes yes yes ..."
  EXPECT_TRUE(std::regex_search(
      fonts, std::regex("[A-Z]{6}\\+NotoSansCJKsc-Regular +CID Type 0C +Identity-H +yes +yes +yes")))
      << fonts;
  EXPECT_TRUE(std::regex_search(
      fonts, std::regex("[A-Z]{6}\\+DejaVuSans +CID TrueType +Identity-H +yes +yes +yes")))
      << fonts;
}

TEST_F(ChineseReport, PdftotextGivesTheTextBack) {
  const auto text = without_spaces(run("pdftotext -enc UTF-8 " + pdf() + " -"));
  for (const auto& t : kTitles) EXPECT_NE(text.find(without_spaces(t)), std::string::npos) << t;
  EXPECT_NE(text.find(without_spaces(kStatement)), std::string::npos);
  EXPECT_NE(text.find("支架植入后双联抗血小板治疗过早中断"), std::string::npos);
  EXPECT_NE(text.find("急性心肌梗死"), std::string::npos);
  EXPECT_NE(text.find("冠状动脉支架系统"), std::string::npos);
  const auto info = run("pdfinfo " + pdf());
  EXPECT_NE(info.find("Risk management report: 冠状动脉支架系统"), std::string::npos) << info;
}

TEST_F(ChineseReport, LongChineseStatementWrapsInsideItsCellByUax14) {
  // The statement's lines, as pdftotext -bbox-layout boxes them.
  const auto xml = run("pdftotext -enc UTF-8 -bbox-layout " + pdf() + " -");
  const std::regex line_re("<line xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\"[^>]*>"
                           "([\\s\\S]*?)</line>");
  const std::regex word_re(">([^<]*)</word>");
  std::vector<std::string> lines;
  std::vector<double> left, right;
  const auto whole = without_spaces(kStatement);
  std::size_t joined_size = 0;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), line_re);
       it != std::sregex_iterator() && joined_size < whole.size(); ++it) {
    std::string words;
    const std::string body = (*it)[3];
    for (auto w = std::sregex_iterator(body.begin(), body.end(), word_re);
         w != std::sregex_iterator(); ++w)
      words += (*w)[1];
    const double x = std::stod((*it)[1]);
    // From the statement's first line on, the lines in its cell (same left edge); lines of
    // other cells in between are skipped.
    if (lines.empty() ? !words.starts_with("患者在") : std::abs(x - left[0]) > 1.0) continue;
    lines.push_back(words);
    joined_size += words.size();
    left.push_back(x);
    right.push_back(std::stod((*it)[2]));
  }
  ASSERT_GE(lines.size(), 3u) << "the statement wraps over several lines";
  std::string joined;
  for (const auto& l : lines) joined += l;
  EXPECT_EQ(joined, whole) << "every character, in order, once";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LT(right[i] - left[i], 320.0) << "inside the description column: " << lines[i];
    for (const char* closing : {"，", "。", "、", "）"})
      EXPECT_NE(lines[i].rfind(closing, 0), 0u) << "no line starts with " << closing;
    EXPECT_FALSE(lines[i].ends_with("（")) << "no line ends with （: " << lines[i];
  }
}

// pdftoppm renders the page; each character of kSeparateCharacters is cut out by its box from
// pdftotext -bbox and reduced to a 12 x 12 ink pattern. A .notdef glyph is the same empty box
// for every character: distinct characters with equal patterns, or no ink, would be boxes.
TEST_F(ChineseReport, PdftoppmDrawsEveryCharacterWithARealGlyph) {
  const auto xml = run("pdftotext -enc UTF-8 -bbox " + pdf() + " -");
  // Page of the separate characters: the page whose words include all of them. Pages are cut
  // with find: a regular expression over a whole page recurses once per character in libstdc++.
  const std::regex word_re(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)"
      "</word>");
  int page = 0, found = 0;
  std::map<std::string, std::array<double, 4>> boxes;
  for (std::size_t at = xml.find("<page "); at != std::string::npos;
       at = xml.find("<page ", at)) {
    const auto open_end = xml.find('>', at);
    const auto close = open_end == std::string::npos ? open_end : xml.find("</page>", open_end);
    if (close == std::string::npos) break;
    ++page;
    const std::string body = xml.substr(open_end + 1, close - open_end - 1);
    at = close;
    std::map<std::string, std::array<double, 4>> here;
    for (auto w = std::sregex_iterator(body.begin(), body.end(), word_re);
         w != std::sregex_iterator(); ++w)
      here.emplace((*w)[5], std::array<double, 4>{std::stod((*w)[1]), std::stod((*w)[2]),
                                                  std::stod((*w)[3]), std::stod((*w)[4])});
    bool all = true;
    for (const auto& c : kSeparateCharacters) all = all && here.count(c) > 0;
    if (all) {
      found = page;
      boxes = here;
      break;
    }
  }
  ASSERT_GT(found, 0) << "no page shows every character as a word of its own";
  constexpr int kDpi = 288;  // 4 pixels per point
  const auto prefix = (path_ / "page").string();
  run("pdftoppm -gray -r " + std::to_string(kDpi) + " -f " + std::to_string(found) + " -l " +
      std::to_string(found) + " -singlefile " + pdf() + " '" + prefix + "'");
  std::ifstream in(prefix + ".pgm", std::ios::binary);
  ASSERT_TRUE(in) << "pdftoppm wrote no image";
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  ASSERT_EQ(magic, "P5");
  std::string pixels(static_cast<std::size_t>(width) * height, '\0');
  in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
  const auto ink = [&](int x, int y) {
    return 255 - static_cast<unsigned char>(pixels[static_cast<std::size_t>(y) * width + x]);
  };
  std::map<std::vector<int>, std::string> patterns;
  for (const auto& c : kSeparateCharacters) {
    const auto& b = boxes.at(c);
    const int x0 = static_cast<int>(b[0] * kDpi / 72), y0 = static_cast<int>(b[1] * kDpi / 72);
    const int x1 = static_cast<int>(b[2] * kDpi / 72), y1 = static_cast<int>(b[3] * kDpi / 72);
    ASSERT_TRUE(x1 > x0 && y1 > y0 && x1 <= width && y1 <= height) << c;
    std::vector<int> pattern(144, 0);
    long total = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        const int v = ink(x, y);
        total += v;
        pattern[static_cast<std::size_t>((y - y0) * 12 / (y1 - y0) * 12 + (x - x0) * 12 / (x1 - x0))] += v;
      }
    EXPECT_GT(total, 0) << c << " has no ink";
    for (auto& v : pattern) v = v > 0 ? 1 + v / 4096 : 0;  // coarse, so anti-aliasing noise is equal
    const auto [it, fresh] = patterns.emplace(pattern, c);
    EXPECT_TRUE(fresh) << c << " is drawn like " << it->second << ": a .notdef box";
  }
}

RmrData with_text(ReportFixture& f, const std::string& title) {
  f.sample.hazard("HR", title, "x");
  f.assessments = risk::assess_risks(risk::RiskFileIndex(f.sample.s), f.policy);
  return f.data();
}

TEST(RmrPdfScripts, RightToLeftTextIsRefusedNamingTheCharacterAndWhereItIs) {
  for (const auto& [text, character, code, position] :
       {std::tuple{std::string("Risk: \xD8\xAE\xD8\xB7\xD8\xB1"), std::string("\xD8\xAE"),
                   std::string("U+062E ARABIC LETTER KHAH"), std::string("character 7 of")},
        std::tuple{std::string("\xD7\xA1\xD7\x9B\xD7\xA0\xD7\x94"), std::string("\xD7\xA1"),
                   std::string("U+05E1 HEBREW LETTER SAMEKH"), std::string("character 1 of")}}) {
    ReportFixture f;
    const auto pdf = render_rmr_pdf(with_text(f, text));
    ASSERT_FALSE(pdf) << text;
    EXPECT_EQ(pdf.error().code, ErrorCode::validation);
    const auto& m = pdf.error().message;
    EXPECT_NE(m.find("right-to-left"), std::string::npos) << m;
    EXPECT_NE(m.find("\"" + character + "\" (" + code + ")"), std::string::npos) << m;
    EXPECT_NE(m.find(position + " \"" + text + "\""), std::string::npos) << m;
    EXPECT_NE(m.find("in section \"5 Hazards"), std::string::npos) << m;
  }
}

TEST(RmrPdfScripts, AMissingCjkFontIsNamedOnlyWhenChineseTextNeedsIt) {
  RmrPdfOptions options;
  options.cjk_font_directory = "/nonexistent/noto";
  ReportFixture plain;
  plain.sample.s.harms[1].title = "Unicode harm";  // was "... 日本"
  plain.assessments = risk::assess_risks(risk::RiskFileIndex(plain.sample.s), plain.policy);
  EXPECT_TRUE(render_rmr_pdf(plain.data(), options)) << "no CJK character: no CJK font needed";

  ReportFixture f;
  const auto pdf = render_rmr_pdf(with_text(f, "支架内血栓形成"), options);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::not_found);
  const auto& m = pdf.error().message;
  EXPECT_NE(m.find("/nonexistent/noto/NotoSansCJK-Regular.ttc"), std::string::npos) << m;
  EXPECT_NE(m.find("fonts-noto-cjk"), std::string::npos) << m;
  EXPECT_NE(m.find("Noto Sans CJK SC"), std::string::npos) << m;
}

TEST(RmrPdfScripts, ACharacterNoFontHasIsDrawnAsReplacementAndListed) {
  ReportFixture f;
  const std::string ugaritic = "\xF0\x90\x8E\x80";  // U+10380 UGARITIC LETTER ALPA
  const auto pdf = render_rmr_pdf(with_text(f, "tablet " + ugaritic + " sign"));
  ASSERT_TRUE(pdf) << pdf.error().message;
  const auto path = fs::temp_directory_path() / ("riskloop-undrawable-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << *pdf;
  const auto text = run("pdftotext -enc UTF-8 '" + path.string() + "' -");
  fs::remove(path);
  EXPECT_NE(text.find("Characters without a glyph"), std::string::npos);
  EXPECT_NE(text.find("U+10380 UGARITIC LETTER ALPA"), std::string::npos) << "listed by name";
  EXPECT_NE(text.find("tablet " + ugaritic + " sign"), std::string::npos) << "extracts as written";
}

}  // namespace
}  // namespace riskloop::formats
