// The canonical encoding of a bulk row and its Merkle leaf hash (docs/journal.md section 7): the
// canonical JSON of the row's content (core/bulk_record.hpp: id, org_id and its own fields; not
// its placement), hashed as an RFC 6962 leaf.
#pragma once

#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "core/bulk_record.hpp"
#include "formats/digest/merkle_tree.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::formats {

// Encodes rows of one bulk type as canonical JSON into buffers it keeps, so that a million rows
// cost no allocation each. The output equals detail::CanonicalWriter's (members sorted by name):
// a type's member order is fixed, so it is worked out once and each value is written into its
// slot, then the slots are joined in that order.
template <BulkRecord T>
class BulkRowEncoder {
 public:
  // The row's canonical JSON, valid until the next call.
  std::string_view encode(const T& row) {
    Slots slots{slots_};
    visit_bulk_content<T>(slots, row);
    out_.clear();
    out_.push_back('{');
    bool first = true;
    for (const auto i : order()) {
      const auto& slot = slots_[i];
      if (!slot.present) continue;
      if (!first) out_.push_back(',');
      first = false;
      append_canonical_string(out_, slot.name);
      out_.push_back(':');
      out_ += slot.value;
    }
    out_.push_back('}');
    return out_;
  }

 private:
  struct Slot {
    std::string_view name;
    std::string value;
    bool present = false;
  };
  struct Slots {
    std::vector<Slot>& slots;
    std::size_t next = 0;
    template <class X>
    void operator()(std::string_view name, const X& v, unsigned flags = kPlain) {
      if (next == slots.size()) slots.emplace_back();
      Slot& slot = slots[next++];
      slot.name = name;
      slot.value.clear();
      slot.present = true;
      if constexpr (std::is_same_v<X, std::string>)
        if ((flags & kAddedLater) && v.empty()) {
          slot.present = false;
          return;
        }
      detail::append_canonical_value(slot.value, v, flags);
    }
  };

  // Visiting order -> name order, from the field list alone.
  static const std::vector<std::size_t>& order() {
    static const std::vector<std::size_t> sorted = [] {
      std::vector<Slot> probe_slots;
      Slots names{probe_slots};
      const T probe{};
      visit_bulk_content<T>(names, probe);
      std::vector<std::size_t> out(probe_slots.size());
      std::iota(out.begin(), out.end(), std::size_t{0});
      std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return probe_slots[a].name < probe_slots[b].name;
      });
      return out;
    }();
    return sorted;
  }

  std::vector<Slot> slots_;
  std::string out_;
};

template <BulkRecord T>
std::string canonical_bulk_row(const T& row) {
  BulkRowEncoder<T> encoder;
  return std::string(encoder.encode(row));
}

// One encoder per thread and type: verify, proofs and imports hash rows by the million.
template <BulkRecord T>
Digest bulk_leaf_hash(const T& row) {
  thread_local BulkRowEncoder<T> encoder;
  return merkle_leaf_hash(encoder.encode(row));
}

}  // namespace riskloop::formats
