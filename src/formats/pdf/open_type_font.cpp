// Reading fonts and subsetting them through HarfBuzz (FreeType reads the CIDs of a CID-keyed CFF
// font's charset, which HarfBuzz does not expose); the few header fields PDF needs (bounding
// box, hhea ascent and descent, OS/2 weight and cap height, post italic angle) are read from the
// table bytes HarfBuzz hands out.
#include "formats/pdf/open_type_font.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <fstream>

namespace riskloop::formats {
namespace {

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(b[at]) << 8) |
                                    static_cast<unsigned char>(b[at + 1]));
}
std::int16_t i16(std::string_view b, std::size_t at) {
  return static_cast<std::int16_t>(u16(b, at));
}

Status malformed(std::string_view origin, std::string_view what) {
  return fail(ErrorCode::malformed,
              "font " + std::string(origin) + " is not a usable font: " + std::string(what));
}

// The bytes of a table of `face` (empty when absent), kept alive by the returned blob.
struct Table {
  explicit Table(hb_face_t* face, const char (&tag)[5])
      : blob(hb_face_reference_table(face, HB_TAG(tag[0], tag[1], tag[2], tag[3]))) {
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    bytes = std::string_view(data ? data : "", data ? length : 0);
  }
  ~Table() { hb_blob_destroy(blob); }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;
  hb_blob_t* blob;
  std::string_view bytes;
};

// Glyph -> CID of a CID-keyed CFF font (empty for another font), from its charset.
std::vector<std::uint16_t> cids_of(hb_blob_t* blob, unsigned face_index, std::uint32_t glyphs) {
  std::vector<std::uint16_t> cids;
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) return cids;
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  FT_Face face = nullptr;
  FT_Bool keyed = 0;
  if (FT_New_Memory_Face(library, reinterpret_cast<const FT_Byte*>(data),
                         static_cast<FT_Long>(length), static_cast<FT_Long>(face_index),
                         &face) == 0 &&
      FT_Get_CID_Is_Internally_CID_Keyed(face, &keyed) == 0 && keyed) {
    cids.resize(glyphs);
    for (std::uint32_t g = 0; g < glyphs; ++g) {
      FT_UInt cid = 0;
      if (FT_Get_CID_From_Glyph_Index(face, g, &cid) != 0 || cid > 0xFFFF) cid = 0;
      cids[g] = static_cast<std::uint16_t>(cid);
    }
  }
  if (face != nullptr) FT_Done_Face(face);
  FT_Done_FreeType(library);
  return cids;
}

std::string name_of(hb_face_t* face, hb_ot_name_id_t id) {
  char text[256];
  unsigned size = sizeof text;
  if (hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, text) == 0)
    return {};
  return std::string(text, size);
}

std::string family_of(hb_face_t* face) {
  auto family = name_of(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
  return family.empty() ? name_of(face, HB_OT_NAME_ID_FONT_FAMILY) : family;
}

// Letters, digits and -_. only, as a PDF BaseFont name may hold them after the subset tag.
std::string sanitized_name(std::string_view text) {
  std::string out;
  for (char c : text)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.')
      out += c;
  return out.substr(0, 60);
}

}  // namespace

struct OpenTypeFont::Handles {
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;
  ~Handles() {
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
};

OpenTypeFont::OpenTypeFont(OpenTypeFont&&) noexcept = default;
OpenTypeFont& OpenTypeFont::operator=(OpenTypeFont&&) noexcept = default;
OpenTypeFont::~OpenTypeFont() = default;

Result<OpenTypeFont> OpenTypeFont::load(const std::filesystem::path& path,
                                        std::string_view family) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe) return fail(ErrorCode::not_found, "cannot read the font file " + path.string());
  OpenTypeFont font;
  font.hb_ = std::make_unique<Handles>();
  font.hb_->blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (font.hb_->blob == nullptr)
    return fail(ErrorCode::not_found, "cannot read the font file " + path.string());
  RL_CHECK(font.read(path.string(), family));
  return font;
}

Result<OpenTypeFont> OpenTypeFont::parse(std::string bytes, std::string_view origin,
                                         std::string_view family) {
  OpenTypeFont font;
  font.hb_ = std::make_unique<Handles>();
  auto* owned = new std::string(std::move(bytes));  // released by HarfBuzz through the callback
  font.hb_->blob = hb_blob_create(owned->data(), static_cast<unsigned>(owned->size()),
                                  HB_MEMORY_MODE_READONLY, owned,
                                  [](void* p) { delete static_cast<std::string*>(p); });
  RL_CHECK(font.read(origin, family));
  return font;
}

Status OpenTypeFont::read(std::string_view origin, std::string_view family) {
  const unsigned faces = hb_face_count(hb_->blob);
  if (faces == 0) return malformed(origin, "no font in the file (not TrueType or OpenType)");
  std::string seen;
  unsigned face_index = 0;
  for (unsigned i = 0; i < faces && hb_->face == nullptr; ++i) {
    hb_face_t* face = hb_face_create(hb_->blob, i);
    const auto name = family_of(face);
    if (family.empty() || name == family) {
      hb_->face = face;
      face_index = i;
      family_ = name;
    } else {
      seen += (seen.empty() ? "" : ", ") + name;
      hb_face_destroy(face);
    }
  }
  if (hb_->face == nullptr)
    return malformed(origin, "no face of the family \"" + std::string(family) + "\" (it has " +
                                 seen + ")");
  glyph_count_ = hb_face_get_glyph_count(hb_->face);
  if (glyph_count_ == 0) return malformed(origin, "no glyphs");

  const Table head(hb_->face, "head"), hhea(hb_->face, "hhea"), os2(hb_->face, "OS/2"),
      post(hb_->face, "post"), cff(hb_->face, "CFF "), glyf(hb_->face, "glyf"),
      cmap(hb_->face, "cmap");
  if (head.bytes.size() < 54 || u16(head.bytes, 12) != 0x5F0F)
    return malformed(origin, "head table missing or damaged");
  if (hhea.bytes.size() < 36) return malformed(origin, "hhea table missing or damaged");
  if (cmap.bytes.empty()) return malformed(origin, "no character map (cmap table)");
  cff_ = !cff.bytes.empty();
  if (!cff_ && glyf.bytes.empty())
    return malformed(origin, "neither TrueType (glyf) nor CFF outlines (CFF2 is not supported)");
  units_per_em_ = u16(head.bytes, 18);
  if (units_per_em_ < 16 || units_per_em_ > 16384)
    return malformed(origin, "units per em out of range");
  for (int i = 0; i < 4; ++i) bbox_[i] = i16(head.bytes, 36 + 2 * static_cast<std::size_t>(i));
  ascent_ = i16(hhea.bytes, 4);
  descent_ = i16(hhea.bytes, 6);
  cap_height_ = ascent_ * 7 / 10;
  if (os2.bytes.size() >= 6) weight_ = u16(os2.bytes, 4);
  if (os2.bytes.size() >= 90 && u16(os2.bytes, 0) >= 2) cap_height_ = i16(os2.bytes, 88);
  if (post.bytes.size() >= 8)
    italic_angle_ =
        static_cast<std::int32_t>((std::uint32_t{u16(post.bytes, 4)} << 16) | u16(post.bytes, 6)) /
        65536.0;
  postscript_name_ = sanitized_name(name_of(hb_->face, HB_OT_NAME_ID_POSTSCRIPT_NAME));
  if (postscript_name_.empty()) postscript_name_ = sanitized_name(family_);
  if (postscript_name_.empty()) postscript_name_ = "Font";
  if (cff_) cids_ = cids_of(hb_->blob, face_index, glyph_count_);
  hb_->font = hb_font_create(hb_->face);  // scale = units per em: advances in font units
  return {};
}

std::uint16_t OpenTypeFont::glyph_of(char32_t code_point) const {
  hb_codepoint_t glyph = 0;
  if (!hb_font_get_nominal_glyph(hb_->font, code_point, &glyph) || glyph > 0xFFFF) return 0;
  return static_cast<std::uint16_t>(glyph);
}

int OpenTypeFont::advance(std::uint16_t glyph) const {
  return hb_font_get_glyph_h_advance(hb_->font, glyph);
}

Result<std::string> OpenTypeFont::subset(std::span<const std::uint16_t> glyphs,
                                         std::vector<std::uint16_t>& new_glyph) const {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return fail(ErrorCode::internal, "HarfBuzz cannot start a font subset");
  hb_set_t* keep = hb_subset_input_glyph_set(input);
  hb_set_add(keep, 0);
  for (auto g : glyphs) hb_set_add(keep, g);
  // Text is drawn one glyph per character: layout tables would only pull in glyphs of
  // substitutions (vertical forms, localized forms) never drawn.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx",
                          "DSIG", "kern"})
    hb_set_add(drop, HB_TAG(tag[0], tag[1], tag[2], tag[3]));
  // A CFF font that is not CID-keyed is found by glyph id: the ids must stay.
  hb_subset_input_set_flags(input, cff_ && cids_.empty() ? HB_SUBSET_FLAGS_RETAIN_GIDS
                                                         : HB_SUBSET_FLAGS_DEFAULT);
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(hb_->face, input);
  hb_subset_input_destroy(input);
  hb_face_t* result = plan ? hb_subset_plan_execute_or_fail(plan) : nullptr;
  if (result == nullptr) {
    hb_subset_plan_destroy(plan);
    return fail(ErrorCode::internal, "HarfBuzz cannot subset the font " + postscript_name_);
  }
  const hb_map_t* mapping = hb_subset_plan_old_to_new_glyph_mapping(plan);
  new_glyph.clear();
  for (auto g : glyphs) {
    const auto to = hb_map_get(mapping, g);
    new_glyph.push_back(to == HB_MAP_VALUE_INVALID ? 0 : static_cast<std::uint16_t>(to));
  }
  std::string program;
  if (cff_) {
    const Table cff(result, "CFF ");
    program = cff.bytes;
  } else {
    hb_blob_t* blob = hb_face_reference_blob(result);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    program.assign(data ? data : "", data ? length : 0);
    hb_blob_destroy(blob);
  }
  hb_face_destroy(result);
  hb_subset_plan_destroy(plan);
  if (program.empty())
    return fail(ErrorCode::internal, "HarfBuzz made an empty subset of " + postscript_name_);
  return program;
}

}  // namespace riskloop::formats
