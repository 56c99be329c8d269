// Open-addressing id table with linear probing.
#include "core/risk/id_table.hpp"

#include <algorithm>
#include <cstring>

namespace riskloop::risk {

std::uint64_t hash_id(std::string_view id) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0xCBF29CE484222325ull ^ (id.size() * kMul);
  std::size_t i = 0;
  for (; i + 8 <= id.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, id.data() + i, 8);
    h = (h ^ chunk) * kMul;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, id.data() + i, id.size() - i);
  h = (h ^ tail) * kMul;
  // Final avalanche (the MurmurHash3 finalizer).
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

IdTable::IdTable(const std::vector<std::string_view>& ids) {
  std::size_t bytes = 0;
  for (auto id : ids) bytes += id.size();
  arena_.reserve(bytes);
  offsets_.reserve(ids.size() + 1);
  for (auto id : ids) {
    offsets_.push_back(arena_.size());
    arena_.append(id);
  }
  offsets_.push_back(arena_.size());

  std::size_t capacity = 16;
  while (capacity < ids.size() * 2) capacity *= 2;  // load factor at most 1/2
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;

  std::vector<std::uint64_t> hashes(ids.size());
  for (std::size_t pos = 0; pos < ids.size(); ++pos) hashes[pos] = hash_id(ids[pos]);
  constexpr std::size_t kAhead = 16;  // slots fetched ahead of their insertion
  for (std::size_t pos = 0; pos < ids.size() && pos < kAhead; ++pos)
    __builtin_prefetch(&slots_[hashes[pos] & mask_]);
  for (std::size_t pos = 0; pos < ids.size(); ++pos) {
    if (pos + kAhead < ids.size()) __builtin_prefetch(&slots_[hashes[pos + kAhead] & mask_]);
    const auto h = hashes[pos];
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      auto& slot = slots_[i];
      if (slot.position == 0) {
        slot = {tag, static_cast<std::uint32_t>(pos + 1)};
        break;
      }
      if (slot.tag == tag && key(slot.position - 1) == ids[pos]) break;  // first one wins
    }
  }
}

std::size_t IdTable::find(std::string_view id) const {
  if (size() == 0) return npos;
  return probe(id, hash_id(id));
}

void IdTable::find_all(std::span<const std::string_view> ids, std::span<std::size_t> out) const {
  if (size() == 0) {
    std::fill(out.begin(), out.end(), npos);
    return;
  }
  // Hashes of the next kAhead ids, whose first slots are already being fetched.
  constexpr std::size_t kAhead = 16;
  std::uint64_t ahead[kAhead];
  const auto n = ids.size();
  for (std::size_t i = 0; i < n && i < kAhead; ++i) {
    ahead[i] = hash_id(ids[i]);
    __builtin_prefetch(&slots_[ahead[i] & mask_]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto h = ahead[i % kAhead];
    if (i + kAhead < n) {
      const auto next = hash_id(ids[i + kAhead]);
      ahead[i % kAhead] = next;
      __builtin_prefetch(&slots_[next & mask_]);
    }
    out[i] = probe(ids[i], h);
  }
}

std::size_t IdTable::probe(std::string_view id, std::uint64_t h) const {
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
    const auto& slot = slots_[i];
    if (slot.position == 0) return npos;
    if (slot.tag == tag && key(slot.position - 1) == id) return slot.position - 1;
  }
}

}  // namespace riskloop::risk
