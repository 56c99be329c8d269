// Rules for risk files and their plan sections.
#include "core/risk/risk_file.hpp"

#include "core/risk/input_rules.hpp"
#include "core/text_rules.hpp"

namespace riskloop::risk {
namespace {

constexpr PlanSection kSections[] = {
    PlanSection::scope,
    PlanSection::responsibilities,
    PlanSection::review_requirements,
    PlanSection::acceptability_criteria,
    PlanSection::overall_residual_method,
    PlanSection::verification_activities,
    PlanSection::production_information,
};

}  // namespace

Status validate(const RiskFileInput& in) {
  RL_CHECK(check_id("/product_id", in.product_id));
  RL_CHECK(check_title("/title", in.title));
  RL_CHECK(check_long_text("/device_description", in.device_description));
  RL_CHECK(check_entries("/analysts", in.analysts));
  RL_CHECK(check_long_text("/intended_use", in.intended_use));
  RL_CHECK(check_long_text("/reasonably_foreseeable_misuse", in.reasonably_foreseeable_misuse));
  for (std::size_t i = 0; i < in.safety_characteristics.size(); ++i) {
    const auto& c = in.safety_characteristics[i];
    const std::string at = "/safety_characteristics/" + std::to_string(i);
    RL_CHECK(check_title(at + "/name", c.name));
    for (std::size_t k = 0; k < i; ++k)
      if (in.safety_characteristics[k].name == c.name)
        return fail(ErrorCode::validation,
                    "repeats the name of /safety_characteristics/" + std::to_string(k),
                    at + "/name");
    RL_CHECK(check_long_text(at + "/description", c.description));
    RL_CHECK(check_text(at + "/limits", c.limits, {.max_length = 2000, .multiline = true}));
  }
  RL_CHECK(check_long_text("/plan_scope", in.plan_scope));
  RL_CHECK(check_long_text("/plan_responsibilities", in.plan_responsibilities));
  RL_CHECK(check_long_text("/plan_review_requirements", in.plan_review_requirements));
  RL_CHECK(check_long_text("/plan_acceptability_criteria", in.plan_acceptability_criteria));
  RL_CHECK(check_long_text("/plan_overall_residual_method", in.plan_overall_residual_method));
  RL_CHECK(check_long_text("/plan_verification_activities", in.plan_verification_activities));
  RL_CHECK(check_long_text("/plan_production_information", in.plan_production_information));
  RL_CHECK(check_id("/policy_id", in.policy_id));
  if (in.policy_version < 1)
    return fail(ErrorCode::validation,
                "must be 1 or more, got " + std::to_string(in.policy_version), "/policy_version");
  if (in.review_period_days < 1 || in.review_period_days > 3650)
    return fail(ErrorCode::validation,
                "must be 1 to 3650 days, got " + std::to_string(in.review_period_days),
                "/review_period_days");
  return {};
}

std::string_view plan_section_label(PlanSection section) {
  switch (section) {
    case PlanSection::scope:
      return "4.4 a) scope";
    case PlanSection::responsibilities:
      return "4.4 b) responsibilities and authorities";
    case PlanSection::review_requirements:
      return "4.4 c) review requirements";
    case PlanSection::acceptability_criteria:
      return "4.4 d) risk acceptability criteria";
    case PlanSection::overall_residual_method:
      return "4.4 e) method and criteria for overall residual risk";
    case PlanSection::verification_activities:
      return "4.4 f) verification of risk control measures";
    case PlanSection::production_information:
      return "4.4 g) production and post-production information";
  }
  return "4.4";
}

const std::string& plan_section_text(const RiskFile& f, PlanSection section) {
  switch (section) {
    case PlanSection::scope:
      return f.plan_scope;
    case PlanSection::responsibilities:
      return f.plan_responsibilities;
    case PlanSection::review_requirements:
      return f.plan_review_requirements;
    case PlanSection::acceptability_criteria:
      return f.plan_acceptability_criteria;
    case PlanSection::overall_residual_method:
      return f.plan_overall_residual_method;
    case PlanSection::verification_activities:
      return f.plan_verification_activities;
    case PlanSection::production_information:
      return f.plan_production_information;
  }
  return f.plan_scope;
}

std::vector<PlanSection> missing_plan_sections(const RiskFile& file) {
  std::vector<PlanSection> out;
  for (auto section : kSections)
    if (!has_content(plan_section_text(file, section))) out.push_back(section);
  return out;
}

Timestamp review_due_after(Timestamp held_at, std::int64_t period_days) {
  return held_at + std::chrono::days(period_days);
}

}  // namespace riskloop::risk
