// SHA-256, for the journal chain, Merkle trees of bulk rows, file digests and stored token
// digests. OpenSSL computes it (with the CPU's SHA instructions where it has them: several times
// the speed of a portable implementation, which bulk imports and `verify` feel).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace riskloop::formats {

// Incremental SHA-256: update with pieces, then finish once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& update(const void* data, std::size_t size);
  Sha256& update(std::string_view data) { return update(data.data(), data.size()); }
  std::array<std::uint8_t, 32> finish();

 private:
  struct Context;
  Context* context_;
};

std::string sha256_hex(std::string_view data);
// The digest of the pieces' concatenation, without building it.
std::string sha256_hex(std::initializer_list<std::string_view> pieces);
// Lower-case hex of a digest.
std::string hex_of(const std::array<std::uint8_t, 32>& digest);

}  // namespace riskloop::formats
