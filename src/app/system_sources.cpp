// The production clock and UUIDv7 identifiers.
#include <cstring>

#include <sodium.h>

#include "app/app.hpp"

namespace riskloop::app {

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

namespace {

// Random bytes drawn from the system's generator a page at a time: one system call per about
// 400 ids instead of one per id (bulk imports make a million).
void random_bytes(unsigned char* out, std::size_t n) {
  thread_local unsigned char pool[4096];
  thread_local std::size_t used = sizeof pool;
  if (used + n > sizeof pool) {
    randombytes_buf(pool, sizeof pool);
    used = 0;
  }
  std::memcpy(out, pool + used, n);
  sodium_memzero(pool + used, n);
  used += n;
}

}  // namespace

std::string UuidV7Source::next_id() {
  // RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, variant 10, 74 random bits. Ids sort by
  // creation time, so id order is creation order for cursors. Within one millisecond a thread's
  // ids count up from a random start (RFC 9562 section 6.2, method 2), so they sort in creation
  // order there too and new rows land at the end of the id index.
  thread_local std::uint64_t last_ms = 0;
  thread_local std::uint64_t rand_a = 0;  // 12 bits
  thread_local std::uint64_t rand_b = 0;  // 62 bits
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  constexpr std::uint64_t kMaxB = (std::uint64_t{1} << 62) - 1;
  if (ms == last_ms && !(rand_b == kMaxB && rand_a == 0xFFF)) {
    if (rand_b == kMaxB) {
      rand_b = 0;
      ++rand_a;
    } else {
      ++rand_b;
    }
  } else {
    unsigned char r[10];
    random_bytes(r, sizeof r);
    rand_a = ((std::uint64_t{r[0]} << 8) | r[1]) & 0xFFF;
    rand_b = 0;
    for (int i = 2; i < 10; ++i) rand_b = (rand_b << 8) | r[i];
    rand_b &= kMaxB >> 1;  // room to count up within the millisecond
    last_ms = ms;
  }
  unsigned char b[16];
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  b[6] = static_cast<unsigned char>(0x70 | (rand_a >> 8));
  b[7] = static_cast<unsigned char>(rand_a);
  b[8] = static_cast<unsigned char>(0x80 | (rand_b >> 56));
  for (int i = 9; i < 16; ++i) b[i] = static_cast<unsigned char>(rand_b >> (8 * (15 - i)));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0xF]);
  }
  return out;
}

}  // namespace riskloop::app
