// SHA-256 through libsodium.
#include "formats/digest/sha256.hpp"

#include <sodium.h>

namespace riskloop::formats {

namespace {

std::string hex(const unsigned char (&digest)[crypto_hash_sha256_BYTES]) {
  char text[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(text, sizeof text, digest, sizeof digest);
  return std::string(text, crypto_hash_sha256_BYTES * 2);
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hex(digest);
}

std::string sha256_hex(std::initializer_list<std::string_view> pieces) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const auto piece : pieces)
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(piece.data()),
                              piece.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return hex(digest);
}

}  // namespace riskloop::formats
