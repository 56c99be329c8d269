// Poisson maxSPRT against R Sequential 4.3.4 (reference section 3).
#include <gtest/gtest.h>

#include "analytics/sequential_maxsprt.hpp"
#include "reference_table.hpp"

namespace riskloop::analytics {
namespace {

using testing::near_relative;
using testing::ReferenceCsv;
using testing::shared_data;

TEST(MaxSprt, CriticalValuesMatchSequential) {
  const ReferenceCsv ref(shared_data("maxsprt_poisson_cv.csv"));
  ASSERT_EQ(ref.size(), 12u);
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const MaxSprtDesign design{.surveillance_end = ref.number(i, "T_expected_upper_limit"),
                               .min_events = static_cast<std::int64_t>(ref.number(i, "M_min_events"))};
    const auto cv = maxsprt_critical_value(design, ref.number(i, "alpha"));
    ASSERT_TRUE(cv.has_value()) << cv.error().message;
    const double expected = ref.number(i, "critical_value_LLR");
    EXPECT_TRUE(near_relative(*cv, expected, 1e-6))
        << "T=" << design.surveillance_end << " M=" << design.min_events << ": " << *cv << " vs "
        << expected;
    // The critical value gives the type I error asked for.
    const auto h0 = maxsprt_performance(design, *cv, 1.0);
    ASSERT_TRUE(h0.has_value());
    EXPECT_NEAR(h0->power, 0.05, 1e-10);
  }
}

TEST(MaxSprt, PerformanceMatchesSequential) {
  const ReferenceCsv ref(shared_data("maxsprt_poisson_performance.csv"));
  ASSERT_EQ(ref.size(), 3u);
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const MaxSprtDesign design{.surveillance_end = ref.number(i, "T_expected_upper_limit"),
                               .min_events = static_cast<std::int64_t>(ref.number(i, "M_min_events"))};
    const auto perf = maxsprt_performance(design, ref.number(i, "critical_value_LLR"),
                                          ref.number(i, "RR"));
    ASSERT_TRUE(perf.has_value()) << perf.error().message;
    EXPECT_TRUE(near_relative(perf->power, ref.number(i, "power"), 1e-9)) << perf->power;
    EXPECT_TRUE(near_relative(perf->expected_signal_time, ref.number(i, "expected_signal_time"), 1e-9))
        << perf->expected_signal_time;
    EXPECT_TRUE(near_relative(perf->expected_sample_size, ref.number(i, "expected_sample_size"), 1e-9))
        << perf->expected_sample_size;
  }
}

TEST(MaxSprt, BoundaryIsWhereTheLlrReachesTheCriticalValue) {
  for (std::int64_t c : {1, 2, 5, 40, 1000}) {
    const double mu = maxsprt_boundary(c, 3.2);
    EXPECT_LT(mu, static_cast<double>(c));
    EXPECT_NEAR(maxsprt_llr(static_cast<double>(c), mu), 3.2, 1e-9);
  }
  EXPECT_EQ(maxsprt_llr(3, 3), 0.0);
  EXPECT_EQ(maxsprt_llr(2, 5), 0.0);
}

TEST(MaxSprt, RejectsImpossibleDesigns) {
  // P(3 events by T=0.5) < 0.05: no critical value exists.
  const auto none = maxsprt_critical_value({.surveillance_end = 0.5, .min_events = 3}, 0.05);
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().message.find("larger T"), std::string::npos);
  EXPECT_FALSE(maxsprt_critical_value({.surveillance_end = 0, .min_events = 1}, 0.05).has_value());
  EXPECT_FALSE(maxsprt_critical_value({.surveillance_end = 10, .min_events = 0}, 0.05).has_value());
  EXPECT_FALSE(maxsprt_critical_value({.surveillance_end = 10, .min_events = 1}, 0.7).has_value());
  EXPECT_FALSE(maxsprt_performance({.surveillance_end = 10, .min_events = 1}, 3.0, 0.5).has_value());
}

TEST(MaxSprt, MonitorSignalsAtTheFirstLookBeyondTheCriticalValue) {
  const MaxSprtDesign design{.surveillance_end = 10, .min_events = 2};
  const double cv = 3.2380087065222898;
  // Cumulative (c, mu): (0,1) (1,2) (8,3): LLR 2.85 < cv; (12,3.5): LLR 6.29 >= cv.
  const std::vector<MaxSprtLook> looks{{0, 1}, {1, 1}, {7, 1}, {4, 0.5}, {1, 1}, {0, 10}};
  const auto r = maxsprt_monitor(design, cv, looks);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), looks.size());
  EXPECT_EQ((*r)[0].status, MaxSprtStatus::continue_monitoring);
  EXPECT_EQ((*r)[2].status, MaxSprtStatus::continue_monitoring);
  EXPECT_NEAR((*r)[2].llr, maxsprt_llr(8, 3), 1e-15);
  EXPECT_EQ((*r)[3].cumulative_observed, 12);
  EXPECT_GE((*r)[3].llr, cv);
  EXPECT_EQ((*r)[3].status, MaxSprtStatus::alarm);
  EXPECT_EQ((*r)[4].status, MaxSprtStatus::after_alarm);
  EXPECT_EQ((*r)[5].status, MaxSprtStatus::after_alarm);

  const std::vector<MaxSprtLook> quiet{{1, 4}, {3, 4}, {2, 4}, {0, 1}};
  const auto q = maxsprt_monitor(design, cv, quiet);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ((*q)[1].status, MaxSprtStatus::continue_monitoring);
  EXPECT_EQ((*q)[2].status, MaxSprtStatus::ended);
  EXPECT_EQ((*q)[3].status, MaxSprtStatus::ended);

  const std::vector<MaxSprtLook> bad{{1, 1}, {-1, 1}};
  const auto b = maxsprt_monitor(design, cv, bad);
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().location, "look 2");
}

}  // namespace
}  // namespace riskloop::analytics
