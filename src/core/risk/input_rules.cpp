// Field rules shared by the inputs of risk records.
#include "core/risk/input_rules.hpp"

#include "core/text_rules.hpp"

namespace riskloop::risk {

Status check_id(std::string_view location, std::string_view id) {
  return check_text(location, id, {.min_length = 1, .max_length = 100});
}

Status check_title(std::string_view location, std::string_view title, std::size_t max_length) {
  RL_CHECK(check_text(location, title, {.min_length = 1, .max_length = max_length}));
  if (!has_content(title))
    return fail(ErrorCode::validation, "must not be only white space", std::string(location));
  return {};
}

Status check_statement(std::string_view location, std::string_view statement) {
  return check_title(location, statement, kStatementLength);
}

Status check_long_text(std::string_view location, std::string_view text, bool required) {
  RL_CHECK(check_text(location, text,
                      {.min_length = required ? 1u : 0u, .max_length = 10000, .multiline = true}));
  if (required && !has_content(text))
    return fail(ErrorCode::validation, "must not be only white space", std::string(location));
  return {};
}

Status check_entries(std::string_view location, const std::vector<std::string>& entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string where = std::string(location) + "/" + std::to_string(i);
    RL_CHECK(check_title(where, entries[i]));
    for (std::size_t k = 0; k < i; ++k)
      if (entries[k] == entries[i])
        return fail(ErrorCode::validation,
                    "repeats entry " + std::to_string(k) + " (\"" + entries[i] + "\")", where);
  }
  return {};
}

bool has_content(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return true;
  return false;
}

}  // namespace riskloop::risk
