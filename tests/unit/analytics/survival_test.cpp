// Kaplan-Meier and Weibull fits against R survival 3.5-3 (reference section 7).
#include <gtest/gtest.h>

#include "analytics/survival.hpp"
#include "reference_table.hpp"

namespace riskloop::analytics {
namespace {

using testing::near_relative;
using testing::ReferenceCsv;
using testing::shared_data;

std::vector<Lifetime> devices() {
  const ReferenceCsv in(shared_data("weibull_km_input.csv"));
  std::vector<Lifetime> out;
  for (std::size_t i = 0; i < in.size(); ++i)
    out.push_back({in.number(i, "time_months"), in.number(i, "failed") == 1});
  return out;
}

TEST(Weibull, MatchesSurvreg) {
  const ReferenceCsv ref(shared_data("weibull_mle.csv"));
  const auto data = devices();
  ASSERT_EQ(data.size(), 50u);
  const auto fit = weibull_fit(data);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_EQ(fit->n, 50);
  EXPECT_EQ(fit->failures, static_cast<std::int64_t>(ref.number(0, "n_failed")));
  const double tol = 1e-6;  // iterative fit
  EXPECT_TRUE(near_relative(fit->shape, ref.number(0, "weibull_shape"), tol)) << fit->shape;
  EXPECT_TRUE(near_relative(fit->scale, ref.number(0, "weibull_scale"), tol)) << fit->scale;
  EXPECT_TRUE(near_relative(fit->intercept, ref.number(0, "survreg_intercept"), tol));
  EXPECT_TRUE(near_relative(fit->log_sigma, ref.number(0, "survreg_log_scale"), tol));
  EXPECT_TRUE(near_relative(fit->se_intercept, ref.number(0, "se_intercept"), tol)) << fit->se_intercept;
  EXPECT_TRUE(near_relative(fit->se_log_sigma, ref.number(0, "se_log_scale"), tol)) << fit->se_log_sigma;
  EXPECT_TRUE(near_relative(fit->cov_intercept_log_sigma, ref.number(0, "cov_intercept_log_scale"), tol))
      << fit->cov_intercept_log_sigma;
  EXPECT_TRUE(near_relative(fit->loglik, ref.number(0, "loglik"), 1e-9)) << fit->loglik;
  EXPECT_TRUE(near_relative(fit->life_quantile(0.1), ref.number(0, "B10_life"), tol));
  EXPECT_TRUE(near_relative(fit->life_quantile(0.5), ref.number(0, "median_life"), tol));
  EXPECT_LT(fit->shape_lower, fit->shape);
  EXPECT_GT(fit->scale_upper, fit->scale);
}

TEST(KaplanMeier, MatchesSurvfitAtTheListedTimes) {
  const ReferenceCsv ref(shared_data("kaplan_meier.csv"));
  const auto data = devices();
  std::vector<double> times;
  for (std::size_t i = 0; i < ref.size(); ++i) times.push_back(ref.number(i, "time"));
  const auto km = kaplan_meier_at(data, times);
  ASSERT_TRUE(km.has_value()) << km.error().message;
  const auto fit = weibull_fit(data);
  ASSERT_TRUE(fit.has_value());
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const auto& r = (*km)[i];
    const std::string at = "t=" + ref.text(i, "time");
    EXPECT_EQ(r.n_risk, static_cast<std::int64_t>(ref.number(i, "n_risk"))) << at;
    EXPECT_EQ(r.n_event, static_cast<std::int64_t>(ref.number(i, "n_event_cum"))) << at;
    EXPECT_TRUE(near_relative(r.survival, ref.number(i, "survival"), 1e-12)) << at;
    EXPECT_TRUE(near_relative(r.std_err, ref.number(i, "std_err_greenwood"), 1e-12)) << at;
    EXPECT_TRUE(near_relative(r.lower, ref.number(i, "lower95_log"), 1e-12)) << at;
    EXPECT_TRUE(near_relative(r.upper, ref.number(i, "upper95_log"), 1e-12)) << at;
    EXPECT_TRUE(near_relative(fit->survival(r.time), ref.number(i, "weibull_survival"), 1e-6)) << at;
  }
}

TEST(KaplanMeier, CensoredAtAFailureTimeIsAtRisk) {
  // Failure and censoring at t = 2: the censored unit is among the 3 at risk.
  const std::vector<Lifetime> d{{1, true}, {2, true}, {2, false}, {3, true}};
  const auto km = kaplan_meier(d);
  ASSERT_TRUE(km.has_value());
  ASSERT_EQ(km->size(), 3u);
  EXPECT_EQ((*km)[1].n_risk, 3);
  EXPECT_DOUBLE_EQ((*km)[1].survival, 0.75 * (2.0 / 3.0));
  EXPECT_DOUBLE_EQ((*km)[2].survival, 0.0);
  EXPECT_TRUE(std::isnan((*km)[2].lower));
}

TEST(Weibull, RefusesDataWithoutAFiniteMaximum) {
  const std::vector<Lifetime> censored{{1, false}, {2, false}, {3, false}};
  const auto a = weibull_fit(censored);
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("every observation is censored"), std::string::npos);
  const std::vector<Lifetime> one{{1, true}, {2, false}, {3, false}};
  EXPECT_FALSE(weibull_fit(one).has_value());
  const std::vector<Lifetime> tied{{2, true}, {2, true}, {3, false}};
  EXPECT_FALSE(weibull_fit(tied).has_value());
  const std::vector<Lifetime> negative{{1, true}, {-2, true}};
  const auto n = weibull_fit(negative);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().location, "row 2");
}

}  // namespace
}  // namespace riskloop::analytics
