// Rules for the operational risk register.
#include "core/risk/operational_risk.hpp"

#include "core/risk/input_rules.hpp"

namespace riskloop::risk {

Status validate(const OperationalRisk& in) {
  if (in.status == OperationalStatus::in_treatment) {
    if (!has_content(in.treatment))
      return fail(ErrorCode::validation, "is required when status is in_treatment", "/treatment");
    if (!in.due_date)
      return fail(ErrorCode::validation, "is required when status is in_treatment", "/due_date");
  }
  return {};
}

bool is_overdue(const OperationalRisk& risk, Timestamp now) {
  return risk.status != OperationalStatus::closed && risk.due_date && *risk.due_date < now;
}

}  // namespace riskloop::risk
