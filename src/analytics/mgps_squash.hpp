// Data squashing for the MGPS likelihood: many pairs replaced by few weighted points whose
// likelihood, as a function of the prior, is close to that of all pairs.
#pragma once

#include <span>
#include <vector>

#include "analytics/mgps_model.hpp"

namespace riskloop::analytics {

// Squashing by a grid (after DuMouchel, Volinsky, Johnson, Cortes & Pregibon 1999, "Squashing
// flat files flatter", and DuMouchel & Pregibon 2001, who squash MGPS data within each N; openEBGM
// squashData bins a fixed number of points per N instead).
//   N <= exact_n:  points of one N are grouped by bins of width log_e_width in ln E; N is never
//                  merged across values.
//   N >  exact_n:  points are grouped by cells of width log_n_width in ln N and log_e_width in
//                  ln E, so neighbouring large N values share a point. The N of such a point is
//                  the group's weighted mean N rounded to a whole number, and its E is scaled by
//                  the same factor, so that the point keeps the group's mean N/E.
// Each group becomes one point with the group's total weight and weighted mean E (mean N above
// exact_n). A point alone in its cell is kept as it is. The likelihood of a group is then exact
// to first order in the spread of ln N and ln E within the cell; the error of the fitted prior is
// second order in the widths (see docs/analytics.md for the measured effect on the negLL).
struct SquashOptions {
  double exact_n = 50;        // N up to this is kept exactly (at least 8)
  double log_e_width = 0.10;  // width of a bin in ln E
  double log_n_width = 0.05;  // width of a bin in ln N, above exact_n
};

// Squashes `points` (N >= 0, E > 0, weight > 0; not checked) by the grid above. The result is in
// a deterministic order (by N bin, then E bin) and its total weight equals the input's.
std::vector<MgpsPoint> squash(std::span<const MgpsPoint> points, const SquashOptions& options = {});

}  // namespace riskloop::analytics
