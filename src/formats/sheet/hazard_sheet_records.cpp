// Canonical cells -> core inputs, and the API's record rules reported in sheet terms.
#include "formats/sheet/hazard_sheet_records.hpp"

#include <string_view>
#include <utility>

#include "core/enum_names.hpp"

namespace riskloop::formats {
namespace {

using C = HazardColumn;

const std::string& at(const CanonicalRow& row, C column) {
  return row[static_cast<std::size_t>(column)];
}

template <NamedEnum E>
E enum_at(const CanonicalRow& row, C column, E fallback) {
  const auto& text = at(row, column);
  if (text.empty()) return fallback;
  return enum_from_name<E>(text).value_or(fallback);
}

// The column a field of an input struct comes from, per group.
struct FieldColumn {
  std::string_view field;
  C column;
};

constexpr FieldColumn kHazardFields[] = {
    {"title", C::hazard}, {"description", C::hazard_description}, {"category", C::hazard_category}};
constexpr FieldColumn kSituationFields[] = {{"title", C::hazardous_situation},
                                            {"sequence_of_events", C::sequence_of_events},
                                            {"p1", C::p1},
                                            {"p1_rationale", C::p1_rationale}};
constexpr FieldColumn kHarmFields[] = {{"title", C::harm},
                                       {"description", C::harm_description},
                                       {"severity_rank", C::severity},
                                       {"severity_rationale", C::severity_rationale}};
constexpr FieldColumn kRiskFields[] = {{"situation_id", C::situation_ref},
                                       {"harm_id", C::harm_ref},
                                       {"p2", C::p2},
                                       {"consequences", C::consequences},
                                       {"rationale", C::rationale}};
constexpr FieldColumn kResidualFields[] = {{"situation_harm_id", C::situation_ref},
                                           {"p1", C::residual_p1},
                                           {"p2", C::residual_p2},
                                           {"severity_rank", C::residual_severity},
                                           {"rationale", C::residual_rationale},
                                           {"consequences", C::residual_consequences}};
constexpr FieldColumn kControlFields[] = {
    {"title", C::control},
    {"description", C::control_description},
    {"option_justification", C::option_justification},
    {"implementation_reference", C::implementation_reference},
    {"implementation_verification", C::implementation_verification},
    {"implementation_evidence", C::implementation_evidence},
    {"effectiveness_verification", C::effectiveness_verification},
    {"effectiveness_evidence", C::effectiveness_evidence}};

template <std::size_t N>
void add_rule_issue(std::vector<SheetIssue>& out, const Status& status,
                    const FieldColumn (&fields)[N], C fallback, std::int64_t number) {
  if (status) return;
  std::string_view pointer = status.error().location;
  if (pointer.starts_with('/')) pointer.remove_prefix(1);
  const auto slash = pointer.find('/');
  const auto field = pointer.substr(0, slash);
  C column = fallback;
  for (const auto& f : fields)
    if (f.field == field) column = f.column;
  out.push_back({number, std::string(column_name(column)), status.error().message});
}

void require(std::vector<SheetIssue>& out, const CanonicalRow& row, C column, std::int64_t number,
             std::string_view why) {
  if (at(row, column).empty())
    out.push_back({number, std::string(column_name(column)), "is required " + std::string(why)});
}

void residual_rule_issues(std::vector<SheetIssue>& out, const CanonicalRow& row,
                          std::int64_t number) {
  if (!has_residual(row)) return;
  const auto before = out.size();
  constexpr std::string_view kWhy = "when the risk has a residual estimate";
  require(out, row, C::residual_severity, number, kWhy);
  require(out, row, C::residual_rationale, number, kWhy);
  if (!bool_cell(at(row, C::residual_probability_not_estimable))) {
    constexpr std::string_view kWhyP =
        "when the risk has a residual estimate whose probability is estimable";
    require(out, row, C::residual_p1, number, kWhyP);
    require(out, row, C::residual_p2, number, kWhyP);
  } else {
    require(out, row, C::residual_consequences, number,
            "when the risk has a residual estimate whose probability is not estimable");
  }
  if (out.size() > before) return;
  auto input = residual_input(row);
  input.situation_harm_id = "risk";
  add_rule_issue(out, risk::validate(input), kResidualFields, C::residual_rationale, number);
}

}  // namespace

risk::HazardInput hazard_input(const CanonicalRow& row) {
  risk::HazardInput in;
  in.title = at(row, C::hazard);
  in.description = at(row, C::hazard_description);
  in.category = at(row, C::hazard_category);
  in.condition = enum_at(row, C::condition, risk::HazardCondition::normal_use);
  in.mission = mission_cell(at(row, C::hazard_mission));
  in.stage = stage_cell(at(row, C::hazard_stage));
  return in;
}

risk::HazardousSituationInput situation_input(const CanonicalRow& row) {
  risk::HazardousSituationInput in;
  in.title = at(row, C::hazardous_situation);
  in.sequence_of_events = at(row, C::sequence_of_events);
  in.p1 = probability_cell(at(row, C::p1));
  in.p1_source = source_cell(at(row, C::p1_source));
  in.p1_rationale = at(row, C::p1_rationale);
  in.mission = mission_cell(at(row, C::situation_mission));
  in.stage = stage_cell(at(row, C::situation_stage));
  return in;
}

risk::HarmInput harm_input(const CanonicalRow& row) {
  risk::HarmInput in;
  in.title = at(row, C::harm);
  in.description = at(row, C::harm_description);
  in.severity_rank = severity_cell(at(row, C::severity));
  in.severity_rationale = at(row, C::severity_rationale);
  in.mission = mission_cell(at(row, C::harm_mission));
  in.stage = stage_cell(at(row, C::harm_stage));
  return in;
}

risk::SituationHarmInput risk_input(const CanonicalRow& row) {
  risk::SituationHarmInput in;
  in.p2 = probability_cell(at(row, C::p2));
  in.probability_not_estimable = bool_cell(at(row, C::probability_not_estimable));
  in.consequences = at(row, C::consequences);
  in.source = source_cell(at(row, C::source));
  in.rationale = at(row, C::rationale);
  in.mission = mission_cell(at(row, C::risk_mission));
  in.stage = stage_cell(at(row, C::risk_stage));
  return in;
}

bool has_residual(const CanonicalRow& row) {
  for (const auto& column : hazard_sheet_columns())
    if (column.group == SheetGroup::residual && !at(row, column.id).empty()) return true;
  return false;
}

risk::ResidualEstimateInput residual_input(const CanonicalRow& row) {
  risk::ResidualEstimateInput in;
  in.probability_not_estimable = bool_cell(at(row, C::residual_probability_not_estimable));
  // Empty cells stay absent: validate() names them, nothing defaults to 0.
  in.p1 = probability_cell(at(row, C::residual_p1));
  in.p2 = probability_cell(at(row, C::residual_p2));
  in.severity_rank = severity_cell(at(row, C::residual_severity));
  in.source = source_cell(at(row, C::residual_source));
  in.rationale = at(row, C::residual_rationale);
  in.consequences = at(row, C::residual_consequences);
  return in;
}

risk::RiskControlInput control_input(const CanonicalRow& row) {
  using risk::VerificationResult;
  risk::RiskControlInput in;
  in.title = at(row, C::control);
  in.description = at(row, C::control_description);
  in.option = enum_at(row, C::control_option, risk::ControlOption::inherent_safety);
  in.option_justification = at(row, C::option_justification);
  in.implementation_reference = at(row, C::implementation_reference);
  in.implementation_verification =
      enum_at(row, C::implementation_verification, VerificationResult::pending);
  in.implementation_evidence = at(row, C::implementation_evidence);
  in.effectiveness_verification =
      enum_at(row, C::effectiveness_verification, VerificationResult::pending);
  in.effectiveness_evidence = at(row, C::effectiveness_evidence);
  in.new_risks_reviewed = bool_cell(at(row, C::new_risks_reviewed));
  in.mission = mission_cell(at(row, C::control_mission));
  in.stage = stage_cell(at(row, C::control_stage));
  return in;
}

std::vector<SheetIssue> record_rule_issues(SheetGroup group, const CanonicalRow& row,
                                           std::int64_t number) {
  std::vector<SheetIssue> out;
  switch (group) {
    case SheetGroup::hazard:
      add_rule_issue(out, risk::validate(hazard_input(row)), kHazardFields, C::hazard, number);
      break;
    case SheetGroup::situation:
      add_rule_issue(out, risk::validate(situation_input(row)), kSituationFields,
                     C::hazardous_situation, number);
      break;
    case SheetGroup::harm:
      add_rule_issue(out, risk::validate(harm_input(row)), kHarmFields, C::harm, number);
      break;
    case SheetGroup::risk: {
      auto in = risk_input(row);
      in.situation_id = at(row, C::situation_ref);
      in.harm_id = at(row, C::harm_ref);
      add_rule_issue(out, risk::validate(in), kRiskFields, C::rationale, number);
      residual_rule_issues(out, row, number);
      break;
    }
    case SheetGroup::control:
      require(out, row, C::control_option, number,
              "for a risk control (its priority, ISO 14971 7.1)");
      if (out.empty())
        add_rule_issue(out, risk::validate(control_input(row)), kControlFields, C::control, number);
      break;
    case SheetGroup::residual:
      break;  // part of the risk
  }
  return out;
}

}  // namespace riskloop::formats
