// Building a subset font program: the used outlines at their own glyph ids (composite glyphs
// with their components), appended copies, and the tables a PDF CIDFontType2 needs.
#include <algorithm>
#include <array>

#include "formats/pdf/true_type_font.hpp"
#include "formats/pdf/true_type_read.hpp"

namespace riskloop::formats {
namespace {

using ttf::append_u16;
using ttf::append_u32;
using ttf::put_u16;
using ttf::put_u32;
using ttf::u16;

// Components of a composite glyph (numberOfContours < 0); nothing for a simple glyph.
template <class Visit>
void for_each_component(std::string_view glyph, Visit visit) {
  if (glyph.size() < 10 || ttf::i16(glyph, 0) >= 0) return;
  constexpr std::uint16_t kWords = 0x0001, kScale = 0x0008, kMore = 0x0020, kXyScale = 0x0040,
                          kTwoByTwo = 0x0080;
  std::size_t at = 10;
  for (;;) {
    if (at + 4 > glyph.size()) return;
    const auto flags = u16(glyph, at);
    visit(u16(glyph, at + 2));
    at += 4 + ((flags & kWords) ? 4 : 2);
    if (flags & kScale) at += 2;
    else if (flags & kXyScale) at += 4;
    else if (flags & kTwoByTwo) at += 8;
    if (!(flags & kMore)) return;
  }
}

std::uint32_t checksum(std::string_view data) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < data.size(); i += 4) {
    std::uint32_t word = 0;
    for (std::size_t k = 0; k < 4; ++k)
      word = (word << 8) | (i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0u);
    sum += word;
  }
  return sum;
}

void pad4(std::string& s) {
  while (s.size() % 4 != 0) s += '\0';
}

}  // namespace

std::string TrueTypeFont::subset(std::span<const std::uint16_t> used,
                                 std::span<const std::uint16_t> copies) const {
  std::vector<bool> keep(glyph_count_, false);
  std::vector<std::uint16_t> pending = {0};
  pending.insert(pending.end(), used.begin(), used.end());
  pending.insert(pending.end(), copies.begin(), copies.end());
  while (!pending.empty()) {
    const auto g = pending.back();
    pending.pop_back();
    if (g >= glyph_count_ || keep[g]) continue;
    keep[g] = true;
    for_each_component(glyph_bytes(g), [&](std::uint16_t c) { pending.push_back(c); });
  }

  const std::size_t count = glyph_count_ + copies.size();
  const auto source = [&](std::size_t g) {
    return g < glyph_count_ ? static_cast<std::uint16_t>(g) : copies[g - glyph_count_];
  };
  std::string glyf, loca, hmtx;
  loca.reserve((count + 1) * 4);
  hmtx.reserve(count * 4);
  for (std::size_t g = 0; g < count; ++g) {
    append_u32(loca, static_cast<std::uint32_t>(glyf.size()));
    const auto from = source(g);
    if (g >= glyph_count_ || keep[g]) {
      glyf += glyph_bytes(from);
      pad4(glyf);
    }
    append_u16(hmtx, advances_[from]);
    append_u16(hmtx, left_bearings_[from]);
  }
  append_u32(loca, static_cast<std::uint32_t>(glyf.size()));

  std::string head(table_bytes(head_)), hhea(table_bytes(hhea_)), maxp(table_bytes(maxp_));
  put_u32(head, 8, 0);  // checkSumAdjustment, set below
  put_u16(head, 50, 1);  // long loca offsets
  put_u16(hhea, 34, static_cast<std::uint32_t>(count));
  put_u16(maxp, 4, static_cast<std::uint32_t>(count));

  // Sorted by tag, as the table directory must be.
  std::vector<std::pair<std::array<char, 4>, std::string>> tables;
  const auto add = [&](const char* tag, std::string data) {
    tables.push_back({{tag[0], tag[1], tag[2], tag[3]}, std::move(data)});
  };
  if (cvt_.present()) add("cvt ", std::string(table_bytes(cvt_)));
  if (fpgm_.present()) add("fpgm", std::string(table_bytes(fpgm_)));
  add("glyf", std::move(glyf));
  add("head", std::move(head));
  add("hhea", std::move(hhea));
  add("hmtx", std::move(hmtx));
  add("loca", std::move(loca));
  add("maxp", std::move(maxp));
  if (prep_.present()) add("prep", std::string(table_bytes(prep_)));

  const auto n = static_cast<std::uint32_t>(tables.size());
  std::uint32_t power = 1, log2 = 0;
  while (power * 2 <= n) power *= 2, ++log2;
  std::string out;
  append_u32(out, 0x00010000);
  append_u16(out, n);
  append_u16(out, power * 16);
  append_u16(out, log2);
  append_u16(out, n * 16 - power * 16);
  std::size_t offset = 12 + 16 * tables.size(), head_at = 0;
  for (const auto& [tag, data] : tables) {
    out.append(tag.data(), 4);
    append_u32(out, checksum(data));
    append_u32(out, static_cast<std::uint32_t>(offset));
    append_u32(out, static_cast<std::uint32_t>(data.size()));
    if (std::string_view(tag.data(), 4) == "head") head_at = offset;
    offset += (data.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, data] : tables) {
    out += data;
    pad4(out);
  }
  put_u32(out, head_at + 8, 0xB1B0AFBA - checksum(out));
  return out;
}

}  // namespace riskloop::formats
