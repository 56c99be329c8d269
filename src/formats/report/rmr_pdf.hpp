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
  // Folder of the two TrueType files below; Debian's fonts-dejavu-core installs them here.
  std::filesystem::path font_directory = "/usr/share/fonts/truetype/dejavu";
  std::string regular_font = "DejaVuSans.ttf";
  std::string bold_font = "DejaVuSans-Bold.ttf";
  // zlib level of page and font streams (1 fastest .. 9 smallest).
  int compression_level = 6;
};

// The report as PDF 1.7 bytes: A4 pages (the title block, contents and sections 1-4 portrait, the
// wide tables of sections 5-16 landscape), "page N of M" on every page, table header rows
// repeated on every page a table continues on, long cells wrapped, heat maps as grids with the
// count and the verdict in words in every cell, bookmarks to the sections, and the journal head
// hash. Both fonts are embedded as subsets with a ToUnicode map, so all text can be extracted and
// searched; characters the fonts lack are drawn as an empty box but still extract as written.
// The same data gives the same bytes. Fails with not_found naming the path when a font file
// cannot be read, with malformed when it is not a usable TrueType font. Linear in the size of
// the file.
[[nodiscard]] Result<std::string> render_rmr_pdf(const RmrData& data,
                                                 const RmrPdfOptions& options = {});

}  // namespace riskloop::formats
