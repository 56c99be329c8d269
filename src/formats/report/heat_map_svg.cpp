// Heat map counting and SVG drawing.
#include "formats/report/heat_map_svg.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "formats/report/html_escape.hpp"

namespace riskloop::formats {
namespace {

constexpr int kCellHeight = 56;
constexpr int kTop = 10;
constexpr int kBottom = 58;  // column labels and axis title
constexpr int kCharWidth = 7;

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// At most `limit` code points, with an ellipsis when cut; the full name stays in the tooltip.
std::string shortened(std::string_view s, std::size_t limit) {
  if (code_points(s) <= limit) return std::string(s);
  std::size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (points++ == limit - 1) break;
  }
  return std::string(s.substr(0, i)) + "\xE2\x80\xA6";
}

std::string_view fill_of(risk::Acceptability a) {
  switch (a) {
    case risk::Acceptability::acceptable:
      return "#d4edd4";
    case risk::Acceptability::investigate:
      return "#fbe7a8";
    case risk::Acceptability::unacceptable:
      return "#f3c1c1";
  }
  return "#ffffff";
}

std::string cell_link(const std::string& pattern, std::int64_t severity, std::int64_t probability) {
  std::string url = pattern;
  const auto replace = [&url](std::string_view key, const std::string& value) {
    for (auto at = url.find(key); at != std::string::npos; at = url.find(key, at + value.size()))
      url.replace(at, key.size(), value);
  };
  replace("{severity}", std::to_string(severity));
  replace("{probability}", std::to_string(probability));
  return url;
}

void attr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_html(out, value);
  out += '"';
}

void attr(std::string& out, std::string_view name, std::int64_t value) {
  out += ' ';
  out += name;
  out += "=\"";
  out += std::to_string(value);
  out += '"';
}

void text_element(std::string& out, std::int64_t x, std::int64_t y, std::string_view css_class,
                  std::string_view text, std::string_view extra = {}) {
  out += "<text";
  attr(out, "x", x);
  attr(out, "y", y);
  attr(out, "class", css_class);
  out += extra;
  out += '>';
  append_html(out, text);
  out += "</text>";
}

}  // namespace

HeatMapCounts count_heat_map(const risk::CompiledPolicy& policy,
                             std::span<const risk::RiskAssessment> assessments,
                             HeatMapPhase phase) {
  HeatMapCounts counts;
  counts.severity_levels = policy.severity_count();
  counts.probability_levels = policy.probability_count();
  counts.cells.assign(static_cast<std::size_t>(counts.severity_levels * counts.probability_levels),
                      0);
  counts.provisional.assign(counts.cells.size(), 0);
  for (const auto& a : assessments) {
    if (a.retired) continue;  // shown in the tables, not counted
    const auto& ev = phase == HeatMapPhase::initial ? a.initial : a.current();
    if (!ev || !policy.has_severity(ev->severity_rank) || ev->probability_rank < 1 ||
        ev->probability_rank > counts.probability_levels) {
      ++counts.not_evaluated;
      continue;
    }
    const auto cell = counts.index(ev->severity_rank, ev->probability_rank);
    ++counts.cells[cell];
    ++counts.evaluated;
    // After control, a risk with controls sits where its residual estimate puts it.
    if (phase == HeatMapPhase::current && a.controls > 0 && a.residual_provisional) {
      ++counts.provisional[cell];
      ++counts.provisional_total;
    }
  }
  return counts;
}

std::string render_heat_map_svg(const risk::CompiledPolicy& policy, const HeatMapCounts& counts,
                                const HeatMapOptions& options) {
  const auto say = [&](std::string_view english) {
    return options.translate ? options.translate(english) : std::string(english);
  };
  const auto severities = policy.severity_count();
  const auto probabilities = policy.probability_count();
  std::size_t longest_severity = 8, longest_probability = 8;
  for (std::int64_t s = 1; s <= severities; ++s)
    longest_severity = std::max(longest_severity, code_points(policy.severity_level(s).name));
  for (std::int64_t p = 1; p <= probabilities; ++p)
    longest_probability =
        std::max(longest_probability, code_points(policy.probability_level(p).name));
  const std::size_t severity_chars = std::min<std::size_t>(longest_severity, 22);
  const std::size_t probability_chars = std::min<std::size_t>(longest_probability, 26);
  const std::int64_t cell_w =
      std::max<std::int64_t>(96, static_cast<std::int64_t>(severity_chars) * kCharWidth + 12);
  const std::int64_t left = 34 + static_cast<std::int64_t>(probability_chars) * kCharWidth + 12;
  const std::int64_t width = left + severities * cell_w + 8;
  const std::int64_t height = kTop + probabilities * kCellHeight + kBottom;
  const bool links = !options.cell_url.empty();
  const bool counts_match =
      counts.severity_levels == severities && counts.probability_levels == probabilities;

  std::string out;
  out.reserve(static_cast<std::size_t>(severities * probabilities) * 700 + 2000);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\"";
  attr(out, "class", "heat-map");
  attr(out, "width", width);
  attr(out, "height", height);
  out += " viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\"";
  attr(out, "role", links ? "group" : "img");
  attr(out, "aria-labelledby", options.id + "-title " + options.id + "-desc");
  out += "><title";
  attr(out, "id", options.id + "-title");
  out += '>';
  append_html(out, options.title);
  out += "</title><desc";
  attr(out, "id", options.id + "-desc");
  out += '>';
  append_html(out, "Number of risks per severity and probability level: " +
                       std::to_string(counts.evaluated) + " evaluated, " +
                       std::to_string(counts.not_evaluated) + " not evaluated" +
                       (counts.provisional_total > 0
                            ? ", " + std::to_string(counts.provisional_total) +
                                  " provisional (residual estimates relying on controls not "
                                  "yet verified)."
                            : "."));
  out += "</desc>";
  if (options.embed_style)
    out +=
        "<style>"
        "text{font-family:sans-serif;fill:#111}"
        ".count{font-size:18px;font-weight:bold;text-anchor:middle}"
        ".verdict{font-size:10px;text-anchor:middle}"
        ".axis{font-size:11px}.axis-title{font-size:12px;font-weight:bold}"
        ".col{text-anchor:middle}.row{text-anchor:end}"
        "rect{stroke:#555;stroke-width:1}"
        "</style>";

  for (std::int64_t p = probabilities; p >= 1; --p) {
    const auto y = kTop + (probabilities - p) * kCellHeight;
    const auto& level = policy.probability_level(p);
    text_element(out, left - 8, y + kCellHeight / 2 + 4, "axis row",
                 shortened(level.name, probability_chars) + " (" + std::to_string(p) + ")");
    for (std::int64_t s = 1; s <= severities; ++s) {
      const auto x = left + (s - 1) * cell_w;
      const auto acceptability = policy.acceptability(s, p);
      const auto n = counts_match ? counts.at(s, p) : 0;
      const auto provisional =
          counts_match && !counts.provisional.empty() ? counts.provisional_at(s, p) : 0;
      const auto verdict = say(name_of(acceptability));
      out += "<g class=\"cell";
      if (provisional > 0) out += " provisional";
      out += '"';
      attr(out, "data-severity", s);
      attr(out, "data-probability", p);
      attr(out, "data-count", n);
      attr(out, "data-provisional", provisional);
      attr(out, "data-acceptability", name_of(acceptability));
      out += '>';
      if (links) {
        out += "<a";
        attr(out, "href", cell_link(options.cell_url, s, p));
        out += '>';
      }
      out += "<title>";
      append_html(out, policy.severity_level(s).name + " \xC3\x97 " + level.name + ": " +
                           std::to_string(n) + " " + say(n == 1 ? "risk" : "risks") + " (" +
                           verdict + ")" +
                           (provisional > 0 ? ", " + std::to_string(provisional) + " " +
                                                  say("provisional: relies on controls not yet "
                                                      "verified")
                                            : std::string()));
      out += "</title><rect";
      attr(out, "x", x);
      attr(out, "y", y);
      attr(out, "width", cell_w);
      attr(out, "height", kCellHeight);
      attr(out, "fill", fill_of(acceptability));
      if (provisional > 0) {
        attr(out, "stroke-dasharray", "5 3");
        attr(out, "stroke-width", 3);
      }
      out += "/>";
      text_element(out, x + cell_w / 2, y + (provisional > 0 ? 22 : 26), "count", std::to_string(n));
      text_element(out, x + cell_w / 2, y + (provisional > 0 ? 38 : 44), "verdict", verdict);
      if (provisional > 0)
        text_element(out, x + cell_w / 2, y + 51, "verdict provisional-mark",
                     "\xE2\x9A\xA0 " + std::to_string(provisional) + " " + say("provisional"));
      if (links) out += "</a>";
      out += "</g>";
    }
  }
  const auto grid_bottom = kTop + probabilities * kCellHeight;
  for (std::int64_t s = 1; s <= severities; ++s) {
    const auto x = left + (s - 1) * cell_w + cell_w / 2;
    text_element(out, x, grid_bottom + 16, "axis col",
                 shortened(policy.severity_level(s).name, severity_chars));
    text_element(out, x, grid_bottom + 30, "axis col", "(" + std::to_string(s) + ")");
  }
  text_element(out, left + severities * cell_w / 2, grid_bottom + 50, "axis-title col", say("Severity"));
  const auto middle = kTop + probabilities * kCellHeight / 2;
  text_element(out, 14, middle, "axis-title col",
               policy.policy().probability_basis == risk::ProbabilityBasis::per_use
                   ? say("Probability of harm (per use)")
                   : say("Probability of harm (per device-year)"),
               " transform=\"rotate(-90 14 " + std::to_string(middle) + ")\"");
  out += "</svg>";
  return out;
}

}  // namespace riskloop::formats
