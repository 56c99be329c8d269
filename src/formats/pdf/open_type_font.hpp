// An OpenType font read with HarfBuzz for embedding in PDF: TrueType (glyf) or CFF outlines, a
// single file (.ttf, .otf) or one face of a collection (.ttc), its metrics and character map, and
// subsets of it made with HarfBuzz's subsetter (hb-subset).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace riskloop::formats {

class OpenTypeFont {
 public:
  // Reads `path`. In a collection, the face whose family name (name id 1 or 16) is `family`;
  // an empty `family` takes the first face. Errors: not_found naming the path when the file
  // cannot be read; malformed when it is not a font, or has no face of that family (the message
  // lists the families it has).
  [[nodiscard]] static Result<OpenTypeFont> load(const std::filesystem::path& path,
                                                 std::string_view family = {});
  // The same for bytes in memory; `origin` names them in errors.
  [[nodiscard]] static Result<OpenTypeFont> parse(std::string bytes, std::string_view origin,
                                                  std::string_view family = {});

  OpenTypeFont(OpenTypeFont&&) noexcept;
  OpenTypeFont& operator=(OpenTypeFont&&) noexcept;
  ~OpenTypeFont();

  // Glyph of a character; 0 (.notdef) when the font has none.
  std::uint16_t glyph_of(char32_t code_point) const;
  std::uint32_t glyph_count() const { return glyph_count_; }
  // Advance width of a glyph in font units.
  int advance(std::uint16_t glyph) const;
  // CFF outlines (embedded as CIDFontType0C) rather than TrueType ones (CIDFontType2).
  bool cff() const { return cff_; }
  // The CID a PDF CIDFontType0 uses for `glyph`: for a CID-keyed CFF font (Noto Sans CJK) the
  // glyph's CID from the font's charset, read with FreeType; otherwise the glyph id.
  std::uint16_t cid_of(std::uint16_t glyph) const {
    return glyph < cids_.size() ? cids_[glyph] : glyph;
  }

  int units_per_em() const { return units_per_em_; }
  int ascent() const { return ascent_; }    // font units, positive
  int descent() const { return descent_; }  // font units, negative
  int cap_height() const { return cap_height_; }
  int weight() const { return weight_; }  // 400 regular, 700 bold
  double italic_angle() const { return italic_angle_; }
  std::span<const int, 4> bounding_box() const { return bbox_; }  // xMin yMin xMax yMax
  const std::string& postscript_name() const { return postscript_name_; }
  const std::string& family() const { return family_; }

  // A font program with the outlines of `glyphs` (and of .notdef and of the components they
  // use), made by hb-subset. TrueType: a whole font file for FontFile2, whose glyph ids are
  // renumbered; `new_glyph` then gets, per glyph of `glyphs`, its id in the subset. CFF: the bare
  // CFF table for FontFile3 /CIDFontType0C, in which cid_of() still finds every glyph: a
  // CID-keyed font keeps each glyph's CID in its charset, another keeps the glyph ids. Fails
  // with internal when HarfBuzz cannot subset.
  [[nodiscard]] Result<std::string> subset(std::span<const std::uint16_t> glyphs,
                                           std::vector<std::uint16_t>& new_glyph) const;

 private:
  OpenTypeFont() = default;
  struct Handles;
  Status read(std::string_view origin, std::string_view family);

  std::unique_ptr<Handles> hb_;
  std::uint32_t glyph_count_ = 0;
  bool cff_ = false;
  std::vector<std::uint16_t> cids_;  // per glyph, for a CID-keyed CFF font; else empty
  int units_per_em_ = 1000, ascent_ = 0, descent_ = 0, cap_height_ = 0, weight_ = 400;
  double italic_angle_ = 0;
  int bbox_[4] = {0, 0, 0, 0};
  std::string postscript_name_, family_;
};

}  // namespace riskloop::formats
