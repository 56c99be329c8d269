// MGPS prior fit: a small projected BFGS with backtracking line search in the coordinates
// (ln alpha1, ln beta1, ln alpha2, ln beta2, logit P), with the analytic gradient of
// MgpsLikelihood, run from several starts.
#include "analytics/mgps_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include <tbb/parallel_for.h>

namespace riskloop::analytics {
namespace {

using Vec = std::array<double, 5>;
using Mat = std::array<Vec, 5>;

double dot(const Vec& u, const Vec& v) {
  double s = 0;
  for (std::size_t i = 0; i < 5; ++i) s += u[i] * v[i];
  return s;
}

Mat identity(double scale) {
  Mat m{};
  for (std::size_t i = 0; i < 5; ++i) m[i][i] = scale;
  return m;
}

struct Bounds {
  Vec lo, hi;
};

struct Minimum {
  Vec x{};
  double f = 0;
  Vec g{};
  Mat h{};  // inverse Hessian estimate
  int iterations = 0;
  int evaluations = 0;
  bool converged = false;
  double gradient_norm = 0;
  double predicted_decrease = 0;
};

// Gradient with the entries that push out of the box at an active bound zeroed.
Vec projected(const Vec& x, const Vec& g, const Bounds& b) {
  Vec pg = g;
  for (std::size_t i = 0; i < 5; ++i)
    if ((x[i] <= b.lo[i] && g[i] > 0) || (x[i] >= b.hi[i] && g[i] < 0)) pg[i] = 0;
  return pg;
}

// When to stop: the projected gradient norm below `gradient`, or the quasi-Newton model's
// predicted further decrease of the negLL, -g'd/2 with d = -H g, below `decrease` once H has had
// at least five updates (Nocedal & Wright, ch. 6; the Newton decrement of Boyd & Vandenberghe
// 9.5.1). The second test matters on large data: there the rounding error of the gradient can
// exceed a gradient tolerance that scales with sqrt(number of pairs).
struct Stop {
  double gradient = 0;
  double decrease = 0;
};

// The search direction -H g, with the entries that leave the box at an active bound zeroed.
Vec direction(const Minimum& m, const Bounds& b) {
  Vec dir{};
  for (std::size_t i = 0; i < 5; ++i) dir[i] = -dot(m.h[i], m.g);
  for (std::size_t i = 0; i < 5; ++i)
    if ((m.x[i] <= b.lo[i] && dir[i] < 0) || (m.x[i] >= b.hi[i] && dir[i] > 0)) dir[i] = 0;
  return dir;
}

Minimum minimise(const MgpsLikelihood& lik, const Vec& start, const Mat* h0, const Bounds& b,
                 int max_iterations, const Stop& stop) {
  Minimum m;
  for (std::size_t i = 0; i < 5; ++i) m.x[i] = std::clamp(start[i], b.lo[i], b.hi[i]);
  m.f = lik.neg_log_likelihood(m.x, m.g);
  m.evaluations = 1;
  const bool scaled_h0 = h0 != nullptr;
  m.h = scaled_h0 ? *h0 : identity(1 / std::max(1.0, std::sqrt(dot(m.g, m.g))));
  bool first_update = !scaled_h0;
  int updates = scaled_h0 ? 5 : 0;  // BFGS updates since H was last set to a multiple of I
  auto check = [&] {
    const Vec pg = projected(m.x, m.g, b);
    m.gradient_norm = std::sqrt(dot(pg, pg));
    const Vec dir = direction(m, b);
    m.predicted_decrease = std::max(0.0, -dot(dir, m.g) / 2);
    m.converged = std::isfinite(m.f) &&
                  (m.gradient_norm < stop.gradient ||
                   (updates >= 5 && m.predicted_decrease < stop.decrease));
    return dir;
  };
  for (; m.iterations < max_iterations; ++m.iterations) {
    Vec dir = check();
    if (!std::isfinite(m.f) || m.converged) break;
    if (dot(dir, m.g) >= 0) {  // not a descent direction: restart from the gradient
      const Vec pg = projected(m.x, m.g, b);
      m.h = identity(1 / std::max(1.0, m.gradient_norm));
      first_update = true;
      updates = 0;
      for (std::size_t i = 0; i < 5; ++i) dir[i] = -m.h[i][i] * pg[i];
    }
    double step = 1;
    Vec xn{}, gn{};
    double fn = 0;
    bool accepted = false;
    for (int k = 0; k < 40; ++k, step *= 0.5) {
      for (std::size_t i = 0; i < 5; ++i) xn[i] = std::clamp(m.x[i] + step * dir[i], b.lo[i], b.hi[i]);
      Vec dx{};
      for (std::size_t i = 0; i < 5; ++i) dx[i] = xn[i] - m.x[i];
      fn = lik.neg_log_likelihood(xn, gn);
      ++m.evaluations;
      if (std::isfinite(fn) && fn <= m.f + 1e-4 * dot(m.g, dx)) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;  // no decrease possible at double precision: stop where we are
    Vec s{}, y{};
    for (std::size_t i = 0; i < 5; ++i) {
      s[i] = xn[i] - m.x[i];
      y[i] = gn[i] - m.g[i];
    }
    const double sy = dot(s, y);
    if (sy > 1e-12 * std::sqrt(dot(s, s) * dot(y, y))) {
      if (first_update) {  // Nocedal & Wright (6.20): scale the initial matrix
        m.h = identity(sy / dot(y, y));
        first_update = false;
      }
      // H+ = (I - rho s y') H (I - rho y s') + rho s s'
      const double rho = 1 / sy;
      Vec hy{};
      for (std::size_t i = 0; i < 5; ++i) hy[i] = dot(m.h[i], y);
      const double yhy = dot(y, hy);
      for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t j = 0; j < 5; ++j)
          m.h[i][j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
      ++updates;
    }
    m.x = xn;
    m.f = fn;
    m.g = gn;
  }
  check();
  return m;
}

std::string describe(const MgpsPrior& p) {
  std::ostringstream out;
  out.precision(6);
  out << "alpha1=" << p.alpha1 << " beta1=" << p.beta1 << " alpha2=" << p.alpha2
      << " beta2=" << p.beta2 << " P=" << p.p;
  return out.str();
}

}  // namespace

tl::expected<MgpsFit, std::string> fit_mgps_prior(std::span<const MgpsPoint> points,
                                                  const MgpsFitOptions& options) {
  if (points.empty()) return tl::unexpected(std::string("no pairs to fit the prior on"));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const MgpsPoint& p = points[i];
    const double min_n = options.truncated ? 1 : 0;
    if (!(std::isfinite(p.n) && p.n >= min_n && std::floor(p.n) == p.n) ||
        !(std::isfinite(p.e) && p.e > 0) || !(std::isfinite(p.weight) && p.weight > 0)) {
      std::ostringstream out;
      out << "pair " << i + 1 << ": N=" << p.n << " E=" << p.e << " weight=" << p.weight
          << " (N must be a whole number >= " << min_n << ", E and weight > 0)";
      return tl::unexpected(out.str());
    }
  }
  if (options.starts.empty()) return tl::unexpected(std::string("no starting points"));

  const MgpsLikelihood all(points, options.truncated);
  const bool squashed = options.squashing == Squashing::only ||
                        (options.squashing == Squashing::automatic &&
                         points.size() > options.squash_above);
  std::vector<MgpsPoint> squashed_points;
  if (squashed) squashed_points = squash(points, options.squash);
  const MgpsLikelihood reduced(squashed ? std::span<const MgpsPoint>(squashed_points)
                                        : std::span<const MgpsPoint>(),
                               options.truncated);
  const MgpsLikelihood& start_data = squashed ? reduced : all;

  Bounds bounds;
  const double lo = std::log(options.min_shape_rate), hi = std::log(options.max_shape_rate);
  const double logit = std::log(options.min_p / (1 - options.min_p));
  bounds.lo = {lo, lo, lo, lo, logit};
  bounds.hi = {hi, hi, hi, hi, -logit};
  // Squashing keeps the total weight, so both sets of points have the same tolerance.
  const Stop stop{options.gradient_tolerance * std::max(1.0, std::sqrt(all.total_weight())),
                  options.decrease_tolerance};

  MgpsFit fit;
  fit.points = points.size();
  fit.squashed_points = start_data.size();
  Minimum best;
  best.f = std::numeric_limits<double>::infinity();
  for (const MgpsPrior& start : options.starts)
    if (!(start.alpha1 > 0 && start.beta1 > 0 && start.alpha2 > 0 && start.beta2 > 0 &&
          start.p > 0 && start.p < 1))
      return tl::unexpected("starting point out of range: " + describe(start));
  // The starts are independent: run them side by side (each one's result does not depend on the
  // threads; an evaluation on more than 16,384 points is itself parallel).
  std::vector<Minimum> ran(options.starts.size());
  tbb::parallel_for(std::size_t{0}, options.starts.size(), [&](std::size_t k) {
    ran[k] = minimise(start_data, coordinates_of(options.starts[k]), nullptr, bounds,
                      std::max(0, options.start_iterations), stop);
  });
  for (std::size_t k = 0; k < ran.size(); ++k) {
    const Minimum& m = ran[k];
    fit.evaluations += m.evaluations;
    if (!squashed) fit.evaluations_on_all_points += m.evaluations;
    fit.starts.push_back(
        MgpsStartResult{options.starts[k], prior_of(m.x), m.f, m.iterations, m.converged});
    if (std::isfinite(m.f) && (m.f < best.f || !std::isfinite(best.f))) {
      best = m;
      fit.best_start = k;
    }
  }
  if (!std::isfinite(best.f))
    return tl::unexpected(std::string("the likelihood is not finite from any starting point"));

  // The best start alone runs on where the starts ran, then (automatic squashing) on all points,
  // each time from where it stopped with its inverse-Hessian estimate.
  auto refine = [&](const MgpsLikelihood& data) {
    const int done = best.iterations;
    Minimum m = minimise(data, best.x, &best.h, bounds, options.max_iterations, stop);
    fit.evaluations += m.evaluations;
    if (&data == &all) fit.evaluations_on_all_points += m.evaluations;
    m.iterations += done;
    best = m;
  };
  if (!best.converged) refine(start_data);
  if (squashed && options.squashing == Squashing::automatic) {
    refine(all);
  } else if (squashed) {
    best.f = all.neg_log_likelihood(best.x, best.g);
    ++fit.evaluations;
    ++fit.evaluations_on_all_points;
    const Vec pg = projected(best.x, best.g, bounds);
    best.gradient_norm = std::sqrt(dot(pg, pg));  // `converged` stays that on the squashed points
  }
  fit.predicted_decrease = best.predicted_decrease;

  fit.prior = prior_of(best.x);
  fit.neg_log_likelihood = best.f;
  fit.gradient_norm = best.gradient_norm;
  fit.iterations = best.iterations;
  fit.converged = best.converged;

  for (std::size_t i = 0; i < 5; ++i) {
    const bool at_bound = best.x[i] <= bounds.lo[i] + 1e-9 || best.x[i] >= bounds.hi[i] - 1e-9;
    if (!at_bound) continue;
    if (i == 4)
      return tl::unexpected("degenerate fit: the mixing weight P went to " +
                            std::string(best.x[4] > 0 ? "1" : "0") +
                            " (one gamma component describes these data; " + describe(fit.prior) +
                            ")");
    return tl::unexpected("degenerate fit: a parameter reached its bound [" +
                          std::to_string(options.min_shape_rate) + ", " +
                          std::to_string(options.max_shape_rate) + "] (" + describe(fit.prior) +
                          ")");
  }
  const MgpsPrior& p = fit.prior;
  if (std::abs(std::log(p.alpha1 / p.alpha2)) < 1e-3 && std::abs(std::log(p.beta1 / p.beta2)) < 1e-3)
    return tl::unexpected("degenerate fit: the two gamma components are the same (" +
                          describe(p) + ")");
  return fit;
}

}  // namespace riskloop::analytics
