// The one table mapping error codes to names, HTTP statuses and CLI exit codes.
#include "core/error.hpp"

namespace riskloop {
namespace {

struct CodeRow {
  ErrorCode code;
  std::string_view name;
  int http;
  int exit;
};

// CLI exit codes: 0 ok, 1 verification failure, 2 usage, 3 input invalid, 4 not found,
// 5 conflict, 6 not permitted, 10 internal.
constexpr CodeRow kCodes[] = {
    {ErrorCode::malformed, "malformed", 400, 3},
    {ErrorCode::validation, "validation", 422, 3},
    {ErrorCode::not_found, "not_found", 404, 4},
    {ErrorCode::conflict, "conflict", 409, 5},
    {ErrorCode::precondition, "precondition_failed", 412, 5},
    {ErrorCode::forbidden, "forbidden", 403, 6},
    {ErrorCode::unauthenticated, "unauthenticated", 401, 6},
    {ErrorCode::rate_limited, "rate_limited", 429, 6},
    {ErrorCode::too_large, "too_large", 413, 3},
    {ErrorCode::verification, "verification_failed", 500, 1},
    {ErrorCode::storage, "storage", 503, 10},
    {ErrorCode::internal, "internal", 500, 10},
};

const CodeRow& row(ErrorCode code) {
  for (const auto& r : kCodes)
    if (r.code == code) return r;
  return kCodes[std::size(kCodes) - 1];
}

}  // namespace

std::string_view to_string(ErrorCode code) { return row(code).name; }
int http_status(ErrorCode code) { return row(code).http; }
int exit_code(ErrorCode code) { return row(code).exit; }

}  // namespace riskloop
