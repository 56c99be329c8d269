#include <gtest/gtest.h>

#include "core/time.hpp"

namespace riskloop {
namespace {

TEST(Timestamp, FormatsAndParsesRoundTrip) {
  const auto t = parse_timestamp("2026-11-25T15:06:11.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp(*t), "2026-11-25T15:06:11.123Z");
  EXPECT_EQ(format_timestamp(Timestamp{}), "1970-01-01T00:00:00.000Z");
}

TEST(Timestamp, FormatsEveryYearWithFourDigitsAndOthersAsPrintfWould) {
  using namespace std::chrono_literals;
  EXPECT_EQ(format_timestamp(Timestamp{-1ms}), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(Timestamp{-62135596800000ms}), "0001-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(Timestamp{-62167219200000ms}), "0000-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(Timestamp{253402300799999ms}), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(Timestamp{253402300800000ms}), "10000-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(Timestamp{-62167219200001ms}), "-001-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(Timestamp{951782400007ms}), "2000-02-29T00:00:00.007Z");
}

TEST(Timestamp, RejectsEverythingElse) {
  for (const char* bad : {"", "2026-11-25", "2026-11-25T15:06:11Z", "2026-13-01T00:00:00.000Z",
                          "2026-02-30T00:00:00.000Z", "2026-11-25T24:00:00.000Z",
                          "2026-11-25T15:06:11.123+01", "2026-11-25 15:06:11.123Z",
                          "２026-11-25T15:06:11.123Z"})
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
}

TEST(Timestamp, LeapDayIsValid) { EXPECT_TRUE(parse_timestamp("2028-02-29T23:59:59.999Z")); }

}  // namespace
}  // namespace riskloop
