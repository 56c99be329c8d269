// The report as PDF: fonts, title block, contents with page numbers, the sections, integrity,
// then footers with the page count and the file.
#include "formats/report/rmr_pdf.hpp"

#include "formats/report/rmr_pdf_writer.hpp"
#include "formats/pdf/true_type_font.hpp"

namespace riskloop::formats {
namespace {

constexpr std::string_view kReportTitle = "Risk management report";

void write_title_block(rmr::PdfReportWriter& w) {
  auto& layout = w.layout();
  const auto at = layout.heading(1, kReportTitle);
  w.outline().push_back({std::string(kReportTitle), at.page, at.y});
  std::vector<std::pair<std::string, std::string>> items;
  for (auto& item : rmr::title_items(w)) items.emplace_back(item.term, std::move(item.value));
  layout.key_values(items, w.body());
  w.paragraph(rmr::kIntroduction, rmr::Tone::note);
}

// Room for the contents; the entries are drawn once the sections' pages are known.
pdf::Placement reserve_contents(rmr::PdfReportWriter& w) {
  auto& layout = w.layout();
  layout.heading(2, "Contents");
  const double line = w.body().size * layout.options().line_spacing;
  return layout.reserve(static_cast<double>(rmr::contents().size()) * line);
}

void draw_contents(rmr::PdfReportWriter& w, const pdf::Placement& at) {
  auto& layout = w.layout();
  auto c = layout.canvas(at.page);
  const auto& style = w.body();
  const double line = style.size * layout.options().line_spacing;
  const double baseline = style.size;
  double y = at.y;
  std::size_t number = 0;
  for (const auto& [id, title] : rmr::contents()) {
    ++number;
    std::size_t page = 0;
    for (const auto& [section, p] : w.section_pages())
      if (section == id) page = p + 1;
    c.text(at.x, y + baseline, style, std::to_string(number) + " " + std::string(title));
    if (page > 0) {
      const auto text = pdf::shape_line(c.fonts(), style, "page " + std::to_string(page));
      c.text(at.x + at.width - text.width, y + baseline, text);
    }
    y += line;
  }
}

void write_integrity(rmr::PdfReportWriter& w) {
  const auto& d = w.data();
  w.open_section("integrity", "16 Record integrity");
  w.paragraph(rmr::kIntegrityExplanation);
  const std::pair<std::string, std::string> items[] = {
      {"Journal head hash", rmr::journal_head_text(d)},
      {"Generated", rmr::utc_text(d.generated_at)},
  };
  w.layout().key_values(items, w.body());
  w.close_section();
}

}  // namespace

Result<std::string> render_rmr_pdf(const RmrData& data, const RmrPdfOptions& options) {
  const auto regular_file =
      RL_TRY(TrueTypeFont::load(options.font_directory / options.regular_font));
  const auto bold_file = RL_TRY(TrueTypeFont::load(options.font_directory / options.bold_font));
  pdf::PdfFont regular(regular_file), bold(bold_file);
  pdf::FontSet fonts(regular, bold);

  std::vector<risk::RiskAssessment> recomputed;
  rmr::PdfReportWriter w(data, rmr::report_assessments(data, recomputed), fonts);
  write_title_block(w);
  const auto contents = reserve_contents(w);
  rmr::write_plan_sections(w);
  rmr::write_analysis_sections(w);
  rmr::write_decision_sections(w);
  rmr::write_traceability_section(w);
  rmr::write_signature_section(w);
  write_integrity(w);
  draw_contents(w, contents);

  auto& layout = w.layout();
  const auto& lo = layout.options();
  const auto footer_title = pdf::fit_text(
      fonts, lo.footer, std::string(kReportTitle) + " \xE2\x80\x94 " + data.snapshot.file.title,
      lo.page_width / 2);
  auto pages = layout.finish([&](std::size_t, std::size_t) { return footer_title; });
  const auto count = pages.size();
  for (std::size_t i = 0; i < count; ++i) {
    const bool portrait = pages[i].orientation == pdf::Orientation::portrait;
    const double width = portrait ? lo.page_width : lo.page_height;
    const double height = portrait ? lo.page_height : lo.page_width;
    pdf::PdfCanvas c(fonts, pages[i], height);
    const auto text = pdf::shape_line(
        fonts, lo.footer, "page " + std::to_string(i + 1) + " of " + std::to_string(count));
    c.text(width - lo.margin_side - text.width, height - lo.footer_baseline, text);
  }
  return pdf::write_pdf(
      {.pages = std::move(pages),
       .outline = std::move(w.outline()),
       .info = {.title = std::string(kReportTitle) + ": " + data.snapshot.file.title,
                .created_at = data.generated_at},
       .compression_level = options.compression_level},
      lo, fonts);
}

}  // namespace riskloop::formats
