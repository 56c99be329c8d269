// Idempotency-Key answers in the store (see idempotency.hpp).
#include "app/idempotency.hpp"

#include "formats/digest/sha256.hpp"

namespace riskloop::app {
namespace {

store::IdempotencyScope scope_of(const Principal& who, const IdempotentRequest& r) {
  return {who.org_id, who.actor, std::string(r.method), std::string(r.path), std::string(r.key)};
}

// Query and body, each hashed, so neither is ever stored and a '\n' inside one cannot make two
// different requests look alike.
std::string fingerprint(const IdempotentRequest& r) {
  return formats::sha256_hex(formats::sha256_hex(r.query) + formats::sha256_hex(r.body));
}

}  // namespace

Result<IdempotencyKeys::Claim> IdempotencyKeys::claim(const Principal& who,
                                                      const IdempotentRequest& request) {
  const auto now = ctx_.clock.now();
  store::IdempotencyEntry entry;
  entry.scope = scope_of(who, request);
  entry.request_hash = fingerprint(request);
  entry.created_at = now;
  entry.expires_at = now + ctx_.options.idempotency_lease;
  // Purging rides on a claim (a write anyway), at most once per interval per node.
  const auto now_ms = now.time_since_epoch().count();
  auto last = last_purge_ms_.load();
  const bool purge =
      now_ms - last >=
          std::chrono::duration_cast<std::chrono::milliseconds>(
              ctx_.options.idempotency_purge_interval)
              .count() &&
      last_purge_ms_.compare_exchange_strong(last, now_ms);
  std::optional<store::IdempotencyEntry> held;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    if (purge) RL_CHECK(tx.purge_idempotency_keys(now));
    held = RL_TRY(tx.claim_idempotency_key(entry, now));
    return {};
  }));
  if (!held) return Claim{Outcome::fresh, {}};
  if (held->request_hash != entry.request_hash) return Claim{Outcome::mismatch, {}};
  if (!held->response) return Claim{Outcome::in_progress, {}};
  return Claim{Outcome::replay, std::move(*held->response)};
}

Status IdempotencyKeys::finish(const Principal& who, const IdempotentRequest& request,
                               const store::StoredResponse& response) {
  const auto until = ctx_.clock.now() + ctx_.options.idempotency_retention;
  return ctx_.store.transaction([&](store::Tx& tx) {
    return tx.finish_idempotency_key(scope_of(who, request), fingerprint(request), response, until);
  });
}

Status IdempotencyKeys::release(const Principal& who, const IdempotentRequest& request) {
  return ctx_.store.transaction([&](store::Tx& tx) {
    return tx.release_idempotency_key(scope_of(who, request), fingerprint(request));
  });
}

Result<std::int64_t> IdempotencyKeys::purge_expired() {
  std::int64_t purged = 0;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    purged = RL_TRY(tx.purge_idempotency_keys(ctx_.clock.now()));
    return {};
  }));
  return purged;
}

}  // namespace riskloop::app
