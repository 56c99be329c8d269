// Risk control measures (ISO 14971 7.1-7.2, 7.5): option in priority order, implementation and
// its verification, the risks they apply to and the hazards they introduce.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "core/risk/frame.hpp"

namespace riskloop::risk {

// The options of 7.1 in their mandatory priority order: a lower value is a higher option.
enum class ControlOption { inherent_safety, protective_measure, information_for_safety };

enum class VerificationResult { pending, pass, fail };

struct RiskControl {
  static constexpr std::string_view entity = "risk_control";
  static constexpr std::string_view table = "risk_controls";
  static constexpr Scope scope = Scope::organization;

  static constexpr std::string_view ref_prefix = "RC";

  RecordHeader header;
  Id risk_file_id;
  std::string title;
  std::string description;
  ControlOption option = ControlOption::inherent_safety;
  // Why no higher option was used (7.1). Required where a risk this control applies to has no
  // control of a higher option; the gates check it, since it depends on the other controls.
  std::string option_justification;
  std::string implementation_reference;  // where it is implemented: drawing, spec, IFU section
  VerificationResult implementation_verification = VerificationResult::pending;
  std::string implementation_evidence;  // report reference; required once pass or fail
  VerificationResult effectiveness_verification = VerificationResult::pending;
  std::string effectiveness_evidence;
  bool new_risks_reviewed = false;  // 7.5: reviewed for hazards and risk changes it introduces
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  std::string ref;                // "RC-001": its ref in the file (core/risk/item_refs.hpp)
  std::string retired_rationale;  // why it no longer counts; empty while it counts

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("title", s.title);
    v("description", s.description);
    v("option", s.option);
    v("option_justification", s.option_justification);
    v("implementation_reference", s.implementation_reference);
    v("implementation_verification", s.implementation_verification);
    v("implementation_evidence", s.implementation_evidence);
    v("effectiveness_verification", s.effectiveness_verification);
    v("effectiveness_evidence", s.effectiveness_evidence);
    v("new_risks_reviewed", s.new_risks_reviewed);
    v("mission", s.mission);
    v("stage", s.stage);
    v("ref", s.ref, kAddedLater | kBackfilled);
    v("retired_rationale", s.retired_rationale, kAddedLater);
  }

  // Both the implementation and its effectiveness verified with a passing result (7.2).
  bool verified() const {
    return implementation_verification == VerificationResult::pass &&
           effectiveness_verification == VerificationResult::pass;
  }
};

// Control -> the hazardous situation -> harm pair (risk) it reduces.
struct ControlLink {
  static constexpr std::string_view entity = "control_link";
  static constexpr std::string_view table = "control_links";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Id control_id;
  Id situation_harm_id;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("control_id", s.control_id);
    v("situation_harm_id", s.situation_harm_id);
  }
};

// Control -> a hazard it introduces (7.5). The hazard is analysed like any other.
struct IntroducedHazard {
  static constexpr std::string_view entity = "introduced_hazard";
  static constexpr std::string_view table = "introduced_hazards";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Id control_id;
  Id hazard_id;
  std::string note;  // how the control introduces it

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("control_id", s.control_id);
    v("hazard_id", s.hazard_id);
    v("note", s.note);
  }
};

struct RiskControlInput {
  std::string title;
  std::string description;
  ControlOption option = ControlOption::inherent_safety;
  std::string option_justification;
  std::string implementation_reference;
  VerificationResult implementation_verification = VerificationResult::pending;
  std::string implementation_evidence;
  VerificationResult effectiveness_verification = VerificationResult::pending;
  std::string effectiveness_evidence;
  bool new_risks_reviewed = false;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("title", s.title);
    v("description", s.description);
    v("option", s.option);
    v("option_justification", s.option_justification);
    v("implementation_reference", s.implementation_reference);
    v("implementation_verification", s.implementation_verification);
    v("implementation_evidence", s.implementation_evidence);
    v("effectiveness_verification", s.effectiveness_verification);
    v("effectiveness_evidence", s.effectiveness_evidence);
    v("new_risks_reviewed", s.new_risks_reviewed);
    v("mission", s.mission);
    v("stage", s.stage);
  }
};

struct ControlLinkInput {
  Id control_id;
  Id situation_harm_id;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("control_id", s.control_id);
    v("situation_harm_id", s.situation_harm_id);
  }
};

struct IntroducedHazardInput {
  Id control_id;
  Id hazard_id;
  std::string note;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("control_id", s.control_id);
    v("hazard_id", s.hazard_id);
    v("note", s.note);
  }
};

// Title required. A verification result of pass or fail needs its evidence ("is required when
// implementation_verification is pass"); effectiveness cannot pass before implementation has.
Status validate(const RiskControlInput& input);
Status validate(const ControlLinkInput& input);
Status validate(const IntroducedHazardInput& input);

// "inherent safety by design", "protective measure", "information for safety".
std::string_view option_label(ControlOption option);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::ControlOption> {
  static constexpr std::array<std::string_view, 3> names = {"inherent_safety", "protective_measure",
                                                            "information_for_safety"};
};

template <>
struct EnumNames<risk::VerificationResult> {
  static constexpr std::array<std::string_view, 3> names = {"pending", "pass", "fail"};
};

}  // namespace riskloop
