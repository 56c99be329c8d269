// Decisions people sign on a risk file: benefit-risk of one risk (ISO 14971 7.4), overall
// residual risk (8) and stage gates. Who and when come from the session and the clock.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "core/risk/frame.hpp"

namespace riskloop::risk {

// accepted: the benefits outweigh the residual risk, which is accepted; rejected: they do not.
enum class BenefitRiskOutcome { accepted, rejected };

enum class OverallConclusion { acceptable, not_acceptable };

enum class GateOutcome { passed, rejected };

// For one hazardous situation -> harm pair whose residual risk is not acceptable and cannot be
// reduced further. Where several exist for a pair, the latest decided_at counts.
struct BenefitRisk {
  static constexpr std::string_view entity = "benefit_risk";
  static constexpr std::string_view table = "benefit_risks";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Id situation_harm_id;
  std::string benefits;                // the medical benefits weighed
  std::string data_reviewed;           // literature, clinical data, comparable devices
  std::string why_no_further_control;  // why further risk reduction is not practicable
  BenefitRiskOutcome outcome = BenefitRiskOutcome::rejected;
  std::string rationale;
  Id decided_by;
  Timestamp decided_at{};

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("situation_harm_id", s.situation_harm_id);
    v("benefits", s.benefits);
    v("data_reviewed", s.data_reviewed);
    v("why_no_further_control", s.why_no_further_control);
    v("outcome", s.outcome);
    v("rationale", s.rationale);
    v("decided_by", s.decided_by);
    v("decided_at", s.decided_at);
  }
};

// Evaluation of the overall residual risk with the method of plan section 4.4 e). The latest
// decided_at counts.
struct OverallResidualRisk {
  static constexpr std::string_view entity = "overall_residual_risk";
  static constexpr std::string_view table = "overall_residual_risks";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  std::string method;    // how the combined residual risk was weighed
  std::string benefits;  // the benefits it was weighed against
  OverallConclusion conclusion = OverallConclusion::not_acceptable;
  std::string significant_residual_risks;  // to disclose in the accompanying documentation
  std::string disclosure_reference;        // where they are disclosed (IFU section, label)
  std::string rationale;
  Id decided_by;
  Timestamp decided_at{};
  std::string content_digest;  // as GateDecision::content_digest

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("method", s.method);
    v("benefits", s.benefits);
    v("conclusion", s.conclusion);
    v("significant_residual_risks", s.significant_residual_risks);
    v("disclosure_reference", s.disclosure_reference);
    v("rationale", s.rationale);
    v("decided_by", s.decided_by);
    v("decided_at", s.decided_at);
    v("content_digest", s.content_digest, kAddedLater);
  }
};

// The outcome of a stage gate, with how many blocking reasons the check reported at the time.
struct GateDecision {
  static constexpr std::string_view entity = "gate_decision";
  static constexpr std::string_view table = "gate_decisions";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Stage stage = Stage::design;
  GateOutcome outcome = GateOutcome::rejected;
  std::int64_t blocking_reasons = 0;
  std::string rationale;
  Id decided_by;
  Timestamp decided_at{};
  // The file's analysis when it was signed (app::analysis_digest), so that a later edit shows on
  // the decision; "" for decisions recorded before it was kept.
  std::string content_digest;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("stage", s.stage);
    v("outcome", s.outcome);
    v("blocking_reasons", s.blocking_reasons);
    v("rationale", s.rationale);
    v("decided_by", s.decided_by);
    v("decided_at", s.decided_at);
    v("content_digest", s.content_digest, kAddedLater);
  }
};

struct BenefitRiskInput {
  Id situation_harm_id;
  std::string benefits;
  std::string data_reviewed;
  std::string why_no_further_control;
  BenefitRiskOutcome outcome = BenefitRiskOutcome::rejected;
  std::string rationale;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("situation_harm_id", s.situation_harm_id);
    v("benefits", s.benefits);
    v("data_reviewed", s.data_reviewed);
    v("why_no_further_control", s.why_no_further_control);
    v("outcome", s.outcome);
    v("rationale", s.rationale);
  }
};

struct OverallResidualRiskInput {
  std::string method;
  std::string benefits;
  OverallConclusion conclusion = OverallConclusion::not_acceptable;
  std::string significant_residual_risks;
  std::string disclosure_reference;
  std::string rationale;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("method", s.method);
    v("benefits", s.benefits);
    v("conclusion", s.conclusion);
    v("significant_residual_risks", s.significant_residual_risks);
    v("disclosure_reference", s.disclosure_reference);
    v("rationale", s.rationale);
  }
};

struct GateDecisionInput {
  Stage stage = Stage::design;
  GateOutcome outcome = GateOutcome::rejected;
  std::string rationale;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("stage", s.stage);
    v("outcome", s.outcome);
    v("rationale", s.rationale);
  }
};

// Benefit-risk: pair id, benefits, data reviewed and rationale required; an accepted outcome also
// needs why_no_further_control. Overall: method, benefits and rationale required; an acceptable
// conclusion that names significant residual risks needs the disclosure reference.
// Gate decision: rationale required.
Status validate(const BenefitRiskInput& input);
Status validate(const OverallResidualRiskInput& input);
Status validate(const GateDecisionInput& input);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::BenefitRiskOutcome> {
  static constexpr std::array<std::string_view, 2> names = {"accepted", "rejected"};
};

template <>
struct EnumNames<risk::OverallConclusion> {
  static constexpr std::array<std::string_view, 2> names = {"acceptable", "not_acceptable"};
};

template <>
struct EnumNames<risk::GateOutcome> {
  static constexpr std::array<std::string_view, 2> names = {"passed", "rejected"};
};

}  // namespace riskloop
