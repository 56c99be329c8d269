// riskloop stats mgps and stats disproportionality: the signal-detection kernels of
// src/analytics on CSV files. Input is read with formats::NumericCsv (a bad cell stops the command
// naming its row and column, exit code 3); output is CSV on --out or standard output, with the
// fitted prior and its diagnostics as text beside it.
#include <charconv>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "analytics/disproportionality.hpp"
#include "analytics/mgps_counts.hpp"
#include "analytics/mgps_fit.hpp"
#include "analytics/mgps_scores.hpp"
#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "formats/sheet/csv_table.hpp"
#include "formats/sheet/numeric_csv.hpp"

namespace riskloop::cli {
namespace {

namespace an = riskloop::analytics;

// --- CSV output ------------------------------------------------------------------------------

// A label cell: formula-guarded, quoted when it holds a separator, quote or line break.
std::string csv_text(std::string_view cell) {
  std::string guarded = formats::guard_formula(cell);
  if (guarded.find_first_of(",;\"\r\n") == std::string::npos) return guarded;
  std::string out = "\"";
  for (char c : guarded) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// A number: the shortest text that reads back to the same double; Inf, -Inf and NaN literally.
std::string csv_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc{} ? std::string(buffer, end) : std::string("NaN");
}

// An optional number: NA when not defined.
std::string csv_number(const std::optional<double>& value) {
  return value ? csv_number(*value) : std::string("NA");
}

// The CSV goes to --out (written atomically) or standard output.
CommandStatus write_csv(const std::string& out, const std::string& csv) {
  if (out.empty()) {
    std::cout << csv;
    return {};
  }
  return write_output_file(out, csv, "--out");
}

// Errors from a file's rows carry the file's name as their location.
tl::unexpected<CommandError> in_file(const Error& error, const std::string& file) {
  return tl::unexpected<CommandError>(CommandError(Error{error.code, error.message, file}));
}

#define RL_CELL(expr, file)                          \
  __extension__({                                    \
    auto&& rl_cell_ = (expr);                        \
    if (!rl_cell_) return in_file(rl_cell_.error(), file); \
    std::move(*rl_cell_);                            \
  })

Error bad_row(const formats::NumericCsv& csv, std::string column, std::string message) {
  const formats::SheetIssue issue{csv.row(), std::move(column), std::move(message)};
  return Error{ErrorCode::validation, issue.describe(), issue.location()};
}

// The header's column names, in order.
CommandResult<std::vector<std::string>> header_of(std::string_view text, const std::string& file) {
  std::vector<formats::SheetIssue> problems;
  formats::CsvRecordReader reader(text, formats::SheetLimits{}, problems);
  if (auto read = reader.read_header(); !read) return in_file(read.error(), file);
  std::vector<std::string> names;
  for (const std::string& name : reader.header()) {
    std::string_view trimmed = name;
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
      trimmed.remove_prefix(1);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
      trimmed.remove_suffix(1);
    if (!trimmed.empty()) names.emplace_back(trimmed);
  }
  return names;
}

// --- stats mgps ------------------------------------------------------------------------------

struct MgpsArgs {
  std::string reports;
  std::string counts;
  bool summed = false;
  std::string out;
  std::string theta;
  std::string squashing = "auto";
};

// The pairs and their labels, from either input.
struct MgpsInput {
  an::LabelIndex var1, var2;
  std::vector<an::PairCount> pairs;
  std::string convention;
};

CommandResult<MgpsInput> read_reports(const std::string& file, bool summed) {
  const std::string text = RL_TRY(read_input_file(file, "--reports"));
  auto csv = RL_CELL(formats::NumericCsv::open(text, {"id", "var1", "var2"}), file);
  MgpsInput input;
  an::LabelIndex reports;
  std::vector<an::ReportRow> rows;
  while (RL_CELL(csv.next(), file)) {
    const auto id = RL_CELL(csv.label("id"), file);
    const auto v1 = RL_CELL(csv.label("var1"), file);
    const auto v2 = RL_CELL(csv.label("var2"), file);
    rows.push_back(an::ReportRow{reports.id(id), input.var1.id(v1), input.var2.id(v2)});
  }
  if (rows.empty()) return fail(ErrorCode::validation, "the file has no report rows", file);
  const auto counting = summed ? an::Counting::summed : an::Counting::unique_reports;
  input.pairs = an::count_pairs(rows, input.var1.size(), input.var2.size(), counting).pairs;
  std::ostringstream convention;
  convention << rows.size() << " rows, " << reports.size() << " reports, "
             << (summed ? "summed counts (every row counts)"
                        : "unique-report counts (a report counts once per pair and margin)");
  input.convention = convention.str();
  return input;
}

CommandResult<MgpsInput> read_counts(const std::string& file) {
  const std::string text = RL_TRY(read_input_file(file, "--counts"));
  auto csv = RL_CELL(formats::NumericCsv::open(text, {"var1", "var2", "N", "E"}), file);
  MgpsInput input;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> first_row;
  while (RL_CELL(csv.next(), file)) {
    const auto v1 = RL_CELL(csv.label("var1"), file);
    const auto v2 = RL_CELL(csv.label("var2"), file);
    const std::int64_t n = RL_CELL(csv.count("N"), file);
    const double e = RL_CELL(csv.number("E"), file);
    if (n < 1)
      return in_file(bad_row(csv, "N", "is 0; list only pairs with N >= 1 (zero cells are "
                                        "not part of the table)"),
                     file);
    if (e <= 0)
      return in_file(bad_row(csv, "E", "\"" + std::string(csv.text("E")) + "\" is not > 0"), file);
    const an::PairCount pair{input.var1.id(v1), input.var2.id(v2), static_cast<double>(n), e};
    const auto [at, added] = first_row.emplace(std::pair{pair.var1, pair.var2}, csv.row());
    if (!added)
      return in_file(bad_row(csv, "var2", "the pair is listed twice (first on row " +
                                              std::to_string(at->second) + ")"),
                     file);
    input.pairs.push_back(pair);
  }
  if (input.pairs.empty()) return fail(ErrorCode::validation, "the file has no pairs", file);
  input.convention = std::to_string(input.pairs.size()) + " pairs with N and E as given";
  return input;
}

CommandResult<an::MgpsPrior> parse_theta(const std::string& text) {
  std::vector<double> values;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    double v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc{} || end != part.data() + part.size() || !std::isfinite(v))
      return fail(ErrorCode::validation, "--theta: \"" + part + "\" is not a number", "--theta");
    values.push_back(v);
  }
  if (values.size() != 5)
    return fail(ErrorCode::validation,
                "--theta needs five numbers alpha1,beta1,alpha2,beta2,P; got " +
                    std::to_string(values.size()),
                "--theta");
  const an::MgpsPrior prior{values[0], values[1], values[2], values[3], values[4]};
  if (!(prior.alpha1 > 0 && prior.beta1 > 0 && prior.alpha2 > 0 && prior.beta2 > 0 &&
        prior.p > 0 && prior.p < 1))
    return fail(ErrorCode::validation, "--theta: alpha and beta must be > 0 and 0 < P < 1",
                "--theta");
  return prior;
}

std::string describe_prior(const an::MgpsPrior& p) {
  std::ostringstream out;
  out.precision(10);
  out << "alpha1=" << p.alpha1 << " beta1=" << p.beta1 << " alpha2=" << p.alpha2
      << " beta2=" << p.beta2 << " P=" << p.p;
  return out.str();
}

CommandStatus run_mgps(const MgpsArgs& args) {
  if (args.reports.empty() == args.counts.empty())
    return usage_error("give exactly one of --reports FILE and --counts FILE");
  if (args.summed && args.reports.empty())
    return usage_error("--summed applies to --reports only: --counts gives N and E as they are");
  MgpsInput input = args.reports.empty() ? RL_TRY(read_counts(args.counts))
                                         : RL_TRY(read_reports(args.reports, args.summed));
  std::vector<an::MgpsPoint> points;
  points.reserve(input.pairs.size());
  for (const an::PairCount& p : input.pairs) points.push_back(an::MgpsPoint{p.n, p.e, 1});

  // The summary goes beside the CSV: to standard output when the CSV goes to a file.
  std::ostream& summary = args.out.empty() ? std::cerr : std::cout;
  summary << "input: " << input.convention << "; " << input.pairs.size() << " pairs with N >= 1\n";
  an::MgpsPrior prior;
  if (!args.theta.empty()) {
    prior = RL_TRY(parse_theta(args.theta));
    summary.precision(10);
    summary << "prior (given): " << describe_prior(prior) << "\n"
            << "negative log-likelihood on all " << points.size()
            << " pairs: " << an::MgpsLikelihood(points).neg_log_likelihood(prior) << "\n";
  } else {
    an::MgpsFitOptions options;
    options.squashing = args.squashing == "off"    ? an::Squashing::off
                        : args.squashing == "only" ? an::Squashing::only
                                                   : an::Squashing::automatic;
    auto fit = an::fit_mgps_prior(points, options);
    if (!fit) return fail(ErrorCode::validation, "cannot fit the MGPS prior: " + fit.error());
    prior = fit->prior;
    summary.precision(10);
    summary << "prior (fitted): " << describe_prior(prior) << "\n"
            << "negative log-likelihood on all " << fit->points
            << " pairs: " << fit->neg_log_likelihood << "\n"
            << "converged: " << (fit->converged ? "yes" : "NO") << ", gradient norm "
            << fit->gradient_norm << ", predicted decrease " << fit->predicted_decrease
            << ", iterations " << fit->iterations << ", evaluations " << fit->evaluations << " ("
            << fit->evaluations_on_all_points << " on all pairs), best start "
            << fit->best_start + 1 << " of " << fit->starts.size() << " on "
            << fit->squashed_points << " points"
            << (fit->squashed_points < fit->points ? " (squashed)" : "") << "\n";
    for (const an::MgpsStartResult& s : fit->starts)
      summary << "  start " << describe_prior(s.start) << " -> negLL " << s.neg_log_likelihood
              << (s.converged ? "" : " (not converged)") << " after " << s.iterations
              << " iterations\n";
  }

  const std::vector<an::EbScores> scores = an::eb_scores(prior, points);
  std::string csv = "var1,var2,N,E,EBGM,EB05,EB95\n";
  csv.reserve(csv.size() + input.pairs.size() * 96);
  for (std::size_t i = 0; i < input.pairs.size(); ++i) {
    const an::PairCount& p = input.pairs[i];
    csv += csv_text(input.var1.label(p.var1));
    csv += ',';
    csv += csv_text(input.var2.label(p.var2));
    for (double v : {p.n, p.e, scores[i].ebgm, scores[i].eb05, scores[i].eb95}) {
      csv += ',';
      csv += csv_number(v);
    }
    csv += '\n';
  }
  RL_CHECK(write_csv(args.out, csv));
  if (!args.out.empty()) summary << "wrote " << input.pairs.size() << " pairs to " << args.out << "\n";
  return {};
}

// --- stats disproportionality ----------------------------------------------------------------

struct DisproportionalityArgs {
  std::string counts;
  std::string out;
  an::SignalThresholds thresholds;
  std::string chi2 = "yates-clipped";
  std::optional<double> min_ror_lo;
  std::optional<double> min_ic025;
};

CommandStatus run_disproportionality(const DisproportionalityArgs& args) {
  const std::string text = RL_TRY(read_input_file(args.counts, "--counts"));
  const std::vector<std::string> header = RL_TRY(header_of(text, args.counts));
  auto csv = RL_CELL(formats::NumericCsv::open(text, {"a", "b", "c", "d"}), args.counts);
  std::vector<std::string> labels;
  for (const std::string& name : header)
    if (name != "a" && name != "b" && name != "c" && name != "d") labels.push_back(name);

  an::SignalThresholds thresholds = args.thresholds;
  thresholds.chi2_kind = args.chi2 == "pearson" ? an::Chi2Kind::pearson
                         : args.chi2 == "yates" ? an::Chi2Kind::yates
                                                : an::Chi2Kind::yates_clipped;
  thresholds.min_ror_lo = args.min_ror_lo;
  thresholds.min_ic025 = args.min_ic025;

  std::string out;
  for (const std::string& label : labels) out += csv_text(label) + ",";
  out += "a,b,c,d,N,PRR,PRR_lo,PRR_hi,ROR,ROR_lo,ROR_hi,PRR_ha,PRR_lo_ha,PRR_hi_ha,ROR_ha,"
         "ROR_lo_ha,ROR_hi_ha,chi2,chi2_p,chi2_yates,chi2_yates_p,chi2_yates_clipped,"
         "chi2_yates_clipped_p,E,IC,IC025,IC975,IC025_approx,IC975_approx,signal_prr,signal_chi2,"
         "signal_count";
  if (thresholds.min_ror_lo) out += ",signal_ror_lo";
  if (thresholds.min_ic025) out += ",signal_ic025";
  out += ",signal\n";
  std::size_t rows = 0, signals = 0;
  auto flag = [](bool b) { return b ? "true" : "false"; };
  while (RL_CELL(csv.next(), args.counts)) {
    std::array<double, 4> cells{};
    const char* names[] = {"a", "b", "c", "d"};
    for (std::size_t i = 0; i < 4; ++i)
      cells[i] = static_cast<double>(RL_CELL(csv.count(names[i]), args.counts));
    const an::Table2x2 t{cells[0], cells[1], cells[2], cells[3]};
    const an::Disproportionality m = an::disproportionality(t);
    const an::SignalCriteria s = an::signal_criteria(t, m, thresholds);
    ++rows;
    signals += s.all;
    for (const std::string& label : labels) out += csv_text(csv.text(label)) + ",";
    for (std::size_t i = 0; i < 4; ++i) out += std::string(csv.text(names[i])) + ",";
    out += csv_number(t.a + t.b + t.c + t.d);
    for (const auto& v :
         {std::optional<double>(m.prr), m.prr_lo, m.prr_hi, std::optional<double>(m.ror), m.ror_lo,
          m.ror_hi, std::optional<double>(m.prr_ha), m.prr_lo_ha, m.prr_hi_ha,
          std::optional<double>(m.ror_ha), m.ror_lo_ha, m.ror_hi_ha, std::optional<double>(m.chi2),
          std::optional<double>(m.chi2_p), std::optional<double>(m.chi2_yates),
          std::optional<double>(m.chi2_yates_p), std::optional<double>(m.chi2_yates_clipped),
          std::optional<double>(m.chi2_yates_clipped_p), std::optional<double>(m.expected),
          std::optional<double>(m.ic), std::optional<double>(m.ic025),
          std::optional<double>(m.ic975), std::optional<double>(m.ic025_approx),
          std::optional<double>(m.ic975_approx)})
      out += "," + csv_number(v);
    out += std::string(",") + flag(s.prr) + "," + flag(s.chi2) + "," + flag(s.count);
    if (s.ror_lo) out += std::string(",") + flag(*s.ror_lo);
    if (s.ic025) out += std::string(",") + flag(*s.ic025);
    out += std::string(",") + flag(s.all) + "\n";
  }
  if (rows == 0) return fail(ErrorCode::validation, "the file has no tables", args.counts);
  RL_CHECK(write_csv(args.out, out));
  std::ostream& summary = args.out.empty() ? std::cerr : std::cout;
  summary << rows << " tables, " << signals << " meet every signal criterion\n";
  return {};
}

}  // namespace

void add_stats_signal_commands(CLI::App& stats, Selection& selection) {
  {
    auto args = std::make_shared<MgpsArgs>();
    auto* cmd = stats.add_subcommand(
        "mgps", "MGPS (DuMouchel): fit the gamma-mixture prior, write EBGM, EB05, EB95 per pair");
    cmd->add_option("--reports", args->reports,
                    "CSV of report rows: columns id, var1, var2 (unique-report counting)");
    cmd->add_flag("--summed", args->summed,
                  "with --reports: count rows (summed counts) instead of unique reports");
    cmd->add_option("--counts", args->counts, "CSV of pairs: columns var1, var2, N (>= 1), E (> 0)");
    cmd->add_option("--out", args->out, "write the scores CSV here (default: standard output)");
    cmd->add_option("--theta", args->theta,
                    "score with this prior instead of fitting: alpha1,beta1,alpha2,beta2,P");
    cmd->add_option("--squashing", args->squashing,
                    "auto (squash for the starts above 20,000 pairs, refine on all), off, or "
                    "only (fit on squashed points, as openEBGM)")
        ->check(CLI::IsMember({"auto", "off", "only"}));
    on_selected(cmd, selection, "stats mgps", [args] { return run_mgps(*args); });
  }
  {
    auto args = std::make_shared<DisproportionalityArgs>();
    auto* cmd = stats.add_subcommand(
        "disproportionality",
        "PRR, ROR, chi-square, BCPNN IC per 2x2 table and whether the signal criteria hold");
    cmd->add_option("--counts", args->counts,
                    "CSV with columns a, b, c, d (other columns are kept as labels)")
        ->required();
    cmd->add_option("--out", args->out, "write the CSV here (default: standard output)");
    cmd->add_option("--min-prr", args->thresholds.min_prr, "PRR threshold (default 2)");
    cmd->add_option("--min-chi2", args->thresholds.min_chi2, "chi-square threshold (default 4)");
    cmd->add_option("--chi2", args->chi2,
                    "which chi-square the threshold applies to: pearson, yates, yates-clipped "
                    "(default, as R chisq.test)")
        ->check(CLI::IsMember({"pearson", "yates", "yates-clipped"}));
    cmd->add_option("--min-a", args->thresholds.min_a, "minimum count a (default 3)");
    cmd->add_option("--min-ror-lo", args->min_ror_lo,
                    "also require the lower 95 % bound of ROR >= this (e.g. 1)");
    cmd->add_option("--min-ic025", args->min_ic025,
                    "also require the lower bound of the exact IC interval >= this (e.g. 0)");
    on_selected(cmd, selection, "stats disproportionality",
                [args] { return run_disproportionality(*args); });
  }
}

}  // namespace riskloop::cli
