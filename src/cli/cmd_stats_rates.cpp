// riskloop stats rates: event rates with their intervals on a CSV file of counts (analytics/rates).
// Each row is one rate: events in trials (a probability per use: Clopper-Pearson, Wilson, exact
// one-sided upper bound, and a Beta-binomial posterior when a prior is given) or events in an
// exposure (a rate per unit of exposure: Garwood, exact one-sided upper bound, and a Gamma-Poisson
// posterior when a prior is given). No prior is assumed: the posterior columns appear only when
// the command names one, or the file gives one per row (columns prior_a and prior_b, or
// prior_shape and prior_rate: each row's design-stage estimate).
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

#include "analytics/rates.hpp"
#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/stats_monitoring.hpp"
#include "cli/stats_tables.hpp"
#include "formats/sheet/numeric_csv.hpp"

namespace riskloop::cli {
namespace {

namespace an = riskloop::analytics;

struct RatesArgs {
  std::string file;
  double level = 0.95;
  std::optional<double> prior_a, prior_b;          // Beta prior (per trial)
  std::optional<double> prior_shape, prior_rate;   // Gamma prior (per unit of exposure)
  std::string format = "csv";
};

Error cell_error(const formats::NumericCsv& csv, std::string_view column, std::string_view what) {
  const std::string where =
      "row " + std::to_string(csv.row()) + ", column \"" + std::string(column) + "\"";
  return Error{ErrorCode::validation, where + ": " + std::string(what), where};
}

CommandStatus check_priors(const RatesArgs& a, bool per_trial) {
  const bool beta = a.prior_a || a.prior_b;
  const bool gamma = a.prior_shape || a.prior_rate;
  if (per_trial && gamma)
    return usage_error("--prior-shape and --prior-rate are a Gamma prior for rates per exposure; "
                       "this file has trials: use --prior-a and --prior-b",
                       a.prior_shape ? "--prior-shape" : "--prior-rate");
  if (!per_trial && beta)
    return usage_error("--prior-a and --prior-b are a Beta prior for probabilities per trial; this "
                       "file has exposure: use --prior-shape and --prior-rate",
                       a.prior_a ? "--prior-a" : "--prior-b");
  if (beta && !(a.prior_a && a.prior_b))
    return usage_error("a Beta prior needs both --prior-a and --prior-b",
                       a.prior_a ? "--prior-b" : "--prior-a");
  if (gamma && !(a.prior_shape && a.prior_rate))
    return usage_error("a Gamma prior needs both --prior-shape and --prior-rate",
                       a.prior_shape ? "--prior-rate" : "--prior-shape");
  if (a.prior_a && !(*a.prior_a > 0)) return usage_error("--prior-a must be > 0", "--prior-a");
  if (a.prior_b && !(*a.prior_b > 0)) return usage_error("--prior-b must be > 0", "--prior-b");
  if (a.prior_shape && !(*a.prior_shape > 0))
    return usage_error("--prior-shape must be > 0", "--prior-shape");
  if (a.prior_rate && !(*a.prior_rate >= 0))
    return usage_error("--prior-rate must be >= 0", "--prior-rate");
  return {};
}

// The prior of the current row: the options', or the row's own cells (first > 0; second > 0, or
// >= 0 for a Gamma rate).
CommandResult<std::pair<double, double>> row_prior(const formats::NumericCsv& csv, bool per_row,
                                                   std::optional<double> first,
                                                   std::optional<double> second,
                                                   const std::string& column1,
                                                   const std::string& column2,
                                                   bool rate_may_be_zero) {
  if (!per_row) return std::pair{*first, *second};
  const double p1 = RL_TRY(csv.number(column1));
  const double p2 = RL_TRY(csv.number(column2));
  if (!(p1 > 0)) return tl::unexpected(cell_error(csv, column1, "must be > 0"));
  if (!(rate_may_be_zero ? p2 >= 0 : p2 > 0))
    return tl::unexpected(
        cell_error(csv, column2, rate_may_be_zero ? "must be >= 0" : "must be > 0"));
  return std::pair{p1, p2};
}

CommandStatus run_rates(const RatesArgs& a) {
  const auto format = RL_TRY(stats_format(a.format));
  if (!(a.level > 0 && a.level < 1))
    return usage_error("--level must be between 0 and 1, e.g. 0.95", "--level");
  const auto text = RL_TRY(read_input_file(a.file, "FILE"));
  auto csv = RL_TRY(formats::NumericCsv::open(text, {"events"}));
  const bool per_trial = csv.has_column("trials");
  if (per_trial == csv.has_column("exposure"))
    return fail(ErrorCode::validation,
                per_trial ? "the header names both trials and exposure: a rate has one or the other"
                          : "the header needs a column trials (events per use) or exposure (events "
                            "per unit of exposure, e.g. implant-years)",
                "row 1");
  RL_CHECK(check_priors(a, per_trial));
  const std::string prior1 = per_trial ? "prior_a" : "prior_shape";
  const std::string prior2 = per_trial ? "prior_b" : "prior_rate";
  const bool prior_per_row = csv.has_column(prior1) || csv.has_column(prior2);
  if (prior_per_row && !(csv.has_column(prior1) && csv.has_column(prior2)))
    return fail(ErrorCode::validation,
                "the header names " + (csv.has_column(prior1) ? prior1 : prior2) +
                    " without " + (csv.has_column(prior1) ? prior2 : prior1) +
                    ": a prior per row needs both",
                "row 1");
  if (prior_per_row && (a.prior_a || a.prior_shape))
    return usage_error("the file gives a prior per row (" + prior1 + ", " + prior2 +
                           "): leave out the prior options",
                       per_trial ? "--prior-a" : "--prior-shape");
  const bool posterior = prior_per_row || a.prior_a || a.prior_shape;
  const bool named = csv.has_column("name");

  std::vector<std::string> columns;
  if (named) columns.push_back("name");
  if (per_trial)
    columns.insert(columns.end(), {"events", "trials", "estimate", "clopper_pearson_lower",
                                   "clopper_pearson_upper", "wilson_lower", "wilson_upper",
                                   "upper_one_sided"});
  else
    columns.insert(columns.end(), {"events", "exposure", "estimate", "garwood_lower",
                                   "garwood_upper", "upper_one_sided"});
  if (posterior)
    columns.insert(columns.end(), {"posterior_shape1", "posterior_shape2", "posterior_mean",
                                   "posterior_lower", "posterior_upper"});
  StatsTable table(per_trial ? "rates_per_trial" : "rates_per_exposure", columns);

  while (RL_TRY(csv.next())) {
    const auto events = RL_TRY(csv.count("events"));
    const auto x = static_cast<double>(events);
    table.row();
    if (named) table.text(std::string(RL_TRY(csv.label("name"))));
    an::RatePosterior post;
    if (per_trial) {
      const auto trials = RL_TRY(csv.count("trials"));
      if (trials == 0) return tl::unexpected(cell_error(csv, "trials", "must be > 0"));
      if (events > trials)
        return tl::unexpected(cell_error(csv, "events", "must not exceed trials (" +
                                                            std::to_string(trials) + ")"));
      const auto n = static_cast<double>(trials);
      const auto cp = an::clopper_pearson(x, n, a.level);
      const auto w = an::wilson(x, n, a.level);
      table.integer(events).integer(trials).number(x / n).number(cp.lower).number(cp.upper)
          .number(w.lower).number(w.upper).number(an::binomial_upper_one_sided(x, n, a.level));
      if (posterior) {
        const auto [pa, pb] = RL_TRY(row_prior(csv, prior_per_row, a.prior_a, a.prior_b, prior1,
                                               prior2, /*rate_may_be_zero=*/false));
        post = an::beta_binomial_posterior(pa, pb, x, n, a.level);
      }
    } else {
      const double t = RL_TRY(csv.number("exposure"));
      if (!(t > 0)) return tl::unexpected(cell_error(csv, "exposure", "must be > 0"));
      const auto g = an::garwood(x, t, a.level);
      table.integer(events).number(t).number(x / t).number(g.lower).number(g.upper)
          .number(an::poisson_upper_one_sided(x, t, a.level));
      if (posterior) {
        const auto [shape, rate] = RL_TRY(row_prior(csv, prior_per_row, a.prior_shape,
                                                    a.prior_rate, prior1, prior2,
                                                    /*rate_may_be_zero=*/true));
        post = an::gamma_poisson_posterior(shape, rate, x, t, a.level);
      }
    }
    if (posterior)
      table.number(post.shape1).number(post.shape2).number(post.mean)
          .number(post.interval.lower).number(post.interval.upper);
  }
  write_stats_tables(std::cout, {table}, format);
  return {};
}

}  // namespace

void add_stats_rates_command(CLI::App& stats, Selection& selection) {
  auto r = std::make_shared<RatesArgs>();
  auto* cmd = stats.add_subcommand(
      "rates", "event rates with exact and Wilson intervals, and Bayesian updates of a prior");
  cmd->add_option("FILE", r->file,
                  "CSV with columns events and trials (per use) or events and exposure (per unit "
                  "of exposure); name optional")
      ->required();
  cmd->add_option("--level", r->level, "level of the intervals and bounds")->capture_default_str();
  cmd->add_option("--prior-a", r->prior_a, "Beta prior a (per trial), e.g. the design estimate's");
  cmd->add_option("--prior-b", r->prior_b, "Beta prior b (per trial)");
  cmd->add_option("--prior-shape", r->prior_shape, "Gamma prior shape (per exposure); 0.5 with "
                                                   "--prior-rate 0 is the Jeffreys prior");
  cmd->add_option("--prior-rate", r->prior_rate, "Gamma prior rate (per exposure)");
  cmd->add_option("--format", r->format, "csv or json")->capture_default_str();
  cmd->footer("Intervals are two-sided and equal-tailed; upper_one_sided is the exact one-sided "
              "bound at --level (for 0 events in n trials: 1 - (1 - level)^(1/n)).");
  on_selected(cmd, selection, "stats rates", [r] { return run_rates(*r); });
}

}  // namespace riskloop::cli
