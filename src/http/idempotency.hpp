// Idempotency-Key for routes that must not run twice (imports): the first request with a key
// runs and its answer is stored (app/idempotency.hpp, shared by every node on the database); a
// retry with the same key and the same request gets that answer again with
// `Idempotent-Replayed: true`. Another request under a used key is refused with 422, a retry
// while the first is still running with 409 and Retry-After (docs/api.md).
#pragma once

#include "http/router.hpp"

namespace riskloop::http {

// Runs `run` under the request's Idempotency-Key (or simply runs it without one). `remember`
// says which answers are final and kept for replay; any other answer releases the key, so a
// retry runs the request again.
Response with_idempotency_key(Call& c, Handler run, bool (*remember)(const Response&));

}  // namespace riskloop::http
