// Fitting the MGPS prior by maximum marginal likelihood (DuMouchel 1999), from several starts,
// with bounded parameters, optional data squashing and convergence diagnostics.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "analytics/mgps_model.hpp"
#include "analytics/mgps_squash.hpp"

namespace riskloop::analytics {

enum class Squashing {
  automatic,  // above squash_above points: starts and their refinement on the squashed points,
              // then the best refined on all points
  off,        // everything on all points
  only,       // fit on the squashed points only (as openEBGM does); the negLL is still on all
};

struct MgpsFitOptions {
  // The five starting points of the openEBGM vignette (autoHyper).
  std::vector<MgpsPrior> starts = {{0.2, 0.1, 2, 4, 1.0 / 3},
                                   {0.1, 0.1, 10, 10, 0.2},
                                   {0.3, 0.5, 6, 6, 0.5},
                                   {0.5, 0.3, 12, 12, 0.8},
                                   {0.2, 0.2, 5, 5, 0.4}};
  Squashing squashing = Squashing::automatic;
  std::size_t squash_above = 20000;  // automatic squashing only above this many points
  SquashOptions squash;
  bool truncated = true;  // zero cells not in the data (N* = 1)
  // Each start runs at most start_iterations iterations; only the best of them (lowest negLL)
  // then runs on, to convergence or max_iterations more (on each set of points).
  int start_iterations = 40;
  int max_iterations = 500;
  // Converged when the gradient norm in the optimiser's coordinates (ln alpha, ln beta,
  // logit P) is below this times max(1, sqrt(number of pairs)).
  double gradient_tolerance = 1e-6;
  // Also converged when the quasi-Newton model predicts a further decrease of the negLL below
  // this (1/2 g'Hg, H the BFGS inverse-Hessian estimate after at least five updates): on a few
  // hundred thousand pairs the rounding error of the gradient can exceed the gradient tolerance.
  double decrease_tolerance = 1e-6;
  // Bounds: alpha and beta in [min_shape_rate, max_shape_rate]; P in [min_p, 1 - min_p]. A fit on
  // a bound is degenerate and refused.
  double min_shape_rate = 1e-6;
  double max_shape_rate = 1e6;
  double min_p = 1e-6;
};

struct MgpsStartResult {
  MgpsPrior start;
  MgpsPrior prior;                // where the start stopped (after at most start_iterations)
  double neg_log_likelihood = 0;  // there, on the points the starts ran on
  int iterations = 0;
  bool converged = false;  // within start_iterations
};

struct MgpsFit {
  MgpsPrior prior;
  double neg_log_likelihood = 0;  // on all points given
  double gradient_norm = 0;       // on all points, optimiser coordinates
  double predicted_decrease = 0;  // 1/2 g'Hg where the optimiser stopped (see decrease_tolerance)
  int iterations = 0;             // of the start that won, including its refinements
  int evaluations = 0;            // likelihood evaluations, all starts and refinements
  int evaluations_on_all_points = 0;  // of which on all points (the costly ones)
  // The last run of the optimiser converged: on all points, except with Squashing::only (on the
  // squashed points; gradient_norm is still on all points).
  bool converged = false;
  std::size_t best_start = 0;       // index in `starts` of the start that won
  std::size_t points = 0;           // points given
  std::size_t squashed_points = 0;  // points the starts ran on (= points when not squashed)
  std::vector<MgpsStartResult> starts;
};

// Fits the prior to `points` (N >= 1 when truncated). Fails, saying why, when there are no
// points, an input is out of range, or the best fit is degenerate: P on its bound (one gamma is
// enough), a parameter on its bound, or the two components equal. The starts run in parallel
// (TBB); the result does not depend on the number of threads.
tl::expected<MgpsFit, std::string> fit_mgps_prior(std::span<const MgpsPoint> points,
                                                  const MgpsFitOptions& options = {});

}  // namespace riskloop::analytics
