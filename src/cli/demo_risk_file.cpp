// The demo risk file: data tables first, then the code that enters them through the app layer
// (so every record is validated and journaled like a person's input).
#include "cli/demo_risk_file.hpp"

#include <array>
#include <chrono>
#include <map>

#include "core/quality/supplier.hpp"
#include "core/vigilance/registration.hpp"

namespace riskloop::cli {
namespace {

using risk::ControlOption;
using risk::Stage;
using risk::VerificationResult;

struct DemoHarm {
  const char* ref;
  const char* title;
  std::int64_t severity;  // default policy: 1 negligible .. 5 catastrophic
  const char* rationale;
};

constexpr std::array<DemoHarm, 9> kHarms = {{
    {"death", "Death", 5, "Fatal outcome"},
    {"mi", "Myocardial infarction", 4, "Permanent myocardial damage, life-threatening"},
    {"tlr", "Recurrent angina requiring target lesion revascularisation", 3,
     "Needs a repeat intervention"},
    {"dissection", "Coronary artery dissection", 4, "May cause abrupt vessel closure"},
    {"tamponade", "Vessel perforation with cardiac tamponade", 5, "Can be fatal without surgery"},
    {"embolization", "Stent embolization requiring retrieval or surgery", 4,
     "Emergency retrieval; risk of infarction"},
    {"incomplete", "Incomplete revascularisation and prolonged procedure", 3,
     "Additional devices, contrast and radiation"},
    {"allergy", "Hypersensitivity reaction to sirolimus or polymer", 3,
     "Treated medically, rarely severe"},
    {"micro-embolization", "Distal micro-embolization with periprocedural infarction", 4,
     "Troponin rise, possible permanent damage"},
}};

struct DemoRisk {
  const char* harm_ref;
  double p2;
};

struct DemoChain {
  const char* hazard;
  const char* category;
  const char* situation;
  const char* sequence;
  double p1;
  Stage stage;
  std::array<DemoRisk, 2> risks;  // harm_ref nullptr = unused
};

constexpr std::array<DemoChain, 7> kChains = {{
    {"Thrombogenic stent surface before endothelial coverage", "biological",
     "Stent thrombosis after premature stop of dual antiplatelet therapy",
     "Patient stops antiplatelet therapy early -> platelets adhere to uncovered struts -> "
     "thrombus occludes the stent",
     1e-3, Stage::design, {{{"mi", 0.3}, {"death", 0.1}}}},
    {"Neointimal hyperplasia within the stented segment", "biological",
     "In-stent restenosis narrowing the treated vessel",
     "Vessel wall injury at implantation -> smooth muscle proliferation -> lumen loss", 5e-2,
     Stage::design, {{{"tlr", 0.5}, {nullptr, 0}}}},
    {"Balloon inflated above rated burst pressure", "mechanical energy",
     "Balloon rupture or overexpansion at the lesion",
     "Operator exceeds rated burst pressure -> balloon ruptures or overstretches the artery", 1e-3,
     Stage::design, {{{"dissection", 0.05}, {"tamponade", 0.01}}}},
    {"Insufficient stent retention on the delivery balloon", "mechanical",
     "Unexpanded stent lost in the coronary or systemic circulation",
     "Tracking through tortuous or calcified anatomy -> stent slips off the balloon", 1e-4,
     Stage::design, {{{"embolization", 0.5}, {nullptr, 0}}}},
    {"Stent fails to expand fully", "mechanical", "Stent under-expanded at the lesion",
     "Heavily calcified lesion or balloon deflation failure -> incomplete expansion", 5e-4,
     Stage::design, {{{"incomplete", 0.2}, {nullptr, 0}}}},
    {"Sirolimus and PLGA polymer in contact with blood and tissue", "chemical",
     "Patient sensitive to sirolimus or polymer is exposed",
     "Unknown hypersensitivity -> systemic reaction after implantation", 1e-5, Stage::design,
     {{{"allergy", 0.5}, {nullptr, 0}}}},
    {"Coating delamination during manufacturing or tracking", "manufacturing",
     "Coating particles released in the coronary circulation",
     "Coating defect from spraying or crimping -> particles shed while crossing a calcified "
     "lesion",
     1e-4, Stage::manufacturing, {{{"micro-embolization", 0.05}, {nullptr, 0}}}},
}};

struct DemoControl {
  int chain;  // index into kChains
  const char* title;
  ControlOption option;
  const char* justification;
  const char* reference;
  VerificationResult implementation;
  VerificationResult effectiveness;
  const char* evidence;
};

constexpr std::array<DemoControl, 8> kControls = {{
    {0, "Thin-strut cobalt-chromium platform with abluminal biodegradable coating",
     ControlOption::inherent_safety, "", "DES-SPEC-012 rev C", VerificationResult::pass,
     VerificationResult::pass, "Animal study AS-2031 (endothelial coverage at 28 days)"},
    {0, "IFU warning: dual antiplatelet therapy for the prescribed duration",
     ControlOption::information_for_safety,
     "Patient adherence to medication cannot be designed into the implant", "IFU-DES section 5.2",
     VerificationResult::pass, VerificationResult::pass, "Usability study UR-044"},
    {1, "Sirolimus release of 1.4 ug/mm2 over 90 days from the abluminal coating",
     ControlOption::inherent_safety, "", "DES-SPEC-014 rev B", VerificationResult::pass,
     VerificationResult::pass, "Elution test TR-0117; randomized trial TLR endpoint"},
    {2, "Rated burst pressure of 16 atm verified at 99.9 % / 95 % confidence",
     ControlOption::protective_measure,
     "Balloon compliance is needed to expand the stent; inflation pressure is the operator's",
     "BAL-SPEC-003", VerificationResult::pass, VerificationResult::pass, "Burst test TR-0208"},
    {2, "Rated burst pressure and compliance chart on label and IFU",
     ControlOption::information_for_safety, "The inflation device is outside the system",
     "LBL-DES-001", VerificationResult::pass, VerificationResult::pass, "Label review LR-17"},
    {3, "Crimp process with retention force of at least 1.5 N", ControlOption::inherent_safety, "",
     "PRC-CRIMP-02", VerificationResult::pass, VerificationResult::pass,
     "Retention test TR-0311 (n = 59, all > 1.9 N)"},
    {4, "Semi-compliant balloon with high-pressure post-dilatation guidance",
     ControlOption::inherent_safety, "", "BAL-SPEC-004", VerificationResult::pass,
     VerificationResult::pass, "Expansion test TR-0215"},
    {6, "Coating integrity inspection at 40x on every unit and per-lot particulate test",
     ControlOption::protective_measure,
     "Spray coating variability is reduced by process validation; inspection catches the rest",
     "PFMEA-DES-07 / WI-INSP-33", VerificationResult::pass, VerificationResult::pending,
     "Inspection validation IV-2207"},
}};

// Residual estimates after the controls: chain, risk position, p1, p2.
struct DemoResidual {
  int chain;
  int risk;
  double p1;
  double p2;
};

constexpr std::array<DemoResidual, 8> kResiduals = {{
    {0, 0, 5e-5, 0.3},   // MI:   1.5e-5 occasional x critical -> investigate
    {0, 1, 5e-5, 0.02},  // death: 1e-6 remote x catastrophic -> investigate
    {1, 0, 5e-2, 0.1},   // TLR: 5e-3 frequent x serious -> unacceptable: benefit-risk
    {2, 0, 1e-4, 0.05},  // dissection: 5e-6 remote x critical -> acceptable
    {2, 1, 1e-4, 0.005}, // tamponade: 5e-7 improbable x catastrophic -> investigate
    {3, 0, 1e-6, 0.5},   // embolization: 5e-7 improbable x critical -> acceptable
    {4, 0, 1e-4, 0.05},  // incomplete: 5e-6 remote x serious -> acceptable
    {6, 0, 2e-5, 0.05},  // micro-embolization: 1e-6 remote x critical -> acceptable
}};

risk::RiskFileInput file_input(const Id& product_id, const risk::RiskPolicy& policy) {
  risk::RiskFileInput in;
  in.product_id = product_id;
  in.title = "Drug-eluting coronary stent system: risk management file";
  in.device_description =
      "Sirolimus-eluting cobalt-chromium stent premounted on a rapid-exchange semi-compliant "
      "balloon delivery catheter; abluminal biodegradable PLGA coating.";
  in.analysts = {"Risk manager (chair)", "Design engineer, stent platform",
                 "Process engineer, coating", "Clinical affairs physician"};
  in.intended_use =
      "Improving coronary luminal diameter in patients with symptomatic ischaemic heart disease "
      "due to de novo lesions in native coronary arteries (2.25-4.0 mm).";
  in.reasonably_foreseeable_misuse =
      "Use in saphenous vein grafts; inflation above rated burst pressure; re-crimping a stent "
      "onto another balloon; use after the expiry date.";
  in.safety_characteristics = {
      {"Radial strength", "Resistance to vessel recoil", ">= 0.1 N/mm at nominal diameter"},
      {"Drug content and release", "Sirolimus dose and elution profile", "1.4 ug/mm2, 80 % by 30 days"},
      {"Rated burst pressure", "Balloon integrity under inflation", "16 atm (99.9 % / 95 %)"},
      {"Sterility", "Ethylene oxide sterilization", "SAL 10^-6"},
  };
  in.plan_scope = "The stent system from design to end of post-market follow-up (15 years).";
  in.plan_responsibilities =
      "Risk manager owns the file; design and process engineers analyse; the quality director "
      "approves decisions; top management reviews the policy yearly.";
  in.plan_review_requirements =
      "Before each stage gate and yearly after launch; reviews record attendees and conclusions.";
  in.plan_acceptability_criteria =
      "Company 5 x 5 policy, per-use probabilities; where probability cannot be estimated the "
      "risk is rated at the most probable level.";
  in.plan_overall_residual_method =
      "All residual risks weighed together against the clinical benefit shown in the pivotal "
      "trial and registry data.";
  in.plan_verification_activities =
      "Bench tests per ISO 25539-2, animal studies, process validation, usability study.";
  in.plan_production_information =
      "Complaints, vigilance reports, implant registry follow-up, literature and trend analysis.";
  in.policy_id = policy.policy_id;
  in.policy_version = policy.policy_version;
  in.review_period_days = 365;
  return in;
}

}  // namespace

Result<Id> load_demo_risk_file(DemoTimeline& timeline, const std::string& password,
                               const Id& product_id) {
  app::App& app = timeline.app();
  // Who does what: the risk manager plans, estimates, signs and records what field data shows;
  // the design engineer analyses and designs the controls; quality runs the operational register.
  const auto manager = RL_TRY(timeline.as(demo_member_email(Role::risk_manager)));
  const auto engineer = RL_TRY(timeline.as(demo_member_email(Role::engineer)));
  const auto quality = RL_TRY(timeline.as(demo_member_email(Role::quality)));
  app::Principal who = manager;
  const SignatureInput approve{password, SignatureMeaning::approval};
  timeline.on(200, 10, 12);
  auto policy = RL_TRY(app.policies().create(who, std::nullopt));
  policy = RL_TRY(app.policies().approve(who, policy.header.id, approve, policy.header.version));
  timeline.on(196, 14, 30);
  const auto file = RL_TRY(app.files().create(who, file_input(product_id, policy)));
  const Id& f = file.header.id;

  who = engineer;
  timeline.on(190, 9, 40);

  std::map<std::string, Id> harms;
  for (const auto& h : kHarms) {
    risk::HarmInput in;
    in.title = h.title;
    in.severity_rank = h.severity;
    in.severity_rationale = h.rationale;
    harms[h.ref] = RL_TRY(app.harms().create(who, f, in)).header.id;
  }

  std::vector<std::array<Id, 2>> pairs;  // per chain, per risk
  int day = 186;
  for (const auto& c : kChains) {
    timeline.on(day -= 3, 11, 15);
    risk::HazardInput hz;
    hz.title = c.hazard;
    hz.category = c.category;
    hz.stage = c.stage;
    const auto hazard = RL_TRY(app.hazards().create(who, f, hz)).header.id;
    risk::HazardousSituationInput st;
    st.title = c.situation;
    st.sequence_of_events = c.sequence;
    st.p1 = c.p1;
    st.p1_source = risk::EstimateSource::literature;
    st.p1_rationale = "Published registry and trial data for this device class";
    st.stage = c.stage;
    const auto situation = RL_TRY(app.situations().create(who, f, st)).header.id;
    RL_TRY(app.hazard_situations().create(who, f, {hazard, situation}));
    std::array<Id, 2> ids;
    for (std::size_t i = 0; i < c.risks.size(); ++i) {
      if (!c.risks[i].harm_ref) continue;
      risk::SituationHarmInput pair;
      pair.situation_id = situation;
      pair.harm_id = harms.at(c.risks[i].harm_ref);
      pair.p2 = c.risks[i].p2;
      pair.source = risk::EstimateSource::clinical_data;
      pair.rationale = "Pivotal trial and literature event rates";
      pair.stage = c.stage;
      ids[i] = RL_TRY(app.situation_harms().create(who, f, pair)).header.id;
    }
    pairs.push_back(ids);
  }

  day = 150;
  for (const auto& c : kControls) {
    timeline.on(day -= 4, 15, 20);
    risk::RiskControlInput in;
    in.title = c.title;
    in.option = c.option;
    in.option_justification = c.justification;
    in.implementation_reference = c.reference;
    in.implementation_verification = c.implementation;
    in.implementation_evidence = c.evidence;
    in.effectiveness_verification = c.effectiveness;
    if (c.effectiveness != VerificationResult::pending) in.effectiveness_evidence = c.evidence;
    in.new_risks_reviewed = true;
    in.stage = kChains[c.chain].stage;
    const auto control = RL_TRY(app.controls().create(who, f, in)).header.id;
    for (const auto& pair : pairs[c.chain])
      if (!pair.empty()) RL_TRY(app.control_links().create(who, f, {control, pair}));
  }

  who = manager;
  timeline.on(96, 10, 0);
  for (const auto& r : kResiduals) {
    risk::ResidualEstimateInput in;
    in.situation_harm_id = pairs[r.chain][r.risk];
    in.p1 = r.p1;
    in.p2 = r.p2;
    in.severity_rank = kHarms[0].severity;
    for (const auto& h : kHarms)
      if (harms.at(h.ref) == RL_TRY(app.situation_harms().get(who, in.situation_harm_id)).harm_id)
        in.severity_rank = h.severity;
    in.source = risk::EstimateSource::bench_test;
    in.rationale = "After the linked controls; verification reports referenced on the controls";
    RL_TRY(app.residual_estimates().create(who, f, in));
  }

  // Residual risks that stay above "acceptable" are weighed against the benefit (7.4).
  timeline.on(88, 16, 45);
  const auto assessment = RL_TRY(app.files().assess(who, f));
  for (const auto& a : assessment.risks) {
    const auto& current = a.current();
    if (!current || current->acceptable() || a.step != risk::Step::controlled) continue;
    risk::BenefitRiskInput br;
    br.situation_harm_id = assessment.snapshot.situation_harms[a.pair].header.id;
    br.benefits = "Relief of angina and lower revascularisation rates than bare-metal stents";
    br.data_reviewed = "Pivotal randomized trial, 5-year registry follow-up, meta-analyses";
    br.why_no_further_control = "State of the art for drug-eluting stents; no practicable further control";
    br.outcome = risk::BenefitRiskOutcome::accepted;
    br.rationale = "Clinical benefit outweighs the residual risk, which is disclosed in the IFU";
    RL_TRY(app.files().decide_benefit_risk(who, f, br, {password, SignatureMeaning::responsibility}));
  }

  timeline.on(81, 13, 0);
  risk::ReviewInput review;
  review.status = risk::ReviewStatus::closed;
  review.held_at = app.clock().now();
  review.attendees = {"Risk manager", "Design engineer", "Quality director", "Clinical affairs"};
  review.conclusions = "Design-stage analysis complete; coating inspection effectiveness pending.";
  review.plan_followed = true;
  RL_TRY(app.reviews().create(who, f, review));

  timeline.on(74, 17, 10);
  const auto design = RL_TRY(app.files().check_gate(who, f, Stage::design));
  if (design.empty())
    RL_TRY(app.files().decide_gate(who, f, {Stage::design, risk::GateOutcome::passed, "Design review DR-4 closed"},
                                   approve));

  struct DemoOperational {
    const char* title;
    risk::OperationalCategory category;
    const char* owner;
    std::int64_t likelihood, impact;
    const char* treatment;
    int due_in_days;
  };
  constexpr std::array<DemoOperational, 4> kOperational = {{
      {"Single qualified source of sirolimus active ingredient", risk::OperationalCategory::supplier,
       "Purchasing director", 3, 5, "Qualify a second supplier; 6 months safety stock", 180},
      {"New China GMP for medical devices (NMPA 2025 No. 107) in force 2026-11-01",
       risk::OperationalCategory::regulatory_change, "Regulatory affairs lead", 4, 3,
       "Gap analysis against the 2025 text; update contract-manufacturing procedures", 30},
      {"Ransomware on the manufacturing execution system", risk::OperationalCategory::cybersecurity,
       "IT security officer", 2, 5, "Network segmentation, offline backups, recovery drills", 90},
      {"Coating line capacity below the 2027 demand forecast",
       risk::OperationalCategory::production_capacity, "Operations director", 3, 3,
       "Second spray-coating line; validation planned for Q2", 200},
  }};
  who = quality;
  timeline.on(45, 11, 30);
  for (const auto& o : kOperational) {
    risk::OperationalRisk in;
    in.title = o.title;
    in.category = o.category;
    in.owner = o.owner;
    in.likelihood = o.likelihood;
    in.impact = o.impact;
    in.treatment = o.treatment;
    in.status = risk::OperationalStatus::in_treatment;
    in.due_date = app.clock().now() + std::chrono::days(o.due_in_days);
    in.affected_product_ids = {product_id};
    in.stage = Stage::manufacturing;
    RL_TRY(app.operational_risks().create(who, in));
  }

  // The approved supplier list behind those risks (ISO 13485 7.4.1).
  struct DemoSupplier {
    const char* name;
    const char* country;
    const char* item;
    quality::SupplierCriticality criticality;
    quality::SupplierStatus status;
    const char* certificate;
    const char* conditions;
  };
  constexpr std::array<DemoSupplier, 4> kSuppliers = {{
      {"Sirolimus API manufacturer", "IN", "sirolimus active pharmaceutical ingredient",
       quality::SupplierCriticality::critical, quality::SupplierStatus::approved,
       "GMP certificate and drug master file on record", ""},
      {"Cobalt-chromium tubing mill", "DE", "L605 cobalt-chromium tubing",
       quality::SupplierCriticality::critical, quality::SupplierStatus::conditional,
       "ISO 13485:2016", "Certificate of analysis with every lot until the 2027 on-site audit"},
      {"Ethylene oxide sterilization contractor", "CN", "EO sterilization (ISO 11135)",
       quality::SupplierCriticality::critical, quality::SupplierStatus::approved,
       "ISO 13485:2016, ISO 11135 validation report", ""},
      {"Tyvek pouch converter", "MY", "sterile barrier pouches (ISO 11607)",
       quality::SupplierCriticality::major, quality::SupplierStatus::pending, "", ""},
  }};
  timeline.on(38, 9, 50);
  auto suppliers = app.records<quality::Supplier>();
  for (const auto& s : kSuppliers) {
    quality::Supplier in;
    in.name = s.name;
    in.country = s.country;
    in.supplied_items = {s.item};
    in.criticality = s.criticality;
    in.status = s.status;
    in.certificate = s.certificate;
    in.conditions = s.conditions;
    if (s.status != quality::SupplierStatus::pending) {
      in.approved_on = app.clock().now() - std::chrono::days(400);
      in.next_evaluation_due = app.clock().now() + std::chrono::days(120);
    }
    RL_TRY(suppliers.create(who, in));
  }

  // Where the stent is on the market (docs/vigilance.md): a few of its registrations.
  struct DemoRegistration {
    const char* country;
    vigilance::Authority authority;
    const char* authority_name;
    const char* number;
    const char* risk_class;
    vigilance::RegistrationStatus status;
    int registered_days_ago;  // 0: not registered
  };
  constexpr std::array<DemoRegistration, 5> kRegistrations = {{
      {"CN", vigilance::Authority::nmpa, "", "国械注准20193130123", "III",
       vigilance::RegistrationStatus::registered, 1200},
      {"EU", vigilance::Authority::eu_notified_body, "Notified body 0123", "CE 712345",
       "Class III", vigilance::RegistrationStatus::registered, 900},
      {"PK", vigilance::Authority::drap, "", "MDR-2021-0456", "Class D",
       vigilance::RegistrationStatus::registered, 1500},
      {"BR", vigilance::Authority::anvisa, "", "80102512345", "IV",
       vigilance::RegistrationStatus::registered, 700},
      {"US", vigilance::Authority::fda, "", "", "PMA", vigilance::RegistrationStatus::planned, 0},
  }};
  timeline.on(37, 11, 20);
  auto registrations = app.records<vigilance::Registration>();
  for (const auto& r : kRegistrations) {
    vigilance::Registration in;
    in.product_id = product_id;
    in.country = r.country;
    in.authority = r.authority;
    in.authority_name = r.authority_name;
    in.registration_number = r.number;
    in.risk_class = r.risk_class;
    in.status = r.status;
    if (r.registered_days_ago > 0) {
      in.registered_on = app.clock().now() - std::chrono::days(r.registered_days_ago);
      in.expires_on = *in.registered_on + std::chrono::days(5 * 365);
    }
    RL_TRY(registrations.create(who, in));
  }

  timeline.on(6, 15, 5);
  // A post-launch hazard just identified from field data: not yet estimated.
  risk::HazardInput late;
  late.title = "Late strut fracture at overlapping segments";
  late.category = "mechanical";
  late.stage = Stage::post_launch;
  RL_TRY(app.hazards().create(manager, f, late));

  return f;
}

}  // namespace riskloop::cli
