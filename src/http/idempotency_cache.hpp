// Idempotency-Key for requests that must not run twice (imports): the server remembers the answer
// to the first request sent with a key and gives the same answer to a retry with that key, instead
// of running it again.
//
// Deliberately simple: kept in memory for the life of the server process (a restart forgets every
// key), at most `capacity` keys (the oldest is forgotten first), keys scoped to the caller (their
// organization and actor) so one caller can never see another's answer. Only finished answers
// are kept (the caller decides which: for imports, the report); a request that failed otherwise
// may be retried with the same key and runs again.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/router.hpp"

namespace riskloop::http {

class IdempotencyCache {
 public:
  explicit IdempotencyCache(std::size_t capacity = 1000) : capacity_(capacity) {}

  enum class Claim {
    fresh,        // first use of the key: run the request, then finish() or release()
    replay,       // answered before: send `response`
    in_progress,  // the first request with this key is still running
    mismatch,     // the key was used for a different request (other target, query or body)
  };
  struct Lookup {
    Claim claim = Claim::fresh;
    Response response;
  };

  // `key` names the caller and their key; `fingerprint` the request it was sent with.
  Lookup claim(const std::string& key, const std::string& fingerprint);
  // Keeps `response` as the answer for `key` (claimed fresh).
  void finish(const std::string& key, const Response& response);
  // Forgets a fresh claim: the request did not finish, a retry runs it again.
  void release(const std::string& key);

 private:
  struct Entry {
    std::string fingerprint;
    std::optional<Response> response;  // empty while in progress
  };
  std::mutex mutex_;
  std::size_t capacity_;
  std::map<std::string, Entry> entries_;
  std::deque<std::string> order_;  // finished keys, oldest first
};

}  // namespace riskloop::http
