// Risk policies and risk files: the plan, the whole-file views (assessment, gates, due reviews),
// the signed decisions and moving a file to another policy version.
#pragma once

#include <optional>
#include <vector>

#include "app/accounts.hpp"
#include "core/risk/completeness.hpp"
#include "core/risk/gate.hpp"
#include "core/risk/migration_record.hpp"
#include "core/risk/step.hpp"
#include "core/signature.hpp"

namespace riskloop::app {

class RiskPolicies {
 public:
  explicit RiskPolicies(AppContext& ctx) : ctx_(ctx) {}

  // A new policy (version 1, draft); with no input: the default 5 x 5 policy to adapt.
  Result<risk::RiskPolicy> create(const Principal& who, const std::optional<risk::RiskPolicyInput>& in);
  // The next version of a policy as a draft, starting from its latest version.
  Result<risk::RiskPolicy> revise(const Principal& who, const Id& policy_id);
  // Whether `who` may change (or revise) policies at all, before any record is read.
  static Status may_change(const Principal& who);
  // Drafts only: an approved version never changes.
  Result<risk::RiskPolicy> update(const Principal& who, const Id& id, const risk::RiskPolicyInput& in,
                                  std::optional<std::int64_t> expected_version);
  // Signed approval (risk managers, admins).
  Result<risk::RiskPolicy> approve(const Principal& who, const Id& id, const SignatureInput& sig,
                                   std::optional<std::int64_t> expected_version);
  Result<risk::RiskPolicy> get(const Principal& who, const Id& id);
  Result<std::vector<risk::RiskPolicy>> list(const Principal& who, const Page& page);

 private:
  AppContext& ctx_;
};

// A file with everything needed to show where it stands.
struct FileAssessment {
  risk::RiskFileSnapshot snapshot;
  std::optional<risk::RiskPolicy> policy;     // the pinned version (absent if it vanished)
  std::vector<risk::RiskAssessment> risks;    // per situation_harms[i]; empty without a policy
  std::vector<risk::Finding> completeness;    // 7.6 for the file's current stage
  std::vector<Signature> signatures;          // of the file's decisions, oldest first
  // Of the snapshot (app::analysis_digest); computed only when a decision bound the analysis.
  std::string analysis_digest;

  // Whether the analysis changed after decision `d` was signed (false for decisions recorded
  // before decisions kept the digest).
  template <class D>
  bool changed_since(const D& d) const {
    return !d.content_digest.empty() && d.content_digest != analysis_digest;
  }
};

struct DueItem {
  Id risk_file_id;
  std::string title;
  std::string reason;  // "review overdue since ...", "review scheduled for ... is open"
  std::optional<Timestamp> due;
};

class RiskFiles {
 public:
  explicit RiskFiles(AppContext& ctx) : ctx_(ctx) {}

  Result<risk::RiskFile> create(const Principal& who, const risk::RiskFileInput& in);
  Result<risk::RiskFile> get(const Principal& who, const Id& id);
  Result<std::vector<risk::RiskFile>> list(const Principal& who, const Page& page,
                                           const std::string& product_id = {});
  // Whether `who` may change risk files at all, before any record is read.
  static Status may_change(const Principal& who);
  // Plan and description fields. The pinned policy changes only through migrate_policy, the stage
  // only through gate decisions.
  Result<risk::RiskFile> update(const Principal& who, const Id& id, const risk::RiskFileInput& in,
                                std::optional<std::int64_t> expected_version);

  Result<FileAssessment> assess(const Principal& who, const Id& id);
  // Every blocking reason of the stage's gate, as of now.
  Result<std::vector<risk::Finding>> check_gate(const Principal& who, const Id& id, risk::Stage stage);
  // A signed gate decision; `passed` only with no blocking reason. Passing moves the file's stage.
  Result<risk::GateDecision> decide_gate(const Principal& who, const Id& id,
                                         const risk::GateDecisionInput& in, const SignatureInput& sig);
  // Signed benefit-risk decision (7.4) for a risk that is not acceptable.
  Result<risk::BenefitRisk> decide_benefit_risk(const Principal& who, const Id& id,
                                                const risk::BenefitRiskInput& in,
                                                const SignatureInput& sig);
  // Signed overall residual risk evaluation (8).
  Result<risk::OverallResidualRisk> decide_overall_residual(const Principal& who, const Id& id,
                                                            const risk::OverallResidualRiskInput& in,
                                                            const SignatureInput& sig);

  // What moving the file to another policy version would change; applies nothing.
  Result<std::vector<risk::MigratedEstimate>> preview_migration(const Principal& who, const Id& id,
                                                                const Id& to_policy_id,
                                                                std::int64_t to_version);
  // Moves the file: re-pins the policy, maps severity ranks by level name, records every change.
  Result<risk::PolicyMigration> migrate_policy(const Principal& who, const Id& id,
                                               const risk::PolicyMigrationInput& in,
                                               std::optional<std::int64_t> expected_version);

  // Reviews overdue or due now, across the organization's files.
  Result<std::vector<DueItem>> due(const Principal& who);

 private:
  AppContext& ctx_;
};

}  // namespace riskloop::app
