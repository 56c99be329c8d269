// What the operational risk register adds to its generated commands (cli/record_commands.hpp):
// its former name `oprisk`, and the score (likelihood x impact) and the overdue mark that its
// list has always shown.
#pragma once

#include "cli/record_commands.hpp"
#include "core/risk/operational_risk.hpp"

namespace riskloop::cli {

template <>
struct RecordCommandHooks<risk::OperationalRisk> {
  static std::vector<std::string> aliases() { return {"oprisk"}; }
  // score: likelihood x impact (1..25); overdue: "overdue" when not closed and past its due date.
  static std::vector<DerivedColumn<risk::OperationalRisk>> derived_columns();
  // " (score 8)"
  static std::string summary(const risk::OperationalRisk& r);
};

}  // namespace riskloop::cli
