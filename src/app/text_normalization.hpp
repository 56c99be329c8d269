// Every text a record stores is in Unicode Normalization Form C (docs/languages.md): the Recorder
// normalizes the record's text fields before it writes the row and the journal entry, so text
// typed, pasted or imported in decomposed form ("e" + U+0301) is stored, compared, searched and
// hashed as its composed form ("é"), whichever way it came in (API, web form, sheet, command line).
#pragma once

#include <string>
#include <string_view>

#include "core/record.hpp"
#include "formats/text/unicode_text.hpp"

namespace riskloop::app {

namespace detail {

struct NfcNormalizer {
  template <class X>
  void operator()(std::string_view, X& v, unsigned flags = kPlain) {
    if (flags & kSecret) return;  // hashes and secrets are kept byte for byte
    normalize(v);
  }
  template <class X>
  void normalize(X& v) {
    if constexpr (std::is_same_v<X, std::string>) {
      if (!formats::is_nfc(v)) v = formats::nfc(v);
    } else if constexpr (is_optional<X>::value) {
      if (v) normalize(*v);
    } else if constexpr (is_vector<X>::value) {
      for (auto& item : v) normalize(item);
    } else if constexpr (NestedField<X>) {
      X::fields(*this, v);
    }
  }
};

}  // namespace detail

// Puts every text field of `rec` (not its secrets) into NFC.
template <Record T>
void normalize_text(T& rec) {
  detail::NfcNormalizer n;
  visit_record<T>(n, rec);
}

}  // namespace riskloop::app
