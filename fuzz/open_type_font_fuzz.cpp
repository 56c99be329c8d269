// The font reader and the font embedding: table directory and collections (HarfBuzz), the header
// fields read by riskloop, a CID-keyed CFF charset (FreeType), glyphs of characters, and a
// subset written as PDF font objects.
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/pdf/open_type_font.hpp"
#include "formats/pdf/pdf_font.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace riskloop::formats;
  auto font = OpenTypeFont::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!font) return 0;
  pdf::PdfFont embedded(*font);
  for (char32_t c : {U'A', U' ', U'\u00E9', U'\u652F', U'\uFFFD', U'\U0001F600'}) {
    const auto glyph = font->glyph_of(c);
    if (glyph != 0) (void)embedded.cid(c, glyph);
  }
  pdf::PdfDocument doc(1);
  (void)embedded.embed(doc);
  return 0;
}
