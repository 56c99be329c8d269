// riskloop <path> list|show|add|update|delete for every declared record type of
// app/record_types.hpp (cli/record_commands.hpp); a type's own columns and names are its
// RecordCommandHooks.
#include "app/record_types.hpp"
#include "cli/commands.hpp"
#include "cli/operational_risk_commands.hpp"
#include "cli/record_commands.hpp"

namespace riskloop::cli {

void add_record_commands(CLI::App& root, Selection& selection) {
  app::for_each_record_type([&]<class T>() {
    if constexpr (DeclaredRecord<T>)
      add_declared_record_commands<T, [](app::App& a) { return a.records<T>(); }>(root, selection);
  });
}

}  // namespace riskloop::cli
