// Import validation: every class of bad cell and row is reported with row, column and reason,
// all bad rows are listed, and the good rows become records.
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/sheet/csv_table.hpp"
#include "formats/sheet/hazard_sheet_columns.hpp"
#include "formats/sheet/hazard_sheet_import.hpp"
#include "sample_risk_file.hpp"

namespace riskloop::formats {
namespace {

// Builds sheets with the full header; rows are given as column -> value.
struct SheetBuilder {
  ParsedSheet parsed;

  SheetBuilder() {
    for (const auto& c : hazard_sheet_columns()) parsed.sheet.columns.emplace_back(c.name);
  }
  SheetBuilder& row(std::initializer_list<std::pair<HazardColumn, std::string>> cells) {
    SheetRow r;
    r.number = static_cast<std::int64_t>(parsed.sheet.rows.size()) + 2;
    r.cells.resize(kHazardColumnCount);
    for (const auto& [c, v] : cells) r.cells[static_cast<std::size_t>(c)] = v;
    parsed.sheet.rows.push_back(std::move(r));
    return *this;
  }
};

using C = HazardColumn;

RecordIdFor counting_ids() {
  auto n = std::make_shared<int>(0);
  return [n](std::string_view entity, std::string_view ref) {
    return std::string(entity) + ":" + std::string(ref) + "#" + std::to_string(++*n);
  };
}

ImportReport check(const ParsedSheet& sheet) {
  return validate_rows(sheet, testdata::compiled_policy(), counting_ids(),
                       {.risk_file_id = "file-9"});
}

// A valid full path hazard -> situation -> harm (+ risk).
SheetBuilder& good_row(SheetBuilder& b, const std::string& n) {
  return b.row({{C::hazard_ref, "H" + n},
                {C::hazard, "Hazard " + n},
                {C::situation_ref, "S" + n},
                {C::hazardous_situation, "Situation " + n},
                {C::p1, "0.01"},
                {C::harm_ref, "M" + n},
                {C::harm, "Harm " + n},
                {C::severity, "3"},
                {C::p2, "0.1"}});
}

bool has_issue(const ImportReport& r, std::int64_t row, std::string_view column,
               std::string_view text) {
  return std::any_of(r.issues.begin(), r.issues.end(), [&](const SheetIssue& i) {
    return i.row == row && i.column == column && i.message.find(text) != std::string::npos;
  });
}

std::string all_issues(const ImportReport& r) {
  std::string out;
  for (const auto& i : r.issues) out += i.describe() + "\n";
  return out;
}

TEST(HazardSheetImport, GoodRowsBecomeLinkedRecords) {
  SheetBuilder b;
  good_row(b, "1");
  b.row({{C::hazard_ref, "H2"}, {C::hazard, "Second hazard"}, {C::situation_ref, "S1"}});
  b.row({{C::situation_ref, "S1"},
         {C::harm_ref, "M2"},
         {C::harm, "Other harm"},
         {C::severity, "Critical"},
         {C::p2, "1e-3"},
         {C::control_ref, "C1"},
         {C::control, "Guard"},
         {C::control_option, "Protective measure"}});
  const auto r = check(b.parsed);
  ASSERT_TRUE(r.ok()) << all_issues(r);
  EXPECT_EQ(r.rows_read, 3u);
  EXPECT_EQ(r.rows_accepted, 3u);
  const auto& rec = r.records;
  EXPECT_EQ(rec.hazards.size(), 2u);
  EXPECT_EQ(rec.situations.size(), 1u);
  EXPECT_EQ(rec.harms.size(), 2u);
  EXPECT_EQ(rec.hazard_situations.size(), 2u);
  EXPECT_EQ(rec.situation_harms.size(), 2u);
  EXPECT_EQ(rec.controls.size(), 1u);
  EXPECT_EQ(rec.control_links.size(), 1u);
  EXPECT_EQ(rec.size(), 11u);

  EXPECT_EQ(rec.hazards[0].header.id, "hazard:H1#1");
  EXPECT_EQ(rec.hazards[0].risk_file_id, "file-9");
  EXPECT_EQ(rec.harms[1].severity_rank, 4);
  EXPECT_EQ(rec.controls[0].option, risk::ControlOption::protective_measure);
  EXPECT_EQ(rec.hazard_situations[1].hazard_id, rec.hazards[1].header.id);
  EXPECT_EQ(rec.hazard_situations[1].situation_id, rec.situations[0].header.id);
  EXPECT_EQ(rec.situation_harms[1].harm_id, rec.harms[1].header.id);
  EXPECT_EQ(rec.control_links[0].situation_harm_id, rec.situation_harms[1].header.id);
  EXPECT_EQ(rec.control_links[0].header.id.rfind("control_link:#", 0), 0u);
  EXPECT_EQ(*rec.situations[0].p1, 0.01);
}

TEST(HazardSheetImport, SituationsAndHarmsAsLongAsRealHazardListsWriteThem) {
  // Causes in a public infusion-pump hazard list run past 200 characters: they import as they are.
  const std::string cause(640, 'c'), harm(1000, 'h');
  SheetBuilder b;
  b.row({{C::hazard_ref, "H1"},
         {C::hazard, "Air in line"},
         {C::situation_ref, "S1"},
         {C::hazardous_situation, cause},
         {C::p1, "0.01"},
         {C::harm_ref, "M1"},
         {C::harm, harm},
         {C::severity, "3"},
         {C::p2, "0.1"}});
  const auto r = check(b.parsed);
  ASSERT_TRUE(r.ok()) << all_issues(r);
  EXPECT_EQ(r.records.situations.at(0).title, cause);
  EXPECT_EQ(r.records.harms.at(0).title, harm);

  SheetBuilder longer;
  longer.row({{C::hazard_ref, "H1"},
              {C::hazard, "Air in line"},
              {C::situation_ref, "S1"},
              {C::hazardous_situation, std::string(1001, 'c')}});
  const auto refused = check(longer.parsed);
  EXPECT_TRUE(has_issue(refused, 2, "hazardous_situation", "at most 1000 characters"))
      << all_issues(refused);
}

TEST(HazardSheetImport, MessageNamesRowColumnValueAndWhatIsAllowed) {
  SheetBuilder b;
  for (int i = 0; i < 15; ++i) good_row(b, std::to_string(i));
  b.row({{C::harm_ref, "M99"}, {C::harm, "Harm"}, {C::severity, "5x"}});
  const auto r = check(b.parsed);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].describe(),
            "row 17, column \"severity\": \"5x\" is not one of 1..5 or a severity name "
            "(Negligible, Minor, Serious, Critical or Catastrophic)");
  EXPECT_EQ(r.rejected_rows, std::vector<std::int64_t>{17});
}

struct BadRowCase {
  std::string name;
  std::vector<std::pair<HazardColumn, std::string>> cells;
  std::string column;
  std::string message;
};

// Test listings (ctest) show the case name instead of the bytes of the struct.
void PrintTo(const BadRowCase& c, std::ostream* out) { *out << c.name; }

class BadRow : public testing::TestWithParam<BadRowCase> {};

TEST_P(BadRow, IsReportedWithColumnAndReason) {
  const auto& c = GetParam();
  SheetBuilder b;
  good_row(b, "0");
  SheetRow r;
  r.number = 3;
  r.cells.resize(kHazardColumnCount);
  for (const auto& [col, v] : c.cells) r.cells[static_cast<std::size_t>(col)] = v;
  b.parsed.sheet.rows.push_back(r);
  const auto report = check(b.parsed);
  EXPECT_TRUE(has_issue(report, 3, c.column, c.message)) << all_issues(report);
  EXPECT_EQ(report.rejected_rows, std::vector<std::int64_t>{3}) << all_issues(report);
  EXPECT_EQ(report.rows_accepted, 1u);
  EXPECT_EQ(report.records.hazards.size(), 1u);  // row 2 still makes its records
}

const std::pair<HazardColumn, std::string> kS{C::situation_ref, "S0"};
const std::pair<HazardColumn, std::string> kM{C::harm_ref, "M0"};

INSTANTIATE_TEST_SUITE_P(
    EveryClass, BadRow,
    testing::Values(
        BadRowCase{"p1_text",
                   {{C::situation_ref, "S1"}, {C::hazardous_situation, "x"}, {C::p1, "abc"}},
                   "p1",
                   "\"abc\" is not a probability between 0 and 1"},
        BadRowCase{"p1_range",
                   {{C::situation_ref, "S1"}, {C::hazardous_situation, "x"}, {C::p1, "1.5"}},
                   "p1",
                   "is not a probability"},
        BadRowCase{"p2_negative", {kS, kM, {C::p2, "-0.1"}}, "p2", "is not a probability"},
        BadRowCase{"severity_zero",
                   {{C::harm_ref, "M1"}, {C::harm, "x"}, {C::severity, "0"}},
                   "severity",
                   "is not one of 1..5"},
        BadRowCase{"severity_six",
                   {{C::harm_ref, "M1"}, {C::harm, "x"}, {C::severity, "6"}},
                   "severity",
                   "is not one of 1..5"},
        BadRowCase{"residual_severity",
                   {kS, kM, {C::residual_severity, "huge"}},
                   "residual_severity",
                   "is not one of 1..5"},
        BadRowCase{"enum",
                   {{C::hazard_ref, "H1"}, {C::hazard, "x"}, {C::condition, "sometimes"}},
                   "condition",
                   "\"sometimes\" is not one of normal_use or fault"},
        BadRowCase{"stage",
                   {{C::harm_ref, "M1"}, {C::harm, "x"}, {C::harm_stage, "launch"}},
                   "harm_stage",
                   "is not one of design, manufacturing or post_launch"},
        BadRowCase{"bool",
                   {kS, kM, {C::probability_not_estimable, "maybe"}},
                   "probability_not_estimable",
                   "\"maybe\" is not true or false"},
        BadRowCase{"title_long",
                   {{C::hazard_ref, "H1"}, {C::hazard, std::string(201, 'x')}},
                   "hazard",
                   "at most 200 characters"},
        BadRowCase{"title_newline",
                   {{C::hazard_ref, "H1"}, {C::hazard, "two\nlines"}},
                   "hazard",
                   "single line"},
        BadRowCase{
            "title_utf8", {{C::hazard_ref, "H1"}, {C::hazard, "bad \xC3"}}, "hazard", "UTF-8"},
        BadRowCase{
            "category_long",
            {{C::hazard_ref, "H1"}, {C::hazard, "x"}, {C::hazard_category, std::string(101, 'c')}},
            "hazard_category",
            "at most 100"},
        BadRowCase{"ref_long",
                   {{C::hazard_ref, std::string(101, 'r')}, {C::hazard, "x"}},
                   "hazard_ref",
                   "at most 100"},
        BadRowCase{"ref_missing",
                   {{C::hazard, "Hazard without ref"}},
                   "hazard_ref",
                   "is required when other hazard columns are filled"},
        BadRowCase{"control_ref_missing",
                   {kS, kM, {C::control, "Guard"}},
                   "control_ref",
                   "is required when other control columns"},
        BadRowCase{"risk_without_harm",
                   {kS, {C::p2, "0.1"}},
                   "harm_ref",
                   "is required when risk or residual columns are filled"},
        BadRowCase{"residual_without_situation",
                   {kM, {C::residual_rationale, "x"}},
                   "situation_ref",
                   "is required when risk or residual"},
        BadRowCase{"control_without_risk",
                   {{C::situation_ref, "S0"},
                    {C::control_ref, "C1"},
                    {C::control, "x"},
                    {C::control_option, "inherent_safety"}},
                   "harm_ref",
                   "with a control"},
        BadRowCase{"hazard_to_harm",
                   {{C::hazard_ref, "H0"}, kM},
                   "situation_ref",
                   "the hazard leads to the harm through a hazardous situation"},
        BadRowCase{"no_title_anywhere",
                   {{C::hazard_ref, "H7"}, kS},
                   "hazard",
                   "no row of hazard_ref \"H7\" gives its hazard title"},
        BadRowCase{"not_estimable_with_p2",
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::probability_not_estimable, "yes"},
                    {C::p2, "0.1"},
                    {C::consequences, "c"}},
                   "p2",
                   "must be empty when probability_not_estimable is true"},
        BadRowCase{"not_estimable_without_consequences",
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::probability_not_estimable, "true"}},
                   "consequences",
                   "must not be empty"},
        BadRowCase{"control_option_missing",
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::control_ref, "C1"},
                    {C::control, "Guard"}},
                   "control_option",
                   "is required for a risk control"},
        BadRowCase{"evidence_missing",
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::control_ref, "C1"},
                    {C::control, "Guard"},
                    {C::control_option, "inherent_safety"},
                    {C::implementation_verification, "pass"}},
                   "implementation_evidence",
                   "is required when implementation_verification is pass"},
        BadRowCase{"residual_severity_missing",
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::residual_p1, "0.1"},
                    {C::residual_p2, "0.1"},
                    {C::residual_rationale, "r"}},
                   "residual_severity",
                   "is required when the risk has a residual estimate"},
        BadRowCase{
            "residual_p1_missing",
            {{C::situation_ref, "S5"},
             {C::hazardous_situation, "x"},
             kM,
             {C::residual_severity, "2"},
             {C::residual_p2, "0.1"},
             {C::residual_rationale, "r"}},
            "residual_p1",
            "is required when the risk has a residual estimate whose probability is estimable"},
        BadRowCase{"residual_only_rationale",  // nothing of the estimate defaults
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::residual_rationale, "r"}},
                   "residual_severity",
                   "is required when the risk has a residual estimate"},
        BadRowCase{"residual_not_estimable_without_consequences",
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::residual_severity, "3"},
                    {C::residual_probability_not_estimable, "true"},
                    {C::residual_rationale, "r"}},
                   "residual_consequences",
                   "is required when the risk has a residual estimate whose probability is not "
                   "estimable"},
        BadRowCase{"residual_severity_lowered",  // M0 has severity 3
                   {{C::situation_ref, "S5"},
                    {C::hazardous_situation, "x"},
                    kM,
                    {C::residual_p1, "0.1"},
                    {C::residual_p2, "0.1"},
                    {C::residual_severity, "1"},
                    {C::residual_rationale, "r"}},
                   "residual_severity",
                   "1 is below the harm's severity 3: a lower residual severity needs the "
                   "inherent-safety-by-design control that changed the harm, named in "
                   "residual_severity_control_ref"},
        BadRowCase{"conflicting_repeat",
                   {{C::situation_ref, "S0"}, {C::p1, "0.02"}},
                   "p1",
                   "\"0.02\" differs from row 2 (\"0.01\"), where situation_ref \"S0\" is defined"},
        BadRowCase{"conflicting_risk",
                   {kS, kM, {C::p2, "0.2"}},
                   "p2",
                   "differs from row 2 (\"0.1\"), where the risk of situation_ref \"S0\" and "
                   "harm_ref \"M0\" is defined"},
        BadRowCase{"conflicting_empty",
                   {{C::hazard_ref, "H0"}, {C::hazard_category, "energy"}},
                   "hazard_category",
                   "differs from row 2 (empty)"}),
    [](const auto& info) { return info.param.name; });

TEST(HazardSheetImport, CellPastTheHeaderIsARowIssue) {
  SheetBuilder b;
  good_row(b, "0");
  b.parsed.sheet.rows[0].cells.push_back("stray");
  const auto r = check(b.parsed);
  EXPECT_TRUE(has_issue(r, 2, "", "has a value in column 52")) << all_issues(r);
}

TEST(HazardSheetImport, EqualValuesInOtherFormsAndEmptyRepeatsAgree) {
  SheetBuilder b;
  good_row(b, "0");
  b.row({{C::hazard_ref, "H0"},
         {C::hazard, "Hazard 0"},
         {C::situation_ref, "S0"},
         {C::p1, "1e-2"},
         {C::harm_ref, "M9"},
         {C::harm, "Other"},
         {C::severity, "minor"}});
  b.row({{C::situation_ref, "S0"},
         {C::p1, "0,01"},
         {C::harm_ref, "M0"},
         {C::severity, "Serious"},
         {C::p2, "0.10"},
         {C::hazard_stage, ""}});
  const auto r = check(b.parsed);
  EXPECT_TRUE(r.ok()) << all_issues(r);
  EXPECT_EQ(r.records.harms[1].severity_rank, 2);
}

TEST(HazardSheetImport, RiskRefMustNotNameTwoRisks) {
  SheetBuilder b;
  good_row(b, "0");
  b.parsed.sheet.rows[0].cells[static_cast<std::size_t>(C::risk_ref)] = "R1";
  b.row({kS, {C::harm_ref, "M1"}, {C::harm, "x"}, {C::risk_ref, "R1"}});
  const auto r = check(b.parsed);
  EXPECT_TRUE(
      has_issue(r, 3, "risk_ref",
                "\"R1\" already names the risk of situation_ref \"S0\" and harm_ref \"M0\""))
      << all_issues(r);
}

TEST(HazardSheetImport, RejectionSpreadsFromABadDefiningRow) {
  SheetBuilder b;
  // Row 2 defines H1 but has a bad category; row 3 names H1 and defines S9; row 4 names S9.
  b.row({{C::hazard_ref, "H1"}, {C::hazard, "x"}, {C::hazard_category, std::string(150, 'c')}});
  b.row({{C::hazard_ref, "H1"}, {C::situation_ref, "S9"}, {C::hazardous_situation, "sit"}});
  b.row({{C::situation_ref, "S9"}, {C::harm_ref, "M1"}, {C::harm, "harm"}});
  good_row(b, "5");
  const auto r = check(b.parsed);
  EXPECT_EQ(r.rejected_rows, (std::vector<std::int64_t>{2, 3, 4})) << all_issues(r);
  EXPECT_TRUE(
      has_issue(r, 3, "hazard_ref", "hazard_ref \"H1\" cannot be imported: its row 2 has errors"));
  EXPECT_TRUE(has_issue(r, 4, "situation_ref",
                        "situation_ref \"S9\" cannot be imported: its row 3 has errors"));
  EXPECT_EQ(r.rows_accepted, 1u);
  EXPECT_EQ(r.records.hazards.size(), 1u);
  EXPECT_EQ(r.records.hazards[0].title, "Hazard 5");
  EXPECT_EQ(r.records.harms.size(), 1u);
}

TEST(HazardSheetImport, ListsEveryBadRowNotOnlyTheFirst) {
  SheetBuilder b;
  for (int i = 0; i < 10; ++i) {
    good_row(b, std::to_string(i));
    auto& cells = b.parsed.sheet.rows.back().cells;
    if (i % 3 == 1) cells[static_cast<std::size_t>(C::severity)] = "bad";
    if (i == 4) cells[static_cast<std::size_t>(C::p1)] = "2";
  }
  const auto r = check(b.parsed);
  EXPECT_EQ(r.rejected_rows, (std::vector<std::int64_t>{3, 6, 9})) << all_issues(r);
  ASSERT_EQ(r.issues.size(), 4u);
  EXPECT_EQ(r.issues[1].describe().substr(0, 22), "row 6, column \"p1\": \"2");  // column order
  EXPECT_EQ(r.issues[2].column, "severity");
  EXPECT_EQ(r.rows_read, 10u);
  EXPECT_EQ(r.rows_accepted, 7u);
  EXPECT_EQ(r.records.hazards.size(), 7u);
}

TEST(HazardSheetImport, HeaderProblemsRejectEverything) {
  SheetBuilder dup;
  dup.parsed.sheet.columns.push_back("P1");
  good_row(dup, "0");
  const auto a = check(dup.parsed);
  EXPECT_TRUE(has_issue(a, 1, "p1", "appears twice in the header (columns 11 and 52)"));
  EXPECT_EQ(a.rejected_rows, std::vector<std::int64_t>{2});
  EXPECT_EQ(a.records.size(), 0u);

  const auto b = check(read_csv("name,value\r\nx,1\r\n").value());
  EXPECT_TRUE(has_issue(b, 1, "", "has none of the hazard sheet's columns"));
  EXPECT_EQ(b.rows_read, 1u);
  EXPECT_EQ(b.rows_accepted, 0u);
}

TEST(HazardSheetImport, UnknownColumnsAreIgnoredAndListed) {
  const auto r = check(read_csv(" Hazard_Ref ,HAZARD,notes\r\nH1,Shock,my note\r\n\r\n,,\r\n").value());
  EXPECT_TRUE(r.ok()) << all_issues(r);
  EXPECT_EQ(r.ignored_columns, std::vector<std::string>{"notes"});
  EXPECT_EQ(r.rows_read, 1u);  // blank rows are skipped
  ASSERT_EQ(r.records.hazards.size(), 1u);
  EXPECT_EQ(r.records.hazards[0].condition, risk::HazardCondition::normal_use);
  EXPECT_EQ(r.records.hazards[0].stage, risk::Stage::design);
}

TEST(HazardSheetImport, ReaderProblemsRejectTheirRows) {
  const auto r = check(read_csv("hazard_ref,hazard\r\nH1,ok\r\nH2,bad\"quote\r\nH3,\"open\r\n").value());
  EXPECT_EQ(r.rejected_rows, (std::vector<std::int64_t>{3, 4})) << all_issues(r);
  EXPECT_TRUE(has_issue(r, 4, "hazard", "not closed"));
  EXPECT_EQ(r.records.hazards.size(), 1u);
}

TEST(HazardSheetImport, LenientSpellingsOfNamesAndFlags) {
  SheetBuilder b;
  b.row({{C::hazard_ref, "H1"},
         {C::hazard, "x"},
         {C::condition, " FAULT "},
         {C::hazard_mission, "Product lifecycle"},
         {C::hazard_stage, "post-launch"},
         {C::situation_ref, "S1"},
         {C::hazardous_situation, "s"},
         {C::harm_ref, "M1"},
         {C::harm, "m"},
         {C::control_ref, "C1"},
         {C::control, "c"},
         {C::control_option, "Information for safety"},
         {C::new_risks_reviewed, "Yes"},
         {C::source, "Field data"}});
  b.row({{C::situation_ref, "S1"},
         {C::harm_ref, "M1"},
         {C::control_ref, "C2"},
         {C::control, "d"},
         {C::control_option, "inherent safety by design"}});
  const auto r = check(b.parsed);
  ASSERT_TRUE(r.ok()) << all_issues(r);
  EXPECT_EQ(r.records.hazards[0].condition, risk::HazardCondition::fault);
  EXPECT_EQ(r.records.hazards[0].stage, risk::Stage::post_launch);
  EXPECT_EQ(r.records.controls[0].option, risk::ControlOption::information_for_safety);
  EXPECT_TRUE(r.records.controls[0].new_risks_reviewed);
  EXPECT_EQ(r.records.controls[1].option, risk::ControlOption::inherent_safety);
  EXPECT_EQ(r.records.situation_harms[0].source, risk::EstimateSource::field_data);
  EXPECT_EQ(r.records.control_links.size(), 2u);
}

TEST(HazardSheetImport, IdsFromAnIdSource) {
  struct Counter : IdSource {
    int n = 0;
    std::string next_id() override { return "id-" + std::to_string(++n); }
  } source;
  SheetBuilder b;
  good_row(b, "1");
  const auto r = validate_rows(b.parsed, testdata::compiled_policy(), ids_from(source));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.records.hazards[0].header.id, "id-1");
  EXPECT_EQ(source.n, 5);  // hazard, situation, harm, risk, hazard -> situation link
}

}  // namespace
}  // namespace riskloop::formats
