// The stats subcommands of sequential tests, SPC, survival and rates (cmd_stats_monitoring.cpp,
// cmd_stats_spc.cpp, cmd_stats_rates.cpp).
#pragma once

#include "cli/commands.hpp"

namespace riskloop::cli {

// riskloop stats maxsprt, cusum, survival, and spc (below).
void add_stats_monitoring_commands(CLI::App& stats, Selection& selection);
// riskloop stats spc (cmd_stats_spc.cpp).
void add_stats_spc_command(CLI::App& stats, Selection& selection);
// riskloop stats rates (cmd_stats_rates.cpp).
void add_stats_rates_command(CLI::App& stats, Selection& selection);

}  // namespace riskloop::cli
