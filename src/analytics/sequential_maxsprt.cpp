// Poisson maxSPRT: boundary, critical value, performance and per-look decisions.
#include "analytics/sequential_maxsprt.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/lambert_w.hpp>
#include <boost/math/tools/roots.hpp>

namespace riskloop::analytics {
namespace {

// P(Poisson(x) >= j).
double poisson_at_least(std::int64_t j, double x) {
  if (j <= 0) return 1.0;
  if (x <= 0) return 0.0;
  return boost::math::gamma_p(static_cast<double>(j), x);
}

// Probabilities below this are left out of the path sums: a path sum adds at most a few million
// of them, so what is left out stays below 1e-23, far under the 1e-9 asked of the results.
constexpr double kNegligible = 1e-30;

// Poisson(x) probabilities of 0..n by the recurrence p(k+1) = p(k)·x/(k+1), cut (left zero)
// where they fall below kNegligible past the mode; from logarithms when e^{-x} underflows.
std::vector<double> poisson_pmf(std::int64_t n, double x) {
  std::vector<double> pmf(static_cast<std::size_t>(n + 1), 0.0);
  if (x <= 0) {
    pmf[0] = 1.0;
    return pmf;
  }
  if (x > 600) {
    const double log_x = std::log(x);
    for (std::int64_t s = 0; s <= n; ++s) {
      const double v = std::exp(static_cast<double>(s) * log_x - x - std::lgamma(static_cast<double>(s) + 1));
      pmf[static_cast<std::size_t>(s)] = v;
      if (static_cast<double>(s) > x && v < kNegligible) break;
    }
    return pmf;
  }
  double v = std::exp(-x);
  for (std::int64_t s = 0; s <= n; ++s) {
    pmf[static_cast<std::size_t>(s)] = v;
    if (static_cast<double>(s) > x && v < kNegligible) break;
    v *= x / static_cast<double>(s + 1);
  }
  return pmf;
}

// P(Poisson(x) >= j) for j = 0..n+1 from the probabilities of 0..n (summed from the top, so small
// tails keep their relative accuracy); entries past n+1 are not needed.
std::vector<double> poisson_tails(std::int64_t n, double x) {
  const auto pmf = poisson_pmf(n, x);
  std::vector<double> tail(pmf.size() + 1, 0.0);
  // The mass beyond n: computed once exactly.
  tail[pmf.size()] = poisson_at_least(n + 1, x);
  for (std::size_t j = pmf.size(); j-- > 0;) tail[j] = tail[j + 1] + pmf[j];
  return tail;
}

struct Paths {
  double signal = 0;       // P(signal by T)
  double signal_time = 0;  // E[μ at signal · 1{signal}]
};

// Sums the paths of the count process (rate `rr` on the H0 time scale) over the boundaries
// μ_M < μ_{M+1} < ... < T. States are the counts that have not signalled at the last boundary.
Paths signal_paths(const MaxSprtDesign& d, double cv, double rr) {
  const double T = d.surveillance_end;
  const std::int64_t M = d.min_events;
  Paths out;
  const double mu_m = maxsprt_boundary(M, cv);
  if (mu_m >= T) {  // the boundary is never reached before T: signal iff M events by T
    out.signal = poisson_at_least(M, rr * T);
    out.signal_time = static_cast<double>(M) / rr * poisson_at_least(M + 1, rr * T);
    return out;
  }
  // First boundary: counts 0..M-1 survive; the signal is at the arrival of the M-th event.
  std::vector<double> alive = poisson_pmf(M - 1, rr * mu_m);
  alive.resize(static_cast<std::size_t>(M));
  out.signal = poisson_at_least(M, rr * mu_m);
  out.signal_time = static_cast<double>(M) / rr * poisson_at_least(M + 1, rr * mu_m);
  double previous = mu_m;
  for (std::int64_t c = M + 1;; ++c) {
    const double mu_c = maxsprt_boundary(c, cv);
    const bool last = mu_c >= T;
    const double end = last ? T : mu_c;
    const double width = end - previous;
    // From count s, c − s more events before `end` signal.
    const auto tail = poisson_tails(c, rr * width);  // P(>= j), j = 0..c+1
    for (std::size_t s = 0; s < alive.size(); ++s) {
      if (alive[s] < kNegligible) continue;
      const auto j = static_cast<std::size_t>(c) - s;
      const double p = tail[j];
      out.signal += alive[s] * p;
      out.signal_time += alive[s] * (previous * p + static_cast<double>(j) / rr * tail[j + 1]);
    }
    if (last) break;
    // Counts 0..c-1 survive at μ_c.
    const auto pmf = poisson_pmf(c - 1, rr * width);
    std::vector<double> next(static_cast<std::size_t>(c), 0.0);
    for (std::size_t s = 0; s < alive.size(); ++s) {
      if (alive[s] < kNegligible) continue;
      for (std::size_t add = 0; s + add < next.size() && add < pmf.size(); ++add) {
        if (pmf[add] == 0 && static_cast<double>(add) > rr * width) break;
        next[s + add] += alive[s] * pmf[add];
      }
    }
    alive = std::move(next);
    previous = mu_c;
  }
  return out;
}

Status check_design(const MaxSprtDesign& d) {
  if (!(d.surveillance_end > 0) || !std::isfinite(d.surveillance_end))
    return fail(ErrorCode::validation,
                "T (expected count at the end of surveillance) must be a number > 0", "T");
  if (d.min_events < 1 || d.min_events > 100000)
    return fail(ErrorCode::validation, "the minimum number of events M must be 1..100000",
                "min_events");
  return {};
}

}  // namespace

double maxsprt_llr(double observed, double expected) {
  if (observed <= expected) return 0.0;
  return (expected - observed) + observed * std::log(observed / expected);
}

double maxsprt_boundary(std::int64_t events, double cv) {
  const double c = static_cast<double>(events);
  const double z = -std::exp(-1.0 - cv / c);
  return -c * boost::math::lambert_w0(z);
}

Result<double> maxsprt_critical_value(const MaxSprtDesign& design, double alpha) {
  RL_CHECK(check_design(design));
  if (!(alpha > 0 && alpha <= 0.5))
    return fail(ErrorCode::validation, "alpha must be in (0, 0.5]", "alpha");
  const double T = design.surveillance_end;
  const std::int64_t M = design.min_events;
  if (poisson_at_least(M, T) < alpha)
    return fail(ErrorCode::validation,
                "no critical value: even P(at least M events by T) is below alpha; choose a larger "
                "T or a smaller M",
                "T");
  auto excess = [&](double cv) { return signal_paths(design, cv, 1.0).signal - alpha; };
  // Below LLR(M, T) the boundary μ_M lies beyond T and the test is "M events by T".
  double lo = std::max(maxsprt_llr(static_cast<double>(M), T), 0.0);
  lo = std::max(lo, 1e-9);
  double hi = std::max(2 * lo, 4.0);
  while (excess(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e4) return fail(ErrorCode::internal, "critical value search did not bracket alpha");
  }
  if (excess(lo) <= 0) return lo;  // alpha is reached on the flat part: the smallest such cv
  std::uintmax_t iterations = 200;
  const auto bounds = boost::math::tools::toms748_solve(
      excess, lo, hi, boost::math::tools::eps_tolerance<double>(44), iterations);
  return 0.5 * (bounds.first + bounds.second);
}

Result<MaxSprtPerformance> maxsprt_performance(const MaxSprtDesign& design, double cv,
                                               double relative_risk) {
  RL_CHECK(check_design(design));
  if (!(cv > 0) || !std::isfinite(cv))
    return fail(ErrorCode::validation, "the critical value must be a number > 0", "cv");
  if (!(relative_risk >= 1) || !std::isfinite(relative_risk))
    return fail(ErrorCode::validation, "the relative risk must be a number >= 1", "RR");
  const Paths p = signal_paths(design, cv, relative_risk);
  MaxSprtPerformance out;
  out.power = p.signal;
  out.expected_signal_time = p.signal > 0 ? p.signal_time / p.signal
                                          : std::numeric_limits<double>::quiet_NaN();
  out.expected_sample_size = p.signal_time + (1 - p.signal) * design.surveillance_end;
  return out;
}

std::string_view to_string(MaxSprtStatus status) {
  switch (status) {
    case MaxSprtStatus::continue_monitoring: return "continue";
    case MaxSprtStatus::alarm: return "alarm";
    case MaxSprtStatus::ended: return "ended";
    case MaxSprtStatus::after_alarm: return "after_alarm";
  }
  return "?";
}

Result<std::vector<MaxSprtLookResult>> maxsprt_monitor(const MaxSprtDesign& design, double cv,
                                                       std::span<const MaxSprtLook> looks) {
  RL_CHECK(check_design(design));
  if (!(cv > 0) || !std::isfinite(cv))
    return fail(ErrorCode::validation, "the critical value must be a number > 0", "cv");
  std::vector<MaxSprtLookResult> out;
  out.reserve(looks.size());
  std::int64_t c = 0;
  double mu = 0;
  bool alarmed = false;
  bool ended = false;
  for (std::size_t i = 0; i < looks.size(); ++i) {
    const auto& look = looks[i];
    const auto where = [i] { return "look " + std::to_string(i + 1); };
    if (look.observed < 0)
      return fail(ErrorCode::validation, "the observed count must be >= 0", where());
    if (!(look.expected >= 0) || !std::isfinite(look.expected))
      return fail(ErrorCode::validation, "the expected count must be a finite number >= 0",
                  where());
    c += look.observed;
    mu += look.expected;
    MaxSprtLookResult r;
    r.cumulative_observed = c;
    r.cumulative_expected = mu;
    r.llr = mu > 0 ? maxsprt_llr(static_cast<double>(c), mu)
                   : (c > 0 ? std::numeric_limits<double>::infinity() : 0.0);
    if (alarmed) {
      r.status = MaxSprtStatus::after_alarm;
    } else if (ended) {
      r.status = MaxSprtStatus::ended;
    } else if (r.llr >= cv && c >= design.min_events) {
      r.status = MaxSprtStatus::alarm;
      alarmed = true;
    } else if (mu >= design.surveillance_end) {
      r.status = MaxSprtStatus::ended;
      ended = true;
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace riskloop::analytics
