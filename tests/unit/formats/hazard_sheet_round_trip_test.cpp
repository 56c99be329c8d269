// Export then import reproduces the same risk file: hazards, situations, harms, links, estimates
// and controls, through CSV and through XLSX (shared and inline strings).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "formats/sheet/csv_table.hpp"
#include "formats/sheet/hazard_sheet_export.hpp"
#include "formats/sheet/hazard_sheet_import.hpp"
#include "formats/json/record_json.hpp"
#include "formats/xlsx/xlsx_table_reader.hpp"
#include "sample_risk_file.hpp"

namespace riskloop::formats {
namespace {

using testdata::SampleFile;

// Entities keep their ref as id (the export writes ids as refs); link records get fresh ids.
RecordIdFor ref_as_id() {
  auto counter = std::make_shared<int>(0);
  return [counter](std::string_view, std::string_view ref) {
    return ref.empty() ? "new-" + std::to_string(++*counter) : std::string(ref);
  };
}

template <class T>
std::map<std::string, std::string> by_id(const std::vector<T>& items) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) out[item.header.id] = fields_to_json(item).dump();
  return out;
}

std::set<std::pair<std::string, std::string>> hazard_links(
    const std::vector<risk::HazardSituationLink>& links) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& l : links) out.insert({l.hazard_id, l.situation_id});
  return out;
}

std::set<std::pair<std::string, std::string>> control_links(
    const std::vector<risk::ControlLink>& links) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& l : links) out.insert({l.control_id, l.situation_harm_id});
  return out;
}

// The counting residual estimate per pair, without its id and timestamps.
std::map<std::string, std::string> residuals(const std::vector<risk::ResidualEstimate>& items) {
  std::map<std::string, const risk::ResidualEstimate*> latest;
  for (const auto& r : items) {
    auto& slot = latest[r.situation_harm_id];
    if (!slot || slot->header.updated_at <= r.header.updated_at) slot = &r;
  }
  std::map<std::string, std::string> out;
  for (const auto& [pair, r] : latest) out[pair] = fields_to_json(*r).dump();
  return out;
}

void expect_same_file(const risk::RiskFileSnapshot& original, const ImportReport& report) {
  ASSERT_TRUE(report.ok()) << (report.issues.empty() ? "" : report.issues[0].describe());
  const auto& got = report.records;
  EXPECT_EQ(by_id(original.hazards), by_id(got.hazards));
  EXPECT_EQ(by_id(original.situations), by_id(got.situations));
  EXPECT_EQ(by_id(original.harms), by_id(got.harms));
  EXPECT_EQ(by_id(original.situation_harms), by_id(got.situation_harms));
  EXPECT_EQ(by_id(original.controls), by_id(got.controls));
  EXPECT_EQ(hazard_links(original.hazard_situations), hazard_links(got.hazard_situations));
  EXPECT_EQ(control_links(original.control_links), control_links(got.control_links));
  EXPECT_EQ(residuals(original.residual_estimates), residuals(got.residual_estimates));
  EXPECT_EQ(got.hazard_situations.size(), original.hazard_situations.size());
  EXPECT_EQ(got.control_links.size(), original.control_links.size());
}

ImportReport import(const ParsedSheet& sheet) {
  return validate_rows(sheet, testdata::compiled_policy(), ref_as_id(), {.risk_file_id = "file-1"});
}

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::path(testing::TempDir()) / name;
}

TEST(HazardSheetRoundTrip, CsvReproducesTheFile) {
  const SampleFile sample;
  const auto csv = write_csv(sample.s);
  ASSERT_TRUE(csv) << csv.error().message;
  const auto parsed = read_csv(*csv).value();
  EXPECT_TRUE(parsed.problems.empty());
  expect_same_file(sample.s, import(parsed));
}

TEST(HazardSheetRoundTrip, XlsxReproducesTheFileWithSharedStrings) {
  const SampleFile sample;
  const auto path = temp_file("round_trip_shared.xlsx");
  ASSERT_TRUE(write_xlsx(sample.s, path));
  const auto parsed = read_xlsx_file(path);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->problems.empty());
  expect_same_file(sample.s, import(*parsed));
  std::filesystem::remove(path);
}

TEST(HazardSheetRoundTrip, XlsxReproducesTheFileWithInlineStrings) {
  const SampleFile sample;
  const auto path = temp_file("round_trip_inline.xlsx");
  ASSERT_TRUE(write_xlsx(sample.s, path, {.constant_memory = true}));
  const auto parsed = read_xlsx_file(path);
  ASSERT_TRUE(parsed) << parsed.error().message;
  expect_same_file(sample.s, import(*parsed));
  std::filesystem::remove(path);
}

TEST(HazardSheetRoundTrip, SecondExportEqualsTheFirst) {
  const SampleFile sample;
  const auto first = write_csv(sample.s);
  ASSERT_TRUE(first);
  const auto report = import(read_csv(*first).value());
  ASSERT_TRUE(report.ok());
  risk::RiskFileSnapshot again;
  again.hazards = report.records.hazards;
  again.situations = report.records.situations;
  again.harms = report.records.harms;
  again.hazard_situations = report.records.hazard_situations;
  again.situation_harms = report.records.situation_harms;
  again.controls = report.records.controls;
  again.control_links = report.records.control_links;
  again.residual_estimates = report.records.residual_estimates;
  const auto second = write_csv(again);
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
}

TEST(HazardSheetExport, OneRowPerPathAndRowsForLooseRecords) {
  const SampleFile sample;
  const auto sheet = hazard_sheet_of(sample.s);
  ASSERT_TRUE(sheet);
  // H1-S1-M1 x {C1, C2}, H1-S1-M2, H1-S2-M1 (C1), H1-S2-M4, H2-S2-M1 (C1), H2-S2-M4, H3 alone,
  // S3-M2 without hazard, M3 alone.
  EXPECT_EQ(sheet->rows.size(), 10u);
  EXPECT_EQ(sheet->columns.front(), "hazard_ref");
  EXPECT_EQ(sheet->rows.front().number, 2);
  EXPECT_EQ(sheet->rows.back().number, 11);
}

TEST(HazardSheetExport, CsvGuardsFormulaCells) {
  const SampleFile sample;
  const auto csv = write_csv(sample.s);
  ASSERT_TRUE(csv);
  EXPECT_NE(csv->find(",\"'=HYPERLINK("), std::string::npos);
  EXPECT_NE(csv->find(",'-5 V rail drops,"), std::string::npos);
  EXPECT_NE(csv->find(",'@SUM(A1:A2) situation,"), std::string::npos);
  EXPECT_NE(csv->find(",''=quoted already,"), std::string::npos);
  EXPECT_EQ(csv->find(",=HYPERLINK"), std::string::npos);
  EXPECT_EQ(csv->substr(0, 3), "\xEF\xBB\xBF");
}

TEST(HazardSheetExport, FailsOnBrokenLinksAndDuplicateRisks) {
  SampleFile broken;
  broken.link("H1", "S-missing");
  const auto a = write_csv(broken.s);
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("S-missing"), std::string::npos);

  SampleFile twice;
  twice.pair("R9", "S1", "M1", 0.2);
  const auto b = write_csv(twice.s);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("same situation and harm"), std::string::npos);
}

}  // namespace
}  // namespace riskloop::formats
