// The risk management report (ISO 14971 clause 9) of one risk file as a PDF document on A4 pages,
// laid out natively from the same sections as the HTML report
// (docs/formats/risk-management-report.md, section "PDF").
#pragma once

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "formats/report/rmr_html.hpp"

namespace riskloop::formats {

struct RmrPdfOptions {
  // Folder of the two DejaVu Sans files below, the first fonts of the fallback chains (Latin,
  // Greek, Cyrillic and most symbols); Debian's fonts-dejavu-core installs them here.
  std::filesystem::path font_directory = "/usr/share/fonts/truetype/dejavu";
  std::string regular_font = "DejaVuSans.ttf";
  std::string bold_font = "DejaVuSans-Bold.ttf";
  // The CJK fonts next in the chains (Chinese simplified and traditional, Japanese, Korean):
  // the face `cjk_family` of the two collections below; Debian's fonts-noto-cjk installs them
  // here. Read only when the text has a character DejaVu Sans lacks.
  std::filesystem::path cjk_font_directory = "/usr/share/fonts/opentype/noto";
  std::string cjk_regular_font = "NotoSansCJK-Regular.ttc";
  std::string cjk_bold_font = "NotoSansCJK-Bold.ttc";
  std::string cjk_family = "Noto Sans CJK SC";
  // zlib level of page and font streams (1 fastest .. 9 smallest).
  int compression_level = 6;
};

// The report as PDF 1.7 bytes: A4 pages (the title block, contents and sections 1-4 portrait, the
// wide tables of sections 5-16 landscape), "page N of M" on every page, table header rows
// repeated on every page a table continues on, long cells wrapped at the line break
// opportunities of UAX #14 (so Chinese text wraps between ideographs), heat maps as grids with
// the count and the verdict in words in every cell, bookmarks to the sections, and the journal
// head hash. Each character is drawn with the first font of the chain DejaVu Sans, Noto Sans CJK
// SC that has it; the fonts used are embedded as subsets with a ToUnicode map, so all text can be
// extracted and searched. A character no font has is drawn as the replacement character and
// listed, with where it occurs, in a closing section "Characters without a glyph".
// The same data gives the same bytes. Fails with not_found naming the path when the DejaVu
// files cannot be read, or when a CJK font is needed (the text has a character DejaVu lacks) and
// cannot be read, naming the character and where it is; with malformed when a file is not a
// usable font; with validation naming the first right-to-left character (Hebrew, Arabic, Urdu,
// ...), its position and the text and section it is in, since the report does not yet order and
// shape right-to-left text. Linear in the size of the file.
[[nodiscard]] Result<std::string> render_rmr_pdf(const RmrData& data,
                                                 const RmrPdfOptions& options = {});

}  // namespace riskloop::formats
