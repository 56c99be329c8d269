// The measurement CSV reader under hostile input: limits of the CSV reader reported as an issue,
// and the checks' own problems capped with the rest counted.
#include <gtest/gtest.h>

#include "formats/digest/bulk_row_hash.hpp"
#include "formats/sheet/measurement_csv.hpp"

namespace riskloop::formats {
namespace {

constexpr std::string_view kHeader = "product_id,lot,characteristic,value,unit,measured_at\n";

TEST(MeasurementCsvLimits, AFileOverALimitIsOneIssueNamingLineAndColumn) {
  std::string text(kHeader);
  text += "p,l,c,1,mm,2026-11-25T09:00:00Z\n";
  text += "p,l,c,\"" + std::string(200'000, '9') + "\",mm,2026-11-25T09:00:00Z\n";
  const auto sheet = read_measurement_csv(text);
  ASSERT_EQ(sheet.issues.size(), 1u);
  EXPECT_TRUE(sheet.rows.empty());
  EXPECT_EQ(sheet.issues[0].describe(),
            "line 3, column 4: the cell holds more than 131 072 bytes, the most one cell may hold");
}

TEST(MeasurementCsvLimits, BadRowsPastTheCapAreCounted) {
  std::string text(kHeader);
  for (int i = 0; i < 1200; ++i) text += "p,l,c,lots,mm,2026-11-25T09:00:00Z\n";
  const auto sheet = read_measurement_csv(text);
  EXPECT_EQ(sheet.rows_read, 1200);
  ASSERT_EQ(sheet.issues.size(), 1001u);
  EXPECT_EQ(sheet.issues[999].row, 1001);
  EXPECT_EQ(sheet.issues.back().describe(),
            "and 200 more problems (only the first 1 000 are listed; their rows were left out)");
  EXPECT_TRUE(sheet.rows.empty());
}

// The row-at-a-time reader gives the rows and issues of the whole-file reader, one by one.
TEST(MeasurementCsvReader, GivesTheGoodRowsOneAtATimeAndListsTheBadOnes) {
  std::string text(kHeader);
  text += "p1,L1,c,1.5,mm,2026-11-25T09:00:00Z\n";
  text += "p1,L1,c,x,mm,2026-11-25T09:00:00Z\n";
  text += "\"p2\",\" L2 \",\"a \"\"long\"\" characteristic name\",-2e-3,um,2026-11-25T09:00:01.250Z\n";
  text += "p3,'=L3,c,7,mm,2026-11-25T09:00:02Z\n";
  const auto whole = read_measurement_csv(text);
  MeasurementCsvReader reader(text);
  std::vector<ProcessMeasurement> rows;
  ProcessMeasurement m;
  while (reader.next(m)) rows.push_back(m);
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(whole.rows.size(), 3u);
  for (std::size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(canonical_bulk_row(rows[i]), canonical_bulk_row(whole.rows[i]));
  EXPECT_EQ(rows[1].source_row, 4);
  EXPECT_EQ(rows[1].lot, "L2");
  EXPECT_EQ(rows[1].characteristic, "a \"long\" characteristic name");
  EXPECT_EQ(rows[2].lot, "=L3");  // the formula guard is taken off
  EXPECT_EQ(rows[2].characteristic, "c");  // a reused string holds the shorter value alone
  EXPECT_EQ(reader.rows_read(), 4);
  ASSERT_EQ(reader.issues().size(), 1u);
  EXPECT_EQ(reader.issues()[0].describe(),
            "row 3, column \"value\": \"x\" is not a finite decimal number such as 12.5");
  EXPECT_FALSE(reader.over_limit());
}

// The reused-buffer encoder writes what the generic canonical writer writes, member for member.
TEST(BulkRowEncoder, EncodesAsTheGenericCanonicalWriter) {
  ProcessMeasurement m;
  m.id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  m.org_id = "org-1";
  m.source_row = 17;
  m.product_id = "prod";
  m.lot = "L\"1\\\u00e9";
  m.characteristic = "strut thickness";
  m.value = 80.0125;
  m.unit = "\xc2\xb5m";
  m.measured_at = *parse_timestamp("2026-11-25T09:00:00.125Z");
  m.operator_name = "op\n2";
  m.placement = {"batch", 3, "ff"};
  detail::CanonicalWriter generic;
  visit_bulk_content<ProcessMeasurement>(generic, m);
  const std::string expected = generic.finish();
  BulkRowEncoder<ProcessMeasurement> encoder;
  EXPECT_EQ(encoder.encode(m), expected);
  ProcessMeasurement shorter = m;
  shorter.lot = "L";
  shorter.station = "gauge";
  detail::CanonicalWriter again;
  visit_bulk_content<ProcessMeasurement>(again, shorter);
  EXPECT_EQ(encoder.encode(shorter), again.finish());
  EXPECT_EQ(bulk_leaf_hash(m), merkle_leaf_hash(expected));
}

}  // namespace
}  // namespace riskloop::formats
