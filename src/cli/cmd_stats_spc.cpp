// riskloop stats spc: Shewhart charts with per-point limits, Nelson's rules and process
// capability, on a CSV file (src/analytics/spc_*).
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "analytics/spc_capability.hpp"
#include "analytics/spc_charts.hpp"
#include "analytics/spc_rules.hpp"
#include "cli/risk_options.hpp"
#include "cli/stats_monitoring.hpp"
#include "cli/stats_tables.hpp"
#include "formats/sheet/numeric_csv.hpp"

namespace riskloop::cli {
namespace {

namespace an = riskloop::analytics;

struct SpcArgs {
  std::string chart;
  std::string file;
  std::optional<double> lsl, usl, target;
  double confidence = 0.95;
  std::string constants = "qcc";
  std::string format = "csv";
};

constexpr const char* kRuleNames[8] = {
    "1 point beyond 3 sigma", "9 in a row on one side", "6 in a row increasing or decreasing",
    "14 in a row alternating", "2 of 3 beyond 2 sigma on one side",
    "4 of 5 beyond 1 sigma on one side", "15 in a row within 1 sigma",
    "8 in a row beyond 1 sigma on either side"};

// Nelson's rules on the standardised points z = (x − centre)/se, se = (UCL − centre)/nsigmas: the
// point's own standard error, so variable sample sizes are allowed.
Result<an::NelsonViolations> chart_rules(const an::ControlChart& chart, double nsigmas) {
  std::vector<double> z;
  for (const auto& p : chart.points) {
    const double se = (p.ucl - p.center) / nsigmas;
    z.push_back(se > 0 ? (p.statistic - p.center) / se : 0.0);
  }
  return an::nelson_rules(z, 0, 1);
}

Status add_chart(std::vector<StatsTable>& tables, StatsTable& points, StatsTable& rules,
                 const an::ControlChart& chart, const std::vector<std::string>& ids, double nsigmas) {
  const auto v = RL_TRY(chart_rules(chart, nsigmas));
  std::map<std::int64_t, std::string> at;  // point index -> rules ending there
  for (std::size_t r = 0; r < 8; ++r) {
    std::string list;
    for (std::size_t i : v[r]) {
      list += (list.empty() ? "" : " ") + std::to_string(chart.points[i - 1].sample);
      auto& s = at[static_cast<std::int64_t>(i)];
      s += (s.empty() ? "" : " ") + std::to_string(r + 1);
    }
    rules.row().text(chart.name).integer(static_cast<std::int64_t>(r + 1)).text(kRuleNames[r])
        .integer(static_cast<std::int64_t>(v[r].size())).text(list);
  }
  for (std::size_t i = 0; i < chart.points.size(); ++i) {
    const auto& p = chart.points[i];
    const auto idx = static_cast<std::size_t>(p.sample - 1);
    points.row().text(chart.name).integer(p.sample).text(idx < ids.size() ? ids[idx] : "")
        .number(p.size).number(p.statistic).number(p.center).number(chart.std_dev).number(p.lcl)
        .number(p.ucl).boolean(p.beyond_limits).boolean(p.violating_run)
        .text(at[static_cast<std::int64_t>(i + 1)]);
  }
  (void)tables;
  return {};
}

void add_capability(StatsTable& t, const an::Capability& c, const std::string& prefix) {
  const std::pair<const char*, const std::optional<an::CapabilityIndex>*> rows[] = {
      {"", &c.cp}, {"_l", &c.cpl}, {"_u", &c.cpu}, {"_k", &c.cpk}, {"m", &c.cpm}};
  for (const auto& [suffix, index] : rows) {
    if (!*index) continue;
    t.row().text(prefix + suffix).number((*index)->value).number((*index)->lower)
        .number((*index)->upper).number(c.sigma).number(c.center);
  }
}

CommandStatus run_spc(const SpcArgs& a) {
  const auto format = RL_TRY(stats_format(a.format));
  an::SpcOptions options;
  if (a.constants == "exact") options.constants = an::SpcConstants::exact;
  else if (a.constants != "qcc") return usage_error("--constants must be qcc or exact", "--constants");
  const std::string& chart = a.chart;
  const bool subgrouped = chart == "xbar-r" || chart == "xbar-s";
  if (!subgrouped && chart != "i-mr" && chart != "p" && chart != "u")
    return usage_error("--chart must be xbar-r, xbar-s, i-mr, p or u", "--chart");
  if ((a.lsl || a.usl) && !subgrouped && chart != "i-mr")
    return usage_error("capability (--lsl, --usl) needs an xbar-r, xbar-s or i-mr chart", "--lsl");
  const auto text = RL_TRY(read_input_file(a.file, "FILE"));
  std::vector<std::string> required;
  if (subgrouped) required = {"subgroup", "value"};
  else if (chart == "i-mr") required = {"value"};
  else if (chart == "p") required = {"defectives", "size"};
  else required = {"defects", "units"};
  auto csv = RL_TRY(formats::NumericCsv::open(text, required));

  std::vector<StatsTable> tables;
  StatsTable points("points", {"chart", "sample", "id", "size", "statistic", "center", "std_dev",
                               "lcl", "ucl", "beyond_limits", "violating_run", "nelson_rules"});
  StatsTable rules("nelson", {"chart", "rule", "description", "violations", "samples"});
  std::vector<std::string> ids;
  std::optional<an::CapabilityStudy> capability;
  const an::CapabilitySpec spec{.lsl = a.lsl, .usl = a.usl, .target = a.target,
                                .confidence = a.confidence};
  if (subgrouped) {
    std::vector<std::vector<double>> groups;
    std::map<std::string, std::size_t, std::less<>> index;
    while (RL_TRY(csv.next())) {
      const auto label = RL_TRY(csv.label("subgroup"));
      const double v = RL_TRY(csv.number("value"));
      auto it = index.find(label);
      if (it == index.end()) {
        it = index.emplace(std::string(label), groups.size()).first;
        groups.emplace_back();
        ids.emplace_back(label);
      }
      groups[it->second].push_back(v);
    }
    const auto charts = chart == "xbar-r" ? RL_TRY(an::xbar_r_charts(groups, options))
                                          : RL_TRY(an::xbar_s_charts(groups, options));
    RL_CHECK(add_chart(tables, points, rules, charts.means, ids, options.nsigmas));
    RL_CHECK(add_chart(tables, points, rules, charts.spread, ids, options.nsigmas));
    if (a.lsl || a.usl) capability = RL_TRY(an::capability_study(groups, spec));
  } else if (chart == "i-mr") {
    std::vector<double> values;
    while (RL_TRY(csv.next())) {
      values.push_back(RL_TRY(csv.number("value")));
      const auto id = csv.text("sample");
      ids.emplace_back(id.empty() ? std::to_string(csv.row()) : std::string(id));
    }
    const auto charts = RL_TRY(an::individuals_charts(values, options));
    RL_CHECK(add_chart(tables, points, rules, charts.individuals, ids, options.nsigmas));
    RL_CHECK(add_chart(tables, points, rules, charts.moving_range, ids, options.nsigmas));
    if (a.lsl || a.usl) {
      double mean = charts.individuals.center, ss = 0;
      for (double v : values) ss += (v - mean) * (v - mean);
      an::CapabilityStudy study;
      study.within = RL_TRY(an::process_capability(values.size(), mean, charts.individuals.std_dev, spec));
      study.overall = RL_TRY(an::process_capability(
          values.size(), mean, std::sqrt(ss / static_cast<double>(values.size() - 1)), spec));
      capability = study;
    }
  } else {
    std::vector<std::int64_t> counts, sizes;
    std::vector<double> units;
    const bool p = chart == "p";
    while (RL_TRY(csv.next())) {
      const std::string where = "row " + std::to_string(csv.row());
      if (p) {
        counts.push_back(RL_TRY(csv.count("defectives")));
        sizes.push_back(RL_TRY(csv.count("size")));
        if (sizes.back() < 1 || counts.back() > sizes.back())
          return fail(ErrorCode::validation,
                      where + ": defectives must be in 0..size and size >= 1", where);
      } else {
        counts.push_back(RL_TRY(csv.count("defects")));
        units.push_back(RL_TRY(csv.number("units")));
        if (!(units.back() > 0))
          return fail(ErrorCode::validation, where + ", column \"units\": must be > 0",
                      where + ", column \"units\"");
      }
      const auto id = csv.text("sample");
      ids.emplace_back(id.empty() ? std::to_string(csv.row()) : std::string(id));
    }
    const auto c = p ? RL_TRY(an::p_chart(counts, sizes, options)) : RL_TRY(an::u_chart(counts, units, options));
    RL_CHECK(add_chart(tables, points, rules, c, ids, options.nsigmas));
  }
  tables.push_back(std::move(points));
  tables.push_back(std::move(rules));
  if (capability) {
    StatsTable t("capability", {"index", "value", "lower", "upper", "sigma", "center"});
    add_capability(t, capability->within, "Cp");
    add_capability(t, capability->overall, "Pp");
    tables.push_back(std::move(t));
  }
  write_stats_tables(std::cout, tables, format);
  return {};
}

}  // namespace

void add_stats_spc_command(CLI::App& stats, Selection& selection) {
  auto a = std::make_shared<SpcArgs>();
  auto* cmd = stats.add_subcommand("spc", "control chart limits per point, Nelson rules, capability");
  cmd->add_option("FILE", a->file, "the CSV file")->required();
  cmd->add_option("--chart", a->chart, "xbar-r, xbar-s, i-mr, p or u")->required();
  cmd->add_option("--lsl", a->lsl, "lower specification limit (capability)");
  cmd->add_option("--usl", a->usl, "upper specification limit (capability)");
  cmd->add_option("--target", a->target, "target (default: midpoint of the limits)");
  cmd->add_option("--confidence", a->confidence, "level of the capability intervals")->capture_default_str();
  cmd->add_option("--constants", a->constants,
                  "d2/d3: qcc (qcc 2.7 tables, subgroups up to 25) or exact (any size)")
      ->capture_default_str();
  cmd->add_option("--format", a->format, "csv or json")->capture_default_str();
  cmd->footer(
      "Columns: xbar-r, xbar-s: subgroup, value (one row per measurement); i-mr: value; p: "
      "defectives, size; u: defects, units (sample optional as id).");
  on_selected(cmd, selection, "stats spc", [a] { return run_spc(*a); });
}

}  // namespace riskloop::cli
