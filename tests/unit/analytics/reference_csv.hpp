// Reads a reference-vector CSV of the shared data set for the analytics tests: the whole file as
// text, and cells as doubles where "Inf", "-Inf", "NaN" and "NA" are spelled literally.
#pragma once

#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace riskloop::analytics::testing {

// The reference data directory, given by the build (RISKLOOP_SHARED_DATA_DIR).
inline std::string reference_path(std::string_view name) {
  return std::string(RISKLOOP_SHARED_DATA_DIR) + "/reference/" + std::string(name);
}

// The file's text; a missing file fails the test (never skips).
inline std::string read_reference(std::string_view name) {
  const std::string path = reference_path(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "reference file missing: " << path
                  << " (the shared data set must be next to the source tree)";
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A reference cell: empty optional for NA, otherwise the double (Inf and NaN included).
inline std::optional<double> reference_value(std::string_view cell) {
  if (cell == "NA") return std::nullopt;
  if (cell == "Inf") return std::numeric_limits<double>::infinity();
  if (cell == "-Inf") return -std::numeric_limits<double>::infinity();
  if (cell == "NaN") return std::numeric_limits<double>::quiet_NaN();
  return std::stod(std::string(cell));
}

// Expects `actual` to equal `expected` within `rel` relative tolerance, with NA, Inf and NaN
// compared exactly. Values whose magnitude is under `abs_floor` are compared absolutely.
inline void expect_close(const std::optional<double>& expected, const std::optional<double>& actual,
                         double rel, const std::string& what, double abs_floor = 0) {
  if (!expected) {
    EXPECT_FALSE(actual.has_value()) << what << ": expected NA, got " << *actual;
    return;
  }
  ASSERT_TRUE(actual.has_value()) << what << ": expected " << *expected << ", got NA";
  const double e = *expected, a = *actual;
  if (std::isnan(e)) {
    EXPECT_TRUE(std::isnan(a)) << what << ": expected NaN, got " << a;
  } else if (std::isinf(e)) {
    EXPECT_EQ(e, a) << what;
  } else if (std::abs(e) <= abs_floor) {
    EXPECT_NEAR(a, e, abs_floor) << what;
  } else {
    EXPECT_LE(std::abs(a - e), rel * std::abs(e))
        << what << ": expected " << e << ", got " << a << " (relative "
        << std::abs(a - e) / std::abs(e) << ")";
  }
}

}  // namespace riskloop::analytics::testing
