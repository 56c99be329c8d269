// Reading a TrueType file: the table directory, metrics, character map and glyph locations,
// each bounds-checked so a damaged file gives an error rather than a crash.
#include "formats/pdf/true_type_font.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "formats/pdf/true_type_read.hpp"

namespace riskloop::formats {
namespace {

using ttf::i16;
using ttf::u16;
using ttf::u32;

Status malformed(std::string_view origin, std::string_view what) {
  return fail(ErrorCode::malformed,
              "font " + std::string(origin) + " is not a usable TrueType font: " +
                  std::string(what));
}

bool fits(std::string_view bytes, std::size_t at, std::size_t n) {
  return at <= bytes.size() && n <= bytes.size() - at;
}

std::string sanitized_name(std::string_view text) {
  std::string out;
  for (char c : text)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.')
      out += c;
  return out.substr(0, 60);
}

}  // namespace

Result<TrueTypeFont> TrueTypeFont::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(ErrorCode::not_found, "cannot read the font file " + path.string() +
                                          " (on Debian it comes with the fonts-dejavu-core "
                                          "package; the font directory is configurable)");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return parse(std::move(bytes).str(), path.stem().string());
}

Result<TrueTypeFont> TrueTypeFont::parse(std::string bytes, std::string_view origin) {
  TrueTypeFont font;
  font.bytes_ = std::move(bytes);
  RL_CHECK(font.read_tables(origin));
  RL_CHECK(font.read_cmap(origin));
  font.read_names(origin);
  return font;
}

Status TrueTypeFont::read_tables(std::string_view origin) {
  const std::string_view b = bytes_;
  if (!fits(b, 0, 12)) return malformed(origin, "shorter than a table directory");
  const auto version = u32(b, 0);
  if (version != 0x00010000 && version != 0x74727565)  // 1.0 or 'true'; 'OTTO' is CFF
    return malformed(origin, "no TrueType outlines (only .ttf files are supported)");
  const auto tables = u16(b, 4);
  if (!fits(b, 12, std::size_t{tables} * 16)) return malformed(origin, "table directory cut off");
  for (std::size_t i = 0; i < tables; ++i) {
    const auto at = 12 + i * 16;
    const std::string_view tag = b.substr(at, 4);
    const Table t{u32(b, at + 8), u32(b, at + 12)};
    if (!fits(b, t.offset, t.length))
      return malformed(origin, "table " + std::string(tag) + " lies outside the file");
    for (auto [name, slot] :
         {std::pair{"head", &head_}, {"hhea", &hhea_}, {"hmtx", &hmtx_}, {"maxp", &maxp_},
          {"cmap", &cmap_}, {"loca", &loca_}, {"glyf", &glyf_}, {"OS/2", &os2_},
          {"post", &post_}, {"name", &name_}, {"cvt ", &cvt_}, {"fpgm", &fpgm_}, {"prep", &prep_}})
      if (tag == name) *slot = t;
  }
  for (auto [name, t] : {std::pair{"head", head_}, {"hhea", hhea_}, {"hmtx", hmtx_},
                         {"maxp", maxp_}, {"cmap", cmap_}, {"loca", loca_}, {"glyf", glyf_}})
    if (!t.present()) return malformed(origin, std::string("no ") + name + " table");

  const auto head = table_bytes(head_);
  if (head.size() < 54 || u32(head, 12) != 0x5F0F3CF5)
    return malformed(origin, "head table damaged");
  units_per_em_ = u16(head, 18);
  if (units_per_em_ < 16 || units_per_em_ > 16384)
    return malformed(origin, "units per em out of range");
  for (int i = 0; i < 4; ++i) bbox_[i] = i16(head, 36 + 2 * static_cast<std::size_t>(i));
  const bool long_offsets = i16(head, 50) == 1;

  const auto maxp = table_bytes(maxp_);
  if (maxp.size() < 6) return malformed(origin, "maxp table damaged");
  glyph_count_ = u16(maxp, 4);
  if (glyph_count_ == 0) return malformed(origin, "no glyphs");

  const auto hhea = table_bytes(hhea_);
  if (hhea.size() < 36) return malformed(origin, "hhea table damaged");
  ascent_ = i16(hhea, 4);
  descent_ = i16(hhea, 6);
  const std::size_t metrics = u16(hhea, 34);
  const auto hmtx = table_bytes(hmtx_);
  if (metrics == 0 || metrics > glyph_count_ ||
      hmtx.size() < metrics * 4 + (glyph_count_ - metrics) * 2)
    return malformed(origin, "hmtx table does not cover every glyph");
  advances_.resize(glyph_count_);
  left_bearings_.resize(glyph_count_);
  for (std::size_t g = 0; g < glyph_count_; ++g) {
    advances_[g] = u16(hmtx, 4 * std::min(g, metrics - 1));
    left_bearings_[g] = g < metrics ? u16(hmtx, 4 * g + 2) : u16(hmtx, 4 * metrics + 2 * (g - metrics));
  }

  const auto loca = table_bytes(loca_);
  const std::size_t entries = std::size_t{glyph_count_} + 1;
  if (loca.size() < entries * (long_offsets ? 4 : 2))
    return malformed(origin, "loca table does not cover every glyph");
  glyph_offsets_.resize(entries);
  for (std::size_t g = 0; g < entries; ++g) {
    glyph_offsets_[g] = long_offsets ? u32(loca, 4 * g) : 2u * u16(loca, 2 * g);
    if (glyph_offsets_[g] > glyf_.length || (g > 0 && glyph_offsets_[g] < glyph_offsets_[g - 1]))
      return malformed(origin, "glyph " + std::to_string(g) + " lies outside the glyf table");
  }

  cap_height_ = ascent_ * 7 / 10;
  if (os2_.present()) {
    const auto os2 = table_bytes(os2_);
    if (os2.size() >= 6) weight_ = u16(os2, 4);
    if (os2.size() >= 90 && u16(os2, 0) >= 2) cap_height_ = i16(os2, 88);
  }
  if (post_.present() && post_.length >= 8)
    italic_angle_ = static_cast<std::int32_t>(u32(table_bytes(post_), 4)) / 65536.0;
  return {};
}

Status TrueTypeFont::read_cmap(std::string_view origin) {
  const auto cmap = table_bytes(cmap_);
  if (cmap.size() < 4) return malformed(origin, "cmap table damaged");
  const std::size_t subtables = u16(cmap, 2);
  if (!fits(cmap, 4, subtables * 8)) return malformed(origin, "cmap table damaged");
  // Unicode subtables: a format 12 one covers everything; otherwise the BMP format 4 one.
  std::size_t format12 = 0, format4 = 0;
  for (std::size_t i = 0; i < subtables; ++i) {
    const auto platform = u16(cmap, 4 + 8 * i), encoding = u16(cmap, 6 + 8 * i);
    const std::size_t offset = u32(cmap, 8 + 8 * i);
    const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
    if (!unicode || !fits(cmap, offset, 2)) continue;
    const auto format = u16(cmap, offset);
    if (format == 12 && format12 == 0) format12 = offset;
    if (format == 4 && format4 == 0) format4 = offset;
  }
  bmp_.assign(0x10000, 0);
  const auto glyph = [this](std::uint32_t g) {
    return g < glyph_count_ ? static_cast<std::uint16_t>(g) : std::uint16_t{0};
  };
  if (format12 != 0) {
    if (!fits(cmap, format12, 16)) return malformed(origin, "cmap format 12 damaged");
    const std::size_t groups = u32(cmap, format12 + 12);
    if (!fits(cmap, format12 + 16, groups * 12))
      return malformed(origin, "cmap format 12 groups cut off");
    for (std::size_t i = 0; i < groups; ++i) {
      const auto at = format12 + 16 + 12 * i;
      const char32_t first = u32(cmap, at), last = std::min<char32_t>(u32(cmap, at + 4), 0x10FFFF);
      const std::uint32_t start = u32(cmap, at + 8);
      if (first > last) continue;
      for (char32_t c = first; c <= last && c < 0x10000; ++c) bmp_[c] = glyph(start + (c - first));
      if (last >= 0x10000) {
        const char32_t from = std::max<char32_t>(first, 0x10000);
        groups_.push_back({from, last, start + (from - first)});
      }
    }
    std::sort(groups_.begin(), groups_.end(),
              [](const Group& a, const Group& b) { return a.first < b.first; });
    return {};
  }
  if (format4 == 0) return malformed(origin, "no Unicode character map (cmap format 4 or 12)");
  if (!fits(cmap, format4, 14)) return malformed(origin, "cmap format 4 damaged");
  const std::size_t length = u16(cmap, format4 + 2);
  const std::size_t segments = u16(cmap, format4 + 6) / 2;
  const auto sub = cmap.substr(format4, std::min(length, cmap.size() - format4));
  const std::size_t ends = 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments,
                    ranges = deltas + 2 * segments;
  if (!fits(sub, ranges, 2 * segments)) return malformed(origin, "cmap format 4 cut off");
  for (std::size_t s = 0; s < segments; ++s) {
    const std::uint32_t end = u16(sub, ends + 2 * s), start = u16(sub, starts + 2 * s);
    const std::uint16_t delta = u16(sub, deltas + 2 * s);
    const std::size_t range = u16(sub, ranges + 2 * s);
    for (std::uint32_t c = start; c <= end; ++c) {
      std::uint32_t g = 0;
      if (range == 0) {
        g = (c + delta) & 0xFFFF;
      } else {
        const std::size_t at = ranges + 2 * s + range + 2 * (c - start);
        if (!fits(sub, at, 2)) break;
        g = u16(sub, at);
        if (g != 0) g = (g + delta) & 0xFFFF;
      }
      bmp_[c] = glyph(g);
    }
  }
  return {};
}

void TrueTypeFont::read_names(std::string_view origin) {
  postscript_name_ = sanitized_name(origin);
  if (!name_.present()) return;
  const auto name = table_bytes(name_);
  if (name.size() < 6) return;
  const std::size_t count = u16(name, 2), strings = u16(name, 4);
  for (std::size_t i = 0; i < count && fits(name, 6 + 12 * i, 12); ++i) {
    const auto at = 6 + 12 * i;
    const auto platform = u16(name, at), id = u16(name, at + 6);
    const std::size_t length = u16(name, at + 8), offset = u16(name, at + 10);
    if (id != 6 || !fits(name, strings + offset, length)) continue;
    const auto raw = name.substr(strings + offset, length);
    std::string text;
    if (platform == 0 || platform == 3) {  // UTF-16BE; PostScript names are ASCII
      for (std::size_t k = 1; k < raw.size(); k += 2) text += raw[k];
    } else {
      text = raw;
    }
    if (auto clean = sanitized_name(text); !clean.empty()) {
      postscript_name_ = clean;
      return;
    }
  }
}

std::uint16_t TrueTypeFont::glyph_of(char32_t code_point) const {
  if (code_point < 0x10000) return bmp_[code_point];
  const auto it = std::upper_bound(groups_.begin(), groups_.end(), code_point,
                                   [](char32_t c, const Group& g) { return c < g.first; });
  if (it == groups_.begin()) return 0;
  const auto& g = *(it - 1);
  if (code_point > g.last) return 0;
  const auto glyph = g.glyph + (code_point - g.first);
  return glyph < glyph_count_ ? static_cast<std::uint16_t>(glyph) : 0;
}

std::string_view TrueTypeFont::glyph_bytes(std::uint16_t glyph) const {
  const auto begin = glyph_offsets_[glyph], end = glyph_offsets_[glyph + 1u];
  return std::string_view(bytes_).substr(glyf_.offset + begin, end - begin);
}

}  // namespace riskloop::formats
