// ICU's rule-based line BreakIterator (root locale: the default UAX #14 rules and tailorings for
// CJK) over the paragraph in UTF-16.
#include "formats/pdf/line_break.hpp"

#include <unicode/ubrk.h>

#include <stdexcept>

namespace riskloop::formats::pdf {

LineBreaks::LineBreaks() {
  UErrorCode status = U_ZERO_ERROR;
  iterator_ = ubrk_open(UBRK_LINE, "", nullptr, 0, &status);
  // Only when ICU's data is missing from the installation: a broken setup, not bad input.
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no line break rules (libicu data)");
}

LineBreaks::~LineBreaks() {
  ubrk_close(iterator_);
}

void LineBreaks::find(std::span<const char32_t> text, std::vector<std::uint8_t>& before) {
  before.assign(text.size(), 0);
  if (text.size() < 2) return;
  utf16_.clear();
  index_.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    index_.push_back(static_cast<std::uint32_t>(i));
    if (c < 0x10000) {
      utf16_.push_back(static_cast<char16_t>(c));
    } else {
      utf16_.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      utf16_.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
      index_.push_back(static_cast<std::uint32_t>(i));
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  ubrk_setText(iterator_, reinterpret_cast<const UChar*>(utf16_.data()),
               static_cast<std::int32_t>(utf16_.size()), &status);
  if (U_FAILURE(status)) return;  // no opportunities: lines then break where they overflow
  for (auto at = ubrk_following(iterator_, 0); at != UBRK_DONE; at = ubrk_next(iterator_)) {
    if (static_cast<std::size_t>(at) >= utf16_.size()) break;
    before[index_[static_cast<std::size_t>(at)]] = 1;
  }
}

}  // namespace riskloop::formats::pdf
