// Idempotency-Key over the store-backed answers (see idempotency.hpp).
#include "http/idempotency.hpp"

#include <mutex>
#include <set>

#include "http/problem.hpp"
#include "http/rest_conventions.hpp"
#include "http/server_log.hpp"

namespace riskloop::http {
namespace {

constexpr std::string_view kHeader = "Idempotency-Key";

// Visible ASCII, 1 to 255 characters (what clients generate: UUIDs, random tokens).
Status check_key(std::string_view key) {
  bool ok = !key.empty() && key.size() <= 255;
  for (char ch : key) ok = ok && ch > 0x20 && ch < 0x7f;
  if (!ok)
    return fail(ErrorCode::validation, "must be 1 to 255 visible ASCII characters",
                parameter_location(kHeader));
  return {};
}

// Response keeps header names and its content type as views of literals. A replayed answer's
// come from the store, so they are kept once per distinct text for the life of the process
// (a handful: only our own handlers wrote them).
std::string_view interned(const std::string& text) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> texts;
  std::lock_guard lock(mutex);
  return *texts.insert(text).first;
}

store::StoredResponse to_stored(const Response& r) {
  store::StoredResponse out{r.status, std::string(r.content_type), {}, r.body};
  for (const auto& h : r.headers) out.headers.emplace_back(std::string(h.name), h.value);
  return out;
}

Response from_stored(const store::StoredResponse& s) {
  Response r;
  r.status = s.status;
  r.content_type = interned(s.content_type);
  r.body = s.body;
  for (const auto& [name, value] : s.headers) r.headers.push_back({interned(name), value});
  r.headers.push_back({"Idempotent-Replayed", "true"});
  return r;
}

}  // namespace

Response with_idempotency_key(Call& c, Handler run, bool (*remember)(const Response&)) {
  if (!c.route.spec.idempotent)  // the OpenAPI document would not mention the header
    return problem(Error{ErrorCode::internal, "route does not declare Idempotency-Key"});
  const auto key = c.request.idempotency_key;
  if (key.empty()) return run(c);
  RL_HTTP_CHECK(check_key(key));
  const app::IdempotentRequest request{key, method_name(c.request.method), c.request.path,
                                       c.request.query, c.request.body};
  auto& keys = c.app().idempotency();
  const auto claim = RL_HTTP_TRY(keys.claim(c.principal, request));
  switch (claim.outcome) {
    case app::IdempotencyKeys::Outcome::replay:
      return from_stored(claim.response);
    case app::IdempotencyKeys::Outcome::in_progress: {
      auto r = problem(Error{ErrorCode::conflict,
                             "a request with this Idempotency-Key is still being processed; "
                             "retry when it has answered",
                             parameter_location(kHeader)});
      r.headers.push_back({"Retry-After", "1"});
      return r;
    }
    case app::IdempotencyKeys::Outcome::mismatch:
      return problem(422, Error{ErrorCode::validation,
                                "was already used for a different request (other query or "
                                "body); use a new key per request",
                                parameter_location(kHeader)});
    case app::IdempotencyKeys::Outcome::fresh:
      break;
  }
  Response response;
  try {
    response = run(c);
  } catch (...) {
    // The router answers 500; the key must not stay claimed until its lease runs out.
    (void)keys.release(c.principal, request);
    throw;
  }
  if (remember(response)) {
    // The request has taken effect: failing to store its answer must not turn it into an error.
    // A retry then finds the claim in progress until its lease ends; the log says why.
    if (auto stored = keys.finish(c.principal, request, to_stored(response)); !stored)
      log_event(spdlog::level::warn, "Idempotency-Key answer not stored",
                {{"request_id", std::string(c.request.request_id)},
                 {"route", std::string(c.route.spec.pattern)},
                 {"cause", stored.error().message}});
  } else if (auto released = keys.release(c.principal, request); !released) {
    // It frees itself when its lease ends.
    log_event(spdlog::level::warn, "Idempotency-Key not released",
              {{"request_id", std::string(c.request.request_id)},
               {"route", std::string(c.route.spec.pattern)},
               {"cause", released.error().message}});
  }
  return response;
}

}  // namespace riskloop::http
