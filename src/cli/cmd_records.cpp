// riskloop <path> list|show|add|update|delete for every declared record type: one line each
// (cli/record_commands.hpp); a type's own columns and names are its RecordCommandHooks.
#include "cli/commands.hpp"
#include "cli/operational_risk_commands.hpp"
#include "cli/record_commands.hpp"

namespace riskloop::cli {

void add_record_commands(CLI::App& root, Selection& selection) {
  add_declared_record_commands<risk::OperationalRisk,
                               [](app::App& app) -> app::OperationalRisks& {
                                 return app.operational_risks();
                               }>(root, selection);
}

}  // namespace riskloop::cli
