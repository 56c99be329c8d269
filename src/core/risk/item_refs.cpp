// Refs and retirement of risk file items.
#include "core/risk/item_refs.hpp"

#include "core/text_rules.hpp"

namespace riskloop::risk {

std::string format_ref(std::string_view prefix, std::int64_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
  return std::string(prefix) + "-" + digits;
}

Status validate_retire_rationale(std::string_view rationale) {
  if (trim_blanks(rationale).empty())
    return fail(ErrorCode::validation, "is required: say why the item no longer counts",
                "/rationale");
  return check_text("/rationale", rationale,
                    {.min_length = 1, .max_length = kMaxRetireRationale, .multiline = true});
}

}  // namespace riskloop::risk
