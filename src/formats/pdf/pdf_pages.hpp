// A PDF file from laid-out pages: catalog, page tree, one compressed content stream per page,
// the embedded fonts shared by every page, and an outline (bookmarks) to the sections.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "formats/pdf/pdf_document.hpp"
#include "formats/pdf/pdf_layout.hpp"

namespace riskloop::formats::pdf {

struct OutlineItem {
  std::string title;
  std::size_t page = 0;  // 0-based
  double y = 0;          // from the top of the page
};

struct PdfFileParts {
  std::vector<LayoutPage> pages;  // from PdfLayout::finish
  std::vector<OutlineItem> outline;
  DocumentInfo info;
  int compression_level = 6;
};

// Fonts are embedded last, with the glyphs the pages used. Fails when a font cannot be subset.
[[nodiscard]] Result<std::string> write_pdf(const PdfFileParts& parts, const LayoutOptions& layout, FontSet& fonts);

}  // namespace riskloop::formats::pdf
