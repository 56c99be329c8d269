// Sequential surveillance at scale: maxSPRT and Poisson CUSUM over 10 years of monthly counts for
// 10,000 product codes (docs/benchmarks.md). The data are generated deterministically (fixed seed):
// each product has a monthly expected count drawn from a heavy-tailed (log-normal) distribution,
// and 1 % of the products have twice their expected rate from year 5 on.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "analytics/sequential_cusum.hpp"
#include "analytics/sequential_maxsprt.hpp"

namespace {

namespace an = riskloop::analytics;

constexpr int kProducts = 10000;
constexpr int kMonths = 120;

struct Product {
  double expected_per_month;
  std::vector<std::int64_t> observed;
};

const std::vector<Product>& products() {
  static const std::vector<Product> data = [] {
    std::mt19937_64 rng(20261207);
    std::lognormal_distribution<double> rate(-1.0, 1.2);
    std::vector<Product> out(kProducts);
    for (int p = 0; p < kProducts; ++p) {
      Product& prod = out[static_cast<std::size_t>(p)];
      prod.expected_per_month = std::max(0.01, rate(rng));
      const bool shifted = p % 100 == 0;
      for (int m = 0; m < kMonths; ++m) {
        const double mean = prod.expected_per_month * ((shifted && m >= 48) ? 2.0 : 1.0);
        std::poisson_distribution<std::int64_t> count(mean);
        prod.observed.push_back(count(rng));
      }
    }
    return out;
  }();
  return data;
}

// T, the expected count at the end of surveillance, rounded to one of a few designs (a
// surveillance plan names a handful of (T, M) designs; their critical values are solved once).
double design_T(double expected_total) {
  for (double t : {5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0})
    if (expected_total <= t) return t;
  return 1000.0;
}

void BM_MaxSprtTenYears(benchmark::State& state) {
  const auto& data = products();
  std::int64_t alarms = 0;
  for (auto _ : state) {
    std::map<double, double> cv;  // T -> critical value, solved within the timing
    alarms = 0;
    std::vector<an::MaxSprtLook> looks(kMonths);
    for (const Product& p : data) {
      const double T = design_T(p.expected_per_month * kMonths);
      auto it = cv.find(T);
      if (it == cv.end())
        it = cv.emplace(T, *an::maxsprt_critical_value({.surveillance_end = T, .min_events = 1}, 0.05)).first;
      for (int m = 0; m < kMonths; ++m)
        looks[static_cast<std::size_t>(m)] = {p.observed[static_cast<std::size_t>(m)], p.expected_per_month};
      const auto r = an::maxsprt_monitor({.surveillance_end = T, .min_events = 1}, it->second, looks);
      for (const auto& look : *r) alarms += look.status == an::MaxSprtStatus::alarm ? 1 : 0;
    }
    benchmark::DoNotOptimize(alarms);
  }
  state.counters["products"] = kProducts;
  state.counters["looks"] = static_cast<double>(kProducts) * kMonths;
  state.counters["alarms"] = static_cast<double>(alarms);
}
BENCHMARK(BM_MaxSprtTenYears)->Unit(benchmark::kMillisecond);

void BM_PoissonCusumTenYears(benchmark::State& state) {
  const auto& data = products();
  std::int64_t alarmed = 0;
  for (auto _ : state) {
    alarmed = 0;
    for (const Product& p : data) {
      const double l0 = p.expected_per_month;
      const double k = *an::poisson_cusum_reference_value(l0, 2 * l0);
      const auto path = an::poisson_cusum(p.observed, k, 5.0);
      alarmed += path->first_alarm ? 1 : 0;
    }
    benchmark::DoNotOptimize(alarmed);
  }
  state.counters["products"] = kProducts;
  state.counters["points"] = static_cast<double>(kProducts) * kMonths;
  state.counters["products_alarmed"] = static_cast<double>(alarmed);
}
BENCHMARK(BM_PoissonCusumTenYears)->Unit(benchmark::kMillisecond);

// The critical value alone, for the largest design (T = 1000 expected events).
void BM_MaxSprtCriticalValueT1000(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(an::maxsprt_critical_value({.surveillance_end = 1000, .min_events = 1}, 0.05));
}
BENCHMARK(BM_MaxSprtCriticalValueT1000)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::AddCustomContext("scale", "10,000 product codes x 120 months");
  benchmark::AddCustomContext("hardware_threads", std::to_string(std::thread::hardware_concurrency()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
