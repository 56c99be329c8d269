// XLSX reading of workbooks written by hand (shared strings with rich text, inline strings,
// numbers, booleans, formulas, prefixed XML, named sheets) and write -> read round trips.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <zip.h>

#include "formats/xlsx/xlsx_table_reader.hpp"
#include "formats/xlsx/xlsx_table_writer.hpp"

namespace riskloop::formats {
namespace {

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::path(testing::TempDir()) / name;
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A ZIP archive holding `members`, as bytes.
std::string zip_of(const std::map<std::string, std::string>& members) {
  // ctest runs each test in its own process, in parallel: one archive name per test.
  const auto path = temp_file(std::string("handmade-") +
                              testing::UnitTest::GetInstance()->current_test_info()->name() +
                              ".xlsx");
  zipFile zf = zipOpen(path.string().c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(zf, nullptr);
  for (const auto& [name, content] : members) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip(zf, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                  Z_DEFLATED, Z_DEFAULT_COMPRESSION),
              ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(zf, content.data(), static_cast<unsigned>(content.size())),
              ZIP_OK);
    EXPECT_EQ(zipCloseFileInZip(zf), ZIP_OK);
  }
  EXPECT_EQ(zipClose(zf, nullptr), ZIP_OK);
  auto bytes = read_bytes(path);
  std::filesystem::remove(path);
  return bytes;
}

const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";

const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Hazards" sheetId="2" r:id="rId2"/></sheets>
</workbook>)";

const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>)";

const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>hazard_ref</t></si>
<si><r><rPr><b/></rPr><t>haz</t></r><r><t xml:space="preserve">ard </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
<si><t>line 1_x000D_
line 2 and _x005F_x0041_ literal</t></si>
<si><t xml:space="preserve"> </t></si>
</sst>)";

const char* kNotesSheet =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row>
</sheetData></worksheet>)";

// Prefixed elements, a header on row 3, cells without references, a gap in columns.
const char* kHazardSheet =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"></x:row>
<x:row r="3"><x:c r="A3" t="s"><x:v>0</x:v></x:c><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>p1</x:t></x:is></x:c><x:c r="D3" t="inlineStr"><x:is><x:t>flag</x:t></x:is></x:c></x:row>
<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:r><x:t>H</x:t></x:r><x:r><x:t>1</x:t></x:r></x:is></x:c><x:c r="B5" t="s"><x:v>2</x:v></x:c><x:c r="C5"><x:v>9.9999999999999995E-7</x:v></x:c><x:c r="D5" t="b"><x:v>1</x:v></x:c></x:row>
<x:row><x:c r="A6" t="str"><x:f>CONCAT("H","2")</x:f><x:v>H2</x:v></x:c><x:c r="C6"><x:v>3</x:v></x:c><x:c r="D6" t="b"><x:v>0</x:v></x:c><x:c r="F6" t="s"><x:v>3</x:v></x:c></x:row>
<x:row r="7"><x:c r="B7" t="s"><x:v>99</x:v></x:c></x:row>
</x:sheetData></x:worksheet>)";

std::map<std::string, std::string> handmade_members() {
  return {{"_rels/.rels", kPackageRels},
          {"xl/workbook.xml", kWorkbook},
          {"xl/_rels/workbook.xml.rels", kWorkbookRels},
          {"xl/sharedStrings.xml", kSharedStrings},
          {"xl/worksheets/sheet1.xml", kNotesSheet},
          {"xl/worksheets/sheet2.xml", kHazardSheet}};
}

TEST(XlsxRead, ReadsEveryCellKindOfANamedSheet) {
  const auto bytes = zip_of(handmade_members());
  const auto parsed = read_xlsx_bytes(bytes, {.sheet_name = "Hazards"});
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto& s = parsed->sheet;
  EXPECT_EQ(s.columns, (std::vector<std::string>{"hazard_ref", "hazard ", "p1", "flag"}));
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.rows[0].number, 5);
  EXPECT_EQ(s.rows[0].cells, (std::vector<std::string>{"H1", "line 1\r\nline 2 and _x0041_ literal",
                                                       "1e-06", "true"}));
  EXPECT_EQ(s.rows[1].number, 6);
  EXPECT_EQ(s.rows[1].cells, (std::vector<std::string>{"H2", "", "3", "false", "", " "}));
  // The bad shared string index is a problem of row 7, column "hazard ".
  EXPECT_EQ(s.rows[2].number, 7);
  ASSERT_EQ(parsed->problems.size(), 1u);
  EXPECT_EQ(parsed->problems[0].describe(),
            "row 7, column \"hazard \": refers to a shared string the workbook does not have");
}

TEST(XlsxRead, FirstSheetByDefault) {
  const auto parsed = read_xlsx_bytes(zip_of(handmade_members()));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->sheet.columns, (std::vector<std::string>{"notes"}));
}

TEST(XlsxRead, UnknownSheetNamesTheSheetsThereAre) {
  const auto parsed = read_xlsx_bytes(zip_of(handmade_members()), {.sheet_name = "Risks"});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::not_found);
  EXPECT_NE(parsed.error().message.find("Notes, Hazards"), std::string::npos);
}

TEST(XlsxRead, RejectsWhatIsNotAWorkbook) {
  EXPECT_EQ(read_xlsx_bytes("just text").error().code, ErrorCode::malformed);
  EXPECT_EQ(read_xlsx_bytes("").error().code, ErrorCode::malformed);
  EXPECT_EQ(read_xlsx_bytes(zip_of({{"a.txt", "x"}})).error().code, ErrorCode::malformed);
  auto members = handmade_members();
  members["xl/worksheets/sheet1.xml"] = "<worksheet><sheetData><row>";
  const auto broken = read_xlsx_bytes(zip_of(members));
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::malformed);
  EXPECT_NE(broken.error().message.find("sheet1.xml"), std::string::npos);
}

TEST(XlsxRead, CapsTheSizeOfEachPart) {
  const auto parsed =
      read_xlsx_bytes(zip_of(handmade_members()), {.sheet_name = "", .max_part_bytes = 200});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::too_large);
}

TEST(XlsxRead, CellsPastTheGridAreRejected) {
  auto members = handmade_members();
  members["xl/worksheets/sheet1.xml"] =
      R"(<worksheet><sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>)";
  const auto parsed = read_xlsx_bytes(zip_of(members));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::too_large);
}

// A workbook whose sheet "Hazards" has `rows` rows, each with one cell at `column` (letters)
// referring to shared string 0, which is `shared`: about 1 MB compressed for the hostile cases.
std::string one_cell_rows(std::size_t rows, const std::string& column, const std::string& shared) {
  std::string sheet = R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
  for (std::size_t r = 1; r <= rows; ++r) {
    const auto n = std::to_string(r);
    sheet += "<row r=\"" + n + "\"><c r=\"" + column + n + "\" t=\"s\"><v>0</v></c></row>";
  }
  sheet += "</sheetData></worksheet>";
  auto members = handmade_members();
  members["xl/sharedStrings.xml"] = "<sst><si><t>" + shared + "</t></si></sst>";
  members["xl/worksheets/sheet2.xml"] = sheet;
  return zip_of(members);
}

TEST(XlsxLimits, ACellInColumnXfdOnEveryRowFailsAtTheFirstRow) {
  // Before the limits this allocated 16 384 cells per row, each a copy of the shared string,
  // for every row: bad_alloc after many seconds.
  const auto bytes = one_cell_rows(200'000, "XFD", std::string(1000, 'x'));
  EXPECT_LT(bytes.size(), 2'000'000u);
  const auto parsed = read_xlsx_bytes(bytes, {.sheet_name = "Hazards"});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::too_large);
  EXPECT_EQ(parsed.error().message,
            "sheet \"Hazards\", row 1, column XFD: a value past column 1 024, the last column an "
            "import reads");
  EXPECT_EQ(parsed.error().location, "sheet \"Hazards\", row 1, column XFD");
}

TEST(XlsxLimits, OneLongSharedStringInEveryCellIsCountedAtEachCopy) {
  // 100 000 bytes copied into 3 000 cells would hold 300 MB.
  const auto parsed =
      read_xlsx_bytes(one_cell_rows(3'000, "A", std::string(100'000, 'x')), {.sheet_name = "Hazards"});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::too_large);
  EXPECT_EQ(parsed.error().message,
            "sheet \"Hazards\", row 2685, column A: the cells hold more than 268 435 456 bytes "
            "of text together, the most an import reads");
}

TEST(XlsxLimits, EmptyCellsFarRightCostNothing) {
  auto members = handmade_members();
  members["xl/worksheets/sheet1.xml"] =
      R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c><c r="XFD1" s="3"/></row>)"
      R"(<row r="2"><c r="A2"><v>1</v></c><c r="XFD2" t="inlineStr"><is><t></t></is></c></row></sheetData></worksheet>)";
  const auto parsed = read_xlsx_bytes(zip_of(members));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->sheet.columns, (std::vector<std::string>{"h"}));
  ASSERT_EQ(parsed->sheet.rows.size(), 1u);
  EXPECT_EQ(parsed->sheet.rows[0].cells, (std::vector<std::string>{"1"}));
}

TEST(XlsxLimits, CellsAndRowsAreCapped) {
  const auto members = zip_of(handmade_members());
  XlsxReadOptions options{.sheet_name = "Hazards"};
  options.limits.max_cells = 10;
  auto parsed = read_xlsx_bytes(members, options);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message,
            "sheet \"Hazards\", row 6: the sheet has more than 10 cells, the most an "
            "import reads");
  options.limits = {.max_rows = 2};
  parsed = read_xlsx_bytes(members, options);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().location, "sheet \"Hazards\", row 6");
}

TEST(XlsxLimits, AllPartsTogetherAreCappedWhateverTheArchiveDeclares) {
  auto members = handmade_members();
  // 64 MB of blanks deflate to about 64 KB: under the cap of one part, over that of all parts.
  members["xl/worksheets/sheet2.xml"] =
      std::string(kHazardSheet) + std::string(60u << 20, ' ');
  const auto parsed = read_xlsx_bytes(zip_of(members), {.sheet_name = "Hazards",
                                                        .max_part_bytes = 61u << 20,
                                                        .max_inflated_bytes = 60u << 20});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::too_large);
  EXPECT_NE(parsed.error().message.find("xl/worksheets/sheet2.xml: the archive inflates to more "
                                        "than an import reads"),
            std::string::npos)
      << parsed.error().message;
}

TEST(XlsxRead, MissingFileIsAStorageError) {
  const auto parsed = read_xlsx_file(temp_file("does-not-exist.xlsx"));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::storage);
}

class XlsxRoundTrip : public testing::TestWithParam<bool> {};

TEST_P(XlsxRoundTrip, CellsComeBackAsWritten) {
  RiskSheet sheet;
  sheet.columns = {"text", "number", "flag"};
  sheet.rows = {
      {2, {"=1+2", "0.30000000000000004", "true"}},
      {3, {"_x0041_ literal", "1e-06", "false"}},
      {4, {"a\r\nb\tc", "not a number", "maybe"}},
      {5, {"", "", ""}},
      {6, {"日本語 <&>", "1", "true"}},
  };
  const XlsxCellType types[] = {XlsxCellType::text, XlsxCellType::number, XlsxCellType::boolean};
  const auto path = temp_file(GetParam() ? "cells_inline.xlsx" : "cells_shared.xlsx");
  ASSERT_TRUE(write_xlsx_table(sheet, types, path, {.constant_memory = GetParam()}));
  const auto bytes = read_bytes(path);
  const auto parsed = read_xlsx_bytes(bytes, {.sheet_name = "Hazards"});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->problems.empty());
  EXPECT_EQ(parsed->sheet.columns, sheet.columns);
  ASSERT_EQ(parsed->sheet.rows.size(), 4u);  // the empty row 5 is left out
  for (std::size_t i : {0u, 1u, 2u}) {
    EXPECT_EQ(parsed->sheet.rows[i].cells, sheet.rows[i].cells);
    EXPECT_EQ(parsed->sheet.rows[i].number, sheet.rows[i].number);
  }
  EXPECT_EQ(parsed->sheet.rows[3].cells, sheet.rows[4].cells);
  EXPECT_EQ(parsed->sheet.rows[3].number, 6);
  std::filesystem::remove(path);
}

INSTANTIATE_TEST_SUITE_P(SharedAndInlineStrings, XlsxRoundTrip, testing::Bool());

TEST(XlsxWrite, FailsCleanlyWhenThePathIsNotWritable) {
  RiskSheet sheet;
  sheet.columns = {"a"};
  const auto path = temp_file("no-such-dir") / "x.xlsx";
  const auto written = write_xlsx_table(sheet, {}, path);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::storage);
}

}  // namespace
}  // namespace riskloop::formats
