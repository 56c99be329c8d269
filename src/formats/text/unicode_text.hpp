// Unicode text as people read it, by ICU: normalization of input to NFC, the width a text takes in
// a terminal (East Asian wide characters take two columns, combining marks none), and the order
// of names in the reader's language (pinyin order for Chinese).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/language.hpp"

namespace riskloop::formats {

// `utf8` in Unicode Normalization Form C (composed: "e" + U+0301 becomes "é"), so the same text
// typed or pasted in either form is stored, compared and searched as one. Invalid UTF-8 is
// returned unchanged (the input rules refuse it with a message of their own).
std::string nfc(std::string_view utf8);
// True when nfc(utf8) == utf8 (cheap: ASCII and most text is).
bool is_nfc(std::string_view utf8);

// Terminal columns `utf8` takes: 2 for East Asian Wide and Fullwidth characters (CJK ideographs,
// kana, Hangul, fullwidth forms, most emoji), 0 for combining marks and format characters,
// 1 for the rest (a byte that is not UTF-8 counts 1).
std::size_t terminal_width(std::string_view utf8);
// The longest prefix of `utf8` that takes at most `columns` terminal columns, cut between
// characters.
std::string_view prefix_of_width(std::string_view utf8, std::size_t columns);

// Compares texts as a reader of `language` orders them (ICU collation: for Chinese, pinyin order of
// Han characters; for English, case and accents second to letters). Not thread-safe: one per
// thread or per sort.
class TextCollator {
 public:
  explicit TextCollator(Language language);
  ~TextCollator();
  TextCollator(const TextCollator&) = delete;
  TextCollator& operator=(const TextCollator&) = delete;

  // <0, 0 or >0 as `a` sorts before, with or after `b`.
  int compare(std::string_view a, std::string_view b) const;
  bool less(std::string_view a, std::string_view b) const { return compare(a, b) < 0; }
  // A key whose byte order is this order (for sorting many texts: compute each key once).
  std::string sort_key(std::string_view text) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace riskloop::formats
