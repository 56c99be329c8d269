// Line break opportunities by the Unicode line breaking algorithm (UAX #14), from ICU's line
// BreakIterator: between CJK ideographs, never before closing punctuation such as "，。、）" nor
// after opening punctuation such as "（", after spaces and hyphens in Latin text.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

struct UBreakIterator;

namespace riskloop::formats::pdf {

class LineBreaks {
 public:
  LineBreaks();
  ~LineBreaks();
  LineBreaks(const LineBreaks&) = delete;
  LineBreaks& operator=(const LineBreaks&) = delete;

  // For each character of `text` (one paragraph, without line feeds), whether a line may break
  // before it: `before[i]` is 1 when a line may end after text[i - 1] and go on with text[i]
  // (`before[0]` is always 0).
  void find(std::span<const char32_t> text, std::vector<std::uint8_t>& before);

 private:
  UBreakIterator* iterator_ = nullptr;
  std::vector<char16_t> utf16_;
  std::vector<std::uint32_t> index_;  // UTF-16 offset -> character index
};

}  // namespace riskloop::formats::pdf
