// Estimation and evaluation: P1 x P2 to probability level, boundaries, errors naming the field.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/risk/estimate.hpp"
#include "core/risk/probability.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

Estimate est(double p1, double p2, std::int64_t severity) {
  Estimate e;
  e.p1 = p1;
  e.p2 = p2;
  e.severity_rank = severity;
  return e;
}

std::int64_t level_of(const CompiledPolicy& policy, double p1, double p2 = 1.0) {
  const auto ev = evaluate(policy, est(p1, p2, 3));
  EXPECT_TRUE(ev) << ev.error().message;
  return ev ? ev->probability_rank : -1;
}

TEST(Evaluate, BoundariesBelongToTheUpperLevel) {
  const auto policy = fixtures::default_compiled();
  EXPECT_EQ(level_of(policy, 0.0), 1);
  EXPECT_EQ(level_of(policy, 0.999999e-6), 1);
  EXPECT_EQ(level_of(policy, 1e-6), 2);  // exactly 1e-6 is Remote, not Improbable
  EXPECT_EQ(level_of(policy, 9.99999e-6), 2);
  EXPECT_EQ(level_of(policy, 1e-5), 3);
  EXPECT_EQ(level_of(policy, 1e-4), 4);
  EXPECT_EQ(level_of(policy, 0.000999), 4);
  EXPECT_EQ(level_of(policy, 1e-3), 5);
  EXPECT_EQ(level_of(policy, 1.0), 5);  // the last level includes 1
}

TEST(Evaluate, CombinesP1AndP2) {
  const auto policy = fixtures::default_compiled();
  EXPECT_EQ(level_of(policy, 0.001, 0.001), 2);  // 1e-6
  EXPECT_EQ(level_of(policy, 0.01, 0.1), 5);     // 1e-3
  EXPECT_EQ(level_of(policy, 0.01, 0.099), 4);
  const auto ev = evaluate(policy, est(0.02, 0.5, 3));
  ASSERT_TRUE(ev);
  ASSERT_TRUE(ev->probability);
  EXPECT_DOUBLE_EQ(*ev->probability, 0.01);
}

// Rounding in the product must never move a risk to a less probable level: a value a few ulps
// under a boundary counts as on it, while a real difference does not.
TEST(Evaluate, RoundingBelowABoundaryCountsAsOnIt) {
  const auto policy = fixtures::default_compiled();
  EXPECT_EQ(level_of(policy, std::nextafter(1e-6, 0.0)), 2);
  EXPECT_EQ(level_of(policy, std::nextafter(1e-3, 0.0)), 5);
  EXPECT_EQ(level_of(policy, 1e-6 * (1 - 1e-9)), 1);
}

TEST(Evaluate, ReadsTheMatrixCell) {
  const auto policy = fixtures::default_compiled();
  const auto cell = [&](double p, std::int64_t severity) {
    const auto ev = evaluate(policy, est(p, 1.0, severity));
    EXPECT_TRUE(ev);
    return ev->acceptability;
  };
  EXPECT_EQ(cell(1e-3, 3), Acceptability::unacceptable);  // Serious x Frequent
  EXPECT_EQ(cell(5e-5, 3), Acceptability::investigate);   // Serious x Occasional
  EXPECT_EQ(cell(5e-6, 3), Acceptability::acceptable);    // Serious x Remote
  EXPECT_EQ(cell(1e-7, 5), Acceptability::investigate);   // Catastrophic x Improbable
  EXPECT_EQ(cell(0.5, 1), Acceptability::investigate);    // Negligible x Frequent
  EXPECT_EQ(cell(5e-4, 1), Acceptability::acceptable);    // Negligible x Probable
}

TEST(Evaluate, NotEstimableUsesTheWorstLevelAndSaysSo) {
  const auto policy = fixtures::default_compiled();
  Estimate e;
  e.probability_estimable = false;
  e.p1 = std::numeric_limits<double>::quiet_NaN();  // ignored
  e.severity_rank = 2;
  const auto ev = evaluate(policy, e);
  ASSERT_TRUE(ev) << ev.error().message;
  EXPECT_TRUE(ev->worst_case_probability);
  EXPECT_EQ(ev->probability_rank, 5);
  EXPECT_FALSE(ev->probability);
  EXPECT_EQ(ev->acceptability, Acceptability::investigate);  // Minor x Frequent
  EXPECT_EQ(describe(policy, *ev),
            "Minor x Frequent (probability not estimable, evaluated at the worst level): "
            "investigate");
}

TEST(Evaluate, DescribesTheCell) {
  const auto policy = fixtures::default_compiled();
  const auto ev = evaluate(policy, est(2e-6, 1.0, 3));
  ASSERT_TRUE(ev);
  EXPECT_EQ(describe(policy, *ev), "Serious x Remote (P = 0.000002 per use): acceptable");
}

// 0.001 x 0.001 is 1.0000000000000002e-06 in binary floating point; people read 0.000001.
TEST(Evaluate, DescribesTheProductWithoutFloatingPointNoise) {
  const auto policy = fixtures::default_compiled();
  const auto ev = evaluate(policy, est(1e-3, 1e-3, 3));
  ASSERT_TRUE(ev);
  EXPECT_EQ(describe(policy, *ev), "Serious x Remote (P = 0.000001 per use): acceptable");
}

struct ProbabilityCase {
  double value;
  const char* text;
};

// The rule of format_probability: shortest text of at most 6 significant digits that reads back
// as the same double, else rounded to 6 significant digits; plain decimal notation.
TEST(FormatProbability, WritesProbabilitiesAsPeopleWriteThem) {
  const ProbabilityCase cases[] = {
      {0.0, "0"},
      {-0.0, "0"},
      {1.0, "1"},
      {0.25, "0.25"},
      {0.5, "0.5"},
      {1e-6, "0.000001"},
      {1e-3 * 1e-3, "0.000001"},            // 1.0000000000000002e-06
      {0.1 * 0.05, "0.005"},                // 0.005000000000000001
      {0.1 + 0.2, "0.3"},                   // 0.30000000000000004
      {2.5e-7, "0.00000025"},
      {1e-9, "0.000000001"},
      {0.123456789, "0.123457"},
      {0.999999, "0.999999"},
      {0.9999999, "1"},
      {3e-5 * 0.02, "0.0000006"},
      {1.5, "1.5"},                         // out of range, but said as given in errors
      {-0.5, "-0.5"},
  };
  for (const auto& c : cases) EXPECT_EQ(format_probability(c.value), c.text) << c.text;
}

// Exports and form values read back as the same double: nothing a sheet or a re-saved form
// carries is rounded; what a person typed is still written as typed.
TEST(FormatProbability, ExactFormReadsBackTheSameValue) {
  const ProbabilityCase cases[] = {
      {0.0, "0"},        {1.0, "1"},           {1e-6, "0.000001"},
      {0.25, "0.25"},    {2.5e-7, "0.00000025"}, {1.0 / 3, "0.3333333333333333"},
      {0.1 * 0.05, "0.005000000000000001"},
  };
  for (const auto& c : cases) {
    const auto text = format_probability(c.value, ProbabilityText::exact);
    EXPECT_EQ(text, c.text);
    EXPECT_EQ(std::stod(text), c.value) << text;
  }
}

struct BadEstimate {
  Estimate estimate;
  const char* location;
  const char* message;
};

TEST(Evaluate, ErrorsNameTheField) {
  const auto policy = fixtures::default_compiled();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const BadEstimate cases[] = {
      {est(1.5, 0.1, 3), "/p1", "must be a probability between 0 and 1, got 1.5"},
      {est(-0.1, 0.1, 3), "/p1", "must be a probability between 0 and 1, got -0.1"},
      {est(0.1, nan, 3), "/p2", "must be a finite probability between 0 and 1"},
      {est(0.1, inf, 3), "/p2", "must be a finite probability between 0 and 1"},
      {est(0.1, 0.1, 6), "/severity_rank", "is not one of the policy's severity ranks 1..5, got 6"},
      {est(0.1, 0.1, 0), "/severity_rank", "is not one of the policy's severity ranks 1..5, got 0"},
  };
  for (const auto& c : cases) {
    const auto ev = evaluate(policy, c.estimate);
    ASSERT_FALSE(ev) << c.location;
    EXPECT_EQ(ev.error().code, ErrorCode::validation);
    EXPECT_EQ(ev.error().location, c.location);
    EXPECT_EQ(ev.error().message, c.message);
  }
}

TEST(ValidateEstimate, ChecksFieldsWithoutAPolicy) {
  EXPECT_TRUE(validate(est(0.5, 0.5, 9)));  // rank 9 is a policy question, not a field error
  auto r = validate(est(0.5, 2.0, 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/p2");
  r = validate(est(0.5, 0.5, 0));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/severity_rank");
  auto e = est(0.5, 0.5, 1);
  e.rationale = std::string(10001, 'x');
  r = validate(e);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/rationale");
}

}  // namespace
}  // namespace riskloop::risk
