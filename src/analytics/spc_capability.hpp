// Process capability indices with confidence intervals, as qcc 2.7's process.capability().
#pragma once

#include <optional>
#include <span>

#include "core/error.hpp"

namespace riskloop::analytics {

struct CapabilityIndex {
  double value = 0;
  double lower = 0;  // confidence interval
  double upper = 0;
};

// With centre μ, σ, limits LSL/USL (either may be absent), target T and n values:
//   Cp = (USL − LSL)/6σ, Cpl = (μ − LSL)/3σ, Cpu = (USL − μ)/3σ, Cpk = min(Cpl, Cpu),
//   Cpm = Cp/√(1 + δ²), δ = (μ − T)/σ  (with "6" and "3" = 2·nsigmas and nsigmas).
// Intervals at level 1 − α exactly as qcc 2.7:
//   Cp: Cp·√(χ²_{α/2, n−1}/(n−1)) .. Cp·√(χ²_{1−α/2, n−1}/(n−1));
//   Cpk: Cpk·(1 ∓ z_{1−α/2}·√(1/(9n·Cpk²) + 1/(2(n−1)))) (Bissell 1990);
//   Cpl, Cpu: the same formula with the one-sided z_{1−α} (qcc's choice: 1.645 at 95 %);
//   Cpm: Cpm·√(χ²_{·, ν}/ν) with ν = n(1 + δ²)/(1 + 2δ²) (Boyles 1991).
// Indices that need an absent limit are nullopt (Cp, Cpm need both).
struct Capability {
  double sigma = 0;
  double center = 0;
  std::optional<CapabilityIndex> cp, cpl, cpu, cpk, cpm;
};

struct CapabilitySpec {
  std::optional<double> lsl;
  std::optional<double> usl;
  std::optional<double> target;  // default (LSL + USL)/2 when both limits are given
  double confidence = 0.95;
  double nsigmas = 3;
};

// Fails (validation) for n < 2, σ <= 0, no limit at all, LSL >= USL, or a confidence outside (0,1).
[[nodiscard]] Result<Capability> process_capability(std::size_t n, double center, double sigma,
                                                    const CapabilitySpec& spec);

// Cp-type (within-subgroup σ: UWAVE-SD, mean of s_i/c4(n_i)) and Pp-type (overall sample
// standard deviation, n−1 denominator) indices of subgrouped data; the centre is the grand mean.
struct CapabilityStudy {
  Capability within;   // Cp, Cpl, Cpu, Cpk, Cpm
  Capability overall;  // Pp, Ppl, Ppu, Ppk, Ppm
};
[[nodiscard]] Result<CapabilityStudy> capability_study(
    std::span<const std::vector<double>> subgroups, const CapabilitySpec& spec);

}  // namespace riskloop::analytics
