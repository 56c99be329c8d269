// Export, import and the risk management report, through the application layer.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/app/risk_fixture.hpp"

namespace riskloop::testing {
namespace {

class RiskExchange : public RiskTest {
 protected:
  Id new_file(const std::string& title) {
    auto in = file_input();
    in.title = title;
    return app_->files().create(admin_, in)->header.id;
  }

  std::size_t count_items(const Id& file) {
    const auto a = app_->files().assess(admin_, file);
    const auto& s = a->snapshot;
    return s.hazards.size() + s.situations.size() + s.harms.size() + s.hazard_situations.size() +
           s.situation_harms.size() + s.controls.size() + s.control_links.size() +
           s.residual_estimates.size();
  }
};

TEST_F(RiskExchange, ExportThenImportReproducesTheFile) {
  const auto c = add_chain("thrombosis", 1e-3, 0.1, 4);
  control(c, 1e-6, 0.1, 4);
  add_chain("bruise", 1e-4, 0.1, 1);
  for (const auto format : {app::SheetFormat::csv, app::SheetFormat::xlsx}) {
    const auto sheet = app_->exchange().export_sheet(admin_, file_, format);
    ASSERT_TRUE(sheet) << sheet.error().message;
    const Id copy = new_file(format == app::SheetFormat::csv ? "copy csv" : "copy xlsx");
    const auto imported = app_->exchange().import_sheet(admin_, copy, {format, *sheet});
    ASSERT_TRUE(imported) << imported.error().message;
    ASSERT_TRUE(imported->report.ok()) << imported->report.issues.front().describe();
    EXPECT_TRUE(imported->written);
    EXPECT_EQ(count_items(copy), count_items(file_));
    // Same risks with the same evaluations and steps.
    const auto a = app_->files().assess(admin_, file_);
    const auto b = app_->files().assess(admin_, copy);
    ASSERT_EQ(a->risks.size(), b->risks.size());
    std::multiset<std::pair<int, int>> steps_a, steps_b;
    for (const auto& r : a->risks) steps_a.insert({int(r.step), int(r.initial->acceptability)});
    for (const auto& r : b->risks) steps_b.insert({int(r.step), int(r.initial->acceptability)});
    EXPECT_EQ(steps_a, steps_b);
    // And the copy exports to the same sheet but for its ids: the row count is equal.
    const auto again = app_->exchange().export_sheet(admin_, copy, app::SheetFormat::csv);
    const auto first = app_->exchange().export_sheet(admin_, file_, app::SheetFormat::csv);
    EXPECT_EQ(std::count(again->begin(), again->end(), '\n'), std::count(first->begin(), first->end(), '\n'));
  }
  EXPECT_TRUE(app_->journal().verify()->ok);
}

TEST_F(RiskExchange, BadRowsAreAllReportedAndNothingIsWritten) {
  const std::string csv =
      "hazard_ref,hazard,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2\r\n"
      "H1,Thrombus,S1,Occlusion,0.001,M1,Infarction,4,0.1\r\n"
      "H2,Dissection,S2,Tear,1.5,M2,Tamponade,5,0.01\r\n"
      "H3,Embolism,S3,Loss,0.0001,M3,Surgery,5x,0.5\r\n";
  const auto journal_before = journal_count();
  const auto r = app_->exchange().import_sheet(admin_, file_, {app::SheetFormat::csv, csv});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->written);
  ASSERT_EQ(r->report.rejected_rows.size(), 2u);
  EXPECT_EQ(r->report.rejected_rows[0], 3);
  EXPECT_EQ(r->report.rejected_rows[1], 4);
  bool severity_named = false;
  for (const auto& issue : r->report.issues)
    severity_named |= issue.row == 4 && issue.column == "severity";
  EXPECT_TRUE(severity_named);
  EXPECT_EQ(journal_count(), journal_before);
  EXPECT_EQ(count_items(file_), 0u);

  const auto partial = app_->exchange().import_sheet(admin_, file_, {app::SheetFormat::csv, csv, true});
  ASSERT_TRUE(partial);
  EXPECT_TRUE(partial->written);
  EXPECT_EQ(app_->files().assess(admin_, file_)->snapshot.hazards.size(), 1u);
}

TEST_F(RiskExchange, ReportShowsTheFileAndItsIntegrity) {
  const auto c = add_chain("<script>alert(1)</script>", 1e-3, 0.1, 4);
  control(c, 1e-6, 0.1, 4);
  const auto html = app_->exchange().report_html(admin_, file_);
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_EQ(html->find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(html->find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html->find(app_->journal().verify()->head_hash), std::string::npos);
  EXPECT_NE(html->find("Firebird DES"), std::string::npos);
  EXPECT_NE(html->find("<svg"), std::string::npos);
}

TEST_F(RiskExchange, PdfReportHasTheTextOfTheFile) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "pdftotext (poppler-utils) is installed by scripts/setup-deps.sh";
  add_chain("Coating delamination", 1e-3, 0.1, 4);
  const auto pdf = app_->exchange().report_pdf(admin_, file_);
  ASSERT_TRUE(pdf) << pdf.error().message;
  const auto path = dir_ / "rmr.pdf";
  std::ofstream(path, std::ios::binary) << *pdf;
  const std::string cmd = "pdftotext -layout " + path.string() + " " + (dir_ / "rmr.txt").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir_ / "rmr.txt");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("Coating delamination"), std::string::npos);
  EXPECT_NE(text.find("Firebird DES"), std::string::npos);
  EXPECT_NE(text.find(app_->journal().verify()->head_hash), std::string::npos);
  EXPECT_NE(text.find("page 1 of "), std::string::npos);
}

TEST_F(RiskExchange, PdfReportWithoutItsFontsSaysWhichFileIsMissing) {
  app::AppOptions options{.password_cost = app::PasswordCost::minimal};
  options.report_pdf.font_directory = dir_ / "no-fonts";
  app::App without_fonts(*store_, clock_, ids_, options);
  const auto pdf = without_fonts.exchange().report_pdf(admin_, file_);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::internal);
  EXPECT_NE(pdf.error().message.find((dir_ / "no-fonts" / "DejaVuSans.ttf").string()),
            std::string::npos)
      << pdf.error().message;
}

}  // namespace
}  // namespace riskloop::testing
