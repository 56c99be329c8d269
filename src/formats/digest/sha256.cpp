// SHA-256 through OpenSSL's EVP interface.
#include "formats/digest/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace riskloop::formats {

struct Sha256::Context {
  EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : context_(new Context{EVP_MD_CTX_new()}) {
  // Allocation failure is the only way these fail for SHA-256.
  if (!context_->ctx || EVP_DigestInit_ex(context_->ctx, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(context_->ctx);
    delete context_;
    throw std::bad_alloc();
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(context_->ctx);
  delete context_;
}

Sha256& Sha256::update(const void* data, std::size_t size) {
  if (size > 0 && EVP_DigestUpdate(context_->ctx, data, size) != 1) throw std::bad_alloc();
  return *this;
}

std::array<std::uint8_t, 32> Sha256::finish() {
  std::array<std::uint8_t, 32> out{};
  unsigned int written = 0;
  if (EVP_DigestFinal_ex(context_->ctx, out.data(), &written) != 1 || written != out.size())
    throw std::runtime_error("SHA-256 could not be finished");
  return out;
}

std::string hex_of(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < digest.size(); ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return out;
}

std::string sha256_hex(std::string_view data) { return hex_of(Sha256().update(data).finish()); }

std::string sha256_hex(std::initializer_list<std::string_view> pieces) {
  Sha256 h;
  for (const auto piece : pieces) h.update(piece);
  return hex_of(h.finish());
}

}  // namespace riskloop::formats
