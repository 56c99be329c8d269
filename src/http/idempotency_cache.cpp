// The in-memory Idempotency-Key cache (see idempotency_cache.hpp).
#include "http/idempotency_cache.hpp"

namespace riskloop::http {

IdempotencyCache::Lookup IdempotencyCache::claim(const std::string& key,
                                                 const std::string& fingerprint) {
  std::lock_guard lock(mutex_);
  const auto [it, inserted] = entries_.try_emplace(key, Entry{fingerprint, std::nullopt});
  if (inserted) return {Claim::fresh, {}};
  if (it->second.fingerprint != fingerprint) return {Claim::mismatch, {}};
  if (!it->second.response) return {Claim::in_progress, {}};
  return {Claim::replay, *it->second.response};
}

void IdempotencyCache::finish(const std::string& key, const Response& response) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return;
  it->second.response = response;
  order_.push_back(key);
  while (order_.size() > capacity_) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
}

void IdempotencyCache::release(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it != entries_.end() && !it->second.response) entries_.erase(it);
}

}  // namespace riskloop::http
