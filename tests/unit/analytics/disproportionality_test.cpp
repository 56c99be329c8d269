// Disproportionality on the 15 reference 2x2 tables (disproportionality_2x2.csv, mpmath at 60
// digits): every column, NA / Inf / NaN exactly, closed forms at 1e-12 relative and the Gamma
// quantiles of the IC interval at 1e-9 relative.
#include "analytics/disproportionality.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "formats/sheet/numeric_csv.hpp"
#include "reference_csv.hpp"

namespace riskloop::analytics {
namespace {

using testing::expect_close;
using testing::reference_value;

TEST(Disproportionality, MatchesAllReferenceTables) {
  const std::string text = testing::read_reference("disproportionality_2x2.csv");
  auto csv = formats::NumericCsv::open(text, {"case_id", "a", "b", "c", "d", "PRR", "IC975_approx"});
  ASSERT_TRUE(csv) << csv.error().message;
  int cases = 0;
  while (true) {
    auto more = csv->next();
    ASSERT_TRUE(more);
    if (!*more) break;
    ++cases;
    const Table2x2 t{*csv->number("a"), *csv->number("b"), *csv->number("c"), *csv->number("d")};
    const Disproportionality m = disproportionality(t);
    const std::string id = "case " + std::string(csv->text("case_id")) + " ";
    auto ref = [&](const char* column) { return reference_value(csv->text(column)); };
    const double exact = 1e-12, quantile = 1e-9;
    expect_close(ref("PRR"), m.prr, exact, id + "PRR");
    expect_close(ref("PRR_lo"), m.prr_lo, exact, id + "PRR_lo");
    expect_close(ref("PRR_hi"), m.prr_hi, exact, id + "PRR_hi");
    expect_close(ref("ROR"), m.ror, exact, id + "ROR");
    expect_close(ref("ROR_lo"), m.ror_lo, exact, id + "ROR_lo");
    expect_close(ref("ROR_hi"), m.ror_hi, exact, id + "ROR_hi");
    expect_close(ref("PRR_ha"), m.prr_ha, exact, id + "PRR_ha");
    expect_close(ref("PRR_lo_ha"), m.prr_lo_ha, exact, id + "PRR_lo_ha");
    expect_close(ref("PRR_hi_ha"), m.prr_hi_ha, exact, id + "PRR_hi_ha");
    expect_close(ref("ROR_ha"), m.ror_ha, exact, id + "ROR_ha");
    expect_close(ref("ROR_lo_ha"), m.ror_lo_ha, exact, id + "ROR_lo_ha");
    expect_close(ref("ROR_hi_ha"), m.ror_hi_ha, exact, id + "ROR_hi_ha");
    expect_close(ref("chi2"), m.chi2, exact, id + "chi2");
    expect_close(ref("chi2_p"), m.chi2_p, exact, id + "chi2_p");
    expect_close(ref("chi2_yates"), m.chi2_yates, exact, id + "chi2_yates");
    expect_close(ref("chi2_yates_p"), m.chi2_yates_p, exact, id + "chi2_yates_p");
    // R returns ~1e-28 where the clipped statistic is exactly 0 (README): absolute below 1e-20.
    expect_close(ref("chi2_yates_clipped"), m.chi2_yates_clipped, exact, id + "chi2_yates_clipped",
                 1e-20);
    expect_close(ref("chi2_yates_clipped_p"), m.chi2_yates_clipped_p, exact,
                 id + "chi2_yates_clipped_p");
    expect_close(ref("E"), m.expected, exact, id + "E");
    expect_close(ref("IC"), m.ic, exact, id + "IC");
    expect_close(ref("IC025"), m.ic025, quantile, id + "IC025");
    expect_close(ref("IC975"), m.ic975, quantile, id + "IC975");
    expect_close(ref("IC025_approx"), m.ic025_approx, exact, id + "IC025_approx");
    expect_close(ref("IC975_approx"), m.ic975_approx, exact, id + "IC975_approx");
  }
  EXPECT_EQ(cases, 15);
}

TEST(Disproportionality, EvansCriteriaByDefault) {
  const Table2x2 strong{10, 90, 100, 9800};  // PRR 9.9, chi2 65, a = 10
  const SignalCriteria s = signal_criteria(strong, disproportionality(strong), SignalThresholds{});
  EXPECT_TRUE(s.prr);
  EXPECT_TRUE(s.chi2);
  EXPECT_TRUE(s.count);
  EXPECT_TRUE(s.all);
  EXPECT_FALSE(s.ror_lo.has_value());

  const Table2x2 rare{2, 98, 100, 9800};  // PRR 1.98, a = 2: neither
  const SignalCriteria r = signal_criteria(rare, disproportionality(rare), SignalThresholds{});
  EXPECT_FALSE(r.prr);
  EXPECT_FALSE(r.count);
  EXPECT_FALSE(r.all);
}

TEST(Disproportionality, OptionalCriteriaAndNaNNeverMeetAThreshold) {
  SignalThresholds t;
  t.min_a = 1;
  t.min_ror_lo = 1.0;
  t.min_ic025 = 0.0;
  const Table2x2 zero_c{7, 200, 0, 40000};  // PRR Inf, ROR interval NA
  const SignalCriteria s = signal_criteria(zero_c, disproportionality(zero_c), t);
  EXPECT_TRUE(s.prr);
  ASSERT_TRUE(s.ror_lo.has_value());
  EXPECT_FALSE(*s.ror_lo);  // NA bound does not meet the criterion
  ASSERT_TRUE(s.ic025.has_value());
  EXPECT_TRUE(*s.ic025);
  EXPECT_FALSE(s.all);

  const Table2x2 empty_margin{0, 500, 0, 10000};  // chi-square NaN, PRR NaN
  const SignalCriteria e = signal_criteria(empty_margin, disproportionality(empty_margin), t);
  EXPECT_FALSE(e.prr);
  EXPECT_FALSE(e.chi2);
}

}  // namespace
}  // namespace riskloop::analytics
