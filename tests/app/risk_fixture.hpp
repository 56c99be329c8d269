// A risk file under construction: an approved default policy, a product, and helpers that add a
// hazard -> situation -> harm chain with estimates and controls.
#pragma once

#include "tests/app/app_fixture.hpp"

namespace riskloop::testing {

class RiskTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto policy = app_->policies().create(admin_, std::nullopt);
    ASSERT_TRUE(policy) << policy.error().message;
    auto approved = app_->policies().approve(admin_, policy->header.id, sign(), 1);
    ASSERT_TRUE(approved) << approved.error().message;
    policy_ = *approved;
    auto product = app_->products().create(admin_, {"Firebird DES", "Coronary stents", "FB-3.0", ""});
    ASSERT_TRUE(product);
    product_ = product->header.id;
    auto file = app_->files().create(admin_, file_input());
    ASSERT_TRUE(file) << file.error().message;
    file_ = file->header.id;
  }

  // admin_'s signature: the e-mail too, as the first signing of a session (11.200(a)(1)).
  SignatureInput sign(SignatureMeaning meaning = SignatureMeaning::approval) {
    return {kPassword, meaning, admin_.email};
  }

  risk::RiskFileInput file_input() {
    risk::RiskFileInput in;
    in.product_id = product_;
    in.title = "Firebird DES risk management file";
    in.intended_use = "Treatment of de novo coronary artery lesions";
    in.plan_scope = "Stent system, design to post-launch";
    in.plan_responsibilities = "Risk manager owns the file";
    in.plan_review_requirements = "Yearly review";
    in.plan_acceptability_criteria = "Default 5 x 5 policy";
    in.plan_overall_residual_method = "Benefit weighed against all residual risks";
    in.plan_verification_activities = "Bench and animal testing";
    in.plan_production_information = "Complaints, registry, literature";
    in.policy_id = policy_.policy_id;
    in.policy_version = policy_.policy_version;
    return in;
  }

  struct Chain {
    Id hazard, situation, harm, pair;
  };

  // Hazard -> situation (P1) -> harm (severity) with the pair's P2.
  Chain add_chain(const std::string& name, double p1, double p2, std::int64_t severity) {
    Chain c;
    risk::HazardInput h;
    h.title = name + " hazard";
    c.hazard = app_->hazards().create(admin_, file_, h)->header.id;
    risk::HazardousSituationInput s;
    s.title = name + " situation";
    s.sequence_of_events = "events leading to " + name;
    s.p1 = p1;
    s.p1_rationale = "bench data";
    c.situation = app_->situations().create(admin_, file_, s)->header.id;
    risk::HarmInput m;
    m.title = name + " harm";
    m.severity_rank = severity;
    c.harm = app_->harms().create(admin_, file_, m)->header.id;
    EXPECT_TRUE(app_->hazard_situations().create(admin_, file_, {c.hazard, c.situation}));
    risk::SituationHarmInput pair;
    pair.situation_id = c.situation;
    pair.harm_id = c.harm;
    pair.p2 = p2;
    pair.rationale = "literature";
    auto created = app_->situation_harms().create(admin_, file_, pair);
    EXPECT_TRUE(created) << created.error().message;
    c.pair = created->header.id;
    return c;
  }

  // A verified control on the pair and a residual estimate.
  Id control(const Chain& c, double residual_p1, double residual_p2, std::int64_t severity,
             bool verified = true) {
    risk::RiskControlInput in;
    in.title = "Control for " + c.pair;
    in.option = risk::ControlOption::inherent_safety;
    in.implementation_reference = "DRW-001";
    in.new_risks_reviewed = true;
    if (verified) {
      in.implementation_verification = risk::VerificationResult::pass;
      in.implementation_evidence = "TR-100";
      in.effectiveness_verification = risk::VerificationResult::pass;
      in.effectiveness_evidence = "TR-101";
    }
    auto ctl = app_->controls().create(admin_, file_, in);
    EXPECT_TRUE(ctl) << ctl.error().message;
    EXPECT_TRUE(app_->control_links().create(admin_, file_, {ctl->header.id, c.pair}));
    risk::ResidualEstimateInput r;
    r.situation_harm_id = c.pair;
    r.p1 = residual_p1;
    r.p2 = residual_p2;
    r.severity_rank = severity;
    r.rationale = "after control";
    auto res = app_->residual_estimates().create(admin_, file_, r);
    EXPECT_TRUE(res) << res.error().message;
    return ctl->header.id;
  }

  risk::Step step_of(const Id& pair) {
    const auto a = app_->files().assess(admin_, file_);
    EXPECT_TRUE(a);
    for (const auto& r : a->risks)
      if (a->snapshot.situation_harms[r.pair].header.id == pair) return r.step;
    ADD_FAILURE() << "no assessment for " << pair;
    return risk::Step::identified;
  }

  risk::RiskPolicy policy_;
  Id product_, file_;
};

}  // namespace riskloop::testing
