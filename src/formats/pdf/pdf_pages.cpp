// Object layout: 1 catalog, 2 page tree, 3 shared resources, then page and content pairs, the
// outline, and the font objects.
#include "formats/pdf/pdf_pages.hpp"

namespace riskloop::formats::pdf {
namespace {

std::string ref(ObjectId id) {
  return std::to_string(id) + " 0 R";
}

}  // namespace

Result<std::string> write_pdf(const PdfFileParts& parts, const LayoutOptions& layout, FontSet& fonts) {
  PdfDocument doc(parts.compression_level);
  const auto catalog = doc.reserve();
  const auto tree = doc.reserve();
  const auto resources = doc.reserve();
  std::vector<ObjectId> page_ids;
  std::string kids;
  for (const auto& page : parts.pages) {
    const bool portrait = page.orientation == Orientation::portrait;
    const double width = portrait ? layout.page_width : layout.page_height;
    const double height = portrait ? layout.page_height : layout.page_width;
    const auto id = doc.reserve();
    const auto content = doc.add_stream({}, page.content);
    doc.set(id, "<< /Type /Page /Parent " + ref(tree) + " /MediaBox [0 0 " + number(width) + " " +
                    number(height) + "] /Resources " + ref(resources) + " /Contents " +
                    ref(content) + " >>");
    page_ids.push_back(id);
    kids += ref(id) + (page_ids.size() % 10 == 0 ? "\n" : " ");
  }
  doc.set(tree, "<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(parts.pages.size()) + " >>");

  std::string catalog_body = "<< /Type /Catalog /Pages " + ref(tree) + " /Lang (en)" +
                             " /ViewerPreferences << /DisplayDocTitle true >>";
  if (!parts.outline.empty()) {
    const auto root = doc.reserve();
    std::vector<ObjectId> items;
    for (std::size_t i = 0; i < parts.outline.size(); ++i) items.push_back(doc.reserve());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& item = parts.outline[i];
      const auto page = std::min(item.page, page_ids.size() - 1);
      const bool portrait = parts.pages[page].orientation == Orientation::portrait;
      const double height = portrait ? layout.page_height : layout.page_width;
      std::string body = "<< /Title " + text_string(item.title) + " /Parent " + ref(root);
      if (i > 0) body += " /Prev " + ref(items[i - 1]);
      if (i + 1 < items.size()) body += " /Next " + ref(items[i + 1]);
      body += " /Dest [" + ref(page_ids[page]) + " /XYZ 0 " + number(height - item.y) +
              " null] >>";
      doc.set(items[i], std::move(body));
    }
    doc.set(root, "<< /Type /Outlines /First " + ref(items.front()) + " /Last " +
                      ref(items.back()) + " /Count " + std::to_string(items.size()) + " >>");
    catalog_body += " /Outlines " + ref(root) + " /PageMode /UseOutlines";
  }
  doc.set(catalog, catalog_body + " >>");

  // Fonts no character was drawn with are left out.
  std::string font_resources;
  for (std::size_t i = 0; i < fonts.fonts().size(); ++i) {
    const auto& font = *fonts.fonts()[i];
    if (!font.used() && i > 0) continue;
    font_resources += " /" + FontSet::resource(i) + " " + ref(RL_TRY(font.embed(doc)));
  }
  doc.set(resources, "<< /Font <<" + font_resources + " >> >>");
  return doc.finish(catalog, parts.info);
}

}  // namespace riskloop::formats::pdf
