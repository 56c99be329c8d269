// What people call the items of a risk file, and which of them still count.
//
// A hazard, hazardous situation, harm, risk (situation -> harm pair) or control has a ref such as
// "H-001": a prefix per kind and the next number of that kind in its file, given once when the
// item is created and never changed. Numbers come from a per-file counter that only grows, so a
// number is never given again, not even after its item was removed. The UUID stays the item's
// identity in the API and the journal; the ref is what screens, sheets and reports show.
//
// A retired item (retired_rationale not empty) stays stored, listed and readable, but no longer
// counts in the assessment (completeness, gates, heat maps, the overall residual risk).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/risk/snapshot.hpp"

namespace riskloop::risk {

// Item types that carry a ref and can be retired.
template <class T>
concept ReferencedItem = requires(const T& t) {
  { T::ref_prefix } -> std::convertible_to<std::string_view>;
  { t.ref } -> std::convertible_to<std::string>;
  { t.retired_rationale } -> std::convertible_to<std::string>;
};

// "H-001" for ("H", 1); numbers past 999 take the digits they need ("H-1000").
std::string format_ref(std::string_view prefix, std::int64_t number);

// The ref, or the id for an item stored before refs existed and not yet read back.
template <ReferencedItem T>
std::string ref_or_id(const T& item) {
  return item.ref.empty() ? item.header.id : item.ref;
}

// "H-001 Electrical energy": how screens, choice lists and reports name an item (its title alone
// while it has no ref).
template <ReferencedItem T>
std::string labelled(const T& item) {
  if (item.ref.empty()) return item.title;
  return item.title.empty() ? item.ref : item.ref + " " + item.title;
}

inline constexpr std::size_t kMaxRetireRationale = 1000;  // characters

// The body of a retirement: why the item no longer counts.
struct RetireInput {
  std::string rationale;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("rationale", s.rationale);
  }
};

// A retirement needs its reason: not blank, at most 1,000 characters ("/rationale").
Status validate_retire_rationale(std::string_view rationale);

template <ReferencedItem T>
bool retired(const T& item) {
  return !item.retired_rationale.empty();
}

}  // namespace riskloop::risk
