// The measurement CSV reader under hostile input: limits of the CSV reader reported as an issue,
// and the checks' own problems capped with the rest counted.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace riskloop::formats
