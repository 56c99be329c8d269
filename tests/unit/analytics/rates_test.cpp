// Rates against bayes_beta_binomial.csv and bayes_gamma_poisson.csv (mpmath, 50 digits): closed
// forms at 1e-12 relative, quantiles at 1e-9 relative, NA where the reference has none.
#include "analytics/rates.hpp"

#include <gtest/gtest.h>

#include "formats/sheet/numeric_csv.hpp"
#include "reference_csv.hpp"

namespace riskloop::analytics {
namespace {

using testing::expect_close;
using testing::reference_value;

TEST(Rates, BetaBinomialReferenceCases) {
  const std::string text = testing::read_reference("bayes_beta_binomial.csv");
  auto csv = formats::NumericCsv::open(text, {"case_id", "events", "trials", "prior_a", "prior_b"});
  ASSERT_TRUE(csv) << csv.error().message;
  int cases = 0;
  while (*csv->next()) {
    ++cases;
    const double x = *csv->number("events"), n = *csv->number("trials");
    const std::string id = "case " + std::string(csv->text("case_id")) + " ";
    auto ref = [&](const char* column) { return reference_value(csv->text(column)); };
    const RatePosterior post =
        beta_binomial_posterior(*csv->number("prior_a"), *csv->number("prior_b"), x, n);
    const double exact = 1e-12, quantile = 1e-9;
    expect_close(ref("post_a"), post.shape1, exact, id + "post_a");
    expect_close(ref("post_b"), post.shape2, exact, id + "post_b");
    expect_close(ref("post_mean"), post.mean, exact, id + "post_mean");
    expect_close(ref("post_q025"), post.interval.lower, quantile, id + "post_q025");
    expect_close(ref("post_q975"), post.interval.upper, quantile, id + "post_q975");
    const RateInterval cp = clopper_pearson(x, n);
    expect_close(ref("cp_lower95"), cp.lower, quantile, id + "cp_lower95");
    expect_close(ref("cp_upper95"), cp.upper, quantile, id + "cp_upper95");
    const RateInterval w = wilson(x, n);
    expect_close(ref("wilson_lower95"), w.lower, exact, id + "wilson_lower95");
    expect_close(ref("wilson_upper95"), w.upper, exact, id + "wilson_upper95");
    expect_close(ref("cp_upper95_one_sided"), binomial_upper_one_sided(x, n), quantile,
                 id + "cp_upper95_one_sided");
    const std::optional<double> three = x == 0 ? std::optional(rule_of_three(n)) : std::nullopt;
    expect_close(ref("rule_of_three_upper"), three, exact, id + "rule_of_three_upper");
    const std::optional<double> zero =
        x == 0 ? std::optional(zero_event_binomial_upper(n)) : std::nullopt;
    expect_close(ref("zero_event_exact_upper"), zero, exact, id + "zero_event_exact_upper");
  }
  EXPECT_EQ(cases, 7);
}

TEST(Rates, GammaPoissonReferenceCases) {
  const std::string text = testing::read_reference("bayes_gamma_poisson.csv");
  auto csv = formats::NumericCsv::open(
      text, {"case_id", "events", "exposure", "prior_shape", "prior_rate"});
  ASSERT_TRUE(csv) << csv.error().message;
  int cases = 0;
  while (*csv->next()) {
    ++cases;
    const double x = *csv->number("events"), t = *csv->number("exposure");
    const std::string id = "case " + std::string(csv->text("case_id")) + " ";
    auto ref = [&](const char* column) { return reference_value(csv->text(column)); };
    const RatePosterior post =
        gamma_poisson_posterior(*csv->number("prior_shape"), *csv->number("prior_rate"), x, t);
    const double exact = 1e-12, quantile = 1e-9;
    expect_close(ref("post_shape"), post.shape1, exact, id + "post_shape");
    expect_close(ref("post_rate"), post.shape2, exact, id + "post_rate");
    expect_close(ref("post_mean"), post.mean, exact, id + "post_mean");
    expect_close(ref("post_q025"), post.interval.lower, quantile, id + "post_q025");
    expect_close(ref("post_q975"), post.interval.upper, quantile, id + "post_q975");
    expect_close(ref("rate_mle"), x / t, exact, id + "rate_mle");
    const RateInterval g = garwood(x, t);
    expect_close(ref("exact_lower95"), g.lower, quantile, id + "exact_lower95");
    expect_close(ref("exact_upper95"), g.upper, quantile, id + "exact_upper95");
    expect_close(ref("exact_upper95_one_sided"), poisson_upper_one_sided(x, t), quantile,
                 id + "exact_upper95_one_sided");
    const std::optional<double> zero =
        x == 0 ? std::optional(poisson_upper_one_sided(0, t)) : std::nullopt;
    expect_close(ref("zero_event_upper95_one_sided"), zero, exact, id + "zero_event_upper95");
    const std::optional<double> three = x == 0 ? std::optional(3 / t) : std::nullopt;
    expect_close(ref("rule_of_three_upper"), three, exact, id + "rule_of_three_upper");
  }
  EXPECT_EQ(cases, 4);
}

}  // namespace
}  // namespace riskloop::analytics
