// Merkle tree hashing of RFC 6962 (Certificate Transparency) section 2.1, over SHA-256: the root
// of a bulk batch's rows, inclusion proofs of one row, and their verification (docs/journal.md
// section 7).
//
//   leaf hash  = SHA-256(0x00 || leaf bytes)
//   node hash  = SHA-256(0x01 || left || right)
//   MTH({})    = SHA-256("")
//   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two smaller than n
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace riskloop::formats {

using Digest = std::array<std::uint8_t, 32>;

Digest merkle_leaf_hash(std::string_view leaf);
Digest merkle_node_hash(const Digest& left, const Digest& right);

// The tree head over leaf hashes in order (SHA-256 of nothing for no leaves).
Digest merkle_root(std::span<const Digest> leaves);

// The audit path of leaf `index` (RFC 6962 section 2.1.1), nearest sibling first. `index` must be
// below leaves.size().
std::vector<Digest> merkle_inclusion_proof(std::span<const Digest> leaves, std::size_t index);

// True when `proof` shows `leaf` at `index` of a tree of `size` leaves with head `root`
// (RFC 9162 section 2.1.3.2, the same tree as RFC 6962).
bool merkle_verify_inclusion(const Digest& leaf, std::size_t index, std::size_t size,
                             std::span<const Digest> proof, const Digest& root);

// The root of leaves added one at a time, keeping only O(log n) hashes: for checking a batch
// of any size while streaming its rows.
class MerkleRootBuilder {
 public:
  void add(const Digest& leaf);
  std::size_t size() const { return size_; }
  // Equals merkle_root() over every leaf added so far.
  Digest root() const;

 private:
  // Roots of complete subtrees, largest first; sizes are the set bits of size_.
  std::vector<Digest> stack_;
  std::size_t size_ = 0;
};

std::string digest_hex(const Digest& d);
// nullopt unless `hex` is 64 hex digits.
std::optional<Digest> digest_from_hex(std::string_view hex);

}  // namespace riskloop::formats
