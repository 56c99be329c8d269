// riskloop: the command line. Wires the command groups together, runs the chosen command and turns
// its outcome into a message on standard error and a documented exit code (docs/cli.md).
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 1 verification failed, 2 usage, 3 input invalid, 4 not found, 5 conflict,\n"
    "6 not permitted, 10 internal or storage failure. See docs/cli.md.";

// Errors from the application name fields by JSON pointer ("/name"); on the command line the
// same field is an option ("--name"), which is what the person typed.
std::string option_for(const CLI::App* command, const std::string& location) {
  if (command == nullptr || location.size() < 2 || location[0] != '/' ||
      location.find('/', 1) != std::string::npos)
    return location;
  std::string flag = "--" + location.substr(1);
  for (char& c : flag)
    if (c == '_') c = '-';
  return command->get_option_no_throw(flag) != nullptr ? flag : location;
}

void print_error(const riskloop::cli::Selection& selection, const riskloop::Error& error) {
  std::cerr << "riskloop: " << selection.what << ": " << error.message;
  if (!error.location.empty())
    std::cerr << " (at " << option_for(selection.command, error.location) << ")";
  std::cerr << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  using namespace riskloop::cli;

  CLI::App root{"riskloop: ISO 14971 risk management for medical devices", "riskloop"};
  root.set_version_flag("--version", std::string("riskloop ") + RISKLOOP_VERSION);
  root.require_subcommand(1);
  root.footer(kExitCodes);

  Selection selection;
  add_init_command(root, selection);
  add_serve_command(root, selection);
  add_account_commands(root, selection);
  add_product_commands(root, selection);
  add_journal_commands(root, selection);
  add_backup_commands(root, selection);
  add_policy_commands(root, selection);
  add_risk_file_commands(root, selection);
  add_risk_item_commands(root, selection);
  add_gate_commands(root, selection);
  add_risk_exchange_commands(root, selection);
  add_record_commands(root, selection);
  add_reporting_rule_commands(root, selection);  // after the generated reporting-rules group
  add_measurement_commands(root, selection);
  add_stats_commands(root, selection);
  add_udi_commands(root, selection);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return root.exit(e);  // --help, --version
    std::cerr << "riskloop: usage: " << e.what()
              << "\n(run `riskloop --help` or `riskloop <command> --help`)\n";
    return kUsageExit;
  }
  if (!selection.run) {
    std::cerr << "riskloop: usage: name a command (run `riskloop --help`)\n";
    return kUsageExit;
  }

  try {
    const auto outcome = selection.run();
    if (outcome) return 0;
    print_error(selection, outcome.error().error);
    return outcome.error().exit_code;
  } catch (const std::exception& e) {
    // Exceptions are programmer errors or third-party throw sites; report, never crash silently.
    print_error(selection,
                riskloop::Error{
                    riskloop::ErrorCode::internal, std::string("internal error: ") + e.what(), {}});
    return riskloop::exit_code(riskloop::ErrorCode::internal);
  }
}
