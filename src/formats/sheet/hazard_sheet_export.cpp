// Risk file -> hazard sheet rows, then CSV or XLSX.
#include "formats/sheet/hazard_sheet_export.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/enum_names.hpp"
#include "core/risk/file_index.hpp"
#include "core/risk/item_refs.hpp"
#include "formats/sheet/hazard_sheet_cells.hpp"
#include "formats/sheet/hazard_sheet_columns.hpp"

namespace riskloop::formats {
namespace {

using C = HazardColumn;
using risk::RiskFileIndex;
constexpr auto npos = RiskFileIndex::npos;

class RowWriter {
 public:
  explicit RowWriter(RiskSheet& sheet) : sheet_(sheet) {}

  std::vector<std::string>& start() {
    SheetRow row;
    row.number = static_cast<std::int64_t>(sheet_.rows.size()) + 2;
    row.cells.resize(kHazardColumnCount);
    sheet_.rows.push_back(std::move(row));
    return sheet_.rows.back().cells;
  }

 private:
  RiskSheet& sheet_;
};

void put(std::vector<std::string>& cells, C column, std::string value) {
  cells[static_cast<std::size_t>(column)] = std::move(value);
}

template <NamedEnum E>
std::string name(E value) {
  return std::string(name_of(value));
}

void put_hazard(std::vector<std::string>& cells, const risk::Hazard& h) {
  put(cells, C::hazard_ref, risk::ref_or_id(h));
  put(cells, C::hazard, h.title);
  put(cells, C::hazard_description, h.description);
  put(cells, C::hazard_category, h.category);
  put(cells, C::condition, name(h.condition));
  put(cells, C::hazard_mission, name(h.mission));
  put(cells, C::hazard_stage, name(h.stage));
}

void put_situation(std::vector<std::string>& cells, const risk::HazardousSituation& s) {
  put(cells, C::situation_ref, risk::ref_or_id(s));
  put(cells, C::hazardous_situation, s.title);
  put(cells, C::sequence_of_events, s.sequence_of_events);
  put(cells, C::p1, probability_text(s.p1));
  put(cells, C::p1_source, name(s.p1_source));
  put(cells, C::p1_rationale, s.p1_rationale);
  put(cells, C::situation_mission, name(s.mission));
  put(cells, C::situation_stage, name(s.stage));
}

void put_harm(std::vector<std::string>& cells, const risk::Harm& h) {
  put(cells, C::harm_ref, risk::ref_or_id(h));
  put(cells, C::harm, h.title);
  put(cells, C::harm_description, h.description);
  put(cells, C::severity, severity_text(h.severity_rank));
  put(cells, C::severity_rationale, h.severity_rationale);
  put(cells, C::harm_mission, name(h.mission));
  put(cells, C::harm_stage, name(h.stage));
}

// `severity_control_ref`: the ref of the control the residual estimate names, if any.
void put_risk(std::vector<std::string>& cells, const risk::SituationHarm& p,
              const risk::ResidualEstimate* residual, const std::string& severity_control_ref) {
  put(cells, C::risk_ref, risk::ref_or_id(p));
  put(cells, C::p2, probability_text(p.p2));
  put(cells, C::probability_not_estimable, bool_text(p.probability_not_estimable));
  put(cells, C::consequences, p.consequences);
  put(cells, C::source, name(p.source));
  put(cells, C::rationale, p.rationale);
  put(cells, C::risk_mission, name(p.mission));
  put(cells, C::risk_stage, name(p.stage));
  if (!residual) return;
  if (!residual->probability_not_estimable) {  // else P1 and P2 stay empty, as on input
    put(cells, C::residual_p1, probability_text(residual->p1));
    put(cells, C::residual_p2, probability_text(residual->p2));
  }
  put(cells, C::residual_severity, severity_text(residual->severity_rank));
  put(cells, C::residual_probability_not_estimable, bool_text(residual->probability_not_estimable));
  put(cells, C::residual_source, name(residual->source));
  put(cells, C::residual_rationale, residual->rationale);
  put(cells, C::residual_consequences, residual->consequences);
  put(cells, C::residual_severity_control_ref, severity_control_ref);
}

void put_control(std::vector<std::string>& cells, const risk::RiskControl& c) {
  put(cells, C::control_ref, risk::ref_or_id(c));
  put(cells, C::control, c.title);
  put(cells, C::control_description, c.description);
  put(cells, C::control_option, name(c.option));
  put(cells, C::option_justification, c.option_justification);
  put(cells, C::implementation_reference, c.implementation_reference);
  put(cells, C::implementation_verification, name(c.implementation_verification));
  put(cells, C::implementation_evidence, c.implementation_evidence);
  put(cells, C::effectiveness_verification, name(c.effectiveness_verification));
  put(cells, C::effectiveness_evidence, c.effectiveness_evidence);
  put(cells, C::new_risks_reviewed, bool_text(c.new_risks_reviewed));
  put(cells, C::control_mission, name(c.mission));
  put(cells, C::control_stage, name(c.stage));
}

// Positions in `items`, without repeats, in first-seen order (adjacency lists are short).
std::vector<std::size_t> distinct(std::span<const std::size_t> items) {
  std::vector<std::size_t> out;
  out.reserve(items.size());
  for (auto i : items)
    if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
  return out;
}

Status check_exportable(const RiskFileIndex& index) {
  for (const auto& b : index.broken_links()) {
    if (b.entity == risk::BenefitRisk::entity || b.entity == risk::IntroducedHazard::entity ||
        b.entity == risk::ResidualEstimate::entity)
      continue;  // not part of the sheet
    return fail(ErrorCode::validation, std::string(b.entity) + " " + std::string(b.link_id) +
                                           " names " + std::string(b.field) + " " +
                                           std::string(b.target_id) +
                                           ", which is not in the risk file");
  }
  const auto& s = index.snapshot();
  std::unordered_set<std::uint64_t> ends;
  ends.reserve(s.situation_harms.size());
  for (std::size_t p = 0; p < s.situation_harms.size(); ++p) {
    const auto key = (static_cast<std::uint64_t>(index.situation_of_pair(p)) << 32) ^
                     static_cast<std::uint64_t>(index.harm_of_pair(p));
    if (!ends.insert(key).second)
      return fail(ErrorCode::validation,
                  "two risks join the same situation and harm (" + index.pair_name(p) +
                      "); merge them before exporting the hazard sheet",
                  "/situation_harms/" + std::to_string(p));
  }
  return {};
}

void add_pair_rows(RowWriter& out, const RiskFileIndex& index, std::size_t hazard,
                   std::size_t situation, std::size_t pair) {
  const auto& s = index.snapshot();
  const auto residual_at = index.residual_of_pair(pair);
  const auto* residual = residual_at == npos ? nullptr : &s.residual_estimates[residual_at];
  std::string severity_control_ref;
  if (residual && !residual->severity_control_id.empty()) {
    const auto c = index.control(residual->severity_control_id);
    severity_control_ref =
        c == npos ? residual->severity_control_id : risk::ref_or_id(s.controls[c]);
  }
  const auto fill = [&](std::vector<std::string>& cells) {
    if (hazard != npos) put_hazard(cells, s.hazards[hazard]);
    put_situation(cells, s.situations[situation]);
    put_harm(cells, s.harms[index.harm_of_pair(pair)]);
    put_risk(cells, s.situation_harms[pair], residual, severity_control_ref);
  };
  const auto controls = distinct(index.controls_of_pair(pair));
  if (controls.empty()) fill(out.start());
  for (auto c : controls) {
    auto& cells = out.start();
    fill(cells);
    put_control(cells, s.controls[c]);
  }
}

void add_situation_rows(RowWriter& out, const RiskFileIndex& index, std::size_t hazard,
                        std::size_t situation) {
  const auto& s = index.snapshot();
  const auto pairs = distinct(index.pairs_of_situation(situation));
  if (pairs.empty()) {
    auto& cells = out.start();
    if (hazard != npos) put_hazard(cells, s.hazards[hazard]);
    put_situation(cells, s.situations[situation]);
  }
  for (auto p : pairs) add_pair_rows(out, index, hazard, situation, p);
}

}  // namespace

Result<RiskSheet> hazard_sheet_of(const risk::RiskFileSnapshot& s) {
  const RiskFileIndex index(s);
  RL_CHECK(check_exportable(index));

  RiskSheet sheet;
  for (const auto& column : hazard_sheet_columns()) sheet.columns.emplace_back(column.name);
  RowWriter out(sheet);

  std::vector<bool> situation_has_hazard(s.situations.size(), false);
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const auto situations = distinct(index.situations_of_hazard(h));
    if (situations.empty()) put_hazard(out.start(), s.hazards[h]);
    for (auto sit : situations) {
      situation_has_hazard[sit] = true;
      add_situation_rows(out, index, h, sit);
    }
  }
  for (std::size_t sit = 0; sit < s.situations.size(); ++sit)
    if (!situation_has_hazard[sit]) add_situation_rows(out, index, npos, sit);
  for (std::size_t h = 0; h < s.harms.size(); ++h)
    if (index.pairs_of_harm(h).empty()) put_harm(out.start(), s.harms[h]);
  return sheet;
}

Result<std::string> write_csv(const risk::RiskFileSnapshot& snapshot,
                              const CsvWriteOptions& options) {
  const auto sheet = RL_TRY(hazard_sheet_of(snapshot));
  return encode_csv(sheet, options);
}

Status write_xlsx(const risk::RiskFileSnapshot& snapshot, const std::filesystem::path& path,
                  const XlsxWriteOptions& options) {
  const auto sheet = RL_TRY(hazard_sheet_of(snapshot));
  std::vector<XlsxCellType> types;
  for (const auto& column : hazard_sheet_columns()) {
    switch (column.kind) {
      case CellKind::probability:
      case CellKind::severity:
        types.push_back(XlsxCellType::number);
        break;
      case CellKind::boolean:
        types.push_back(XlsxCellType::boolean);
        break;
      default:
        types.push_back(XlsxCellType::text);
        break;
    }
  }
  return write_xlsx_table(sheet, types, path, options);
}

}  // namespace riskloop::formats
