// Idempotency-Key: a retried request gets the first request's answer instead of running again,
// on every node of a cluster, because the answers live in the store (docs/api.md).
//
//   auto claim = RL_TRY(keys.claim(principal, request));
//   switch (claim.outcome) { fresh: run, then finish() or release(); replay: send claim.response;
//                            in_progress: 409; mismatch: 422 }
//
// Keys are scoped to the caller's organization and principal, the method and the path, so one
// caller can never see another's answer. The request fingerprint (query and body, SHA-256) binds
// a key to one request: the same key with other content is a mistake, not a retry. Answers are a
// cache of responses, like sessions: not journaled, kept for AppOptions::idempotency_retention,
// then purged (at most every idempotency_purge_interval, by whichever node claims a key next).
#pragma once

#include <atomic>
#include <string_view>

#include "app/app_context.hpp"
#include "app/principal.hpp"

namespace riskloop::app {

struct IdempotentRequest {
  std::string_view key;     // the Idempotency-Key header, already checked by the caller
  std::string_view method;  // "POST"
  std::string_view path;    // as sent
  std::string_view query;   // part of the fingerprint
  std::string_view body;    // part of the fingerprint (never stored)
};

class IdempotencyKeys {
 public:
  explicit IdempotencyKeys(AppContext& ctx) : ctx_(ctx) {}

  enum class Outcome {
    fresh,        // the caller holds the key now: run the request, then finish() or release()
    replay,       // answered before: send `response`
    in_progress,  // the first request with this key is still running (on any node)
    mismatch,     // the key was sent before with another query or body
  };
  struct Claim {
    Outcome outcome = Outcome::fresh;
    store::StoredResponse response;  // for replay
  };

  // Claims the key in a transaction of its own, so other nodes see the claim at once. An
  // in-progress claim older than idempotency_lease (its node died) is taken over.
  [[nodiscard]] Result<Claim> claim(const Principal& who, const IdempotentRequest& request);
  // Stores the answer of a fresh claim for replay.
  [[nodiscard]] Status finish(const Principal& who, const IdempotentRequest& request,
                              const store::StoredResponse& response);
  // Gives a fresh claim up without an answer: a retry runs the request again.
  [[nodiscard]] Status release(const Principal& who, const IdempotentRequest& request);
  // Deletes every expired answer and abandoned claim now; returns how many.
  [[nodiscard]] Result<std::int64_t> purge_expired();

 private:
  AppContext& ctx_;
  std::atomic<std::int64_t> last_purge_ms_{0};  // this node's last opportunistic purge
};

}  // namespace riskloop::app
