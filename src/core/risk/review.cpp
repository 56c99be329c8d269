// Rules for risk management reviews.
#include "core/risk/review.hpp"

#include "core/risk/input_rules.hpp"

namespace riskloop::risk {

Status validate(const ReviewInput& in) {
  RL_CHECK(check_entries("/attendees", in.attendees));
  RL_CHECK(check_long_text("/conclusions", in.conclusions));
  if (in.status == ReviewStatus::closed) {
    if (!in.held_at)
      return fail(ErrorCode::validation, "is required when status is closed", "/held_at");
    if (in.attendees.empty())
      return fail(ErrorCode::validation, "must name at least one attendee when status is closed",
                  "/attendees");
    if (!has_content(in.conclusions))
      return fail(ErrorCode::validation, "is required when status is closed", "/conclusions");
  }
  return {};
}

}  // namespace riskloop::risk
