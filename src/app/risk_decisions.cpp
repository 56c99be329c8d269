// Signed decisions on a risk file: gates, benefit-risk, overall residual risk; policy migration.
#include "app/recorder.hpp"
#include "app/risk_access.hpp"
#include "app/risk_files.hpp"
#include "app/signatures.hpp"
#include "core/field_copy.hpp"
#include "core/risk/file_index.hpp"

namespace riskloop::app {

Result<risk::GateDecision> RiskFiles::decide_gate(const Principal& who, const Id& id,
                                                  const risk::GateDecisionInput& in,
                                                  const SignatureInput& sig) {
  RL_CHECK(require(who, Permission::sign_risk, "decide stage gates"));
  RL_CHECK(risk::validate(in));
  RL_CHECK(confirm_signer(ctx_, who, sig));
  risk::GateDecision d;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    auto file = RL_TRY(visible_file(tx, who, id));
    const auto snapshot = RL_TRY(load_snapshot(tx, who.org_id, file));
    const auto policy = RL_TRY(pinned_policy(tx, who.org_id, file));
    Recorder r(tx, who, ctx_.clock.now());
    // Checked inside the write transaction: nothing can change between check and decision.
    const auto reasons = risk::check_gate(snapshot, policy, in.stage, r.now());
    RL_CHECK(risk::check_gate_decision(in, reasons));
    RL_CHECK(copy_fields(in, d));
    d.risk_file_id = id;
    d.blocking_reasons = static_cast<std::int64_t>(reasons.size());
    d.decided_by = who.user_id;
    d.decided_at = r.now();
    d.content_digest = analysis_digest(snapshot);
    RL_CHECK(r.create(d, ctx_.ids.next_id()));
    RL_CHECK(sign_record(r, ctx_.ids, d, sig.meaning));
    if (in.outcome == risk::GateOutcome::passed && static_cast<int>(in.stage) > static_cast<int>(file.stage)) {
      file.stage = in.stage;
      RL_CHECK(r.update(file));
    }
    return {};
  }));
  return d;
}

Result<risk::BenefitRisk> RiskFiles::decide_benefit_risk(const Principal& who, const Id& id,
                                                         const risk::BenefitRiskInput& in,
                                                         const SignatureInput& sig) {
  RL_CHECK(require(who, Permission::sign_risk, "decide benefit-risk"));
  RL_CHECK(risk::validate(in));
  RL_CHECK(confirm_signer(ctx_, who, sig));
  risk::BenefitRisk d;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto file = RL_TRY(visible_file(tx, who, id));
    const auto snapshot = RL_TRY(load_snapshot(tx, who.org_id, file));
    const auto policy = RL_TRY(pinned_policy(tx, who.org_id, file));
    const risk::RiskFileIndex index(snapshot);
    const auto pair = index.pair(in.situation_harm_id);
    if (pair == risk::RiskFileIndex::npos)
      return fail(ErrorCode::validation, "situation_harm " + in.situation_harm_id + " is not a risk of this file",
                  "/situation_harm_id");
    const auto assessment = risk::assess_risks(index, policy)[pair];
    if (!assessment.current())
      return fail(ErrorCode::conflict, "estimate the risk before weighing its benefits", "/situation_harm_id");
    if (assessment.current()->acceptable())
      return fail(ErrorCode::conflict,
                  "the risk is acceptable as estimated: a benefit-risk analysis (7.4) is for risks "
                  "that are not",
                  "/situation_harm_id");
    RL_CHECK(copy_fields(in, d));
    Recorder r(tx, who, ctx_.clock.now());
    d.risk_file_id = id;
    d.decided_by = who.user_id;
    d.decided_at = r.now();
    RL_CHECK(r.create(d, ctx_.ids.next_id()));
    return sign_record(r, ctx_.ids, d, sig.meaning).map([](auto&&) {});
  }));
  return d;
}

Result<risk::OverallResidualRisk> RiskFiles::decide_overall_residual(
    const Principal& who, const Id& id, const risk::OverallResidualRiskInput& in,
    const SignatureInput& sig) {
  RL_CHECK(require(who, Permission::sign_risk, "evaluate the overall residual risk"));
  RL_CHECK(risk::validate(in));
  RL_CHECK(confirm_signer(ctx_, who, sig));
  risk::OverallResidualRisk d;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto file = RL_TRY(visible_file(tx, who, id));
    RL_CHECK(copy_fields(in, d));
    Recorder r(tx, who, ctx_.clock.now());
    d.risk_file_id = id;
    d.decided_by = who.user_id;
    d.decided_at = r.now();
    d.content_digest = analysis_digest(RL_TRY(load_snapshot(tx, who.org_id, file)));
    RL_CHECK(r.create(d, ctx_.ids.next_id()));
    return sign_record(r, ctx_.ids, d, sig.meaning).map([](auto&&) {});
  }));
  return d;
}

namespace {

// The changes of moving `snapshot` from `from` to `to`, described for people.
Result<std::vector<risk::MigratedEstimate>> migration_changes(const risk::RiskFileSnapshot& snapshot,
                                                              const risk::CompiledPolicy& from,
                                                              const risk::CompiledPolicy& to) {
  const auto estimates = risk::file_estimates(snapshot);
  const auto changes = RL_TRY(risk::diff_policy_migration(estimates, from, to));
  std::vector<risk::MigratedEstimate> out;
  out.reserve(changes.size());
  for (const auto& c : changes)
    out.push_back({c.id, c.kind, risk::describe(from, to, c), c.old_severity_rank, c.new_severity_rank,
                   c.old_probability_rank, c.new_probability_rank, c.old_acceptability,
                   c.new_acceptability});
  return out;
}

}  // namespace

Result<std::vector<risk::MigratedEstimate>> RiskFiles::preview_migration(const Principal& who,
                                                                         const Id& id,
                                                                         const Id& to_policy_id,
                                                                         std::int64_t to_version) {
  std::vector<risk::MigratedEstimate> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    const auto file = RL_TRY(visible_file(tx, who, id));
    const auto snapshot = RL_TRY(load_snapshot(tx, who.org_id, file));
    const auto from = RL_TRY(pinned_policy(tx, who.org_id, file));
    const auto to = RL_TRY(risk::CompiledPolicy::compile(
        RL_TRY(find_policy_version(tx, who.org_id, to_policy_id, to_version))));
    out = RL_TRY(migration_changes(snapshot, from, to));
    return {};
  }));
  return out;
}

Result<risk::PolicyMigration> RiskFiles::migrate_policy(const Principal& who, const Id& id,
                                                        const risk::PolicyMigrationInput& in,
                                                        std::optional<std::int64_t> expected_version) {
  RL_CHECK(require(who, Permission::sign_risk, "move risk files to another policy"));
  if (in.rationale.empty()) return fail(ErrorCode::validation, "is required", "/rationale");
  risk::PolicyMigration m;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    auto file = RL_TRY(visible_file(tx, who, id));
    RL_CHECK(check_version("risk_file", id, file.header.version, expected_version));
    const auto target = find_policy_version(tx, who.org_id, in.to_policy_id, in.to_policy_version);
    if (!target) return fail(ErrorCode::validation, target.error().message, "/to_policy_id");
    if (target->status != risk::PolicyStatus::approved)
      return fail(ErrorCode::conflict, "a file can only move to an approved policy version", "/to_policy_version");
    if (file.policy_id == in.to_policy_id && file.policy_version == in.to_policy_version)
      return fail(ErrorCode::conflict, "the file already pins that policy version", "/to_policy_version");
    auto snapshot = RL_TRY(load_snapshot(tx, who.org_id, file));
    const auto from = RL_TRY(pinned_policy(tx, who.org_id, file));
    const auto to = RL_TRY(risk::CompiledPolicy::compile(*target));
    m.changes = RL_TRY(migration_changes(snapshot, from, to));
    for (const auto& c : m.changes)
      if (c.old_severity_rank != 0 && !c.new_severity_rank)
        return fail(ErrorCode::conflict, "the new policy has no severity level named \"" +
                                             from.severity_level(c.old_severity_rank).name +
                                             "\": rate the harms again before migrating");

    Recorder r(tx, who, ctx_.clock.now());
    // Severity ranks follow their level names into the new scale.
    const auto remap = [&](std::int64_t rank) -> std::int64_t {
      if (rank < 1 || rank > from.severity_count()) return rank;
      return to.severity_rank_named(from.severity_level(rank).name).value_or(rank);
    };
    for (auto& harm : snapshot.harms)
      if (harm.severity_rank && remap(*harm.severity_rank) != *harm.severity_rank) {
        harm.severity_rank = remap(*harm.severity_rank);
        RL_CHECK(r.update(harm));
      }
    for (auto& residual : snapshot.residual_estimates)
      if (remap(residual.severity_rank) != residual.severity_rank) {
        residual.severity_rank = remap(residual.severity_rank);
        RL_CHECK(r.update(residual));
      }
    m.risk_file_id = id;
    m.from_policy_id = file.policy_id;
    m.from_policy_version = file.policy_version;
    m.to_policy_id = in.to_policy_id;
    m.to_policy_version = in.to_policy_version;
    m.rationale = in.rationale;
    RL_CHECK(r.create(m, ctx_.ids.next_id()));
    file.policy_id = in.to_policy_id;
    file.policy_version = in.to_policy_version;
    return r.update(file);
  }));
  return m;
}

}  // namespace riskloop::app
