// Run rules on a control chart: the eight tests of Nelson (1984, "The Shewhart control chart —
// tests for special causes", J. Quality Technology 16:237-239).
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "core/error.hpp"

namespace riskloop::analytics {

// For each rule 1..8 (index 0..7), the 1-based index of every point that ENDS a window satisfying
// the rule (overlapping windows give consecutive indices), with z = (x − centre)/σ and all
// comparisons strict:
//  1 one point with |z| > 3;
//  2 nine in a row on one side (z > 0 all, or z < 0 all; z = 0 breaks the run);
//  3 six in a row strictly increasing or strictly decreasing (5 differences of one sign);
//  4 fourteen in a row alternating up and down (13 non-zero differences alternating in sign);
//  5 two of three in a row with z > 2, or two of three with z < −2 (the third may be anywhere);
//  6 four of five in a row with z > 1, or four of five with z < −1;
//  7 fifteen in a row with |z| < 1;
//  8 eight in a row with |z| > 1 (either side).
// Fails (validation) for σ <= 0 or a non-finite value (location "point N").
using NelsonViolations = std::array<std::vector<std::size_t>, 8>;
[[nodiscard]] Result<NelsonViolations> nelson_rules(std::span<const double> values, double center,
                                                    double sigma);

}  // namespace riskloop::analytics
