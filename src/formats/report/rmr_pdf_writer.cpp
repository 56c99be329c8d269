// PDF layout of the report's building blocks.
#include "formats/report/rmr_pdf_writer.hpp"

#include <algorithm>

#include "core/enum_names.hpp"

namespace riskloop::formats::rmr {
namespace {

using pdf::Face;
using pdf::Rgb;
using pdf::TextStyle;

constexpr Rgb kText = 0x111111;
constexpr Rgb kNote = 0x444444;
constexpr Rgb kMissing = 0x8A1C1C;  // dark red, as the HTML's .missing
constexpr Rgb kGrid = 0x555555;
constexpr std::string_view kBullet = "\xE2\x80\xA2 ";

// Sections whose tables are too wide for a portrait page start landscape pages; the title block,
// contents and sections 1-4 stay portrait.
constexpr std::string_view kPortraitSections[] = {"plan", "device", "policy", "matrix"};

bool portrait_section(std::string_view id) {
  return std::find(std::begin(kPortraitSections), std::end(kPortraitSections), id) !=
         std::end(kPortraitSections);
}

// Draws `text` centred on x.
void centred(pdf::PdfCanvas& c, double x, double baseline, const TextStyle& style,
             std::string_view text) {
  const auto line = pdf::shape_line(c.fonts(), style, text);
  c.text(x - line.width / 2, baseline, line);
}

}  // namespace

Rgb verdict_fill(risk::Acceptability verdict) {
  switch (verdict) {
    case risk::Acceptability::acceptable:
      return 0xD4EDD4;
    case risk::Acceptability::investigate:
      return 0xFBE7A8;
    case risk::Acceptability::unacceptable:
      return 0xF3C1C1;
  }
  return 0xFFFFFF;
}

PdfReportWriter::PdfReportWriter(const RmrData& data,
                                 std::span<const risk::RiskAssessment> assessments,
                                 pdf::FontSet& fonts)
    : ReportWriter(data, assessments), layout_(fonts) {
  const auto& o = layout_.options();
  body_ = o.body;
  note_ = {Face::regular, o.body.size - 0.5, kNote};
  missing_ = {Face::regular, o.body.size, kMissing};
  cell_ = o.table;
  cell_bold_ = {Face::bold, o.table.size, kText};
  cell_missing_ = {Face::regular, o.table.size, kMissing};
}

void PdfReportWriter::open_section(std::string_view id, std::string_view title) {
  layout_.set_orientation(portrait_section(id) ? pdf::Orientation::portrait
                                               : pdf::Orientation::landscape);
  layout_.fonts().set_place(std::string(title));
  const auto at = layout_.heading(2, title);
  outline_.push_back({std::string(title), at.page, at.y});
  section_pages_.emplace_back(std::string(id), at.page);
}

void PdfReportWriter::subheading(std::string_view title) {
  layout_.heading(3, title);
}

void PdfReportWriter::paragraph(std::string_view text, Tone tone) {
  switch (tone) {
    case Tone::plain:
      layout_.paragraph(text, body_);
      return;
    case Tone::note:
      layout_.paragraph(text, note_);
      return;
    case Tone::missing:
      layout_.paragraph(text, missing_);
      return;
  }
}

void PdfReportWriter::verdict_paragraph(std::string_view text, risk::Acceptability verdict) {
  layout_.begin_table(std::vector<pdf::TableColumn>(1), pdf::TableLook::boxed);
  const pdf::TableCell box[] = {
      {.paragraphs = {{std::string(text), body_}}, .fill = verdict_fill(verdict)}};
  layout_.add_row(box);
  layout_.end_table();
}

void PdfReportWriter::multiline(std::string_view text) {
  layout_.paragraph(text, body_);
}

void PdfReportWriter::bullet_list(std::string_view, std::span<const std::string> items) {
  for (const auto& item : items) {
    std::string line(kBullet);
    line += item;
    layout_.paragraph(line, body_, 8);
  }
}

void PdfReportWriter::heat_map(HeatMapPhase phase, std::string_view, std::string_view title) {
  const auto counts = count_heat_map(policy(), assessments(), phase);
  const std::string caption = heat_map_caption(title, counts);
  const double rows = static_cast<double>(std::max<std::int64_t>(policy().probability_count(), 1));
  const double height = 16 + rows * 28 + 40;
  layout_.block(height, [&](pdf::PdfCanvas& c, const pdf::Placement& at) {
    const TextStyle bold{Face::bold, body_.size, kText};
    c.text(at.x, at.y + 10, bold, pdf::fit_text(c.fonts(), bold, caption, at.width));
    pdf::Placement grid = at;
    grid.y += 16;
    grid.height -= 16;
    draw_heat_map(c, grid, counts);
  });
  layout_.space(6);
}

// Probability levels bottom to top, severity levels left to right, as in the HTML report's SVG.
void PdfReportWriter::draw_heat_map(pdf::PdfCanvas& c, const pdf::Placement& at,
                                    const HeatMapCounts& counts) {
  const auto& p = policy();
  const auto severities = p.severity_count();
  const auto probabilities = p.probability_count();
  if (severities < 1 || probabilities < 1) return;
  const bool counts_match =
      counts.severity_levels == severities && counts.probability_levels == probabilities;
  constexpr double kCellHeight = 28, kAxis = 14;
  const double label_width = std::min(130.0, at.width * 0.25);
  const double left = at.x + kAxis + label_width;
  const double cell_width =
      std::min(95.0, (at.width - kAxis - label_width) / static_cast<double>(severities));
  const TextStyle count_style{Face::bold, 11, kText};
  const TextStyle verdict_style{Face::regular, 6.5, kText};
  const TextStyle label{Face::regular, 7, kText};
  const TextStyle axis_title{Face::bold, 7.5, kText};

  for (std::int64_t prob = probabilities; prob >= 1; --prob) {
    const double y = at.y + static_cast<double>(probabilities - prob) * kCellHeight;
    const auto row_label = pdf::fit_text(
        c.fonts(), label, p.probability_level(prob).name + " (" + std::to_string(prob) + ")",
        label_width - 6);
    const auto line = pdf::shape_line(c.fonts(), label, row_label);
    c.text(left - 4 - line.width, y + kCellHeight / 2 + 2.5, line);
    for (std::int64_t sev = 1; sev <= severities; ++sev) {
      const double x = left + static_cast<double>(sev - 1) * cell_width;
      const auto verdict = p.acceptability(sev, prob);
      const auto n = counts_match ? counts.at(sev, prob) : 0;
      const auto provisional =
          counts_match && !counts.provisional.empty() ? counts.provisional_at(sev, prob) : 0;
      c.fill_rect(x, y, cell_width, kCellHeight, verdict_fill(verdict));
      c.stroke_rect(x, y, cell_width, kCellHeight, kGrid, provisional > 0 ? 2.0 : 0.6);
      centred(c, x + cell_width / 2, y + 13, count_style, std::to_string(n));
      centred(c, x + cell_width / 2, y + 23, verdict_style,
              provisional > 0 ? std::string(name_of(verdict)) + ", " +
                                    std::to_string(provisional) + " provisional"
                              : std::string(name_of(verdict)));
    }
  }
  const double grid_bottom = at.y + static_cast<double>(probabilities) * kCellHeight;
  for (std::int64_t sev = 1; sev <= severities; ++sev) {
    const double x = left + (static_cast<double>(sev) - 0.5) * cell_width;
    centred(c, x, grid_bottom + 9, label,
            pdf::fit_text(c.fonts(), label, p.severity_level(sev).name, cell_width - 4));
    centred(c, x, grid_bottom + 18, label, "(" + std::to_string(sev) + ")");
  }
  centred(c, left + static_cast<double>(severities) * cell_width / 2, grid_bottom + 30, axis_title,
          "Severity");
  const auto probability_title =
      pdf::fit_text(c.fonts(), axis_title,
                    p.policy().probability_basis == risk::ProbabilityBasis::per_use
                        ? "Probability of harm (per use)"
                        : "Probability of harm (per device-year)",
                    grid_bottom - at.y);
  const auto title_line = pdf::shape_line(c.fonts(), axis_title, probability_title);
  // Rotated: the text runs upwards from its baseline point, centred on the grid's height.
  c.text(at.x + kAxis - 4, (at.y + grid_bottom) / 2 + title_line.width / 2, title_line, true);
}

void PdfReportWriter::signature_block(std::string_view entity, std::string_view record_id) {
  layout_.heading(3, "Signatures");
  const auto lines = signatures_of(entity, record_id);
  if (lines.empty()) {
    layout_.paragraph("Not signed.", missing_);
    return;
  }
  for (const auto* s : lines)
    layout_.paragraph(std::string(kBullet) + signature_text(*s), body_, 8);
}

void PdfReportWriter::begin_table(std::string_view, std::span<const Column> columns) {
  std::vector<pdf::TableColumn> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back({std::string(c.header), c.weight});
  layout_.begin_table(std::move(out), pdf::TableLook::grid);
  row_.clear();
}

pdf::TableCell& PdfReportWriter::add_cell(std::string_view text, const TextStyle& style, int span) {
  auto& cell = row_.emplace_back();
  cell.span = span;
  if (!text.empty()) cell.paragraphs.push_back({std::string(text), style});
  return cell;
}

void PdfReportWriter::cell(std::string_view text) {
  add_cell(text, cell_);
}

void PdfReportWriter::row_header_cell(std::string_view text) {
  add_cell(text, cell_bold_).fill = layout_.options().header_fill;
}

void PdfReportWriter::multiline_cell(std::string_view text, int span) {
  add_cell(text, cell_, span);
}

void PdfReportWriter::number_cell(std::int64_t value) {
  add_cell(std::to_string(value), cell_).align_right = true;
}

void PdfReportWriter::verdict_cell(std::string_view text, risk::Acceptability verdict) {
  add_cell(text, cell_).fill = verdict_fill(verdict);
}

void PdfReportWriter::missing_cell(std::string_view text, int span) {
  add_cell(text, cell_missing_, span);
}

void PdfReportWriter::verification_cell(std::string_view text, bool passed) {
  add_cell(text, passed ? cell_ : cell_missing_);
}

void PdfReportWriter::hash_cell(std::string_view text) {
  add_cell(text, cell_);  // no spaces: wrapping breaks it anywhere
}

void PdfReportWriter::titled_cell(std::string_view title, std::string_view description) {
  auto& c = add_cell(title, cell_bold_);
  if (!description.empty()) c.paragraphs.push_back({std::string(description), cell_});
}

void PdfReportWriter::lines_cell(std::span<const std::string> lines) {
  auto& c = add_cell({}, cell_);
  for (const auto& line : lines) c.paragraphs.push_back({line, cell_});
}

void PdfReportWriter::list_cell(std::string_view, std::span<const ListItem> items) {
  auto& c = add_cell({}, cell_);
  for (const auto& item : items)
    c.paragraphs.push_back(
        {std::string(kBullet) + item.text, item.missing ? cell_missing_ : cell_});
}

void PdfReportWriter::signatures_cell(std::string_view entity, std::string_view record_id) {
  const auto lines = signatures_of(entity, record_id);
  if (lines.empty()) {
    add_cell("Not signed.", cell_missing_);
    return;
  }
  auto& c = add_cell({}, cell_);
  for (const auto* s : lines) c.paragraphs.push_back({signature_text(*s), cell_});
}

}  // namespace riskloop::formats::rmr
