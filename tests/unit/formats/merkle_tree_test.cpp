// RFC 6962 tree hashing against the Certificate Transparency reference vectors (the eight leaves
// of certificate-transparency's merkle_tree_test; the same roots and paths were recomputed
// independently with Python's hashlib from the RFC's definitions).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/digest/merkle_tree.hpp"

namespace riskloop::formats {
namespace {

std::vector<Digest> leaf_hashes(std::size_t n) {
  const std::vector<std::string> leaves = {
      std::string(),
      std::string("\x00", 1),
      "\x10",
      "\x20\x21",
      "\x30\x31",
      "\x40\x41\x42\x43",
      "\x50\x51\x52\x53\x54\x55\x56\x57",
      "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"};
  std::vector<Digest> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(merkle_leaf_hash(leaves[i]));
  return out;
}

std::vector<std::string> hex_all(const std::vector<Digest>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(digest_hex(d));
  return out;
}

TEST(MerkleTree, RootsOfTheReferenceTreesOfZeroToEightLeaves) {
  const char* roots[] = {
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  for (std::size_t n = 0; n <= 8; ++n) {
    const auto leaves = leaf_hashes(n);
    EXPECT_EQ(digest_hex(merkle_root(leaves)), roots[n]) << n << " leaves";
    MerkleRootBuilder streamed;
    for (const auto& l : leaves) streamed.add(l);
    EXPECT_EQ(digest_hex(streamed.root()), roots[n]) << n << " leaves, streamed";
  }
}

TEST(MerkleTree, InclusionPathsOfTheReferenceVectors) {
  using Path = std::vector<std::string>;
  EXPECT_EQ(hex_all(merkle_inclusion_proof(leaf_hashes(8), 0)),
            (Path{"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}));
  EXPECT_EQ(hex_all(merkle_inclusion_proof(leaf_hashes(8), 5)),
            (Path{"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
  EXPECT_EQ(hex_all(merkle_inclusion_proof(leaf_hashes(5), 3)),
            (Path{"0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}));
  EXPECT_EQ(hex_all(merkle_inclusion_proof(leaf_hashes(7), 6)),
            (Path{"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
  EXPECT_TRUE(merkle_inclusion_proof(leaf_hashes(1), 0).empty());
}

// Every leaf of every tree size up to 70 (odd sizes, powers of two and their neighbours): the
// proof verifies, and fails for a wrong index, leaf, root, a cut path or an index past the size.
TEST(MerkleTree, EveryProofVerifiesAndAnyChangeBreaksIt) {
  std::vector<Digest> all;
  for (int i = 0; i < 70; ++i) all.push_back(merkle_leaf_hash("row " + std::to_string(i)));
  for (std::size_t n = 1; n <= all.size(); ++n) {
    const std::span<const Digest> leaves(all.data(), n);
    const Digest root = merkle_root(leaves);
    MerkleRootBuilder streamed;
    for (const auto& l : leaves) streamed.add(l);
    ASSERT_EQ(streamed.root(), root) << n;
    for (std::size_t i = 0; i < n; ++i) {
      const auto proof = merkle_inclusion_proof(leaves, i);
      ASSERT_TRUE(merkle_verify_inclusion(leaves[i], i, n, proof, root)) << n << " " << i;
      // (A larger claimed size can share the path's shape; the root binds the size, so only an
      // index outside the tree is refused by the size alone.)
      EXPECT_FALSE(merkle_verify_inclusion(leaves[i], i, i, proof, root));
      EXPECT_FALSE(merkle_verify_inclusion(leaves[i], i, n, proof, all[0] == root ? all[1] : all[0]));
      if (n > 1) {
        EXPECT_FALSE(merkle_verify_inclusion(leaves[(i + 1) % n], i, n, proof, root));
        EXPECT_FALSE(merkle_verify_inclusion(leaves[i], (i + 1) % n, n, proof, root));
        EXPECT_FALSE(merkle_verify_inclusion(leaves[i], i, n,
                                             std::span(proof).first(proof.size() - 1), root));
      }
    }
  }
}

TEST(MerkleTree, LeafAndNodeHashesAreDomainSeparated) {
  // A node's hash input, offered as a leaf, gives a different hash (second-preimage defence).
  const auto a = merkle_leaf_hash("a");
  const auto b = merkle_leaf_hash("b");
  std::string as_leaf(1, '\x01');
  as_leaf.append(reinterpret_cast<const char*>(a.data()), 32);
  as_leaf.append(reinterpret_cast<const char*>(b.data()), 32);
  EXPECT_NE(merkle_leaf_hash(as_leaf.substr(1)), merkle_node_hash(a, b));
  EXPECT_EQ(digest_hex(merkle_leaf_hash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(MerkleTree, DigestHexRoundTripsAndRejectsOtherText) {
  const auto d = merkle_leaf_hash("x");
  EXPECT_EQ(digest_from_hex(digest_hex(d)), d);
  EXPECT_FALSE(digest_from_hex("abc"));
  EXPECT_FALSE(digest_from_hex(std::string(64, 'g')));
}

}  // namespace
}  // namespace riskloop::formats
