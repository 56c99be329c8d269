// The derived columns and messages of `riskloop operational-risks` (alias `oprisk`).
#include "cli/operational_risk_commands.hpp"

namespace riskloop::cli {
namespace {

std::string score_cell(const risk::OperationalRisk& r, Timestamp) {
  return std::to_string(r.score());
}

std::string overdue_cell(const risk::OperationalRisk& r, Timestamp now) {
  return risk::is_overdue(r, now) ? "overdue" : "";
}

}  // namespace

std::vector<DerivedColumn<risk::OperationalRisk>>
RecordCommandHooks<risk::OperationalRisk>::derived_columns() {
  return {{"score", &score_cell}, {"overdue", &overdue_cell}};
}

std::string RecordCommandHooks<risk::OperationalRisk>::summary(const risk::OperationalRisk& r) {
  return " (score " + std::to_string(r.score()) + ")";
}

}  // namespace riskloop::cli
