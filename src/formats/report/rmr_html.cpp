// The report document: head with print CSS, title block, contents, the sections, integrity.
#include "formats/report/rmr_html.hpp"

#include "formats/report/rmr_html_writer.hpp"

namespace riskloop::formats {
namespace {

// Print: A4 with page numbers, table headers repeated on every page, rows not split.
constexpr std::string_view kStyle = R"(
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; }
  @bottom-left { content: "Risk management report"; font-size: 8pt; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; line-height: 1.35;
  overflow-wrap: anywhere; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 4mm 0; }
h2 { font-size: 13pt; margin: 7mm 0 2mm 0; border-bottom: 1px solid #888; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm 0; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0 3mm 0; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #888; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.number { text-align: right; }
.multiline { white-space: pre-wrap; }
.verdict.acceptable { background: #d4edd4; }
.verdict.investigate { background: #fbe7a8; }
.verdict.unacceptable { background: #f3c1c1; }
.missing, .unsigned { color: #8a1c1c; font-style: italic; }
.note { color: #444; font-size: 8.5pt; }
ul.signatures { margin: 1mm 0; padding-left: 5mm; }
dl.title-block { display: grid; grid-template-columns: max-content auto; gap: 0.8mm 5mm; }
dl.title-block dt { font-weight: bold; }
dl.title-block dd { margin: 0; }
figure { margin: 2mm 0 4mm 0; break-inside: avoid; }
figcaption { font-size: 9pt; margin-bottom: 1mm; }
.hash { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
nav ol { columns: 2; }
@media screen { body { max-width: 1180px; margin: 1.5em auto; padding: 0 1em; } }
)";

void write_head(rmr::HtmlReportWriter& w) {
  const auto& file = w.file().file;
  w.raw(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\"/>"
      "<meta name=\"generator\" content=\"riskloop\"/><title>Risk management report: ");
  w.text(file.title);
  w.raw("</title><style>");
  w.raw(kStyle);
  w.raw("</style></head>\n<body>\n");
}

void write_title_block(rmr::HtmlReportWriter& w) {
  w.raw("<header><h1>Risk management report</h1><dl class=\"title-block\">");
  for (const auto& item : rmr::title_items(w)) {
    w.raw("<dt>");
    w.text(item.term);
    w.raw(item.is_hash ? "</dt><dd class=\"hash\">" : "</dt><dd>");
    w.text(item.value);
    w.raw("</dd>");
  }
  w.raw("</dl>");
  w.paragraph(rmr::kIntroduction, rmr::Tone::note);
  w.raw("</header>\n<nav><h2>Contents</h2><ol>");
  for (const auto& [id, title] : rmr::contents()) {
    w.raw("<li><a href=\"#");
    w.text(id);
    w.raw("\">");
    w.text(title);
    w.raw("</a></li>");
  }
  w.raw("</ol></nav>\n");
}

void write_integrity(rmr::HtmlReportWriter& w) {
  const auto& d = w.data();
  w.open_section("integrity", "16 Record integrity");
  w.paragraph(rmr::kIntegrityExplanation);
  w.raw("<p>Journal head hash: <span class=\"hash\" id=\"journal-head\">");
  w.text(rmr::journal_head_text(d));
  w.raw("</span></p><p>Generated: <time datetime=\"");
  w.text(format_timestamp(d.generated_at));
  w.raw("\">");
  w.text(rmr::utc_text(d.generated_at));
  w.raw("</time></p>");
  w.close_section();
}

}  // namespace

std::string render_rmr_html(const RmrData& data) {
  std::vector<risk::RiskAssessment> recomputed;
  rmr::HtmlReportWriter w(data, rmr::report_assessments(data, recomputed));
  const auto& s = data.snapshot;
  w.out().reserve(
      8192 + 900 * (s.hazards.size() + s.situations.size() + s.harms.size() + s.controls.size()) +
      2000 * s.situation_harms.size());
  write_head(w);
  write_title_block(w);
  w.raw("<main>\n");
  rmr::write_plan_sections(w);
  rmr::write_analysis_sections(w);
  rmr::write_decision_sections(w);
  rmr::write_traceability_section(w);
  rmr::write_signature_section(w);
  write_integrity(w);
  w.raw("</main>\n</body></html>\n");
  return w.take();
}

}  // namespace riskloop::formats
