// Error values and Result<T>: how every fallible riskloop function reports failure.
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace riskloop {

// Stable machine codes. They never change meaning; the HTTP status and CLI exit code of each are
// fixed in one table (error.cpp).
enum class ErrorCode {
  malformed,        // the request or file cannot be parsed (syntax, encoding, nesting)
  validation,       // input parses but breaks a rule (type, range, unknown field)
  not_found,        // no such object in the caller's organization
  conflict,         // lost update, duplicate key, or state does not allow the action
  precondition,     // If-Match did not match the current version
  forbidden,        // authenticated, but the role does not allow the action
  unauthenticated,  // no valid session, token or password
  rate_limited,     // too many attempts
  too_large,        // body or file over the allowed size
  verification,     // journal or record integrity check failed
  storage,          // the store failed (I/O, corruption, busy beyond the timeout)
  internal,         // a bug
};

std::string_view to_string(ErrorCode code);
int http_status(ErrorCode code);
int exit_code(ErrorCode code);

// What went wrong (message, for people), which rule (code, for programs), and where: a JSON
// pointer such as "/name", an import position such as "row 17, column \"severity\"", or empty.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string location;
};

// A value or the Error that prevented it. A tl::expected that may not be ignored: dropping the
// Result or Status of any call (function, member, lambda, std::function) is a compile error with
// -Werror=unused-result, so an error can only be handled, propagated (RL_TRY, RL_CHECK) or
// discarded in plain sight with a cast to void.
template <class T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using Expected = tl::expected<T, Error>;
  using Expected::Expected;
  using Expected::operator=;
  Result() = default;
  // From what tl::expected's own operations (map, and_then, ...) return.
  Result(Expected e) : Expected(std::move(e)) {}
};
using Status = Result<void>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string location = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(location)});
}

}  // namespace riskloop

// Propagates the error of a Result-returning expression; yields its value otherwise.
// Usage: auto user = RL_TRY(find_user(...));
#define RL_TRY(expr)                                                  \
  __extension__({                                                     \
    auto&& rl_try_result_ = (expr);                                   \
    if (!rl_try_result_) return tl::unexpected(rl_try_result_.error()); \
    std::move(*rl_try_result_);                                       \
  })

// For Result<void>.
#define RL_CHECK(expr)                                                \
  do {                                                                \
    auto&& rl_check_result_ = (expr);                                 \
    if (!rl_check_result_) return tl::unexpected(rl_check_result_.error()); \
  } while (0)
