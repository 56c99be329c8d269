// Rules for account fields.
#include "core/accounts.hpp"

#include "core/language.hpp"

#include "core/text_rules.hpp"

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

Status check_password(std::string_view location, std::string_view password) {
  const std::string where(location);
  if (password.size() > 1024) return fail(ErrorCode::validation, "must have at most 1024 bytes", where);
  if (!is_valid_utf8(password)) return fail(ErrorCode::validation, "is not valid UTF-8", where);
  std::size_t chars = 0;
  for (char c : password)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
  if (chars < 12) return fail(ErrorCode::validation, "must have at least 12 characters", where);
  return {};
}

Status check_display_name(std::string_view location, std::string_view name) {
  return check_text(location, name, {.min_length = 1, .max_length = 120});
}

Status validate(const OrganizationInput& in) {
  RL_CHECK(check_text("/name", in.name, {.min_length = 1, .max_length = 200}));
  return check_slug("/slug", in.slug);
}

Status validate(const UserUpdateInput& in) {
  RL_CHECK(check_display_name("/display_name", in.display_name));
  if (in.language.empty()) return {};
  for (const auto language : kLanguages)
    if (in.language == language_tag(language)) return {};
  return fail(ErrorCode::validation,
              "\"" + in.language + "\" is not a language of riskloop: \"en\", \"zh-CN\", or \"\" "
              "for the browser's choice",
              "/language");
}

Status validate(const TokenInput& in) {
  RL_CHECK(check_text("/name", in.name, {.min_length = 1, .max_length = 100}));
  const auto allowed = "1 to " + std::to_string(kMaxTokenDays) + " days";
  if (!in.expires_in_days)
    return fail(ErrorCode::validation,
                "is required: API tokens expire after " + allowed + " (a token that never expires "
                "keeps working wherever it leaked)",
                "/expires_in_days");
  if (*in.expires_in_days < 1 || *in.expires_in_days > kMaxTokenDays)
    return fail(ErrorCode::validation,
                std::to_string(*in.expires_in_days) + " days is not allowed: must be " + allowed,
                "/expires_in_days");
  return {};
}

}  // namespace riskloop
