// Rules for account fields.
#include "core/accounts.hpp"

namespace riskloop {

Status check_slug(std::string_view location, std::string_view slug) {
  const std::string where(location);
  if (slug.empty() || slug.size() > 63)
    return fail(ErrorCode::validation, "must have 1 to 63 characters", where);
  for (char c : slug)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return fail(ErrorCode::validation, "may hold only lower-case letters, digits and '-'", where);
  if (slug.front() == '-' || slug.back() == '-')
    return fail(ErrorCode::validation, "must not start or end with '-'", where);
  return {};
}

}  // namespace riskloop
