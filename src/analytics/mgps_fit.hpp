// Fitting the MGPS prior by maximum marginal likelihood (DuMouchel 1999), from several starts,
// with bounded parameters, optional data squashing and convergence diagnostics.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "analytics/mgps_model.hpp"

namespace riskloop::analytics {

// Data squashing (DuMouchel, Volinsky, Johnson, Cortes & Pregibon 1999; as openEBGM
// squashData): within each N, the points sorted by E are replaced bin by bin (bin_size points) by
// one point with the bin's mean E and its total weight. N values with fewer than min_points
// points are kept as they are, and so are the keep_extremes points of largest E of each N.
struct SquashOptions {
  std::size_t bin_size = 50;
  std::size_t min_points = 500;
  std::size_t keep_extremes = 100;
};
std::vector<MgpsPoint> squash(std::span<const MgpsPoint> points, const SquashOptions& options = {});

enum class Squashing {
  automatic,  // squash for the starts when there are more than 20,000 points, then refine
  off,        // every start on all points
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
  SquashOptions squash;
  bool truncated = true;  // zero cells not in the data (N* = 1)
  int max_iterations = 500;
  // Converged when the gradient norm in the optimiser's coordinates (ln alpha, ln beta,
  // logit P) is below this times max(1, sqrt(number of pairs)).
  double gradient_tolerance = 1e-6;
  // Bounds: alpha and beta in [min_shape_rate, max_shape_rate]; P in [min_p, 1 - min_p]. A fit on
  // a bound is degenerate and refused.
  double min_shape_rate = 1e-6;
  double max_shape_rate = 1e6;
  double min_p = 1e-6;
};

struct MgpsStartResult {
  MgpsPrior start;
  MgpsPrior prior;
  double neg_log_likelihood = 0;  // on the points the start ran on
  int iterations = 0;
  bool converged = false;
};

struct MgpsFit {
  MgpsPrior prior;
  double neg_log_likelihood = 0;  // on all points given
  double gradient_norm = 0;       // on all points, optimiser coordinates
  int iterations = 0;             // of the start that won, including the refinement on all points
  int evaluations = 0;            // likelihood evaluations, all starts
  bool converged = false;
  std::size_t points = 0;           // points given
  std::size_t squashed_points = 0;  // points the starts ran on (= points when not squashed)
  std::vector<MgpsStartResult> starts;
};

// Fits the prior to `points` (N >= 1 when truncated). Fails, saying why, when there are no
// points, an input is out of range, or the best fit is degenerate: P on its bound (one gamma is
// enough), a parameter on its bound, or the two components equal.
tl::expected<MgpsFit, std::string> fit_mgps_prior(std::span<const MgpsPoint> points,
                                                  const MgpsFitOptions& options = {});

}  // namespace riskloop::analytics
