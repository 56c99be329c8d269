// riskloop stats maxsprt | cusum | survival: sequential tests and reliability on CSV files
// (src/analytics). Input is read with formats::NumericCsv, so a bad cell stops the command with
// its row and column (exit code 3); results go to standard output as CSV or JSON.
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

#include "analytics/sequential_cusum.hpp"
#include "analytics/sequential_maxsprt.hpp"
#include "analytics/survival.hpp"
#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/stats_monitoring.hpp"
#include "cli/stats_tables.hpp"
#include "formats/sheet/numeric_csv.hpp"

namespace riskloop::cli {
namespace {

namespace an = riskloop::analytics;

// ---- maxsprt -------------------------------------------------------------------------------

struct MaxSprtArgs {
  double alpha = 0.05;
  double T = 0;
  std::int64_t min_events = 1;
  std::optional<double> cv;
  std::vector<double> rr;
  std::string counts;
  std::string format = "csv";
};

CommandStatus run_maxsprt(const MaxSprtArgs& a) {
  const auto format = RL_TRY(stats_format(a.format));
  const an::MaxSprtDesign design{.surveillance_end = a.T, .min_events = a.min_events};
  const double cv = a.cv ? *a.cv : RL_TRY(an::maxsprt_critical_value(design, a.alpha));
  std::vector<StatsTable> tables;
  StatsTable design_table("design", {"T", "min_events", "alpha", "critical_value"});
  design_table.row().number(a.T).integer(a.min_events);
  if (a.cv) design_table.empty(); else design_table.number(a.alpha);
  design_table.number(cv);
  tables.push_back(std::move(design_table));
  if (!a.rr.empty()) {
    StatsTable perf("performance",
                    {"RR", "power", "expected_signal_time", "expected_sample_size"});
    for (double rr : a.rr) {
      const auto p = RL_TRY(an::maxsprt_performance(design, cv, rr));
      perf.row().number(rr).number(p.power).number(p.expected_signal_time).number(
          p.expected_sample_size);
    }
    tables.push_back(std::move(perf));
  }
  if (!a.counts.empty()) {
    const auto text = RL_TRY(read_input_file(a.counts, "--counts"));
    auto csv = RL_TRY(formats::NumericCsv::open(text, {"period", "observed", "expected"}));
    std::vector<an::MaxSprtLook> looks;
    std::vector<std::string> periods;
    while (RL_TRY(csv.next())) {
      const auto period = RL_TRY(csv.label("period"));
      const auto observed = RL_TRY(csv.count("observed"));
      const double expected = RL_TRY(csv.number("expected"));
      if (expected < 0)
        return fail(ErrorCode::validation,
                    "row " + std::to_string(csv.row()) + ", column \"expected\": is negative",
                    a.counts);
      looks.push_back({observed, expected});
      periods.emplace_back(period);
    }
    const auto results = RL_TRY(an::maxsprt_monitor(design, cv, looks));
    StatsTable t("looks", {"period", "observed", "expected", "cumulative_observed",
                           "cumulative_expected", "llr", "critical_value", "status"});
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      t.row().text(periods[i]).integer(looks[i].observed).number(looks[i].expected)
          .integer(r.cumulative_observed).number(r.cumulative_expected).number(r.llr).number(cv)
          .text(std::string(an::to_string(r.status)));
    }
    tables.push_back(std::move(t));
  }
  write_stats_tables(std::cout, tables, format);
  return {};
}

// ---- cusum ---------------------------------------------------------------------------------

struct CusumArgs {
  std::string type = "poisson";
  std::string file;
  double h = 0;
  std::optional<double> k;
  std::optional<double> lambda0, lambda1;
  std::optional<double> p0, p1;
  double odds_ratio = 2;
  bool arl = false;
  std::vector<double> at;  // means (or shifts) at which to give the ARL
  std::string format = "csv";
};

CommandResult<double> reference_value(const CusumArgs& a) {
  if (a.k) return *a.k;
  if (a.lambda0 && a.lambda1) return RL_TRY(an::poisson_cusum_reference_value(*a.lambda0, *a.lambda1));
  return usage_error("give --k, or --lambda0 and --lambda1", "--k");
}

void path_table(std::vector<StatsTable>& tables, const an::CusumPath& path,
                const std::vector<std::string>& ids, const std::vector<std::string>& values,
                const std::string& value_name) {
  StatsTable t("cusum", {"index", "id", value_name, "weight", "statistic", "alarm"});
  for (std::size_t i = 0; i < path.statistic.size(); ++i)
    t.row().integer(static_cast<std::int64_t>(i + 1)).text(ids[i]).text(values[i])
        .number(path.weight[i]).number(path.statistic[i])
        .boolean(std::binary_search(path.alarms.begin(), path.alarms.end(), i + 1));
  tables.push_back(std::move(t));
  StatsTable s("summary", {"points", "alarms", "first_alarm_index", "first_alarm_id"});
  s.row().integer(static_cast<std::int64_t>(path.statistic.size()))
      .integer(static_cast<std::int64_t>(path.alarms.size()));
  if (path.first_alarm) s.integer(static_cast<std::int64_t>(*path.first_alarm)).text(ids[*path.first_alarm - 1]);
  else s.empty().empty();
  tables.push_back(std::move(s));
}

// The id column of a series, if the file has one; else the row number.
std::string series_id(const formats::NumericCsv& csv, const char* column) {
  const auto v = csv.text(column);
  return v.empty() ? std::to_string(csv.row()) : std::string(v);
}

CommandStatus run_cusum(const CusumArgs& a) {
  const auto format = RL_TRY(stats_format(a.format));
  std::vector<StatsTable> tables;
  if (a.type == "normal") {
    if (!a.arl) return usage_error("the normal CUSUM gives only its ARL: add --arl", "--arl");
    if (!a.file.empty()) return usage_error("the normal CUSUM ARL reads no file", "FILE");
    const double k = a.k.value_or(0.5);
    StatsTable t("arl", {"k", "h", "shift", "arl_one_sided_upper", "arl_two_sided"});
    for (double mu : a.at.empty() ? std::vector<double>{0.0} : a.at) {
      const double one = RL_TRY(an::normal_cusum_arl_upper(k, a.h, mu));
      const double two = RL_TRY(an::normal_cusum_arl_two_sided(k, a.h, mu));
      t.row().number(k).number(a.h).number(mu).number(one).number(two);
    }
    tables.push_back(std::move(t));
    write_stats_tables(std::cout, tables, format);
    return {};
  }
  if (a.type == "poisson") {
    const double k = RL_TRY(reference_value(a));
    if (!a.file.empty()) {
      const auto text = RL_TRY(read_input_file(a.file, "FILE"));
      auto csv = RL_TRY(formats::NumericCsv::open(text, {"count"}));
      std::vector<std::int64_t> counts;
      std::vector<std::string> ids, values;
      while (RL_TRY(csv.next())) {
        counts.push_back(RL_TRY(csv.count("count")));
        ids.push_back(series_id(csv, "period"));
        values.push_back(std::to_string(counts.back()));
      }
      const auto path = RL_TRY(an::poisson_cusum(counts, k, a.h));
      path_table(tables, path, ids, values, "count");
    }
    if (a.arl) {
      std::vector<double> means = a.at;
      if (means.empty()) {
        if (a.lambda0) means.push_back(*a.lambda0);
        if (a.lambda1) means.push_back(*a.lambda1);
      }
      if (means.empty()) return usage_error("give the means for the ARL: --at or --lambda0/--lambda1", "--at");
      StatsTable t("arl", {"k", "h", "lambda", "arl"});
      for (double lambda : means) t.row().number(k).number(a.h).number(lambda).number(RL_TRY(an::poisson_cusum_arl(k, a.h, lambda)));
      tables.push_back(std::move(t));
    }
    if (tables.empty()) return usage_error("give a FILE of counts, or --arl", "FILE");
    write_stats_tables(std::cout, tables, format);
    return {};
  }
  if (a.type != "bernoulli" && a.type != "risk-adjusted")
    return usage_error("--type must be poisson, bernoulli, risk-adjusted or normal", "--type");
  if (a.arl)
    return usage_error("--arl is computed for the poisson and normal CUSUM only", "--arl");
  if (a.file.empty()) return usage_error("give the FILE of outcomes", "FILE");
  const bool adjusted = a.type == "risk-adjusted";
  if (!adjusted && !(a.p0 && a.p1)) return usage_error("the Bernoulli CUSUM needs --p0 and --p1", "--p0");
  const auto text = RL_TRY(read_input_file(a.file, "FILE"));
  std::vector<std::string> required{"outcome"};
  if (adjusted) required.emplace_back("predicted_risk");
  auto csv = RL_TRY(formats::NumericCsv::open(text, required));
  std::vector<int> outcomes;
  std::vector<double> risks;
  std::vector<std::string> ids, values;
  while (RL_TRY(csv.next())) {
    const auto y = RL_TRY(csv.count("outcome"));
    const std::string where = "row " + std::to_string(csv.row());
    if (y > 1)
      return fail(ErrorCode::validation, where + ", column \"outcome\": must be 0 or 1", where + ", column \"outcome\"");
    outcomes.push_back(static_cast<int>(y));
    if (adjusted) {
      const double p = RL_TRY(csv.number("predicted_risk"));
      if (!(p > 0 && p < 1))
        return fail(ErrorCode::validation, where + ", column \"predicted_risk\": must be in (0, 1)",
                    where + ", column \"predicted_risk\"");
      risks.push_back(p);
    }
    ids.push_back(series_id(csv, "case"));
    values.push_back(std::to_string(y));
  }
  const auto path = adjusted ? RL_TRY(an::risk_adjusted_cusum(risks, outcomes, a.odds_ratio, a.h))
                             : RL_TRY(an::bernoulli_cusum(outcomes, *a.p0, *a.p1, a.h));
  path_table(tables, path, ids, values, "outcome");
  write_stats_tables(std::cout, tables, format);
  return {};
}

// ---- survival ------------------------------------------------------------------------------

struct SurvivalArgs {
  std::string file;
  std::vector<double> times;
  double confidence = 0.95;
  std::string format = "csv";
};

CommandStatus run_survival(const SurvivalArgs& a) {
  const auto format = RL_TRY(stats_format(a.format));
  const auto text = RL_TRY(read_input_file(a.file, "FILE"));
  auto csv = RL_TRY(formats::NumericCsv::open(text, {"time", "event"}));
  std::vector<an::Lifetime> data;
  while (RL_TRY(csv.next())) {
    const double t = RL_TRY(csv.number("time"));
    const std::string where = "row " + std::to_string(csv.row());
    if (!(t > 0))
      return fail(ErrorCode::validation, where + ", column \"time\": must be > 0", where + ", column \"time\"");
    const auto e = RL_TRY(csv.count("event"));
    if (e > 1)
      return fail(ErrorCode::validation, where + ", column \"event\": must be 1 (failure) or 0 (censored)",
                  where + ", column \"event\"");
    data.push_back({t, e == 1});
  }
  const auto fit = RL_TRY(an::weibull_fit(data, a.confidence));
  const auto km = a.times.empty() ? RL_TRY(an::kaplan_meier(data, a.confidence))
                                  : RL_TRY(an::kaplan_meier_at(data, a.times, a.confidence));
  std::vector<StatsTable> tables;
  StatsTable t("kaplan_meier", {"time", "n_risk", a.times.empty() ? "n_event" : "n_event_cum",
                                a.times.empty() ? "n_censored" : "n_censored_cum", "survival",
                                "std_err", "lower", "upper", "weibull_survival"});
  for (const auto& r : km)
    t.row().number(r.time).integer(r.n_risk).integer(r.n_event).integer(r.n_censored)
        .number(r.survival).number(r.std_err).number(r.lower).number(r.upper)
        .number(fit.survival(r.time));
  tables.push_back(std::move(t));
  StatsTable w("weibull", {"parameter", "estimate", "std_err", "lower", "upper"});
  w.row().text("shape").number(fit.shape).empty().number(fit.shape_lower).number(fit.shape_upper);
  w.row().text("scale").number(fit.scale).empty().number(fit.scale_lower).number(fit.scale_upper);
  w.row().text("intercept").number(fit.intercept).number(fit.se_intercept).empty().empty();
  w.row().text("log_sigma").number(fit.log_sigma).number(fit.se_log_sigma).empty().empty();
  w.row().text("cov_intercept_log_sigma").number(fit.cov_intercept_log_sigma).empty().empty().empty();
  w.row().text("loglik").number(fit.loglik).empty().empty().empty();
  w.row().text("B10_life").number(fit.life_quantile(0.1)).empty().empty().empty();
  w.row().text("median_life").number(fit.life_quantile(0.5)).empty().empty().empty();
  w.row().text("n").integer(fit.n).empty().empty().empty();
  w.row().text("failures").integer(fit.failures).empty().empty().empty();
  tables.push_back(std::move(w));
  write_stats_tables(std::cout, tables, format);
  return {};
}

void add_format_option(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "csv or json")->capture_default_str();
}

}  // namespace

void add_stats_monitoring_commands(CLI::App& stats, Selection& selection) {
  auto m = std::make_shared<MaxSprtArgs>();
  auto* ms = stats.add_subcommand(
      "maxsprt", "Poisson maxSPRT: critical value, performance, and alarm/continue per look");
  ms->add_option("--T,--surveillance-end", m->T,
                 "expected count under H0 at the end of surveillance")->required();
  ms->add_option("--alpha", m->alpha, "type I error, in (0, 0.5]")->capture_default_str();
  ms->add_option("--min-events", m->min_events, "no signal before this many events")->capture_default_str();
  ms->add_option("--cv", m->cv, "use this critical value instead of solving for --alpha");
  ms->add_option("--rr", m->rr, "relative risks at which to give power and expected times");
  ms->add_option("--counts", m->counts, "CSV with columns period, observed, expected (per period)");
  add_format_option(ms, m->format);
  ms->footer("Continuous monitoring, one-sided upper (Kulldorff et al. 2011), as R Sequential's "
             "CV.Poisson. The looks of --counts are cumulated.");
  on_selected(ms, selection, "stats maxsprt", [m] { return run_maxsprt(*m); });

  auto c = std::make_shared<CusumArgs>();
  auto* cs = stats.add_subcommand("cusum", "CUSUM over a CSV series (Poisson, Bernoulli, risk-adjusted) and its ARL");
  cs->add_option("FILE", c->file, "the series: columns count (poisson; period optional), outcome "
                                  "(bernoulli), outcome and predicted_risk (risk-adjusted; case optional)");
  cs->add_option("--type", c->type, "poisson, bernoulli, risk-adjusted, or normal (ARL only)")->capture_default_str();
  cs->add_option("--h", c->h, "decision interval: alarm when S >= h")->required();
  cs->add_option("--k", c->k, "reference value (poisson; normal: default 0.5)");
  cs->add_option("--lambda0", c->lambda0, "in-control Poisson mean (k from lambda0, lambda1)");
  cs->add_option("--lambda1", c->lambda1, "out-of-control Poisson mean to detect");
  cs->add_option("--p0", c->p0, "bernoulli: in-control event probability");
  cs->add_option("--p1", c->p1, "bernoulli: event probability to detect");
  cs->add_option("--odds-ratio", c->odds_ratio, "risk-adjusted: odds ratio to detect")->capture_default_str();
  cs->add_flag("--arl", c->arl, "average run lengths (poisson: exact; normal: Markov chain)");
  cs->add_option("--at", c->at, "poisson: means; normal: shifts in sigma, for --arl");
  add_format_option(cs, c->format);
  on_selected(cs, selection, "stats cusum", [c] { return run_cusum(*c); });

  auto s = std::make_shared<SurvivalArgs>();
  auto* sv = stats.add_subcommand("survival", "Kaplan-Meier table and Weibull fit of right-censored lifetimes");
  sv->add_option("FILE", s->file, "CSV with columns time (> 0) and event (1 failure, 0 censored)")->required();
  sv->add_option("--times", s->times, "give the Kaplan-Meier estimate at these times only");
  sv->add_option("--confidence", s->confidence, "level of the intervals")->capture_default_str();
  add_format_option(sv, s->format);
  on_selected(sv, selection, "stats survival", [s] { return run_survival(*s); });

  add_stats_spc_command(stats, selection);
}

}  // namespace riskloop::cli
