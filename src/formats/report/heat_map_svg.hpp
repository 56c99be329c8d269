// The risk matrix heat map as inline SVG: how many risks fall in each severity x probability cell
// of the policy, before or after risk control. Shared by the risk management report and the web
// UI (which passes a link pattern so each cell opens its risks).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/risk/compiled_policy.hpp"
#include "core/risk/step.hpp"

namespace riskloop::formats {

enum class HeatMapPhase {
  initial,  // before risk control: the initial evaluation of every risk
  current,  // after risk control: the residual evaluation of risks with controls, the initial one
            // of risks without (RiskAssessment::current())
};

struct HeatMapCounts {
  std::int64_t severity_levels = 0;
  std::int64_t probability_levels = 0;
  std::vector<std::int64_t> cells;  // severity-major: (severity - 1) * probability_levels + ...
  std::int64_t evaluated = 0;       // risks counted in a cell
  std::int64_t not_evaluated = 0;   // risks without an evaluation of this phase
  // After risk control: of the risks in each cell, those placed by a provisional residual
  // estimate (RiskAssessment::residual_provisional: it relies on controls not yet verified).
  std::vector<std::int64_t> provisional;  // same layout as cells; all 0 before risk control
  std::int64_t provisional_total = 0;

  // Risks in the cell; both ranks in range.
  std::int64_t at(std::int64_t severity_rank, std::int64_t probability_rank) const {
    return cells[index(severity_rank, probability_rank)];
  }
  std::int64_t provisional_at(std::int64_t severity_rank, std::int64_t probability_rank) const {
    return provisional[index(severity_rank, probability_rank)];
  }
  std::size_t index(std::int64_t severity_rank, std::int64_t probability_rank) const {
    return static_cast<std::size_t>((severity_rank - 1) * probability_levels +
                                    (probability_rank - 1));
  }
};

// Counts `assessments` (from assess_risks with the same policy) per cell for `phase`.
HeatMapCounts count_heat_map(const risk::CompiledPolicy& policy,
                             std::span<const risk::RiskAssessment> assessments, HeatMapPhase phase);

struct HeatMapOptions {
  // Accessible name of the chart (<title>), e.g. "Risks before risk control".
  std::string title = "Risk matrix";
  // Prefix of the element ids inside the SVG; must be unique in the page.
  std::string id = "heat-map";
  // When set, every cell links to this URL with "{severity}" and "{probability}" replaced by the
  // cell's ranks (e.g. "/files/7/risks?severity={severity}&probability={probability}").
  std::string cell_url;
  // Whether the SVG carries its own <style> element. A page whose Content-Security-Policy allows
  // no inline styles (the web UI) leaves it out and styles the chart from its stylesheet.
  bool embed_style = true;
  // The chart's own words (verdicts, axis titles, cell descriptions) in the reader's language;
  // English when not set. Policy level names are the policy's and are not translated.
  std::function<std::string(std::string_view)> translate;
};

// A self-contained <svg> element: severity levels left to right, probability levels bottom to top,
// axis labels from the policy's level names. Each cell shows its count and its acceptability in
// words, so colour is never the only cue, and has a tooltip. A cell holding risks placed by a
// provisional residual estimate says how many ("⚠ 2 provisional") and has a dashed border. No
// scripts, no external resources; every text is escaped. Cells carry data-severity,
// data-probability, data-count and data-provisional attributes.
std::string render_heat_map_svg(const risk::CompiledPolicy& policy, const HeatMapCounts& counts,
                                const HeatMapOptions& options = {});

}  // namespace riskloop::formats
