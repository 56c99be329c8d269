// The risk file page: one page per file with tabs (risk matrix, plan, hazards, risks, controls,
// benefit-risk, overall residual risk, gates, reviews, report). Every tab is built from one
// assessment of the file (one read transaction), so a page costs one snapshot load however many
// items the file has; tables are filtered, sorted and paginated in memory.
//
// Writes come back to the page they were made on: a form carries `back` (the tab's query string)
// and the answer is the page for that state, with the form's errors next to their fields when it
// failed (422). htmx swaps #tab-panel out of it; a plain form post gets the same page.
#pragma once

#include <optional>
#include <string>

#include "app/app.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/file_index.hpp"
#include "web/form_input.hpp"
#include "web/page.hpp"

namespace riskloop::web {

// The tab and its table state, as carried in the query string.
struct TabState {
  std::string tab = "matrix";
  std::string q;             // text filter
  std::string sort;          // column key
  bool descending = false;
  int page = 1;
  std::string category;      // hazards: category filter
  std::string phase = "current";  // risks: heat-map phase of the cell filter (initial, current)
  std::optional<std::int64_t> severity;     // risks: cell filter
  std::optional<std::int64_t> probability;  // risks: cell filter
  std::string step;          // risks: step filter
  std::string stage;         // gates: stage to show

  static TabState parse(std::string_view query);
  std::string to_query() const;  // "tab=risks&severity=4&..." (only what differs from defaults)
};

// A form that failed, to show again with its errors: which form (add_chain, edit:<kind>:<id>,
// add_control, ...), the values sent and the errors by field.
struct FailedForm {
  std::string form;
  const http::FormFields* submitted = nullptr;
  FieldErrors errors;
};

// The file as every tab sees it. Not copyable or movable: the index points into the assessment's
// snapshot, so a FileView is loaded in place (load_file_view) and passed by reference.
struct FileView {
  FileView() = default;
  FileView(const FileView&) = delete;
  FileView& operator=(const FileView&) = delete;

  app::FileAssessment assessment;
  std::optional<risk::CompiledPolicy> policy;
  std::optional<risk::RiskFileIndex> index;  // over assessment.snapshot
  const risk::RiskFileSnapshot& snapshot() const { return assessment.snapshot; }
};

// Loads the file into `view`, which must be empty (not_found when the principal may not see it).
[[nodiscard]] Status load_file_view(Call& c, const Id& file_id, FileView& view);

// The whole page for `state`, optionally with a failed form and a notice.
Response file_page(Call& c, const FileView& view, const TabState& state,
                   const FailedForm* failed = nullptr, std::string_view notice = {},
                   int status = 200);

// After a write on the file: the page the form came from (its `back` field), with `notice`.
Response after_file_write(Call& c, const Id& file_id, std::string_view notice);
// A form that failed validation: the page it came from with the errors (422).
Response after_failed_form(Call& c, const Id& file_id, FailedForm failed);

// Tab builders (each sets the keys its template reads into `d`).
void plan_tab(Call& c, const FileView& v, const FailedForm* failed, Data& d);
void matrix_tab(Call& c, const FileView& v, Data& d);
void hazards_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d);
void situations_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed,
                    Data& d);
void harms_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d);
void risks_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d);
void controls_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d);
void benefit_risk_tab(Call& c, const FileView& v, const FailedForm* failed, Data& d);
void overall_tab(Call& c, const FileView& v, const FailedForm* failed, Data& d);
void gates_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d);
void reviews_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d);

// Shared pieces: one page of a table, the signatures of a record, severity choices.
struct PageSlice {
  std::size_t begin = 0, end = 0, total = 0;
  int page = 1, pages = 1;
};
PageSlice slice(std::size_t total, int page, std::size_t per_page = 50);
void set_pager(Data& d, const PageSlice& p, const TabState& s, const Id& file_id);
List signatures_of(const FileView& v, std::string_view entity, const Id& id);
std::vector<std::pair<std::string, std::string>> severity_choices(const FileView& v);
// Display of an evaluation: "Serious × Remote" and its acceptability as a badge.
void set_evaluation(Data& d, std::string_view key, const FileView& v,
                    const std::optional<risk::Evaluation>& e);

// The first stage whose gate the file has not passed (post-launch once all have passed): the gate
// its header counts blocking reasons for and the gates tab checks first.
risk::Stage next_gate_stage(const FileView& v);

}  // namespace riskloop::web
