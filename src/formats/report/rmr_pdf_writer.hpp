// The risk management report's sections laid out on PDF pages: headings with bookmarks, text in
// styles for notes and gaps, tables with repeating header rows, cells filled by verdict, and the
// heat maps drawn as grids. Internal to the report.
#pragma once

#include <string>
#include <vector>

#include "formats/pdf/pdf_layout.hpp"
#include "formats/pdf/pdf_pages.hpp"
#include "formats/report/rmr_writer.hpp"

namespace riskloop::formats::rmr {

class PdfReportWriter final : public ReportWriter {
 public:
  PdfReportWriter(const RmrData& data, std::span<const risk::RiskAssessment> assessments,
                  pdf::FontSet& fonts);

  pdf::PdfLayout& layout() { return layout_; }
  std::vector<pdf::OutlineItem>& outline() { return outline_; }
  // The page (0-based) each section starts on, by section id.
  const std::vector<std::pair<std::string, std::size_t>>& section_pages() const {
    return section_pages_;
  }
  const pdf::TextStyle& body() const { return body_; }

  void open_section(std::string_view id, std::string_view title) override;
  void close_section() override {}
  void subheading(std::string_view title) override;
  void paragraph(std::string_view text, Tone tone = Tone::plain) override;
  void verdict_paragraph(std::string_view text, risk::Acceptability verdict) override;
  void multiline(std::string_view text) override;
  void bullet_list(std::string_view kind, std::span<const std::string> items) override;
  void heat_map(HeatMapPhase phase, std::string_view id, std::string_view title) override;
  void open_group(std::string_view) override {}
  void close_group() override {}
  void signature_block(std::string_view entity, std::string_view record_id) override;

  void close_table() override { layout_.end_table(); }
  void open_row() override { row_.clear(); }
  void close_row() override { layout_.add_row(row_); }
  void cell(std::string_view text) override;
  void row_header_cell(std::string_view text) override;
  void multiline_cell(std::string_view text, int span = 1) override;
  void number_cell(std::int64_t value) override;
  void verdict_cell(std::string_view text, risk::Acceptability verdict) override;
  void missing_cell(std::string_view text, int span = 1) override;
  void verification_cell(std::string_view text, bool passed) override;
  void hash_cell(std::string_view text) override;
  void titled_cell(std::string_view title, std::string_view description) override;
  void lines_cell(std::span<const std::string> lines) override;
  void list_cell(std::string_view kind, std::span<const ListItem> items) override;
  void signatures_cell(std::string_view entity, std::string_view record_id) override;

 protected:
  void begin_table(std::string_view kind, std::span<const Column> columns) override;

 private:
  pdf::TableCell& add_cell(std::string_view text, const pdf::TextStyle& style, int span = 1);
  void draw_heat_map(pdf::PdfCanvas& c, const pdf::Placement& at, const HeatMapCounts& counts);

  pdf::PdfLayout layout_;
  pdf::TextStyle body_, note_, missing_, cell_, cell_bold_, cell_missing_;
  std::vector<pdf::TableCell> row_;
  std::vector<pdf::OutlineItem> outline_;
  std::vector<std::pair<std::string, std::size_t>> section_pages_;
};

// Fill of a cell or box that shows a verdict (the words always say it too).
pdf::Rgb verdict_fill(risk::Acceptability verdict);

}  // namespace riskloop::formats::rmr
