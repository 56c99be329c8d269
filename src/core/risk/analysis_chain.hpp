// The analysis chain of ISO 14971 5.4-5.5: Hazard -> (sequence of events, P1) -> HazardousSituation
// -> (P2) -> Harm (severity), with the many-to-many links as their own records.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "core/risk/estimate.hpp"
#include "core/risk/frame.hpp"

namespace riskloop::risk {

// Whether a hazard arises in normal use or only in a fault condition (5.4).
enum class HazardCondition { normal_use, fault };

struct Hazard {
  static constexpr std::string_view entity = "hazard";
  static constexpr std::string_view table = "hazards";
  static constexpr Scope scope = Scope::organization;

  static constexpr std::string_view ref_prefix = "H";

  RecordHeader header;
  Id risk_file_id;
  std::string title;  // "Electrical energy: leakage current"
  std::string description;
  std::string category;  // e.g. energy, biological, chemical, operational, information
  HazardCondition condition = HazardCondition::normal_use;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  std::string ref;                // "H-001": its ref in the file (core/risk/item_refs.hpp)
  std::string retired_rationale;  // why it no longer counts; empty while it counts

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("title", s.title);
    v("description", s.description);
    v("category", s.category);
    v("condition", s.condition);
    v("mission", s.mission);
    v("stage", s.stage);
    v("ref", s.ref, kAddedLater | kBackfilled);
    v("retired_rationale", s.retired_rationale, kAddedLater);
  }
};

// P1 belongs to the situation: it is shared by every harm the situation can lead to.
struct HazardousSituation {
  static constexpr std::string_view entity = "hazardous_situation";
  static constexpr std::string_view table = "hazardous_situations";
  static constexpr Scope scope = Scope::organization;

  static constexpr std::string_view ref_prefix = "HS";

  RecordHeader header;
  Id risk_file_id;
  std::string title;
  std::string sequence_of_events;  // how the hazard comes to expose someone
  std::optional<double> p1;        // probability the sequence leads to this situation
  EstimateSource p1_source = EstimateSource::expert;
  std::string p1_rationale;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  std::string ref;                // "HS-001": its ref in the file (core/risk/item_refs.hpp)
  std::string retired_rationale;  // why it no longer counts; empty while it counts

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("title", s.title);
    v("sequence_of_events", s.sequence_of_events);
    v("p1", s.p1);
    v("p1_source", s.p1_source);
    v("p1_rationale", s.p1_rationale);
    v("mission", s.mission);
    v("stage", s.stage);
    v("ref", s.ref, kAddedLater | kBackfilled);
    v("retired_rationale", s.retired_rationale, kAddedLater);
  }
};

// Severity belongs to the harm, as a rank of the file's pinned policy.
struct Harm {
  static constexpr std::string_view entity = "harm";
  static constexpr std::string_view table = "harms";
  static constexpr Scope scope = Scope::organization;

  static constexpr std::string_view ref_prefix = "HM";

  RecordHeader header;
  Id risk_file_id;
  std::string title;  // "Vessel perforation"
  std::string description;
  std::optional<std::int64_t> severity_rank;
  std::string severity_rationale;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  std::string ref;                // "HM-001": its ref in the file (core/risk/item_refs.hpp)
  std::string retired_rationale;  // why it no longer counts; empty while it counts

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("title", s.title);
    v("description", s.description);
    v("severity_rank", s.severity_rank);
    v("severity_rationale", s.severity_rationale);
    v("mission", s.mission);
    v("stage", s.stage);
    v("ref", s.ref, kAddedLater | kBackfilled);
    v("retired_rationale", s.retired_rationale, kAddedLater);
  }
};

// Hazard -> hazardous situation.
struct HazardSituationLink {
  static constexpr std::string_view entity = "hazard_situation_link";
  static constexpr std::string_view table = "hazard_situation_links";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Id hazard_id;
  Id situation_id;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("hazard_id", s.hazard_id);
    v("situation_id", s.situation_id);
  }
};

// Hazardous situation -> harm: one risk. Its initial estimate combines the situation's P1, this
// link's P2 and the harm's severity (initial_estimate below); source and rationale describe that
// combined estimate.
struct SituationHarm {
  static constexpr std::string_view entity = "situation_harm";
  static constexpr std::string_view table = "situation_harms";
  static constexpr Scope scope = Scope::organization;

  static constexpr std::string_view ref_prefix = "R";

  RecordHeader header;
  Id risk_file_id;
  Id situation_id;
  Id harm_id;
  std::optional<double> p2;                // probability the situation leads to this harm
  bool probability_not_estimable = false;  // 5.5: then P1 and P2 are not needed
  std::string consequences;                // 5.5: possible consequences, listed when not estimable
  EstimateSource source = EstimateSource::expert;
  std::string rationale;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  std::string ref;                // "R-001": its ref in the file (core/risk/item_refs.hpp)
  std::string retired_rationale;  // why it no longer counts; empty while it counts

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("situation_id", s.situation_id);
    v("harm_id", s.harm_id);
    v("p2", s.p2);
    v("probability_not_estimable", s.probability_not_estimable);
    v("consequences", s.consequences);
    v("source", s.source);
    v("rationale", s.rationale);
    v("mission", s.mission);
    v("stage", s.stage);
    v("ref", s.ref, kAddedLater | kBackfilled);
    v("retired_rationale", s.retired_rationale, kAddedLater);
  }
};

// Inputs: the fields a person may set. The owning risk file comes from the request's path.
struct HazardInput {
  std::string title;
  std::string description;
  std::string category;
  HazardCondition condition = HazardCondition::normal_use;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("title", s.title);
    v("description", s.description);
    v("category", s.category);
    v("condition", s.condition);
    v("mission", s.mission);
    v("stage", s.stage);
  }
};

struct HazardousSituationInput {
  std::string title;
  std::string sequence_of_events;
  std::optional<double> p1;
  EstimateSource p1_source = EstimateSource::expert;
  std::string p1_rationale;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("title", s.title);
    v("sequence_of_events", s.sequence_of_events);
    v("p1", s.p1);
    v("p1_source", s.p1_source);
    v("p1_rationale", s.p1_rationale);
    v("mission", s.mission);
    v("stage", s.stage);
  }
};

struct HarmInput {
  std::string title;
  std::string description;
  std::optional<std::int64_t> severity_rank;
  std::string severity_rationale;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("title", s.title);
    v("description", s.description);
    v("severity_rank", s.severity_rank);
    v("severity_rationale", s.severity_rationale);
    v("mission", s.mission);
    v("stage", s.stage);
  }
};

struct HazardSituationLinkInput {
  Id hazard_id;
  Id situation_id;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("hazard_id", s.hazard_id);
    v("situation_id", s.situation_id);
  }
};

struct SituationHarmInput {
  Id situation_id;
  Id harm_id;
  std::optional<double> p2;
  bool probability_not_estimable = false;
  std::string consequences;
  EstimateSource source = EstimateSource::expert;
  std::string rationale;
  Mission mission = Mission::product_lifecycle;
  Stage stage = Stage::design;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("situation_id", s.situation_id);
    v("harm_id", s.harm_id);
    v("p2", s.p2);
    v("probability_not_estimable", s.probability_not_estimable);
    v("consequences", s.consequences);
    v("source", s.source);
    v("rationale", s.rationale);
    v("mission", s.mission);
    v("stage", s.stage);
  }
};

// Titles required; probabilities, when given, finite in [0, 1] ("/p1", "/p2"); severity_rank,
// when given, >= 1 (whether the policy has it is checked on evaluation); a pair whose probability
// is not estimable must list its possible consequences and must not also give P2.
Status validate(const HazardInput& input);
Status validate(const HazardousSituationInput& input);
Status validate(const HarmInput& input);
Status validate(const HazardSituationLinkInput& input);
Status validate(const SituationHarmInput& input);

// The initial estimate of `pair`, or nullopt while a part is missing: the harm's severity, and
// unless the probability is not estimable, the situation's P1 and the pair's P2. `situation` and
// `harm` must be the ones `pair` names. The rationale is copied only when `with_rationale`.
std::optional<Estimate> initial_estimate(const HazardousSituation& situation,
                                         const SituationHarm& pair, const Harm& harm,
                                         bool with_rationale = true);
// What initial_estimate lacks, for messages: "P1 of the situation, P2"; empty when complete.
std::string missing_estimate_parts(const HazardousSituation& situation, const SituationHarm& pair,
                                   const Harm& harm);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::HazardCondition> {
  static constexpr std::array<std::string_view, 2> names = {"normal_use", "fault"};
};

}  // namespace riskloop
