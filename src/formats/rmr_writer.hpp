// What the sections of the risk management report share: the data, its index and assessments,
// and small writers for escaped text, tables and signatures. Internal to the report.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/risk/file_index.hpp"
#include "formats/html_escape.hpp"
#include "formats/rmr_html.hpp"

namespace riskloop::formats::rmr {

class ReportWriter {
 public:
  ReportWriter(const RmrData& data, std::span<const risk::RiskAssessment> assessments);

  const RmrData& data() const { return data_; }
  const risk::RiskFileSnapshot& file() const { return data_.snapshot; }
  const risk::CompiledPolicy& policy() const { return data_.policy; }
  const risk::RiskFileIndex& index() const { return index_; }
  std::span<const risk::RiskAssessment> assessments() const { return assessments_; }
  std::string& out() { return out_; }
  std::string take() { return std::move(out_); }

  // Markup as it is (our own constant tags only).
  void raw(std::string_view markup) { out_ += markup; }
  // Data: always escaped.
  void text(std::string_view data) { append_html(out_, data); }

  // <section id=..><h2>title</h2> ... </section>
  void open_section(std::string_view id, std::string_view title);
  void close_section() { raw("</section>\n"); }
  // <h3>title</h3>
  void subheading(std::string_view title);
  // <p class=..>text</p>; a paragraph that keeps the line breaks of `text`.
  void paragraph(std::string_view text, std::string_view css_class = {});
  void multiline(std::string_view text);
  // Starts a table with a repeating header; rows follow with row()/cell(); end with close_table.
  void open_table(std::string_view css_class, std::initializer_list<std::string_view> headers);
  void close_table() { raw("</tbody></table>\n"); }
  void open_row() { raw("<tr>"); }
  void close_row() { raw("</tr>\n"); }
  void cell(std::string_view data);
  void multiline_cell(std::string_view data);
  void number_cell(std::int64_t value);
  // A cell whose text is an acceptability verdict, styled by it (the word is always there).
  void verdict_cell(std::string_view text, risk::Acceptability acceptability);
  // A small list of signatures on the record, or "not signed".
  void signatures(std::string_view entity, std::string_view record_id);
  bool has_signatures(std::string_view entity, std::string_view record_id) const;

 private:
  const RmrData& data_;
  risk::RiskFileIndex index_;
  std::span<const risk::RiskAssessment> assessments_;
  std::unordered_multimap<std::string, const SignatureLine*> signatures_;  // entity + '/' + id
  std::string out_;
};

// "2026-11-25 15:06:11 UTC"
std::string utc_text(Timestamp t);
// "Serious (3)", or "severity 9 (not in the policy)".
std::string severity_text(const risk::CompiledPolicy& policy, std::int64_t rank);
// "Serious x Remote (P = 2e-06): acceptable" (core's describe()).
std::string evaluation_text(const risk::CompiledPolicy& policy, const risk::Evaluation& ev);
// "situation title → harm title" of the risk at `pair` (ids where an end is unknown).
std::string risk_name(const ReportWriter& w, std::size_t pair);
// "pass", "fail", "pending".
std::string_view verification_text(risk::VerificationResult result);
// "design", "manufacturing", "post-launch"
std::string_view stage_text(risk::Stage stage);

// The sections, in report order.
void write_plan_sections(ReportWriter& w);         // 1-3
void write_analysis_sections(ReportWriter& w);     // 4-9
void write_decision_sections(ReportWriter& w);     // 10-13
void write_traceability_section(ReportWriter& w);  // 14
void write_signature_section(ReportWriter& w);     // 15

}  // namespace riskloop::formats::rmr
