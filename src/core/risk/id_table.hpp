// An open-addressing hash table from record id to position in a list: the lookup structure of
// the risk file index, built for files of hundreds of thousands of records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace riskloop::risk {

// The table keeps its own compact copy of the keys, so lookups stay in cache however large the
// records they came from. Building is O(n), lookups O(1) expected. A repeated key keeps its first
// position.
class IdTable {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  IdTable() = default;
  // `ids[i]` is the key of position i.
  explicit IdTable(const std::vector<std::string_view>& ids);

  std::size_t find(std::string_view id) const;
  // out[i] = find(ids[i]); `out` must be as long as `ids`. Faster than one find() per id on large
  // tables: it fetches the slots of later ids while comparing earlier ones.
  void find_all(std::span<const std::string_view> ids, std::span<std::size_t> out) const;
  std::size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }

 private:
  struct Slot {
    std::uint32_t tag = 0;       // high bits of the hash, to skip most string comparisons
    std::uint32_t position = 0;  // position + 1; 0 marks an empty slot
  };

  std::size_t probe(std::string_view id, std::uint64_t hash) const;
  std::string_view key(std::size_t position) const {
    return std::string_view(arena_).substr(offsets_[position],
                                           offsets_[position + 1] - offsets_[position]);
  }

  std::string arena_;                 // all keys, back to back
  std::vector<std::size_t> offsets_;  // key i is arena_[offsets_[i] .. offsets_[i + 1])
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// 64-bit hash of an id (not cryptographic; ids come from our own IdSource or from imports, and a
// crafted collision only costs time).
std::uint64_t hash_id(std::string_view id);

}  // namespace riskloop::risk
