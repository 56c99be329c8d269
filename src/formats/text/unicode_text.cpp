#include "formats/text/unicode_text.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace riskloop::formats {

namespace {

bool ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2* nfc_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const auto* n = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

int width_of(UChar32 c) {
  if (c < 0) return 1;  // not UTF-8
  if (c == 0x200D) return 0;  // zero width joiner
  const auto category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR)
    return 0;
  const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

}  // namespace

bool is_nfc(std::string_view utf8) {
  if (ascii(utf8)) return true;
  const auto* n = nfc_normalizer();
  if (n == nullptr) return true;
  UErrorCode status = U_ZERO_ERROR;
  const bool normalized = n->isNormalizedUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_FAILURE(status) || normalized;
}

std::string nfc(std::string_view utf8) {
  if (is_nfc(utf8)) return std::string(utf8);
  const auto* n = nfc_normalizer();
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(utf8.size()));
  UErrorCode status = U_ZERO_ERROR;
  n->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                   nullptr, status);
  return U_SUCCESS(status) ? out : std::string(utf8);
}

std::size_t terminal_width(std::string_view utf8) {
  std::size_t columns = 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    columns += static_cast<std::size_t>(width_of(c));
  }
  return columns;
}

std::string_view prefix_of_width(std::string_view utf8, std::size_t columns) {
  std::size_t used = 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    used += static_cast<std::size_t>(width_of(c));
    if (used > columns) return utf8.substr(0, static_cast<std::size_t>(start));
  }
  return utf8;
}

struct TextCollator::State {
  std::unique_ptr<icu::Collator> collator;
};

TextCollator::TextCollator(Language language) : state_(std::make_unique<State>()) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = language == Language::zh_hans ? icu::Locale("zh") : icu::Locale("en");
  state_->collator.reset(icu::Collator::createInstance(locale, status));
  if (U_FAILURE(status)) state_->collator.reset();
}

TextCollator::~TextCollator() = default;

int TextCollator::compare(std::string_view a, std::string_view b) const {
  if (!state_->collator) return a.compare(b);  // no collation data: code point order
  UErrorCode status = U_ZERO_ERROR;
  const auto order = state_->collator->compareUTF8(
      icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) return a.compare(b);
  if (order != UCOL_EQUAL) return order == UCOL_LESS ? -1 : 1;
  return a.compare(b);  // equal to the reader (e.g. differ only in ignorables): a stable order
}

std::string TextCollator::sort_key(std::string_view text) const {
  if (!state_->collator) return std::string(text);
  const auto unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string key(static_cast<std::size_t>(unicode.length()) * 4 + 16, '\0');
  auto* bytes = reinterpret_cast<std::uint8_t*>(key.data());
  int32_t n = state_->collator->getSortKey(unicode, bytes, static_cast<int32_t>(key.size()));
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(n));
    bytes = reinterpret_cast<std::uint8_t*>(key.data());
    n = state_->collator->getSortKey(unicode, bytes, n);
  }
  key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // without the terminating 0
  // Texts the reader sees as equal keep a stable, distinct order: then by their bytes.
  key.push_back('\0');
  key.append(text);
  return key;
}

}  // namespace riskloop::formats
