// Control chart constants of the normal distribution: c4 (bias of the sample standard deviation),
// d2 and d3 (mean and standard deviation of the range of n standard normal values).
#pragma once

#include "core/error.hpp"

namespace riskloop::analytics {

// Which d2/d3 to use. `qcc` reproduces qcc 2.7, which reads d2 from a 3-decimal table for
// n = 2..25 (e.g. d2(5) = 2.326, not 2.3259) and d3 from a 7-decimal table for n = 2..50 (itself
// off by up to 1.2e-5 from the exact values, e.g. d3(6) 0.8480442 vs 0.8480397): charts then
// match qcc exactly, and larger subgroups fail with a clear error. `exact` integrates numerically
// for any n (2..10000) to about 1e-12.
enum class SpcConstants { qcc, exact };

// c4(n) = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2), exactly (n >= 2).
double spc_c4(int n);

// d2(n) = E[W/σ] = ∫_0^∞ (1 − F_W(w)) dw with F_W(w) = n∫φ(x)(Φ(x+w) − Φ(x))^{n−1}dx (the
// range distribution; Tippett 1925). Fails (validation) for n < 2, n > 25 with `qcc`, n > 10000.
[[nodiscard]] Result<double> spc_d2(int n, SpcConstants constants);
// d3(n) = sd(W/σ) = √(2∫_0^∞ w(1 − F_W(w))dw − d2²). Fails as spc_d2 (the `qcc` table ends at 50).
[[nodiscard]] Result<double> spc_d3(int n, SpcConstants constants);

}  // namespace riskloop::analytics
