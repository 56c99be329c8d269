// The report as PDF: fonts, title block, contents with page numbers, the sections, integrity,
// then footers with the page count and the file.
#include "formats/report/rmr_pdf.hpp"

#include <unicode/uchar.h>

#include <cstdio>

#include "formats/pdf/open_type_font.hpp"
#include "formats/pdf/utf8_decode.hpp"
#include "formats/report/rmr_pdf_writer.hpp"

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

// "支" (U+652F CJK UNIFIED IDEOGRAPH-652F)
std::string describe(char32_t c) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  char name[128];
  UErrorCode status = U_ZERO_ERROR;
  const auto length =
      u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  std::string text;
  append_utf8(text, c);
  std::string out = "\"" + text + "\" (" + code;
  if (U_SUCCESS(status) && length > 0) out += " " + std::string(name, static_cast<std::size_t>(length));
  return out + ")";
}

// `character 3 of "..." in section "5 Hazards"`
std::string where(const pdf::TextProblem& p) {
  std::string out = "character " + std::to_string(p.position) + " of \"" + p.text + "\"";
  if (!p.place.empty()) out += " in section \"" + p.place + "\"";
  return out;
}

// Lists the characters drawn as the replacement character, each with where it was first met.
void write_undrawable(rmr::PdfReportWriter& w, const std::vector<pdf::TextProblem>& problems) {
  const std::string title = "Characters without a glyph";
  auto& layout = w.layout();
  const auto at = layout.heading(2, title);
  w.outline().push_back({title, at.page, at.y});
  w.paragraph(
      "No font of the report has these characters; they are drawn as \xEF\xBF\xBD but are "
      "extracted and searched as written.",
      rmr::Tone::note);
  for (const auto& p : problems) w.paragraph(describe(p.character) + ": " + where(p));
}

// A font of a fallback chain; one that cannot be loaded is kept as the reason why.
struct LoadedFont {
  std::unique_ptr<OpenTypeFont> file;  // on the heap: `pdf` refers to it
  std::unique_ptr<pdf::PdfFont> pdf;
  std::string unavailable;
  pdf::FontSlot slot() const { return {pdf.get(), unavailable}; }
};

LoadedFont load_fallback(const std::filesystem::path& path, const std::string& family) {
  LoadedFont f;
  auto file = OpenTypeFont::load(path, family);
  if (!file) {
    f.unavailable = family + " (" + path.string() +
                    ", Debian package fonts-noto-cjk) cannot be used: " + file.error().message;
    return f;
  }
  f.file = std::make_unique<OpenTypeFont>(std::move(*file));
  f.pdf = std::make_unique<pdf::PdfFont>(*f.file);
  return f;
}

}  // namespace

Result<std::string> render_rmr_pdf(const RmrData& data, const RmrPdfOptions& options) {
  const auto missing_dejavu = [](Error e) {
    if (e.code == ErrorCode::not_found)
      e.message += " (on Debian it comes with the fonts-dejavu-core package; the font directory "
                   "is configurable)";
    return e;
  };
  auto regular_file = OpenTypeFont::load(options.font_directory / options.regular_font);
  if (!regular_file) return tl::unexpected(missing_dejavu(regular_file.error()));
  auto bold_file = OpenTypeFont::load(options.font_directory / options.bold_font);
  if (!bold_file) return tl::unexpected(missing_dejavu(bold_file.error()));
  pdf::PdfFont regular(*regular_file), bold(*bold_file);
  const auto cjk_regular = load_fallback(options.cjk_font_directory / options.cjk_regular_font,
                                         options.cjk_family);
  const auto cjk_bold =
      load_fallback(options.cjk_font_directory / options.cjk_bold_font, options.cjk_family);
  pdf::FontSet fonts({{&regular, {}}, cjk_regular.slot()}, {{&bold, {}}, cjk_bold.slot()});

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
  if (const auto& rtl = fonts.right_to_left())
    return fail(ErrorCode::validation,
                "the PDF report cannot draw right-to-left text (it does not order or shape it): " +
                    describe(rtl->character) + " is " + where(*rtl) +
                    "; the HTML report shows it",
                rtl->place);
  if (const auto& missing = fonts.missing_font())
    return fail(ErrorCode::not_found,
                "the PDF report needs a font for " + describe(missing->first.character) +
                    ", " + where(missing->first) + ": " + missing->second,
                missing->first.place);
  if (!fonts.undrawable().empty()) write_undrawable(w, fonts.undrawable());
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
