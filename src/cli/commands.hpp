// The command groups of `riskloop`; each registers its subcommands on the root application.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.hpp"

namespace riskloop::cli {

void add_init_command(CLI::App& root, Selection& selection);   // cmd_init.cpp
void add_serve_command(CLI::App& root, Selection& selection);  // cmd_serve.cpp
void add_account_commands(CLI::App& root,
                          Selection& selection);  // cmd_accounts.cpp: org, user, token
void add_product_commands(CLI::App& root, Selection& selection);  // cmd_products.cpp
void add_journal_commands(CLI::App& root,
                          Selection& selection);                 // cmd_journal.cpp: verify, journal
void add_backup_commands(CLI::App& root, Selection& selection);  // cmd_backup.cpp: backup, restore

// Risk management: policy (cmd_risk_policies.cpp); file, assess (cmd_risk_files.cpp); gate, due
// (cmd_gates.cpp); export, import, report (cmd_risk_exchange.cpp).
void add_policy_commands(CLI::App& root, Selection& selection);
void add_risk_file_commands(CLI::App& root, Selection& selection);
void add_gate_commands(CLI::App& root, Selection& selection);
void add_risk_exchange_commands(CLI::App& root, Selection& selection);
// item list, retire, reinstate (cmd_risk_items.cpp).
void add_risk_item_commands(CLI::App& root, Selection& selection);

// The declared record types (cmd_records.cpp): operational-risks (alias oprisk), ...
void add_record_commands(CLI::App& root, Selection& selection);
// reporting-rules import | due (cmd_reporting_rules.cpp), added to the generated group.
void add_reporting_rule_commands(CLI::App& root, Selection& selection);
// Bulk data: measurements import, list (cmd_measurements.cpp).
void add_measurement_commands(CLI::App& root, Selection& selection);
// Analytics on CSV files, no database: stats <kernel> (cmd_stats.cpp).
void add_stats_commands(CLI::App& root, Selection& selection);
// stats mgps, stats disproportionality (cmd_stats_signal.cpp), registered by add_stats_commands.
void add_stats_signal_commands(CLI::App& stats, Selection& selection);
// UDI carriers: udi parse (cmd_udi.cpp).
void add_udi_commands(CLI::App& root, Selection& selection);

}  // namespace riskloop::cli
