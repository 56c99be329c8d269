// The risk management file of one product (ISO 14971 4.4, 4.5, 5.1-5.3): scope, intended use,
// safety characteristics, the plan and the pinned policy version.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "core/risk/frame.hpp"

namespace riskloop::risk {

// A qualitative or quantitative characteristic related to safety, with its limits (5.3).
struct SafetyCharacteristic {
  std::string name;         // "Radial strength"
  std::string description;  // what it is and why it matters for safety
  std::string limits;       // "≥ 0.1 N/mm at nominal diameter"

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("description", s.description);
    v("limits", s.limits);
  }
};

// The seven required contents of the risk management plan, ISO 14971 4.4 a) to g).
enum class PlanSection {
  scope,                    // a) device, life-cycle phases covered
  responsibilities,         // b) responsibilities and authorities
  review_requirements,      // c) requirements for review of risk management activities
  acceptability_criteria,   // d) criteria, incl. when probability cannot be estimated
  overall_residual_method,  // e) method and criteria for overall residual risk
  verification_activities,  // f) verification of implementation and effectiveness of controls
  production_information,   // g) collection and review of production/post-production information
};

struct RiskFile {
  static constexpr std::string_view entity = "risk_file";
  static constexpr std::string_view table = "risk_files";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id product_id;
  std::string title;
  std::string device_description;                            // 5.1
  std::vector<std::string> analysts;                         // 5.1: persons performing the analysis
  std::string intended_use;                                  // 5.2
  std::string reasonably_foreseeable_misuse;                 // 5.2
  std::vector<SafetyCharacteristic> safety_characteristics;  // 5.3
  std::string plan_scope;                                    // 4.4 a
  std::string plan_responsibilities;                         // 4.4 b
  std::string plan_review_requirements;                      // 4.4 c
  std::string plan_acceptability_criteria;                   // 4.4 d
  std::string plan_overall_residual_method;                  // 4.4 e
  std::string plan_verification_activities;                  // 4.4 f
  std::string plan_production_information;                   // 4.4 g
  Id policy_id;                                              // the pinned policy ...
  std::int64_t policy_version = 1;                           // ... and its version
  Stage stage = Stage::design;               // the last gate passed; set by gate decisions
  std::int64_t review_period_days = 365;     // between risk management reviews
  std::optional<Timestamp> next_review_due;  // set when a review closes (review_due_after)

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("product_id", s.product_id);
    v("title", s.title);
    v("device_description", s.device_description);
    v("analysts", s.analysts);
    v("intended_use", s.intended_use);
    v("reasonably_foreseeable_misuse", s.reasonably_foreseeable_misuse);
    v("safety_characteristics", s.safety_characteristics);
    v("plan_scope", s.plan_scope);
    v("plan_responsibilities", s.plan_responsibilities);
    v("plan_review_requirements", s.plan_review_requirements);
    v("plan_acceptability_criteria", s.plan_acceptability_criteria);
    v("plan_overall_residual_method", s.plan_overall_residual_method);
    v("plan_verification_activities", s.plan_verification_activities);
    v("plan_production_information", s.plan_production_information);
    v("policy_id", s.policy_id);
    v("policy_version", s.policy_version);
    v("stage", s.stage);
    v("review_period_days", s.review_period_days);
    v("next_review_due", s.next_review_due);
  }
};

// The fields a person may set. The stage moves only through gate decisions.
struct RiskFileInput {
  Id product_id;
  std::string title;
  std::string device_description;
  std::vector<std::string> analysts;
  std::string intended_use;
  std::string reasonably_foreseeable_misuse;
  std::vector<SafetyCharacteristic> safety_characteristics;
  std::string plan_scope;
  std::string plan_responsibilities;
  std::string plan_review_requirements;
  std::string plan_acceptability_criteria;
  std::string plan_overall_residual_method;
  std::string plan_verification_activities;
  std::string plan_production_information;
  Id policy_id;
  std::int64_t policy_version = 1;
  std::int64_t review_period_days = 365;
  std::optional<Timestamp> next_review_due;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("product_id", s.product_id);
    v("title", s.title);
    v("device_description", s.device_description);
    v("analysts", s.analysts);
    v("intended_use", s.intended_use);
    v("reasonably_foreseeable_misuse", s.reasonably_foreseeable_misuse);
    v("safety_characteristics", s.safety_characteristics);
    v("plan_scope", s.plan_scope);
    v("plan_responsibilities", s.plan_responsibilities);
    v("plan_review_requirements", s.plan_review_requirements);
    v("plan_acceptability_criteria", s.plan_acceptability_criteria);
    v("plan_overall_residual_method", s.plan_overall_residual_method);
    v("plan_verification_activities", s.plan_verification_activities);
    v("plan_production_information", s.plan_production_information);
    v("policy_id", s.policy_id);
    v("policy_version", s.policy_version);
    v("review_period_days", s.review_period_days);
    v("next_review_due", s.next_review_due);
  }
};

// product_id, title and policy_id required; policy_version >= 1; review_period_days 1..3650;
// texts within their lengths; analysts and safety characteristic names non-empty, unique.
// Plan sections may be empty while the plan is written: the gates require them, not the input.
Status validate(const RiskFileInput& input);

// "4.4 c) review requirements": how messages name a section.
std::string_view plan_section_label(PlanSection section);
// The text of `section` in `file`.
const std::string& plan_section_text(const RiskFile& file, PlanSection section);
// Sections whose text is empty or only white space, in a) to g) order.
std::vector<PlanSection> missing_plan_sections(const RiskFile& file);

// When the next review falls due after one held at `held_at`.
Timestamp review_due_after(Timestamp held_at, std::int64_t period_days);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::PlanSection> {
  static constexpr std::array<std::string_view, 7> names = {"scope",
                                                            "responsibilities",
                                                            "review_requirements",
                                                            "acceptability_criteria",
                                                            "overall_residual_method",
                                                            "verification_activities",
                                                            "production_information"};
};

}  // namespace riskloop
