// riskloop stats: the analytics kernels (src/analytics) on plain CSV files, for analysts and for
// validation against other tools. No database: each subcommand reads its CSV input with
// formats::NumericCsv and writes CSV or text. The subcommands register here, one line per family.
#include "cli/commands.hpp"
#include "cli/stats_monitoring.hpp"

namespace riskloop::cli {

void add_stats_commands(CLI::App& root, Selection& selection) {
  auto* stats = root.add_subcommand(
      "stats", "statistics on CSV files: disproportionality, MGPS, sequential tests, SPC, rates");
  stats->require_subcommand(1);
  add_stats_signal_commands(*stats, selection);
  add_stats_monitoring_commands(*stats, selection);
  add_stats_rates_command(*stats, selection);
}

}  // namespace riskloop::cli
