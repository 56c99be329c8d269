// Risk management report as PDF, read back with poppler's pdftotext and pdfinfo: every section and
// the title block, "page N of M" on every page, table headers repeated on the pages a long table
// continues on, heat maps with counts and verdicts in words, hostile and non-Latin text extracted
// as written, a readable error for a missing font, and the same bytes for the same data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "core/risk/file_index.hpp"
#include "formats/report/heat_map_svg.hpp"
#include "formats/report/rmr_pdf.hpp"
#include "report_fixture.hpp"
#include "sample_risk_file.hpp"

namespace riskloop::formats {
namespace {

namespace fs = std::filesystem;
using testdata::kHash;
using testdata::ReportFixture;

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

#define REQUIRE_POPPLER()                                                \
  if (!have("pdftotext") || !have("pdfinfo"))                            \
  GTEST_SKIP() << "pdftotext and pdfinfo (poppler-utils) are installed " \
                  "by scripts/setup-deps.sh"

// The PDF in a file of its own (tests run in parallel), removed at the end.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("riskloop-rmr-" + std::to_string(::getpid()) + "-" + test->name() + ".pdf");
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  // Output of `tool args path -`, and its exit status.
  std::pair<std::string, int> run(const std::string& tool, const std::string& args) const {
    const auto command = tool + " " + args + " '" + path_.string() + "' " +
                         (tool == "pdftotext" ? "- " : "") + "2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string out;
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      out.append(buffer, n);
    const int status = ::pclose(pipe);
    return {out, status};
  }
  // The text of pages `first` to `last` (1-based; 0: all), whitespace runs as one space.
  std::string text(int first = 0, int last = 0) const {
    std::string args = "-enc UTF-8";
    if (first > 0) args += " -f " + std::to_string(first) + " -l " + std::to_string(last);
    return std::regex_replace(run("pdftotext", args).first, std::regex("\\s+"), " ");
  }
  int pages() const {
    std::smatch m;
    const auto info = run("pdfinfo", "").first;
    return std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(m[1]) : 0;
  }

 private:
  fs::path path_;
};

std::string render(const RmrData& data) {
  auto pdf = render_rmr_pdf(data);
  EXPECT_TRUE(pdf) << pdf.error().message;
  return pdf ? *pdf : std::string();
}

TEST(RmrPdf, IsAValidA4DocumentThatPdfinfoReads) {
  REQUIRE_POPPLER();
  const ReportFixture f;
  const auto bytes = render(f.data());
  ASSERT_EQ(bytes.rfind("%PDF-1.7", 0), 0u);
  const PdfFile pdf(bytes);
  const auto [info, status] = pdf.run("pdfinfo", "");
  EXPECT_EQ(status, 0) << info;
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("Producer:        riskloop"), std::string::npos) << info;
  EXPECT_EQ(info.find("Syntax Error"), std::string::npos) << info;
  // pdftotext reports damage on stderr, which run() keeps.
  const auto [text, text_status] = pdf.run("pdftotext", "");
  EXPECT_EQ(text_status, 0);
  EXPECT_EQ(text.find("Error"), std::string::npos) << text.substr(0, 400);
  if (have("qpdf")) {
    const auto [check, qpdf_status] = pdf.run("qpdf", "--check");
    EXPECT_EQ(qpdf_status, 0) << check;
  }
}

TEST(RmrPdf, HasTheTitleBlockEverySectionAndTheJournalHeadHash) {
  REQUIRE_POPPLER();
  const ReportFixture f;
  const PdfFile pdf(render(f.data()));
  const auto text = pdf.text();
  for (const char* expected : {
           "Risk management report",
           "Contents",
           "1 Risk management plan (ISO 14971 4.4)",
           "2 Device, intended use and safety characteristics (ISO 14971 5.1-5.3)",
           "3 Risk acceptability criteria",
           "4 Risk matrix before and after risk control",
           "5 Hazards (ISO 14971 5.4)",
           "6 Hazardous situations (ISO 14971 5.4)",
           "7 Harms",
           "8 Risk estimation and evaluation (ISO 14971 5.5, 6)",
           "9 Risk controls and their verification",
           "10 Benefit-risk analyses (ISO 14971 7.4)",
           "11 Overall residual risk (ISO 14971 8)",
           "12 Risk management reviews (ISO 14971 9)",
           "13 Stage gates",
           "14 Traceability (ISO 14971 4.5)",
           "15 Electronic signatures (21 CFR 11.50)",
           "16 Record integrity",
           "Electrical energy: leakage current",  // a hazard
           "Patient touches the device",          // a situation
           "Stent <XL>",                          // the product
           "MedCo & Partners",
           "Dr. Ann Smith \xE2\x80\x94 approval",  // a signature with its meaning
           "Not signed.",
       })
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  EXPECT_NE(text.find("Journal head hash " + kHash), std::string::npos);
}

TEST(RmrPdf, EveryPageSaysPageNOfM) {
  REQUIRE_POPPLER();
  const ReportFixture f;
  const PdfFile pdf(render(f.data()));
  const int pages = pdf.pages();
  ASSERT_GT(pages, 3);
  for (int page = 1; page <= pages; ++page) {
    const auto expected = "page " + std::to_string(page) + " of " + std::to_string(pages);
    EXPECT_NE(pdf.text(page, page).find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(pdf.text(1, 1).find("page 1 of " + std::to_string(pages)), std::string::npos);
}

TEST(RmrPdf, LongTablesRepeatTheirHeaderOnEveryPage) {
  REQUIRE_POPPLER();
  testdata::SampleFile sample;
  sample.s = testdata::large_file(400, 2);
  const auto policy = testdata::compiled_policy();
  const auto assessments = risk::assess_risks(risk::RiskFileIndex(sample.s), policy);
  const PdfFile pdf(render({.snapshot = sample.s,
                            .policy = policy,
                            .assessments = assessments,
                            .journal_head_hash = kHash}));
  const int pages = pdf.pages();
  std::vector<std::string> page_text(static_cast<std::size_t>(pages) + 1);
  for (int p = 1; p <= pages; ++p) page_text[static_cast<std::size_t>(p)] = pdf.text(p, p);
  const auto first_page_of = [&](const std::string& text) {
    for (int p = 1; p <= pages; ++p)
      if (page_text[static_cast<std::size_t>(p)].find(text) != std::string::npos) return p;
    return 0;
  };
  const int hazards = first_page_of("5 Hazards (ISO 14971 5.4)");
  const int situations = first_page_of("6 Hazardous situations (ISO 14971 5.4)");
  ASSERT_GT(hazards, 0);
  ASSERT_GT(situations, hazards + 2) << "400 hazards take more than two pages";
  for (int p = hazards; p < situations; ++p) {
    const auto& text = page_text[static_cast<std::size_t>(p)];
    // pdftotext may read the columns of a row out of order; every header is there.
    for (const char* header :
         {"Ref Hazard Category Condition Stage", "Description", "Hazardous situations"})
      EXPECT_NE(text.find(header), std::string::npos)
          << "page " << p << " lacks " << header << ": " << text.substr(0, 300);
    EXPECT_NE(text.find("Hazard "), std::string::npos) << "page " << p << " has rows";
  }
  // The last hazard is there, with its markup as text.
  EXPECT_NE(pdf.text(situations - 1, situations).find("Hazard 399 <b>&</b>"), std::string::npos);
  // Traceability continues over pages too, each with its header.
  const int trace = first_page_of("14 Traceability (ISO");
  const int signatures = first_page_of("15 Electronic signatures (21 CFR");
  ASSERT_GT(signatures, trace + 1);
  for (int p = trace; p < signatures; ++p)
    for (const char* header : {"Hazardous situation", "Harm", "Initial estimate", "Risk controls",
                               "Verification (implementation / effectiveness)", "Residual risk"})
      EXPECT_NE(page_text[static_cast<std::size_t>(p)].find(header), std::string::npos)
          << "page " << p << " lacks " << header << ": "
          << page_text[static_cast<std::size_t>(p)].substr(0, 400);
}

TEST(RmrPdf, LongCellsWrapInsideTheirColumn) {
  REQUIRE_POPPLER();
  ReportFixture f;
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "word" + std::to_string(i) + " ";
  const std::string unbroken(300, 'x');  // no space: broken inside the word
  f.sample.s.hazards.front().description = long_text + unbroken;
  const PdfFile pdf(render(f.data()));
  const auto raw = pdf.run("pdftotext", "-enc UTF-8").first;
  // Every word is there, on more than one line.
  const auto text = pdf.text();
  EXPECT_NE(text.find("word0 word1"), std::string::npos);
  EXPECT_NE(text.find("word59"), std::string::npos);
  const auto w0 = raw.find("word0 "), w59 = raw.find("word59");
  ASSERT_NE(w0, std::string::npos);
  ASSERT_NE(w59, std::string::npos);
  EXPECT_NE(raw.substr(w0, w59 - w0).find('\n'), std::string::npos) << "the cell wraps";
  // The unbroken word is split over lines but every x is there.
  std::size_t xs = 0;
  for (char c : raw) xs += c == 'x';
  EXPECT_GE(xs, unbroken.size());
}

TEST(RmrPdf, HeatMapsShowTheCountAndTheVerdictInWordsInEveryCell) {
  REQUIRE_POPPLER();
  const ReportFixture f;
  const PdfFile pdf(render(f.data()));
  const auto text = pdf.text();
  const auto initial = count_heat_map(f.policy, f.assessments, HeatMapPhase::initial);
  const auto current = count_heat_map(f.policy, f.assessments, HeatMapPhase::current);
  EXPECT_NE(
      text.find("Before risk control: " + std::to_string(initial.evaluated) + " risks evaluated, " +
                std::to_string(initial.not_evaluated) + " not evaluated."),
      std::string::npos);
  EXPECT_NE(text.find("After risk control: " + std::to_string(current.evaluated) + " risks"),
            std::string::npos);
  EXPECT_NE(text.find("Probability of harm"), std::string::npos);
  EXPECT_NE(text.find("Severity"), std::string::npos);
  // Section 4 alone: each of the two grids has one count and one verdict per cell.
  const auto start = text.find("Before risk control:");
  const auto end = text.find("5 Hazards (ISO 14971 5.4)");
  ASSERT_NE(start, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const auto section = text.substr(start, end - start);
  const auto occurrences = [&section](std::string_view word) {
    std::size_t n = 0;
    for (auto at = section.find(word); at != std::string::npos; at = section.find(word, at + 1))
      ++n;
    return n;
  };
  std::size_t expected_investigate = 0, expected_unacceptable = 0;
  for (std::int64_t s = 1; s <= f.policy.severity_count(); ++s)
    for (std::int64_t p = 1; p <= f.policy.probability_count(); ++p) {
      expected_investigate += f.policy.acceptability(s, p) == risk::Acceptability::investigate;
      expected_unacceptable += f.policy.acceptability(s, p) == risk::Acceptability::unacceptable;
    }
  const auto cells =
      static_cast<std::size_t>(f.policy.severity_count() * f.policy.probability_count());
  const auto investigate = occurrences("investigate"), unacceptable = occurrences("unacceptable");
  const auto acceptable = occurrences("acceptable");  // "unacceptable" too
  EXPECT_EQ(investigate, 2 * expected_investigate);
  EXPECT_EQ(unacceptable, 2 * expected_unacceptable);
  EXPECT_EQ(acceptable, 2 * cells - 2 * expected_investigate);  // includes "unacceptable"
}

TEST(RmrPdf, HostileAndNonLatinTextComesBackAsWritten) {
  REQUIRE_POPPLER();
  ReportFixture f;
  const std::vector<std::string> hostile = {
      "<script>alert(1)</script>",
      "(unbalanced ( paren",
      "back\\slash \\) \\\\ end)",
      "\xC3\x9Cn\xC3\xAF"
      "c\xC3\xB8"
      "d\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87",       // Ünïcødé 中文
      "emoji \xF0\x9F\x98\x80 and \xE2\x9C\x93",  // 😀 and ✓
      "%%EOF endstream endobj",
  };
  for (std::size_t i = 0; i < hostile.size(); ++i)
    f.sample.hazard("HX" + std::to_string(i), hostile[i], "hostile");
  f.sample.s.file.title = "File (with) \\ parens \xE4\xB8\xAD\xE6\x96\x87";
  f.assessments = risk::assess_risks(risk::RiskFileIndex(f.sample.s), f.policy);
  const auto bytes = render(f.data());
  const PdfFile pdf(bytes);
  EXPECT_EQ(pdf.run("pdfinfo", "").second, 0);
  const auto text = pdf.text();
  for (const auto& h : hostile) EXPECT_NE(text.find(h), std::string::npos) << h;
  EXPECT_NE(text.find("File (with) \\ parens \xE4\xB8\xAD\xE6\x96\x87"), std::string::npos);
  EXPECT_NE(text.find("\xC3\x9Cn\xC3\xAF"
                      "c\xC3\xB6"
                      "d\xC3\xA9 harm \xE2\x9C\x93 \xE6\x97\xA5\xE6\x9C\xAC"),
            std::string::npos);  // the sample's "Ünïcödé harm ✓ 日本"
  // The title in the document information is the file's.
  const auto info = pdf.run("pdfinfo", "").first;
  EXPECT_NE(info.find("Risk management report: File (with) \\ parens \xE4\xB8\xAD\xE6\x96\x87"),
            std::string::npos)
      << info;
}

TEST(RmrPdf, InvalidUtf8AndControlCharactersDoNotBreakTheFile) {
  REQUIRE_POPPLER();
  ReportFixture f;
  f.sample.hazard("HB", std::string("bad \xFF\xC3 bytes \x01\x7F end"), "binary");
  f.sample.hazard("HE", "", "");  // empty cells
  const PdfFile pdf(render(f.data()));
  EXPECT_EQ(pdf.run("pdfinfo", "").second, 0);
  EXPECT_NE(pdf.text().find("bytes"), std::string::npos);
}

TEST(RmrPdf, MissingFontIsAnErrorNamingThePath) {
  const ReportFixture f;
  const auto pdf = render_rmr_pdf(f.data(), {.font_directory = "/nonexistent/fonts"});
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::not_found);
  EXPECT_NE(pdf.error().message.find("/nonexistent/fonts/DejaVuSans.ttf"), std::string::npos)
      << pdf.error().message;
}

TEST(RmrPdf, AFileThatIsNotAFontIsAnError) {
  const auto dir = fs::temp_directory_path() / ("riskloop-font-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "DejaVuSans.ttf") << "not a font";
  const ReportFixture f;
  const auto pdf = render_rmr_pdf(f.data(), {.font_directory = dir});
  fs::remove_all(dir);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::malformed);
  EXPECT_NE(pdf.error().message.find("DejaVuSans"), std::string::npos) << pdf.error().message;
}

TEST(RmrPdf, SameDataGivesTheSameBytes) {
  const ReportFixture f;
  EXPECT_EQ(render(f.data()), render(f.data()));
}

TEST(RmrPdf, EmptyFileStillRenders) {
  REQUIRE_POPPLER();
  risk::RiskFileSnapshot empty;
  empty.file.title = "Empty";
  const auto policy = testdata::compiled_policy();
  const PdfFile pdf(render({.snapshot = empty, .policy = policy, .assessments = {}}));
  const auto text = pdf.text();
  EXPECT_NE(text.find("16 Record integrity"), std::string::npos);
  EXPECT_NE(text.find("Journal head hash not given"), std::string::npos);
  EXPECT_NE(text.find("The overall residual risk has not been evaluated."), std::string::npos);
}

}  // namespace
}  // namespace riskloop::formats
