// Records follow the record contract; inputs reject bad values with the exact field location.
#include <gtest/gtest.h>

#include "core/field_copy.hpp"
#include "core/field_types.hpp"
#include "core/record.hpp"
#include "core/record_rules.hpp"
#include "core/risk/analysis_chain.hpp"
#include "core/risk/decisions.hpp"
#include "core/risk/operational_risk.hpp"
#include "core/risk/policy.hpp"
#include "core/risk/residual_estimate.hpp"
#include "core/risk/review.hpp"
#include "core/risk/risk_control.hpp"
#include "core/risk/risk_file.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

// Visits a field list and fails to compile on a field type the codecs do not support.
struct FieldTypeCheck {
  int count = 0;
  template <class X>
  void operator()(std::string_view, X&, unsigned = kPlain) {
    if constexpr (is_vector<X>::value) {
      using E = typename X::value_type;
      if constexpr (NestedField<E>) {
        E element;
        FieldTypeCheck inner;
        E::fields(inner, element);
      } else {
        static_assert(ScalarField<E>, "unsupported list element");
      }
    } else if constexpr (is_optional<X>::value) {
      static_assert(ScalarField<typename X::value_type>, "unsupported optional");
    } else {
      static_assert(ScalarField<X>, "unsupported field type");
    }
    ++count;
  }
};

template <Record R>
int checked_fields() {
  static_assert(R::scope == Scope::organization);
  R record;
  FieldTypeCheck check;
  visit_record<R>(check, record);
  return check.count;
}

TEST(Records, FollowTheRecordContract) {
  EXPECT_GT(checked_fields<RiskPolicy>(), 5);
  EXPECT_GT(checked_fields<RiskFile>(), 5);
  EXPECT_GT(checked_fields<Hazard>(), 5);
  EXPECT_GT(checked_fields<HazardousSituation>(), 5);
  EXPECT_GT(checked_fields<Harm>(), 5);
  EXPECT_GT(checked_fields<HazardSituationLink>(), 5);
  EXPECT_GT(checked_fields<SituationHarm>(), 5);
  EXPECT_GT(checked_fields<RiskControl>(), 5);
  EXPECT_GT(checked_fields<ControlLink>(), 5);
  EXPECT_GT(checked_fields<IntroducedHazard>(), 5);
  EXPECT_GT(checked_fields<ResidualEstimate>(), 5);
  EXPECT_GT(checked_fields<BenefitRisk>(), 5);
  EXPECT_GT(checked_fields<OverallResidualRisk>(), 5);
  EXPECT_GT(checked_fields<Review>(), 5);
  EXPECT_GT(checked_fields<GateDecision>(), 5);
  EXPECT_GT(checked_fields<OperationalRisk>(), 5);
}

template <class Input>
void expect_error(const Input& in, std::string_view location, std::string_view message_part) {
  const auto r = validate(in);
  ASSERT_FALSE(r) << "expected an error at " << location;
  EXPECT_EQ(r.error().code, ErrorCode::validation);
  EXPECT_EQ(r.error().location, location) << r.error().message;
  EXPECT_NE(r.error().message.find(message_part), std::string::npos) << r.error().message;
}

RiskFileInput good_file() {
  RiskFileInput in;
  in.product_id = "product-1";
  in.title = "Stent system";
  in.policy_id = "policy-1";
  in.analysts = {"A. Analyst", "B. Builder"};
  in.safety_characteristics = {{"Radial strength", "Keeps the vessel open", "≥ 0.1 N/mm"}};
  return in;
}

TEST(RiskFileInput, ChecksEachField) {
  EXPECT_TRUE(validate(good_file()));
  auto in = good_file();
  in.title = "  ";
  expect_error(in, "/title", "white space");
  in = good_file();
  in.product_id.clear();
  expect_error(in, "/product_id", "empty");
  in = good_file();
  in.analysts.push_back("A. Analyst");
  expect_error(in, "/analysts/2", "repeats entry 0");
  in = good_file();
  in.safety_characteristics.push_back({"", "", ""});
  expect_error(in, "/safety_characteristics/1/name", "empty");
  in = good_file();
  in.safety_characteristics.push_back(in.safety_characteristics[0]);
  expect_error(in, "/safety_characteristics/1/name", "repeats");
  in = good_file();
  in.policy_version = 0;
  expect_error(in, "/policy_version", "1 or more");
  in = good_file();
  in.review_period_days = 0;
  expect_error(in, "/review_period_days", "1 to 3650");
  in = good_file();
  in.plan_scope = "a\x01";
  expect_error(in, "/plan_scope", "control character");
}

TEST(RiskFile, MissingPlanSectionsAreListedInOrder) {
  RiskFile f;
  EXPECT_EQ(missing_plan_sections(f).size(), 7u);
  f = fixtures::FileBuilder().s.file;
  EXPECT_TRUE(missing_plan_sections(f).empty());
  f.plan_review_requirements = " \n\t";  // white space is not a plan
  f.plan_production_information.clear();
  const auto missing = missing_plan_sections(f);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0], PlanSection::review_requirements);
  EXPECT_EQ(missing[1], PlanSection::production_information);
  EXPECT_EQ(plan_section_label(missing[0]), "4.4 c) review requirements");
}

TEST(RiskFile, NextReviewIsAPeriodAfterTheLast) {
  EXPECT_EQ(review_due_after(fixtures::at_day(0), 365), fixtures::at_day(365));
}

TEST(ChainInputs, CheckProbabilitiesAndSeverity) {
  HazardInput hazard;
  expect_error(hazard, "/title", "empty");
  hazard.title = "Leakage current";
  EXPECT_TRUE(validate(hazard));

  HazardousSituationInput sit;
  sit.title = "Patient touches enclosure";
  EXPECT_TRUE(validate(sit));  // P1 may come later
  sit.p1 = 1.2;
  expect_error(sit, "/p1", "got 1.2");

  HarmInput harm;
  harm.title = "Burn";
  harm.severity_rank = 0;
  expect_error(harm, "/severity_rank", "1 or more");

  HazardSituationLinkInput link;
  link.hazard_id = "h";
  expect_error(link, "/situation_id", "empty");
}

TEST(ChainInputs, SituationsAndHarmsAreStatementsOfUpToAThousandCharacters) {
  // A cause from a public infusion-pump hazard list runs past 200 characters; it must import.
  const std::string long_cause =
      "Air in line: the administration set is primed without the air-in-line detector being "
      "checked, a vented container runs empty during a secondary infusion, and the air bubble "
      "passes the downstream sensor because the sensor threshold was set for another set type";
  ASSERT_GT(long_cause.size(), 200u);
  HazardousSituationInput sit;
  sit.title = long_cause;
  EXPECT_TRUE(validate(sit));
  sit.title = std::string(1000, 'x');
  EXPECT_TRUE(validate(sit));
  sit.title = std::string(1001, 'x');
  expect_error(sit, "/title", "at most 1000 characters");
  // Counted in characters, not bytes: 1,000 Chinese characters are 3,000 bytes of UTF-8.
  sit.title.clear();
  for (int i = 0; i < 1000; ++i) sit.title += "险";
  EXPECT_TRUE(validate(sit));

  HarmInput harm;
  harm.title = std::string(1000, 'y');
  EXPECT_TRUE(validate(harm));
  harm.title += "y";
  expect_error(harm, "/title", "at most 1000 characters");

  // A hazard stays a short title.
  HazardInput hazard;
  hazard.title = std::string(201, 'z');
  expect_error(hazard, "/title", "at most 200 characters");
}

TEST(ChainInputs, NotEstimableNeedsConsequencesAndNoP2) {
  SituationHarmInput pair;
  pair.situation_id = "s";
  pair.harm_id = "h";
  pair.p2 = 0.1;
  EXPECT_TRUE(validate(pair));
  pair.p2 = -0.5;
  expect_error(pair, "/p2", "got -0.5");
  pair.p2 = 0.1;
  pair.probability_not_estimable = true;
  expect_error(pair, "/p2", "must be empty when probability_not_estimable is true");
  pair.p2.reset();
  expect_error(pair, "/consequences", "empty");
  pair.consequences = "Burn; scarring";
  EXPECT_TRUE(validate(pair));
}

TEST(ChainInputs, InitialEstimateIsAssembledFromTheChain) {
  HazardousSituation sit;
  SituationHarm pair;
  Harm harm;
  EXPECT_FALSE(initial_estimate(sit, pair, harm));
  EXPECT_EQ(missing_estimate_parts(sit, pair, harm),
            "P1 of the hazardous situation, P2, severity of the harm");
  sit.p1 = 0.01;
  harm.severity_rank = 3;
  EXPECT_EQ(missing_estimate_parts(sit, pair, harm), "P2");
  pair.p2 = 0.5;
  pair.rationale = "bench test BT-7";
  const auto e = initial_estimate(sit, pair, harm);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->p1, 0.01);
  EXPECT_EQ(e->p2, 0.5);
  EXPECT_EQ(e->severity_rank, 3);
  EXPECT_EQ(e->rationale, "bench test BT-7");
  EXPECT_TRUE(initial_estimate(sit, pair, harm, false)->rationale.empty());

  // Not estimable: only the severity is needed.
  HazardousSituation no_p1;
  SituationHarm inestimable;
  inestimable.probability_not_estimable = true;
  const auto w = initial_estimate(no_p1, inestimable, harm);
  ASSERT_TRUE(w);
  EXPECT_FALSE(w->probability_estimable);
}

TEST(ControlInputs, VerificationNeedsEvidenceAndOrder) {
  RiskControlInput c;
  c.title = "Double insulation";
  EXPECT_TRUE(validate(c));
  c.implementation_verification = VerificationResult::pass;
  expect_error(c, "/implementation_evidence",
               "is required when implementation_verification is pass");
  c.implementation_evidence = "DVR-12";
  c.effectiveness_verification = VerificationResult::fail;
  expect_error(c, "/effectiveness_evidence", "is required when effectiveness_verification is fail");
  c.effectiveness_evidence = "DVR-13";
  EXPECT_TRUE(validate(c));
  c.implementation_verification = VerificationResult::pending;
  c.effectiveness_verification = VerificationResult::pass;
  expect_error(c, "/effectiveness_verification",
               "cannot be pass while implementation_verification is pending");

  ControlLinkInput link;
  link.control_id = "c";
  expect_error(link, "/situation_harm_id", "empty");
  IntroducedHazardInput introduced{"c", "", ""};
  expect_error(introduced, "/hazard_id", "empty");
}

TEST(ResidualInputs, NeedPairProbabilitiesAndRationale) {
  ResidualEstimateInput r;
  expect_error(r, "/situation_harm_id", "is required");
  r.situation_harm_id = "p";
  r.severity_rank = 3;
  r.p1 = 0.1;
  r.p2 = 2.0;
  expect_error(r, "/p2", "got 2");
  r.p2 = 0.1;
  expect_error(r, "/rationale", "empty");
  r.rationale = "guard added";
  EXPECT_TRUE(validate(r));
}

// A residual estimate once defaulted to P1 = 0, P2 = 0, severity 1: a form with only a rationale
// made a severity-4 risk "Negligible x Improbable: acceptable". Nothing may come from a default.
TEST(ResidualInputs, NothingOfTheEstimateComesFromADefault) {
  ResidualEstimateInput r;
  r.situation_harm_id = "p";
  r.rationale = "only a rationale was typed";
  expect_error(r, "/p1", "is required");
  r.p1 = 0.01;
  expect_error(r, "/p2", "is required");
  r.p2 = 0.1;
  expect_error(r, "/severity_rank", "is required");
  r.severity_rank = 4;
  EXPECT_TRUE(validate(r));
}

TEST(ResidualInputs, NotEstimableListsConsequencesAndGivesNoProbabilities) {
  ResidualEstimateInput r;
  r.situation_harm_id = "p";
  r.severity_rank = 3;
  r.rationale = "no field data yet";
  r.probability_not_estimable = true;
  expect_error(r, "/consequences", "is required when probability_not_estimable is true");
  r.consequences = "Bleeding needing transfusion";
  EXPECT_TRUE(validate(r));
  r.p1 = 0.1;
  expect_error(r, "/p1", "must be left out when probability_not_estimable is true");
  r.p1.reset();
  ResidualEstimate rec;
  rec.p1 = 0.5;
  apply(r, rec);
  EXPECT_EQ(rec.p1, 0.0);
  EXPECT_EQ(rec.consequences, "Bleeding needing transfusion");
  const auto back = input_of_record(rec);
  EXPECT_FALSE(back.p1);
  EXPECT_EQ(back.severity_rank, 3);
}

TEST(ResidualInputs, LoweredSeverityNamesALinkedInherentSafetyControl) {
  ResidualEstimate r;
  r.severity_rank = 2;
  EXPECT_TRUE(check_severity_change(r, 2, nullptr, false));  // not lowered
  EXPECT_TRUE(check_severity_change(r, std::nullopt, nullptr, false));
  auto lowered = check_severity_change(r, 4, nullptr, false);
  ASSERT_FALSE(lowered);
  EXPECT_EQ(lowered.error().location, "/severity_control_id");
  EXPECT_NE(lowered.error().message.find("below the initial severity (4)"), std::string::npos);
  EXPECT_NE(lowered.error().message.find("inherent-safety-by-design control"), std::string::npos);
  r.severity_control_id = "c";
  RiskControl label;
  label.title = "Warning label";
  label.option = ControlOption::information_for_safety;
  lowered = check_severity_change(r, 4, &label, true);
  ASSERT_FALSE(lowered);
  EXPECT_NE(lowered.error().message.find("\"Warning label\" is information for safety"),
            std::string::npos)
      << lowered.error().message;
  RiskControl shape;
  shape.title = "Blunt tip";
  shape.option = ControlOption::inherent_safety;
  lowered = check_severity_change(r, 4, &shape, false);
  ASSERT_FALSE(lowered);
  EXPECT_NE(lowered.error().message.find("not linked to this risk"), std::string::npos);
  EXPECT_TRUE(check_severity_change(r, 4, &shape, true));
}

TEST(DecisionInputs, SayWhatIsMissing) {
  BenefitRiskInput b{"p", "restores flow", "registry", "", BenefitRiskOutcome::accepted, "ok"};
  expect_error(b, "/why_no_further_control", "is required when outcome is accepted");
  b.outcome = BenefitRiskOutcome::rejected;
  EXPECT_TRUE(validate(b));

  OverallResidualRiskInput o;
  o.method = "m";
  o.benefits = "b";
  o.rationale = "r";
  o.conclusion = OverallConclusion::acceptable;
  EXPECT_TRUE(validate(o));
  o.significant_residual_risks = "Late stent thrombosis";
  expect_error(o, "/disclosure_reference", "significant residual risks are listed");
  o.disclosure_reference = "IFU section 7";
  EXPECT_TRUE(validate(o));

  GateDecisionInput g;
  expect_error(g, "/rationale", "empty");
}

TEST(ReviewInput, ClosedReviewNeedsDateAttendeesAndConclusions) {
  ReviewInput r;
  EXPECT_TRUE(validate(r));
  r.status = ReviewStatus::closed;
  expect_error(r, "/held_at", "required when status is closed");
  r.held_at = fixtures::at_day(1);
  expect_error(r, "/attendees", "at least one attendee");
  r.attendees = {"A", "A"};
  expect_error(r, "/attendees/1", "repeats entry 0");
  r.attendees = {"A", "B"};
  expect_error(r, "/conclusions", "required when status is closed");
  r.conclusions = "Plan followed";
  EXPECT_TRUE(validate(r));
}

TEST(OperationalRisk, RegisterRules) {
  // A declared record type: its limits and its own rules are checked together.
  const auto expect_error = [](const OperationalRisk& r, std::string_view location,
                               std::string_view message_part) {
    const auto result = validate_declared(r);
    ASSERT_FALSE(result) << "expected an error at " << location;
    EXPECT_EQ(result.error().code, ErrorCode::validation);
    EXPECT_EQ(result.error().location, location) << result.error().message;
    EXPECT_NE(result.error().message.find(message_part), std::string::npos)
        << result.error().message;
  };
  OperationalRisk in;
  in.title = "Single-source balloon supplier";
  in.category = OperationalCategory::supplier;
  expect_error(in, "/owner", "empty");
  in.owner = "Purchasing lead";
  in.likelihood = 6;
  expect_error(in, "/likelihood", "must be 1 to 5, got 6");
  in.likelihood = 3;
  in.impact = 0;
  expect_error(in, "/impact", "must be 1 to 5, got 0");
  in.impact = 4;
  in.affected_product_ids = {"p1", "p2", "p1"};
  expect_error(in, "/affected_product_ids/2", "repeats entry 0");
  in.affected_product_ids = {"p1", "p2"};
  in.status = OperationalStatus::in_treatment;
  expect_error(in, "/treatment", "required when status is in_treatment");
  in.treatment = "Qualify a second supplier";
  expect_error(in, "/due_date", "required when status is in_treatment");
  in.due_date = fixtures::at_day(30);
  EXPECT_TRUE(validate_declared(in));

  OperationalRisk r;
  r.likelihood = 3;
  r.impact = 4;
  EXPECT_EQ(r.score(), 12);
  EXPECT_EQ(OperationalRisk::mission, Mission::operational);
  r.due_date = fixtures::at_day(30);
  EXPECT_FALSE(is_overdue(r, fixtures::at_day(30)));
  EXPECT_TRUE(is_overdue(r, fixtures::at_day(31)));
  r.status = OperationalStatus::closed;
  EXPECT_FALSE(is_overdue(r, fixtures::at_day(31)));
}

TEST(Frame, StagesAreOrdered) {
  EXPECT_TRUE(at_or_before(Stage::design, Stage::design));
  EXPECT_TRUE(at_or_before(Stage::design, Stage::post_launch));
  EXPECT_FALSE(at_or_before(Stage::post_launch, Stage::manufacturing));
  EXPECT_EQ(name_of(Stage::post_launch), "post_launch");
  EXPECT_EQ(enum_from_name<Mission>("operational"), Mission::operational);
}

// The use cases copy each input onto its record (core/field_copy.hpp); a field of an input
// without its twin in the record would be lost, so copy_fields refuses, naming it.
template <class Input, Record R>
void expect_copies_onto() {
  R record;
  const auto copied = copy_fields(Input{}, record);
  EXPECT_TRUE(copied) << R::entity << ": " << (copied ? "" : copied.error().message);
}

TEST(Inputs, EveryInputCopiesOntoItsRecord) {
  expect_copies_onto<RiskPolicyInput, RiskPolicy>();
  expect_copies_onto<RiskFileInput, RiskFile>();
  expect_copies_onto<HazardInput, Hazard>();
  expect_copies_onto<HazardousSituationInput, HazardousSituation>();
  expect_copies_onto<HarmInput, Harm>();
  expect_copies_onto<HazardSituationLinkInput, HazardSituationLink>();
  expect_copies_onto<SituationHarmInput, SituationHarm>();
  expect_copies_onto<RiskControlInput, RiskControl>();
  expect_copies_onto<ControlLinkInput, ControlLink>();
  expect_copies_onto<IntroducedHazardInput, IntroducedHazard>();
  // ResidualEstimateInput has no defaults for P1, P2 and severity: risk::apply fills its record.
  expect_copies_onto<ReviewInput, Review>();
  expect_copies_onto<BenefitRiskInput, BenefitRisk>();
  expect_copies_onto<OverallResidualRiskInput, OverallResidualRisk>();
  expect_copies_onto<GateDecisionInput, GateDecision>();
}

struct CopySource {
  std::string title;
  std::int64_t weight = 3;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("title", s.title);
    v("weight", s.weight);
  }
};

struct CopyTarget {
  std::string title;
  double weight = 0;  // same name, other type
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("title", s.title);
    v("weight", s.weight);
  }
};

TEST(Inputs, CopyingAFieldWithoutItsTwinIsAnInternalError) {
  CopyTarget target;
  const auto copied = copy_fields(CopySource{"Radial strength", 3}, target);
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::internal);
  EXPECT_NE(copied.error().message.find("\"weight\""), std::string::npos);
  EXPECT_EQ(target.title, "Radial strength");
}

}  // namespace
}  // namespace riskloop::risk
