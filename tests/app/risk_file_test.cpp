// The risk file use cases: ISO 14971 rules end to end through the application layer.
#include "tests/app/risk_fixture.hpp"

namespace riskloop::testing {
namespace {

class RiskFile : public RiskTest {};

TEST_F(RiskFile, PolicyApprovalIsSignedAndFinal) {
  const auto sigs = [&] {
    std::vector<Signature> out;
    EXPECT_TRUE(store_->read([&](store::Tx& tx) -> Status {
      out = RL_TRY(tx.list<Signature>(org_, {.where = {{"signed_id", policy_.header.id}}}));
      return {};
    }));
    return out;
  }();
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].printed_name, "Ada Admin");
  EXPECT_EQ(sigs[0].meaning, SignatureMeaning::approval);
  EXPECT_EQ(sigs[0].signed_version, policy_.header.version);
  const auto changed = app_->policies().update(admin_, policy_.header.id, {}, std::nullopt);
  ASSERT_FALSE(changed);
}

TEST_F(RiskFile, SigningNeedsThePasswordAndAPerson) {
  auto draft = app_->policies().revise(admin_, policy_.policy_id);
  ASSERT_TRUE(draft) << draft.error().message;
  auto alone = app_->policies().approve(admin_, draft->header.id, {kPassword, SignatureMeaning::approval}, 1);
  ASSERT_FALSE(alone);  // a session's first signature takes the e-mail too
  EXPECT_EQ(alone.error().location, "/signature/email");
  auto wrong = app_->policies().approve(admin_, draft->header.id,
                                        {"wrong password!", SignatureMeaning::approval, admin_.email}, 1);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(wrong.error().location, "/signature/password");
  auto op = app_->policies().approve(op_, draft->header.id, sign(), 1);
  ASSERT_FALSE(op);
  EXPECT_EQ(op.error().code, ErrorCode::forbidden);
  const auto engineer = member("eng@acme.example", Role::engineer);
  EXPECT_EQ(app_->policies().approve(engineer, draft->header.id, sign(), 1).error().code,
            ErrorCode::forbidden);
}

TEST_F(RiskFile, StepsAreDerivedFromTheData) {
  // Critical harm, P = 1e-3 x 0.1 = 1e-4: Probable -> unacceptable.
  const auto c = add_chain("thrombosis", 1e-3, 0.1, 4);
  EXPECT_EQ(step_of(c.pair), risk::Step::evaluated);
  // An acceptable risk (negligible harm) needs no control.
  const auto ok = add_chain("bruise", 1e-4, 0.1, 1);
  EXPECT_EQ(step_of(ok.pair), risk::Step::residual_accepted);
  // Unverified control: still evaluated.
  const auto ctl = control(c, 1e-6, 0.1, 4, /*verified=*/false);
  EXPECT_EQ(step_of(c.pair), risk::Step::evaluated);
  // Verified, with an acceptable residual (1e-7 Improbable x Critical): residual accepted.
  auto current = app_->controls().get(admin_, ctl);
  auto in = app::Controls::input_of_record(*current);
  in.implementation_verification = risk::VerificationResult::pass;
  in.implementation_evidence = "TR-1";
  in.effectiveness_verification = risk::VerificationResult::pass;
  in.effectiveness_evidence = "TR-2";
  ASSERT_TRUE(app_->controls().update(admin_, ctl, in, current->header.version));
  EXPECT_EQ(step_of(c.pair), risk::Step::residual_accepted);
}

TEST_F(RiskFile, UnacceptableRiskNeedsControlsOrBenefitRisk) {
  // Catastrophic harm: even the residual (Improbable) is only "investigate".
  const auto c = add_chain("perforation", 1e-3, 0.1, 5);
  control(c, 1e-6, 0.1, 5);
  EXPECT_EQ(step_of(c.pair), risk::Step::controlled);
  risk::BenefitRiskInput br;
  br.situation_harm_id = c.pair;
  br.benefits = "Revascularisation of a life-threatening lesion";
  br.data_reviewed = "Registry of 4.5 million implants";
  br.why_no_further_control = "State of the art reached";
  br.outcome = risk::BenefitRiskOutcome::accepted;
  br.rationale = "Benefit outweighs the remaining risk";
  auto d = app_->files().decide_benefit_risk(admin_, file_, br, sign(SignatureMeaning::responsibility));
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(step_of(c.pair), risk::Step::residual_accepted);

  // A benefit-risk decision is refused for an acceptable risk.
  const auto ok = add_chain("bruise", 1e-4, 0.1, 1);
  br.situation_harm_id = ok.pair;
  const auto refused = app_->files().decide_benefit_risk(admin_, file_, br, sign());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
}

TEST_F(RiskFile, GateListsReasonsUntilTheyAreGoneThenPassesSigned) {
  const auto c = add_chain("thrombosis", 1e-3, 0.1, 4);
  auto reasons = app_->files().check_gate(admin_, file_, risk::Stage::design);
  ASSERT_TRUE(reasons);
  ASSERT_FALSE(reasons->empty());
  bool names_risk = false;
  for (const auto& r : *reasons) names_risk |= r.item_id == c.pair;
  EXPECT_TRUE(names_risk);

  const auto refused = app_->files().decide_gate(
      admin_, file_, {risk::Stage::design, risk::GateOutcome::passed, "looks fine"}, sign());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);

  control(c, 1e-6, 0.1, 4);
  reasons = app_->files().check_gate(admin_, file_, risk::Stage::design);
  ASSERT_TRUE(reasons);
  for (const auto& r : *reasons) ADD_FAILURE() << name_of(r.code) << ": " << r.message;

  auto passed = app_->files().decide_gate(
      admin_, file_, {risk::Stage::design, risk::GateOutcome::passed, "design review DR-3"}, sign());
  ASSERT_TRUE(passed) << passed.error().message;
  EXPECT_EQ(passed->blocking_reasons, 0);
  EXPECT_EQ(app_->files().get(admin_, file_)->stage, risk::Stage::design);
  const auto a = app_->files().assess(admin_, file_);
  ASSERT_TRUE(a);
  ASSERT_FALSE(a->signatures.empty());
  EXPECT_EQ(a->signatures.back().signed_entity, "gate_decision");
  EXPECT_TRUE(app_->journal().verify()->ok);
}

TEST_F(RiskFile, PassingALaterGateMovesTheStage) {
  const auto c = add_chain("thrombosis", 1e-3, 0.1, 4);
  control(c, 1e-6, 0.1, 4);
  auto passed = app_->files().decide_gate(
      admin_, file_, {risk::Stage::manufacturing, risk::GateOutcome::passed, "design transfer"}, sign());
  ASSERT_TRUE(passed) << passed.error().message;
  EXPECT_EQ(app_->files().get(admin_, file_)->stage, risk::Stage::manufacturing);
}

TEST_F(RiskFile, ItemsMustBelongToTheSameFile) {
  const auto c = add_chain("a", 1e-3, 0.1, 3);
  auto other = file_input();
  other.title = "Second file";
  const auto f2 = app_->files().create(admin_, other);
  ASSERT_TRUE(f2);
  const auto r = app_->hazard_situations().create(admin_, f2->header.id, {c.hazard, c.situation});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/hazard_id");
  EXPECT_NE(r.error().message.find("belongs to another risk file"), std::string::npos);
  const auto missing = app_->hazard_situations().create(admin_, file_, {"nope", c.situation});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "hazard nope does not exist");
}

TEST_F(RiskFile, ReferredItemsCannotBeRemoved) {
  const auto c = add_chain("a", 1e-3, 0.1, 3);
  const auto r = app_->hazards().remove(admin_, c.hazard, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_NE(r.error().message.find("hazard_situation_link"), std::string::npos);
}

TEST_F(RiskFile, PinnedPolicyChangesOnlyByMigration) {
  auto in = file_input();
  in.policy_version = 2;
  const auto r = app_->files().update(admin_, file_, in, std::nullopt);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/policy_version");
}

TEST_F(RiskFile, MigrationPreviewsEveryChangedCellAndIsJournaled) {
  const auto c = add_chain("thrombosis", 1e-3, 0.1, 4);  // P = 1e-4: Probable, unacceptable
  add_chain("bruise", 1e-4, 0.1, 1);                     // Negligible: unchanged below
  // Version 2: Critical x Probable becomes "investigate".
  auto v2 = app_->policies().revise(admin_, policy_.policy_id);
  ASSERT_TRUE(v2);
  risk::RiskPolicyInput in = input_of<risk::RiskPolicyInput>(*v2);
  for (auto& cell : in.acceptability_matrix)
    if (cell.severity_rank == 4 && cell.probability_rank == 4) cell.acceptability = risk::Acceptability::investigate;
  ASSERT_TRUE(app_->policies().update(admin_, v2->header.id, in, 1));
  const auto preview = app_->files().preview_migration(admin_, file_, policy_.policy_id, 2);
  ASSERT_TRUE(preview) << preview.error().message;
  ASSERT_EQ(preview->size(), 1u);
  EXPECT_EQ((*preview)[0].id, c.pair);
  EXPECT_EQ((*preview)[0].old_acceptability, risk::Acceptability::unacceptable);
  EXPECT_EQ((*preview)[0].new_acceptability, risk::Acceptability::investigate);

  // Only approved versions can be migrated to.
  const auto draft = app_->files().migrate_policy(admin_, file_, {policy_.policy_id, 2, "new matrix"}, std::nullopt);
  ASSERT_FALSE(draft);
  EXPECT_EQ(draft.error().code, ErrorCode::conflict);
  ASSERT_TRUE(app_->policies().approve(admin_, v2->header.id, sign(), 2));
  const auto moved = app_->files().migrate_policy(admin_, file_, {policy_.policy_id, 2, "new matrix"}, std::nullopt);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->changes.size(), 1u);
  EXPECT_EQ(app_->files().get(admin_, file_)->policy_version, 2);
  const auto entries = app_->journal().page(admin_, {.entity = "policy_migration"});
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_NE(entries->front().payload.find("investigate"), std::string::npos);
  EXPECT_TRUE(app_->journal().verify()->ok);
}

TEST_F(RiskFile, ClosedReviewSchedulesTheNextAndOverdueOnesAreDue) {
  risk::ReviewInput r;
  r.status = risk::ReviewStatus::closed;
  r.held_at = clock_.now();
  r.attendees = {"Ada Admin (risk manager)", "Bo Eng (design)"};
  r.conclusions = "Plan followed";
  r.plan_followed = true;
  ASSERT_TRUE(app_->reviews().create(admin_, file_, r));
  const auto file = app_->files().get(admin_, file_);
  ASSERT_TRUE(file->next_review_due);
  EXPECT_TRUE(app_->files().due(admin_)->empty());
  clock_.advance(std::chrono::days(366));
  const auto due = app_->files().due(admin_);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_NE(due->front().reason.find("overdue"), std::string::npos);
}

TEST_F(RiskFile, OtherTenantsAndPartnersSeeNoFile) {
  add_chain("a", 1e-3, 0.1, 3);
  const auto partner = member("clinician@hospital.example", Role::partner);
  EXPECT_EQ(app_->files().get(partner, file_).error().code, ErrorCode::not_found);
  EXPECT_EQ(app_->hazards().list(partner, file_, {}).error().code, ErrorCode::not_found);
  ASSERT_TRUE(app_->accounts().share(admin_, {"product", product_, partner.user_id}));
  EXPECT_TRUE(app_->files().get(partner, file_));
  EXPECT_EQ(app_->hazards().list(partner, file_, {})->size(), 1u);
}

TEST_F(RiskFile, AssessmentsAreFreshAndAccessIsCheckedOnEveryCall) {
  add_chain("a", 1e-3, 0.1, 3);
  ASSERT_EQ(app_->files().assess(admin_, file_)->snapshot.hazards.size(), 1u);
  // An assessment of the same state may be reused, but never for someone who may not see it...
  const auto partner = member("clinician@hospital.example", Role::partner);
  EXPECT_EQ(app_->files().assess(partner, file_).error().code, ErrorCode::not_found);
  EXPECT_EQ(app_->files().check_gate(partner, file_, risk::Stage::design).error().code,
            ErrorCode::not_found);
  // ...and never after a change.
  add_chain("b", 1e-3, 0.1, 3);
  EXPECT_EQ(app_->files().assess(admin_, file_)->snapshot.hazards.size(), 2u);
}

TEST_F(RiskFile, AuditorsReadButNeverWrite) {
  const auto auditor = member("audit@acme.example", Role::auditor);
  EXPECT_TRUE(app_->files().assess(auditor, file_));
  risk::HazardInput h;
  h.title = "x";
  EXPECT_EQ(app_->hazards().create(auditor, file_, h).error().code, ErrorCode::forbidden);
}

TEST_F(RiskFile, SavingAnItemWithoutAChangeWritesNothing) {
  risk::HazardInput h;
  h.title = "Leakage current";
  h.category = "energy";
  const auto created = app_->hazards().create(admin_, file_, h);
  ASSERT_TRUE(created) << created.error().message;
  const auto before = journal_count();
  const auto same = app_->hazards().update(admin_, created->header.id, h, 1);
  ASSERT_TRUE(same) << same.error().message;
  EXPECT_EQ(same->header.version, 1);
  EXPECT_EQ(journal_count(), before);
  // A real change is one update.
  h.title = "Leakage current through the enclosure";
  const auto changed = app_->hazards().update(admin_, created->header.id, h, 1);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->header.version, 2);
  EXPECT_EQ(journal_count(), before + 1);
}

TEST_F(RiskFile, OperationalRisksCheckTheirProducts) {
  risk::OperationalRisk in;
  in.title = "Single supplier of cobalt-chromium tubing";
  in.category = risk::OperationalCategory::supplier;
  in.owner = "Purchasing lead";
  in.likelihood = 3;
  in.impact = 4;
  in.affected_product_ids = {product_, "missing"};
  auto r = app_->operational_risks().create(admin_, in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/affected_product_ids/1");
  in.affected_product_ids = {product_};
  r = app_->operational_risks().create(admin_, in);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->score(), 12);
}

// A duplicate the store refused (two writers racing past the rules) reaches people in words:
// the database's message ("already exists (UNIQUE constraint failed: ...)") never does.
TEST(DuplicateInWords, StoreDuplicatesAreSaidInWords) {
  const Error store{ErrorCode::conflict,
                    "already exists (UNIQUE constraint failed: residual_estimates.situation_harm_id)",
                    {}};
  const auto said = app::duplicate_in_words(store, risk::ResidualEstimate::entity);
  EXPECT_EQ(said.code, ErrorCode::conflict);
  EXPECT_EQ(said.message, "This risk already has a residual estimate; revise it instead.");
  EXPECT_EQ(app::duplicate_in_words(store, risk::ControlLink::entity).message,
            "this control is already linked to this risk");
  EXPECT_EQ(app::duplicate_in_words(store, risk::Hazard::entity).message.find("UNIQUE"),
            std::string::npos);
  const Error other{ErrorCode::validation, "is required", "/p1"};
  EXPECT_EQ(app::duplicate_in_words(other, risk::ResidualEstimate::entity).message, "is required");
}

}  // namespace
}  // namespace riskloop::testing
