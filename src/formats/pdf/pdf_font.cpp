// CID allocation and the PDF objects of an embedded font (ISO 32000-1 9.7, 9.10.3).
#include "formats/pdf/pdf_font.hpp"

#include <algorithm>
#include <cmath>

namespace riskloop::formats::pdf {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_hex4(std::string& out, unsigned v) {
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
}

void append_utf16_hex(std::string& out, char32_t c) {
  if (c < 0x10000) {
    append_hex4(out, static_cast<unsigned>(c));
  } else {
    const auto v = static_cast<unsigned>(c - 0x10000);
    append_hex4(out, 0xD800 + (v >> 10));
    append_hex4(out, 0xDC00 + (v & 0x3FF));
  }
}

// Six capital letters that differ between subsets (ISO 32000-1 9.6.4), from the glyphs used.
std::string subset_tag(const std::vector<std::uint16_t>& cids, const std::string& name) {
  std::uint64_t h = 1469598103934665603ull;
  const auto mix = [&h](std::uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  for (char c : name) mix(static_cast<unsigned char>(c));
  for (auto c : cids) mix(c);
  std::string tag;
  for (int i = 0; i < 6; ++i, h /= 26) tag += static_cast<char>('A' + h % 26);
  return tag;
}

}  // namespace

PdfFont::PdfFont(const OpenTypeFont& font) : font_(font) {
  if (font.cff()) {  // CID = the glyph's CID in the font (cid_of), up to 65535
    widths_.assign(0x10000, 0);
    characters_.assign(0x10000, kNone);
    glyphs_.assign(0x10000, 0);
    widths_[0] = scaled(font.advance(0));
  } else {  // CID 0 is .notdef, the others are handed out in order of use
    widths_.push_back(scaled(font.advance(0)));
    characters_.push_back(kNone);
    glyphs_.push_back(0);
  }
}

int PdfFont::scaled(int font_units) const {
  return static_cast<int>(std::lround(font_units * 1000.0 / font_.units_per_em()));
}

std::uint16_t PdfFont::cid(char32_t code_point, std::uint16_t glyph) {
  if (font_.cff()) {
    const auto id = font_.cid_of(glyph);
    if (characters_[id] == kNone) {
      characters_[id] = code_point;
      glyphs_[id] = glyph;
      widths_[id] = scaled(font_.advance(glyph));
      ++used_;
    }
    return id;
  }
  if (characters_.size() > 0xFFFF) return 0;  // past 65535 characters, .notdef
  widths_.push_back(scaled(font_.advance(glyph)));
  characters_.push_back(code_point);
  glyphs_.push_back(glyph);
  ++used_;
  return static_cast<std::uint16_t>(characters_.size() - 1);
}

std::vector<std::uint16_t> PdfFont::used_cids() const {
  std::vector<std::uint16_t> cids = {0};
  for (std::size_t c = 1; c < characters_.size(); ++c)
    if (characters_[c] != kNone) cids.push_back(static_cast<std::uint16_t>(c));
  return cids;
}

std::string PdfFont::widths_array(const std::vector<std::uint16_t>& cids) const {
  std::string out = "[";
  for (std::size_t i = 0; i < cids.size();) {
    std::size_t j = i + 1;
    while (j < cids.size() && cids[j] == cids[j - 1] + 1) ++j;
    out += std::to_string(cids[i]) + " [";
    for (std::size_t k = i; k < j; ++k) {
      if (k > i) out += ' ';
      out += std::to_string(widths_[cids[k]]);
    }
    out += "]\n";
    i = j;
  }
  return out + "]";
}

std::string PdfFont::to_unicode_cmap(const std::vector<std::uint16_t>& cids) const {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::uint16_t> mapped;
  for (auto c : cids)
    if (characters_[c] != kNone) mapped.push_back(c);
  for (std::size_t i = 0; i < mapped.size(); i += 100) {  // at most 100 entries per block
    const auto n = std::min<std::size_t>(100, mapped.size() - i);
    out += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = i; k < i + n; ++k) {
      out += '<';
      append_hex4(out, mapped[k]);
      out += "> <";
      append_utf16_hex(out, characters_[mapped[k]]);
      out += ">\n";
    }
    out += "endbfchar\n";
  }
  return out + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

Result<ObjectId> PdfFont::embed(PdfDocument& doc) const {
  const auto cids = used_cids();
  std::vector<std::uint16_t> glyphs, new_glyph;
  for (auto c : cids) glyphs.push_back(glyphs_[c]);
  const auto program = RL_TRY(font_.subset(glyphs, new_glyph));
  const auto base = subset_tag(cids, font_.postscript_name()) + "+" + font_.postscript_name();

  const auto file = font_.cff()
                        ? doc.add_stream("/Subtype /CIDFontType0C", program)
                        : doc.add_stream("/Length1 " + std::to_string(program.size()), program);
  const auto box = font_.bounding_box();
  const int stem = 50 + static_cast<int>(std::lround(std::pow(font_.weight() / 65.0, 2)));
  const auto descriptor = doc.add(
      "<< /Type /FontDescriptor /FontName " + name(base) + " /Flags 4 /FontBBox [" +
      std::to_string(scaled(box[0])) + " " + std::to_string(scaled(box[1])) + " " +
      std::to_string(scaled(box[2])) + " " + std::to_string(scaled(box[3])) +
      "] /ItalicAngle " + number(font_.italic_angle()) + " /Ascent " + std::to_string(ascent()) +
      " /Descent " + std::to_string(descent()) + " /CapHeight " +
      std::to_string(scaled(font_.cap_height())) + " /StemV " + std::to_string(stem) +
      (font_.cff() ? " /FontFile3 " : " /FontFile2 ") + std::to_string(file) + " 0 R >>");
  std::string cid_font = "<< /Type /Font /Subtype " +
                         std::string(font_.cff() ? "/CIDFontType0" : "/CIDFontType2") +
                         " /BaseFont " + name(base) +
                         " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 "
                         ">> /FontDescriptor " +
                         std::to_string(descriptor) + " 0 R /DW 1000 /W " + widths_array(cids);
  if (!font_.cff()) {
    // CID -> glyph id in the subset, two bytes per CID from 0 (ISO 32000-1 9.7.4.2).
    std::string map(2 * static_cast<std::size_t>(cids.back() + 1), '\0');
    for (std::size_t i = 0; i < cids.size(); ++i) {
      map[2 * cids[i]] = static_cast<char>(new_glyph[i] >> 8);
      map[2 * cids[i] + 1] = static_cast<char>(new_glyph[i] & 0xFF);
    }
    cid_font += " /CIDToGIDMap " + std::to_string(doc.add_stream({}, map)) + " 0 R";
  }
  const auto descendant = doc.add(cid_font + " >>");
  const auto to_unicode = doc.add_stream({}, to_unicode_cmap(cids));
  return doc.add("<< /Type /Font /Subtype /Type0 /BaseFont " + name(base) +
                 " /Encoding /Identity-H /DescendantFonts [" + std::to_string(descendant) +
                 " 0 R] /ToUnicode " + std::to_string(to_unicode) + " 0 R >>");
}

}  // namespace riskloop::formats::pdf
