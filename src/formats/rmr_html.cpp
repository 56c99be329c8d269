// The report document: head with print CSS, title block, contents, the sections, integrity.
#include "formats/rmr_html.hpp"

#include "core/risk/file_index.hpp"
#include "formats/rmr_writer.hpp"

namespace riskloop::formats {
namespace {

// Print: A4 with page numbers, table headers repeated on every page, rows not split.
constexpr std::string_view kStyle = R"(
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; }
  @bottom-left { content: "Risk management report"; font-size: 8pt; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; line-height: 1.35; }
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

constexpr std::pair<std::string_view, std::string_view> kContents[] = {
    {"plan", "Risk management plan"},
    {"device", "Device, intended use and safety characteristics"},
    {"policy", "Risk acceptability criteria"},
    {"matrix", "Risk matrix before and after risk control"},
    {"hazards", "Hazards"},
    {"situations", "Hazardous situations"},
    {"harms", "Harms"},
    {"risks", "Risk estimation and evaluation"},
    {"controls", "Risk controls and their verification"},
    {"benefit-risk", "Benefit-risk analyses"},
    {"overall", "Overall residual risk"},
    {"reviews", "Risk management reviews"},
    {"gates", "Stage gates"},
    {"traceability", "Traceability"},
    {"signatures", "Electronic signatures"},
    {"integrity", "Record integrity"},
};

void write_head(rmr::ReportWriter& w) {
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

void write_title_block(rmr::ReportWriter& w) {
  const auto& d = w.data();
  const auto& file = w.file().file;
  const auto& policy = w.policy().policy();
  w.raw("<header><h1>Risk management report</h1><dl class=\"title-block\">");
  const auto item = [&](std::string_view term, std::string_view value) {
    w.raw("<dt>");
    w.text(term);
    w.raw("</dt><dd>");
    w.text(value);
    w.raw("</dd>");
  };
  item("Risk management file", file.title);
  if (!d.product_name.empty()) item("Product", d.product_name);
  if (!d.organization_name.empty()) item("Organization", d.organization_name);
  item("Risk file id", file.header.id);
  item("Record version", std::to_string(file.header.version));
  item("Current stage", std::string(rmr::stage_text(file.stage)) + " (last gate passed)");
  item("Risk policy", policy.name + ", version " + std::to_string(policy.policy_version) + " (" +
                          std::string(name_of(policy.status)) + ")");
  item("Generated", rmr::utc_text(d.generated_at));
  w.raw("<dt>Journal head hash</dt><dd class=\"hash\">");
  w.text(d.journal_head_hash.empty() ? "not given" : d.journal_head_hash);
  w.raw("</dd></dl>");
  w.paragraph(
      "This report records the risk management review of ISO 14971:2019 clause 9: that "
      "the risk management plan has been implemented, that the overall residual risk is "
      "acceptable, and that methods are in place to collect and review production and "
      "post-production information. Printed names, times and meanings of electronic "
      "signatures are shown with the records they sign (21 CFR 11.50).",
      "note");
  w.raw("</header>\n<nav><h2>Contents</h2><ol>");
  for (const auto& [id, title] : kContents) {
    w.raw("<li><a href=\"#");
    w.text(id);
    w.raw("\">");
    w.text(title);
    w.raw("</a></li>");
  }
  w.raw("</ol></nav>\n");
}

void write_integrity(rmr::ReportWriter& w) {
  const auto& d = w.data();
  w.open_section("integrity", "16 Record integrity");
  w.paragraph(
      "Every change to the records above is written to an append-only journal whose "
      "entries are chained by SHA-256. The hash of the last entry when this report was "
      "generated is given below; `riskloop verify` recomputes the chain and compares the "
      "current records with it.");
  w.raw("<p>Journal head hash: <span class=\"hash\" id=\"journal-head\">");
  w.text(d.journal_head_hash.empty() ? "not given" : d.journal_head_hash);
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
  auto assessments = data.assessments;
  if (assessments.size() != data.snapshot.situation_harms.size()) {
    recomputed = risk::assess_risks(risk::RiskFileIndex(data.snapshot), data.policy);
    assessments = recomputed;
  }
  rmr::ReportWriter w(data, assessments);
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
