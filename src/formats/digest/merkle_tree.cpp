// RFC 6962 Merkle tree hashing over SHA-256 (formats/digest/sha256.hpp).
#include "formats/digest/merkle_tree.hpp"

#include <sodium.h>

#include "formats/digest/sha256.hpp"

#include <bit>

namespace riskloop::formats {

namespace {

// The largest power of two smaller than n (n >= 2): RFC 6962's split point.
std::size_t split_point(std::size_t n) { return std::bit_floor(n - 1); }

}  // namespace

Digest merkle_leaf_hash(std::string_view leaf) {
  const unsigned char prefix = 0x00;
  return Sha256().update(&prefix, 1).update(leaf).finish();
}

Digest merkle_node_hash(const Digest& left, const Digest& right) {
  unsigned char input[1 + 32 + 32];
  input[0] = 0x01;
  std::copy(left.begin(), left.end(), input + 1);
  std::copy(right.begin(), right.end(), input + 33);
  return Sha256().update(input, sizeof input).finish();
}

Digest merkle_root(std::span<const Digest> leaves) {
  if (leaves.empty()) return Sha256().finish();
  if (leaves.size() == 1) return leaves[0];
  const std::size_t k = split_point(leaves.size());
  return merkle_node_hash(merkle_root(leaves.first(k)), merkle_root(leaves.subspan(k)));
}

std::vector<Digest> merkle_inclusion_proof(std::span<const Digest> leaves, std::size_t index) {
  // PATH(m, D[n]) of RFC 6962 2.1.1, built from the leaf upwards.
  std::vector<Digest> path;
  if (index >= leaves.size() || leaves.size() < 2) return path;
  const std::size_t k = split_point(leaves.size());
  if (index < k) {
    path = merkle_inclusion_proof(leaves.first(k), index);
    path.push_back(merkle_root(leaves.subspan(k)));
  } else {
    path = merkle_inclusion_proof(leaves.subspan(k), index - k);
    path.push_back(merkle_root(leaves.first(k)));
  }
  return path;
}

bool merkle_verify_inclusion(const Digest& leaf, std::size_t index, std::size_t size,
                             std::span<const Digest> proof, const Digest& root) {
  if (index >= size) return false;
  std::size_t fn = index;
  std::size_t sn = size - 1;
  Digest r = leaf;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = merkle_node_hash(p, r);
      if ((fn & 1) == 0)
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
    } else {
      r = merkle_node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

void MerkleRootBuilder::add(const Digest& leaf) {
  // Merge complete subtrees of equal size, as a binary counter carries.
  stack_.push_back(leaf);
  for (std::size_t n = size_; n & 1; n >>= 1) {
    const Digest right = stack_.back();
    stack_.pop_back();
    stack_.back() = merkle_node_hash(stack_.back(), right);
  }
  ++size_;
}

Digest MerkleRootBuilder::root() const {
  if (stack_.empty()) return merkle_root({});
  // The right-most (smallest) subtrees join first: the RFC's split puts the complete left
  // subtrees on the left at every level.
  Digest r = stack_.back();
  for (std::size_t i = stack_.size() - 1; i-- > 0;) r = merkle_node_hash(stack_[i], r);
  return r;
}

std::string digest_hex(const Digest& d) {
  return hex_of(d);
}

std::optional<Digest> digest_from_hex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  Digest out;
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &written, &end) != 0 ||
      written != 32 || end != hex.data() + hex.size())
    return std::nullopt;
  return out;
}

}  // namespace riskloop::formats
