// The risk management report's sections as HTML: tables with <thead> so headers repeat in
// print, classes the print CSS styles, every text escaped. Internal to the report.
#pragma once

#include <string>

#include "formats/report/html_escape.hpp"
#include "formats/report/rmr_writer.hpp"

namespace riskloop::formats::rmr {

class HtmlReportWriter final : public ReportWriter {
 public:
  using ReportWriter::ReportWriter;

  std::string& out() { return out_; }
  std::string take() { return std::move(out_); }
  // Markup as it is (our own constant tags only).
  void raw(std::string_view markup) { out_ += markup; }
  // Data: always escaped.
  void text(std::string_view data) { append_html(out_, data); }
  void paragraph_with_class(std::string_view text, std::string_view css_class);

  void open_section(std::string_view id, std::string_view title) override;
  void close_section() override { raw("</section>\n"); }
  void subheading(std::string_view title) override;
  void paragraph(std::string_view text, Tone tone = Tone::plain) override;
  void verdict_paragraph(std::string_view text, risk::Acceptability verdict) override;
  void multiline(std::string_view text) override;
  void bullet_list(std::string_view kind, std::span<const std::string> items) override;
  void heat_map(HeatMapPhase phase, std::string_view id, std::string_view title) override;
  void open_group(std::string_view kind) override;
  void close_group() override { raw("</div>\n"); }
  void signature_block(std::string_view entity, std::string_view record_id) override;

  void close_table() override { raw("</tbody></table>\n"); }
  void open_row() override { raw("<tr>"); }
  void close_row() override { raw("</tr>\n"); }
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
  void signature_list(std::string_view entity, std::string_view record_id);
  void open_cell(std::string_view css_class, int span);

  std::string out_;
};

}  // namespace riskloop::formats::rmr
