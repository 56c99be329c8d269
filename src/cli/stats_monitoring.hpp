// The stats subcommands of sequential tests, SPC and survival (cmd_stats_monitoring.cpp,
// cmd_stats_spc.cpp).
#pragma once

#include "cli/commands.hpp"

namespace riskloop::cli {

// riskloop stats maxsprt, cusum, survival, and spc (below).
void add_stats_monitoring_commands(CLI::App& stats, Selection& selection);
// riskloop stats spc (cmd_stats_spc.cpp).
void add_stats_spc_command(CLI::App& stats, Selection& selection);

}  // namespace riskloop::cli
