// Signal detection at MAUDE scale (issue "Signal detection over millions of adverse-event
// reports"). Targets on 2 cores: count tables from 24 million in-memory reports < 10 s; MGPS fit +
// EBGM/EB05/EB95 for about 300,000 pairs < 1 s, with a marginal likelihood at least as good as a
// fit on squashed data only (openEBGM's way: its autoHyper needs about 72 s for 289,000 pairs
// squashed to 7,195 points). Prints the scale, the share of pairs near independence, the fitted
// prior, and the negLL on all pairs of the default fit, of the unsquashed fit (every start on all
// pairs) and of the fit on squashed points only.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <sys/resource.h>

#include <cstdio>
#include <thread>

#include "analytics/mgps_counts.hpp"
#include "analytics/mgps_fit.hpp"
#include "analytics/mgps_scores.hpp"
#include "analytics/mgps_squash.hpp"
#include "bench/synthetic_reports.hpp"

namespace {

using namespace riskloop;

const bench::SyntheticReportsOptions kOptions;

const std::vector<analytics::ReportRow>& reports() {
  static const auto rows = bench::synthetic_reports(kOptions);
  return rows;
}

const std::vector<analytics::MgpsPoint>& pairs() {
  static const auto points = [] {
    const auto table = analytics::count_pairs(reports(), kOptions.products, kOptions.problems,
                                              analytics::Counting::unique_reports);
    std::vector<analytics::MgpsPoint> p;
    std::size_t below_2 = 0;
    for (const auto& pair : table.pairs) {
      p.push_back({pair.n, pair.e, 1});
      below_2 += pair.n < 2 * pair.e;
    }
    std::printf("%zu pairs with N >= 1, %.1f %% of them with N/E < 2\n", p.size(),
                100.0 * static_cast<double>(below_2) / static_cast<double>(p.size()));
    return p;
  }();
  return points;
}

void BM_CountTables(benchmark::State& state) {
  const auto& rows = reports();
  const auto counting = state.range(0) == 0 ? analytics::Counting::unique_reports
                                            : analytics::Counting::summed;
  std::size_t n_pairs = 0;
  for (auto _ : state) {
    const auto table = analytics::count_pairs(rows, kOptions.products, kOptions.problems, counting);
    n_pairs = table.pairs.size();
    benchmark::DoNotOptimize(table.total);
  }
  state.SetLabel(counting == analytics::Counting::unique_reports ? "unique reports" : "summed");
  state.counters["reports"] = kOptions.reports;
  state.counters["rows"] = static_cast<double>(rows.size());
  state.counters["pairs"] = static_cast<double>(n_pairs);
}
BENCHMARK(BM_CountTables)->Arg(0)->Arg(1)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

// CPU seconds of the whole process (all threads): on a shared machine, CPU / 2 estimates the wall
// time on two idle cores.
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

void BM_MgpsFitAndScores(benchmark::State& state) {
  const auto& points = pairs();
  analytics::MgpsFit fit;
  const double cpu_before = process_cpu_seconds();
  for (auto _ : state) {
    auto fitted = analytics::fit_mgps_prior(points);
    if (!fitted) {
      state.SkipWithError(fitted.error().c_str());
      return;
    }
    fit = *fitted;
    benchmark::DoNotOptimize(analytics::eb_scores(fit.prior, points));
  }
  state.counters["process_cpu_s_per_run"] =
      (process_cpu_seconds() - cpu_before) / static_cast<double>(state.iterations());
  state.counters["pairs"] = static_cast<double>(points.size());
  state.counters["negLL"] = fit.neg_log_likelihood;
  state.counters["converged"] = fit.converged;
  state.counters["iterations"] = fit.iterations;
  state.counters["evaluations"] = fit.evaluations;
  state.counters["squashed_points"] = static_cast<double>(fit.squashed_points);
  state.counters["evaluations_all"] = fit.evaluations_on_all_points;
  std::printf("fit on %zu pairs (%zu squashed points): alpha1=%.6g beta1=%.6g alpha2=%.6g "
              "beta2=%.6g P=%.6g negLL=%.6f gradient norm %.3g predicted decrease %.3g "
              "converged %d, %d iterations, %d evaluations (%d on all pairs)\n",
              points.size(), fit.squashed_points, fit.prior.alpha1, fit.prior.beta1,
              fit.prior.alpha2, fit.prior.beta2, fit.prior.p, fit.neg_log_likelihood,
              fit.gradient_norm, fit.predicted_decrease, fit.converged, fit.iterations,
              fit.evaluations, fit.evaluations_on_all_points);
  for (const auto& s : fit.starts)
    std::printf("  start %zu: negLL %.6f (squashed points) after %d iterations%s\n",
                static_cast<std::size_t>(&s - fit.starts.data()), s.neg_log_likelihood,
                s.iterations, s.converged ? ", converged" : "");
}
BENCHMARK(BM_MgpsFitAndScores)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The parts alone, the reference fit without squashing, and the comparison fit on squashed points
// only (openEBGM's approach).
void BM_MgpsSquash(benchmark::State& state) {
  const auto& points = pairs();
  std::size_t out = 0;
  for (auto _ : state) out = analytics::squash(points).size();
  state.counters["squashed_points"] = static_cast<double>(out);
}
BENCHMARK(BM_MgpsSquash)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);


void BM_MgpsFitOnly(benchmark::State& state) {
  const auto& points = pairs();
  for (auto _ : state) benchmark::DoNotOptimize(analytics::fit_mgps_prior(points));
}
BENCHMARK(BM_MgpsFitOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_MgpsScoresOnly(benchmark::State& state) {
  const auto& points = pairs();
  const auto fit = analytics::fit_mgps_prior(points);
  for (auto _ : state) benchmark::DoNotOptimize(analytics::eb_scores(fit->prior, points));
  state.counters["pairs"] = static_cast<double>(points.size());
}
BENCHMARK(BM_MgpsScoresOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// A fit with the given squashing, its negLL on all pairs printed for the comparison.
void fit_with(benchmark::State& state, analytics::Squashing squashing, const char* label) {
  const auto& points = pairs();
  analytics::MgpsFitOptions options;
  options.squashing = squashing;
  double negll = 0;
  std::size_t squashed = 0;
  for (auto _ : state) {
    auto fit = analytics::fit_mgps_prior(points, options);
    if (!fit) {
      state.SkipWithError(fit.error().c_str());
      return;
    }
    negll = fit->neg_log_likelihood;
    squashed = fit->squashed_points;
  }
  state.counters["negLL_all_pairs"] = negll;
  state.counters["squashed_points"] = static_cast<double>(squashed);
  std::printf("%s: negLL on all pairs %.6f\n", label, negll);
}

void BM_MgpsFitUnsquashed(benchmark::State& state) {
  fit_with(state, analytics::Squashing::off, "unsquashed fit");
}
BENCHMARK(BM_MgpsFitUnsquashed)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

void BM_MgpsFitSquashedOnly(benchmark::State& state) {
  fit_with(state, analytics::Squashing::only, "fit on squashed points only");
}
BENCHMARK(BM_MgpsFitSquashedOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  // Two worker threads: the target machine has 2 cores.
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  benchmark::Initialize(&argc, argv);
  std::printf("signal_bench: %u reports, %u product codes, %u problem codes, %u hardware threads\n",
              kOptions.reports, kOptions.products, kOptions.problems,
              std::thread::hardware_concurrency());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
