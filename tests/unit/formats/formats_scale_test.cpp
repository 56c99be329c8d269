// Scale: a 10 000-row hazard sheet through XLSX and back, and the report of a 5 000-hazard file,
// give complete, correct results. Timings are reported as test properties for information only;
// benchmarks belong in bench/.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/risk/file_index.hpp"
#include "formats/sheet/csv_table.hpp"
#include "formats/sheet/hazard_sheet_columns.hpp"
#include "formats/sheet/hazard_sheet_export.hpp"
#include "formats/sheet/hazard_sheet_import.hpp"
#include "formats/report/rmr_html.hpp"
#include "formats/xlsx/xlsx_table_reader.hpp"
#include "sample_risk_file.hpp"

namespace riskloop::formats {
namespace {

using Clock = std::chrono::steady_clock;

double millis_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const char* name, double ms) {
  testing::Test::RecordProperty(name, std::to_string(static_cast<long>(ms)));
  std::printf("[ timing   ] %s: %.0f ms\n", name, ms);
}

RecordIdFor ref_ids() {
  return [](std::string_view entity, std::string_view ref) {
    return std::string(entity) + "/" + std::string(ref);
  };
}

TEST(FormatsScale, TenThousandRowXlsxImport) {
  const auto file = testdata::large_file(5000, 2);  // 10 000 risks, one row each
  const auto path = std::filesystem::path(testing::TempDir()) / "scale_10k.xlsx";
  auto start = Clock::now();
  ASSERT_TRUE(write_xlsx(file, path));
  report("xlsx_export_10k_rows_ms", millis_since(start));

  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto policy = testdata::compiled_policy();

  start = Clock::now();
  const auto parsed = read_xlsx_bytes(bytes);
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto read_ms = millis_since(start);
  const auto result = validate_rows(*parsed, policy, ref_ids(), {.risk_file_id = "f"});
  const auto total_ms = millis_since(start);
  report("xlsx_read_10k_rows_ms", read_ms);
  report("xlsx_import_10k_rows_ms", total_ms);

  ASSERT_EQ(parsed->sheet.rows.size(), 10000u);
  EXPECT_TRUE(result.ok()) << (result.issues.empty() ? "" : result.issues[0].describe());
  EXPECT_EQ(result.rows_accepted, 10000u);
  EXPECT_EQ(result.records.hazards.size(), 5000u);
  EXPECT_EQ(result.records.situations.size(), 5000u);
  EXPECT_EQ(result.records.harms.size(), 5000u);
  EXPECT_EQ(result.records.situation_harms.size(), 10000u);
  EXPECT_EQ(result.records.controls.size(), 5000u);
  EXPECT_EQ(result.records.control_links.size(), 5000u);
  EXPECT_EQ(result.records.residual_estimates.size(), 5000u);
  std::filesystem::remove(path);
}

TEST(FormatsScale, TenThousandBadRowsAreAllListed) {
  const auto file = testdata::large_file(5000, 2);
  auto sheet = *hazard_sheet_of(file);
  for (auto& row : sheet.rows) row.cells[static_cast<std::size_t>(HazardColumn::p2)] = "lots";
  const auto parsed = read_csv(encode_csv(sheet)).value();
  const auto start = Clock::now();
  const auto result =
      validate_rows(parsed, testdata::compiled_policy(), ref_ids(), {.risk_file_id = "f"});
  report("csv_validate_10k_bad_rows_ms", millis_since(start));
  EXPECT_EQ(result.rejected_rows.size(), 10000u);
  EXPECT_GE(result.issues.size(), 10000u);
  EXPECT_EQ(result.records.size(), 0u);
}

TEST(FormatsScale, ReportOfFiveThousandHazards) {
  const auto file = testdata::large_file(5000, 2);
  const auto policy = testdata::compiled_policy();
  const auto start = Clock::now();
  const auto assessments = risk::assess_risks(risk::RiskFileIndex(file), policy);
  const auto html = render_rmr_html({.snapshot = file,
                                     .policy = policy,
                                     .assessments = assessments,
                                     .journal_head_hash = "abc",
                                     .generated_at = testdata::day(1)});
  report("rmr_html_5k_hazards_ms", millis_since(start));
  RecordProperty("rmr_html_5k_hazards_bytes", std::to_string(html.size()));
  EXPECT_NE(html.find("Hazard 4999 &lt;b&gt;&amp;&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace riskloop::formats
