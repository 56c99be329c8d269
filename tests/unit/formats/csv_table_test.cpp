// RFC 4180 edge cases: quoting, embedded newlines, CRLF/LF/CR, byte order mark, separators,
// malformed quotes, and the formula-injection guard.
#include <gtest/gtest.h>

#include <random>

#include "formats/sheet/csv_table.hpp"

namespace riskloop::formats {
namespace {

RiskSheet sheet_of(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  RiskSheet s;
  s.columns = std::move(header);
  std::int64_t n = 1;
  for (auto& r : rows) s.rows.push_back({++n, std::move(r)});
  return s;
}

TEST(CsvWrite, QuotesOnlyWhatNeedsIt) {
  const auto csv =
      encode_csv(sheet_of({"a", "b", "c", "d", "e"},
                          {{"plain", "with,comma", "with \"quote\"", "two\r\nlines", "lf\nonly"}}),
                 {.byte_order_mark = false});
  EXPECT_EQ(csv,
            "a,b,c,d,e\r\n"
            "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\r\nlines\",\"lf\nonly\"\r\n");
}

TEST(CsvWrite, QuotesSemicolonsSoNoLocaleSplitsACellIntoAFormula) {
  // A spreadsheet whose list separator is `;` would read `x;=HYPERLINK(...)` unquoted as two
  // cells, the second a formula.
  const auto csv = encode_csv(
      sheet_of({"a", "b"}, {{"x;=HYPERLINK(\"http://example.invalid\")", "=1;2"}}),
      {.byte_order_mark = false});
  EXPECT_EQ(csv,
            "a,b\r\n"
            "\"x;=HYPERLINK(\"\"http://example.invalid\"\")\",\"'=1;2\"\r\n");
  const auto back = read_csv(csv).value();
  ASSERT_EQ(back.sheet.rows.size(), 1u);
  EXPECT_EQ(back.sheet.rows[0].cells[0], "x;=HYPERLINK(\"http://example.invalid\")");
  EXPECT_EQ(back.sheet.rows[0].cells[1], "=1;2");
}

TEST(CsvRead, AQuotedSemicolonInTheHeaderKeepsTheCommaSeparator) {
  // The round trip fuzz/csv_fuzz.cpp checks: the exported header `"a;b"` switched the reader to
  // `;` and split every data row wrongly.
  const auto sheet = sheet_of({"a;b"}, {{"1", "2"}});
  const auto back = read_csv(encode_csv(sheet)).value();
  EXPECT_EQ(back.sheet.columns, sheet.columns);
  ASSERT_EQ(back.sheet.rows.size(), 1u);
  EXPECT_EQ(back.sheet.rows[0].cells, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(read_csv("\"x,y\";z\r\n1;2\r\n").value().sheet.columns,
            (std::vector<std::string>{"x,y", "z"}));
}

TEST(CsvWrite, ByteOrderMarkByDefaultAndShortRowsPadded) {
  const auto csv = encode_csv(sheet_of({"a", "b", "c"}, {{"1"}}));
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "a,b,c\r\n1,,\r\n");
}

TEST(CsvFormulaGuard, PrefixesCellsASpreadsheetWouldRun) {
  EXPECT_EQ(guard_formula("=1+2"), "'=1+2");
  EXPECT_EQ(guard_formula("+1"), "'+1");
  EXPECT_EQ(guard_formula("-1"), "'-1");
  EXPECT_EQ(guard_formula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(guard_formula("\tx"), "'\tx");
  EXPECT_EQ(guard_formula("\rx"), "'\rx");
  EXPECT_EQ(guard_formula("'=x"), "''=x");
  EXPECT_EQ(guard_formula("plain"), "plain");
  EXPECT_EQ(guard_formula("a=b"), "a=b");
  EXPECT_EQ(guard_formula("'quoted"), "'quoted");
  EXPECT_EQ(guard_formula(""), "");
}

TEST(CsvFormulaGuard, UnguardInvertsGuard) {
  for (std::string cell : {"=1", "+", "-", "@", "\t", "'=x", "''-y", "'", "''", "'a", "plain", ""})
    EXPECT_EQ(unguard_formula(guard_formula(cell)), cell) << cell;
}

TEST(CsvFormulaGuard, SurvivesARoundTrip) {
  const auto sheet = sheet_of({"a", "b"}, {{"=cmd|' /C calc'!A0", "'-1"}});
  const auto parsed = read_csv(encode_csv(sheet)).value();
  ASSERT_EQ(parsed.sheet.rows.size(), 1u);
  EXPECT_EQ(parsed.sheet.rows[0].cells, (std::vector<std::string>{"=cmd|' /C calc'!A0", "'-1"}));
  EXPECT_NE(encode_csv(sheet).find("'=cmd"), std::string::npos);
}

TEST(CsvRead, RoundTripsEveryTrickyCell) {
  const auto sheet = sheet_of(
      {"x", "y"},
      {{"a,b", "\"q\""}, {"multi\r\nline", "lf\nline"}, {"", " spaced "}, {"日本語 ✓", ""}});
  const auto parsed = read_csv(encode_csv(sheet)).value();
  EXPECT_TRUE(parsed.problems.empty());
  EXPECT_EQ(parsed.sheet.columns, sheet.columns);
  ASSERT_EQ(parsed.sheet.rows.size(), sheet.rows.size());
  for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
    EXPECT_EQ(parsed.sheet.rows[i].cells, sheet.rows[i].cells);
    EXPECT_EQ(parsed.sheet.rows[i].number, static_cast<std::int64_t>(i) + 2);
  }
}

TEST(CsvRead, RowNumbersCountRecordsNotLines) {
  const auto parsed = read_csv("h1,h2\n\"a\nb\nc\",1\nnext,2\n").value();
  ASSERT_EQ(parsed.sheet.rows.size(), 2u);
  EXPECT_EQ(parsed.sheet.rows[0].cells[0], "a\nb\nc");
  EXPECT_EQ(parsed.sheet.rows[1].number, 3);
  EXPECT_EQ(parsed.sheet.rows[1].cells[0], "next");
}

TEST(CsvRead, AcceptsLfCrAndNoFinalNewline) {
  for (std::string text : {"a,b\n1,2\n3,4", "a,b\r1,2\r3,4\r", "a,b\r\n1,2\r\n3,4\r\n"}) {
    const auto parsed = read_csv(text).value();
    EXPECT_EQ(parsed.sheet.columns, (std::vector<std::string>{"a", "b"}));
    ASSERT_EQ(parsed.sheet.rows.size(), 2u) << text;
    EXPECT_EQ(parsed.sheet.rows[1].cells, (std::vector<std::string>{"3", "4"}));
  }
}

TEST(CsvRead, StripsByteOrderMark) {
  const auto parsed = read_csv("\xEF\xBB\xBFhazard_ref,hazard\r\nH1,x\r\n").value();
  EXPECT_EQ(parsed.sheet.columns[0], "hazard_ref");
}

TEST(CsvRead, EmptyTrailingFieldsAndBlankLinesKeepTheirPlace) {
  const auto parsed = read_csv("a,b,c\r\n1,,\r\n\r\n2,x,\r\n").value();
  ASSERT_EQ(parsed.sheet.rows.size(), 3u);
  EXPECT_EQ(parsed.sheet.rows[0].cells, (std::vector<std::string>{"1", "", ""}));
  EXPECT_EQ(parsed.sheet.rows[1].cells, (std::vector<std::string>{""}));
  EXPECT_EQ(parsed.sheet.rows[2].number, 4);
}

TEST(CsvRead, SemicolonSeparatorDetectedFromTheHeader) {
  const auto parsed = read_csv("hazard_ref;p1\r\nH1;0,001\r\n").value();
  EXPECT_EQ(parsed.sheet.columns, (std::vector<std::string>{"hazard_ref", "p1"}));
  EXPECT_EQ(parsed.sheet.rows[0].cells, (std::vector<std::string>{"H1", "0,001"}));
}

TEST(CsvRead, ReportsAnUnclosedQuoteAtItsRow) {
  const auto parsed = read_csv("a,b\r\n1,2\r\n3,\"open\r\n4,5\r\n").value();
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems[0].row, 3);
  EXPECT_EQ(parsed.problems[0].column, "b");
  EXPECT_NE(parsed.problems[0].message.find("not closed"), std::string::npos);
}

TEST(CsvRead, ReportsStrayQuotes) {
  const auto parsed = read_csv("a,b\r\nx\"y,2\r\n\"ok\"tail,3\r\n").value();
  ASSERT_EQ(parsed.problems.size(), 2u);
  EXPECT_EQ(parsed.problems[0].describe().substr(0, 17), "row 2, column \"a\"");
  EXPECT_EQ(parsed.problems[1].row, 3);
  EXPECT_EQ(parsed.sheet.rows[1].cells[0], "oktail");
}

// Random sheets over an alphabet of everything CSV and spreadsheets treat specially.
TEST(CsvRoundTrip, RandomSheetsComeBackUnchanged) {
  const std::vector<std::string> alphabet = {"a",
                                             "Z",
                                             "0",
                                             " ",
                                             ",",
                                             ";",
                                             "\"",
                                             "'",
                                             "=",
                                             "+",
                                             "-",
                                             "@",
                                             "\t",
                                             "\r",
                                             "\n",
                                             "\r\n",
                                             "\xC3\xA9",
                                             "\xE2\x9C\x93",
                                             "\xF0\x9F\x98\x80"};
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> width(1, 6), length(0, 8), height(0, 5), pick(0, 18);
  for (int round = 0; round < 2000; ++round) {
    RiskSheet sheet;
    const int w = width(rng);
    for (int c = 0; c < w; ++c) sheet.columns.push_back("col" + std::to_string(c));
    const int h = height(rng);
    for (int r = 0; r < h; ++r) {
      SheetRow row{r + 2, {}};
      for (int c = 0; c < w; ++c) {
        std::string cell;
        for (int k = length(rng); k > 0; --k) cell += alphabet[static_cast<std::size_t>(pick(rng))];
        row.cells.push_back(cell);
      }
      sheet.rows.push_back(row);
    }
    const auto csv = encode_csv(sheet, {.byte_order_mark = round % 2 == 0});
    const auto parsed = read_csv(csv).value();
    ASSERT_TRUE(parsed.problems.empty()) << round;
    ASSERT_EQ(parsed.sheet.columns, sheet.columns) << round;
    ASSERT_EQ(parsed.sheet.rows.size(), sheet.rows.size()) << round << "\n" << csv;
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      ASSERT_EQ(parsed.sheet.rows[r].cells, sheet.rows[r].cells) << round << "\n" << csv;
      ASSERT_EQ(parsed.sheet.rows[r].number, sheet.rows[r].number);
    }
  }
}

TEST(CsvRead, EmptyInput) {
  const auto parsed = read_csv("").value();
  EXPECT_TRUE(parsed.sheet.columns.empty());
  EXPECT_TRUE(parsed.sheet.rows.empty());
  EXPECT_TRUE(read_csv("\xEF\xBB\xBF").value().sheet.rows.empty());
}

// Limits (SheetLimits): each broken one fails at once, naming the line and column.
std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

TEST(CsvLimits, AWideRowFailsAtTheFirstColumnPastTheLimit) {
  // A million separators on one line would otherwise become a million cells per row.
  const auto text = "a,b\r\n1,2\r\n\"q\nq\",x" + repeat(",", 1'000'000) + "\r\n";
  const auto parsed = read_csv(text);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::too_large);
  EXPECT_EQ(parsed.error().message,
            "line 4, column 1025: a value past column 1 024, the last column an import reads");
  EXPECT_EQ(parsed.error().location, "line 4, column 1025");
}

TEST(CsvLimits, AFieldOverTheCellCapFails) {
  const auto text = "a,b\n1,\"" + std::string(200'000, 'x') + "\"\n";
  const auto parsed = read_csv(text);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message,
            "line 2, column 2: the cell holds more than 131 072 bytes, the most one cell may hold");
}

TEST(CsvLimits, CellsRowsAndTextAreCapped) {
  const std::string text = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n";
  EXPECT_TRUE(read_csv(text, {.max_cells = 12}));
  EXPECT_EQ(read_csv(text, {.max_cells = 11}).error().message,
            "line 4, column 3: the sheet has more than 11 cells, the most an import reads");
  EXPECT_EQ(read_csv(text, {.max_rows = 3}).error().message,
            "line 4, column 1: the sheet has more than 3 rows, the most an import reads");
  EXPECT_EQ(read_csv(text, {.max_text_bytes = 11}).error().message,
            "line 4, column 3: the cells hold more than 11 bytes of text together, the most an "
            "import reads");
}

TEST(CsvLimits, ProblemsPastTheCapAreCountedAndTheirRowsLeftOut) {
  std::string text = "a,b\n";
  for (int i = 0; i < 1500; ++i) text += "x\"y,1\n";
  text += "fine,2\n";
  const auto parsed = read_csv(text).value();
  ASSERT_EQ(parsed.problems.size(), 1001u);
  EXPECT_EQ(parsed.problems[999].row, 1001);
  EXPECT_EQ(parsed.problems.back().describe(),
            "and 500 more problems (only the first 1 000 are listed; their rows were left out)");
  ASSERT_EQ(parsed.sheet.rows.size(), 1001u);
  EXPECT_EQ(parsed.sheet.rows.back().number, 1502);
  EXPECT_EQ(parsed.sheet.rows.back().cells[0], "fine");
}

}  // namespace
}  // namespace riskloop::formats
