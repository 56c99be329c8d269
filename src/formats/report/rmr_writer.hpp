// What the sections of the risk management report write, and what they share: the data, its
// index and assessments, the signatures per record, and the wording of values. The sections say
// what the report contains (sections, tables, cells, paragraphs) once; the HTML and the PDF
// writer decide how it looks. Internal to the report.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/risk/file_index.hpp"
#include "formats/report/heat_map_svg.hpp"
#include "formats/report/rmr_html.hpp"

namespace riskloop::formats::rmr {

// A table column: its header and its share of the table width (the PDF uses it; browsers size
// HTML columns themselves).
struct Column {
  Column(const char* header, double weight = 1) : header(header), weight(weight) {}
  Column(std::string_view header, double weight = 1) : header(header), weight(weight) {}
  std::string_view header;
  double weight = 1;
};

enum class Tone {
  plain,
  note,     // explanation in smaller print
  missing,  // something the file lacks
};

// An entry of a list in a cell; `missing` marks an entry that shows a gap (e.g. unverified).
struct ListItem {
  std::string text;
  bool missing = false;
};

class ReportWriter {
 public:
  ReportWriter(const RmrData& data, std::span<const risk::RiskAssessment> assessments);
  virtual ~ReportWriter() = default;
  ReportWriter(const ReportWriter&) = delete;
  ReportWriter& operator=(const ReportWriter&) = delete;

  const RmrData& data() const { return data_; }
  const risk::RiskFileSnapshot& file() const { return data_.snapshot; }
  const risk::CompiledPolicy& policy() const { return data_.policy; }
  const risk::RiskFileIndex& index() const { return index_; }
  std::span<const risk::RiskAssessment> assessments() const { return assessments_; }
  // The signatures on one record, oldest first.
  std::vector<const SignatureLine*> signatures_of(std::string_view entity,
                                                  std::string_view record_id) const;

  // Sections and text.
  virtual void open_section(std::string_view id, std::string_view title) = 0;
  virtual void close_section() = 0;
  virtual void subheading(std::string_view title) = 0;
  virtual void paragraph(std::string_view text, Tone tone = Tone::plain) = 0;
  // A conclusion, marked with the verdict (the words say it too).
  virtual void verdict_paragraph(std::string_view text, risk::Acceptability verdict) = 0;
  // Text that keeps its line breaks.
  virtual void multiline(std::string_view text) = 0;
  virtual void bullet_list(std::string_view kind, std::span<const std::string> items) = 0;
  // The risk matrix with the number of risks per cell, titled, with its caption.
  virtual void heat_map(HeatMapPhase phase, std::string_view id, std::string_view title) = 0;
  // Groups what follows, up to close_group, as one record (e.g. the latest conclusion).
  virtual void open_group(std::string_view kind) = 0;
  virtual void close_group() = 0;
  // "Signatures" and the signatures on the record, or that it is not signed.
  virtual void signature_block(std::string_view entity, std::string_view record_id) = 0;

  // Tables: open_table, then per row open_row, cells, close_row; then close_table. Headers
  // repeat on every printed page. `kind` names the table (HTML class).
  void open_table(std::string_view kind, std::initializer_list<Column> columns) {
    begin_table(kind, std::span<const Column>(columns.begin(), columns.size()));
  }
  void open_table(std::string_view kind, std::span<const Column> columns) {
    begin_table(kind, columns);
  }
  virtual void close_table() = 0;
  virtual void open_row() = 0;
  virtual void close_row() = 0;
  virtual void cell(std::string_view text) = 0;
  // A header cell naming its row.
  virtual void row_header_cell(std::string_view text) = 0;
  virtual void multiline_cell(std::string_view text, int span = 1) = 0;
  virtual void number_cell(std::int64_t value) = 0;
  // An acceptability verdict in words, marked by it.
  virtual void verdict_cell(std::string_view text, risk::Acceptability verdict) = 0;
  virtual void missing_cell(std::string_view text, int span = 1) = 0;
  // The result of a verification: `passed` or a gap.
  virtual void verification_cell(std::string_view text, bool passed) = 0;
  // A hash or digest (monospaced in HTML, may break anywhere).
  virtual void hash_cell(std::string_view text) = 0;
  // A title in bold over a multi-line description.
  virtual void titled_cell(std::string_view title, std::string_view description) = 0;
  // Short lines, one under the other.
  virtual void lines_cell(std::span<const std::string> lines) = 0;
  virtual void list_cell(std::string_view kind, std::span<const ListItem> items) = 0;
  // The signatures on a record, or that it is not signed.
  virtual void signatures_cell(std::string_view entity, std::string_view record_id) = 0;

 protected:
  virtual void begin_table(std::string_view kind, std::span<const Column> columns) = 0;

 private:
  const RmrData& data_;
  risk::RiskFileIndex index_;
  std::span<const risk::RiskAssessment> assessments_;
  std::unordered_multimap<std::string, const SignatureLine*> signatures_;  // entity + '/' + id
};

// The assessments the report shows: `data.assessments`, or recomputed into `storage` when they
// do not match the file.
std::span<const risk::RiskAssessment> report_assessments(
    const RmrData& data, std::vector<risk::RiskAssessment>& storage);

// Front matter and closing text, the same in every format.
struct ContentsEntry {
  std::string_view id;
  std::string_view title;
};
std::span<const ContentsEntry> contents();
struct TitleItem {
  std::string term;
  std::string value;
  bool is_hash = false;
};
std::vector<TitleItem> title_items(const ReportWriter& w);
extern const std::string_view kIntroduction;
extern const std::string_view kIntegrityExplanation;
// The journal head hash, or "not given".
std::string journal_head_text(const RmrData& data);

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
// "Dr. Ann Smith — approval — 2024-10-08 13:05:00 UTC"
std::string signature_text(const SignatureLine& s);
// "Before risk control: 7 risks evaluated, 0 not evaluated."
std::string heat_map_caption(std::string_view title, const HeatMapCounts& counts);

// The sections, in report order.
void write_plan_sections(ReportWriter& w);         // 1-3
void write_analysis_sections(ReportWriter& w);     // 4-9
void write_decision_sections(ReportWriter& w);     // 10-13
void write_traceability_section(ReportWriter& w);  // 14
void write_signature_section(ReportWriter& w);     // 15

}  // namespace riskloop::formats::rmr
