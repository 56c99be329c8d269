// Rules for the operational risk register.
#include "core/risk/operational_risk.hpp"

#include "core/risk/input_rules.hpp"

namespace riskloop::risk {
namespace {

Status check_scale(std::string_view location, std::int64_t value) {
  if (value < 1 || value > 5)
    return fail(ErrorCode::validation, "must be 1 to 5, got " + std::to_string(value),
                std::string(location));
  return {};
}

}  // namespace

Status validate(const OperationalRiskInput& in) {
  RL_CHECK(check_title("/title", in.title));
  RL_CHECK(check_long_text("/description", in.description));
  RL_CHECK(check_title("/owner", in.owner));
  RL_CHECK(check_scale("/likelihood", in.likelihood));
  RL_CHECK(check_scale("/impact", in.impact));
  RL_CHECK(check_long_text("/treatment", in.treatment));
  if (in.status == OperationalStatus::in_treatment) {
    if (!has_content(in.treatment))
      return fail(ErrorCode::validation, "is required when status is in_treatment", "/treatment");
    if (!in.due_date)
      return fail(ErrorCode::validation, "is required when status is in_treatment", "/due_date");
  }
  RL_CHECK(check_entries("/affected_product_ids", in.affected_product_ids));
  return {};
}

bool is_overdue(const OperationalRisk& risk, Timestamp now) {
  return risk.status != OperationalStatus::closed && risk.due_date && *risk.due_date < now;
}

}  // namespace riskloop::risk
