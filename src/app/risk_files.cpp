// Risk files: creation and plan edits, the assessment of a whole file, and due reviews.
#include "app/risk_files.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>

#include "app/recorder.hpp"
#include "app/risk_access.hpp"
#include "app/signatures.hpp"
#include "core/field_copy.hpp"
#include "core/product.hpp"
#include "core/risk/file_index.hpp"

namespace riskloop::app {

Result<risk::RiskFile> RiskFiles::create(const Principal& who, const risk::RiskFileInput& in) {
  RL_CHECK(require(who, Permission::write_risk, "create risk files"));
  RL_CHECK(risk::validate(in));
  risk::RiskFile file;
  RL_CHECK(copy_fields(in, file));
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto product = tx.get<Product>(who.org_id, in.product_id);
    if (!product || !RL_TRY(product_visible(tx, who, in.product_id)))
      return fail(ErrorCode::validation, "product " + in.product_id + " does not exist", "/product_id");
    if (!find_policy_version(tx, who.org_id, in.policy_id, in.policy_version))
      return fail(ErrorCode::validation,
                  "risk policy " + in.policy_id + " version " + std::to_string(in.policy_version) +
                      " does not exist",
                  "/policy_id");
    Recorder r(tx, who, ctx_.clock.now());
    return r.create(file, ctx_.ids.next_id());
  }));
  return file;
}

Result<risk::RiskFile> RiskFiles::get(const Principal& who, const Id& id) {
  risk::RiskFile file;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    file = RL_TRY(visible_file(tx, who, id));
    return {};
  }));
  return file;
}

Result<std::vector<risk::RiskFile>> RiskFiles::list(const Principal& who, const Page& page,
                                                    const std::string& product_id) {
  std::vector<risk::RiskFile> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    store::ListQuery q{.after_id = page.after,
                       .limit = std::clamp(page.limit, 1, ctx_.options.max_page_size)};
    if (!product_id.empty()) q.where.push_back({"product_id", product_id});
    for (auto& f : RL_TRY(tx.list<risk::RiskFile>(who.org_id, q)))
      if (RL_TRY(product_visible(tx, who, f.product_id))) out.push_back(std::move(f));
    return {};
  }));
  return out;
}

Status RiskFiles::may_change(const Principal& who) {
  return require(who, Permission::write_risk, "change risk files");
}

Result<risk::RiskFile> RiskFiles::update(const Principal& who, const Id& id,
                                         const risk::RiskFileInput& in,
                                         std::optional<std::int64_t> expected_version) {
  RL_CHECK(may_change(who));
  RL_CHECK(risk::validate(in));
  risk::RiskFile file;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    file = RL_TRY(visible_file(tx, who, id));
    RL_CHECK(check_version("risk_file", id, file.header.version, expected_version));
    if (in.policy_id != file.policy_id || in.policy_version != file.policy_version)
      return fail(ErrorCode::validation,
                  "the pinned policy changes only by a policy migration, which lists every "
                  "estimate it re-rates",
                  in.policy_id != file.policy_id ? "/policy_id" : "/policy_version");
    if (in.product_id != file.product_id)
      return fail(ErrorCode::validation, "a risk file stays with its product", "/product_id");
    RL_CHECK(copy_fields(in, file));
    Recorder r(tx, who, ctx_.clock.now());
    return r.update(file);
  }));
  return file;
}

namespace {

// The last few assessments, by organization, file and journal head hash. Every change is journaled
// in the transaction that makes it, so the same head hash means the same records: a hit is the
// assessment a fresh load would give. Pages of a large file are then not re-read per request.
class AssessmentCache {
 public:
  std::shared_ptr<const FileAssessment> find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    for (const auto& [k, a] : entries_)
      if (k == key) return a;
    return nullptr;
  }
  void put(std::string key, std::shared_ptr<const FileAssessment> a) {
    const std::lock_guard lock(mutex_);
    entries_.emplace_front(std::move(key), std::move(a));
    if (entries_.size() > kEntries) entries_.pop_back();
  }

 private:
  static constexpr std::size_t kEntries = 4;
  std::mutex mutex_;
  std::deque<std::pair<std::string, std::shared_ptr<const FileAssessment>>> entries_;
};

AssessmentCache& assessment_cache() {
  static AssessmentCache cache;
  return cache;
}

}  // namespace

Result<FileAssessment> RiskFiles::assess(const Principal& who, const Id& id) {
  FileAssessment out;
  std::string key;
  std::shared_ptr<const FileAssessment> cached;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    const auto file = RL_TRY(visible_file(tx, who, id));  // access is checked on every call
    if (const auto head = RL_TRY(tx.journal_head())) {
      key = who.org_id + '/' + id + '/' + head->second;
      cached = assessment_cache().find(key);
      if (cached) return {};
    }
    out.snapshot = RL_TRY(load_snapshot(tx, who.org_id, file));
    // Hashing every record is paid only by files with a decision that bound the analysis.
    const auto binds = [](const auto& d) { return !d.content_digest.empty(); };
    if (std::any_of(out.snapshot.gate_decisions.begin(), out.snapshot.gate_decisions.end(), binds) ||
        std::any_of(out.snapshot.overall_residual_risks.begin(),
                    out.snapshot.overall_residual_risks.end(), binds))
      out.analysis_digest = analysis_digest(out.snapshot);
    if (auto p = find_policy_version(tx, who.org_id, file.policy_id, file.policy_version))
      out.policy = std::move(*p);
    const auto sign = [&](std::string_view entity, const Id& rid) -> Status {
      for (auto& s : RL_TRY(signatures_of(tx, who.org_id, entity, rid))) out.signatures.push_back(std::move(s));
      return {};
    };
    for (const auto& d : out.snapshot.benefit_risks) RL_CHECK(sign(risk::BenefitRisk::entity, d.header.id));
    for (const auto& d : out.snapshot.overall_residual_risks)
      RL_CHECK(sign(risk::OverallResidualRisk::entity, d.header.id));
    for (const auto& d : out.snapshot.gate_decisions) RL_CHECK(sign(risk::GateDecision::entity, d.header.id));
    return {};
  }));
  if (cached) return *cached;
  if (out.policy) {
    if (auto compiled = risk::CompiledPolicy::compile(*out.policy)) {
      const risk::RiskFileIndex index(out.snapshot);
      out.risks = risk::assess_risks(index, *compiled);
      out.completeness = risk::check_completeness(index, *compiled, out.risks, out.snapshot.file.stage);
    }
  }
  std::sort(out.signatures.begin(), out.signatures.end(),
            [](const auto& a, const auto& b) { return a.signed_at < b.signed_at; });
  if (!key.empty()) assessment_cache().put(std::move(key), std::make_shared<const FileAssessment>(out));
  return out;
}

Result<std::vector<risk::Finding>> RiskFiles::check_gate(const Principal& who, const Id& id,
                                                         risk::Stage stage) {
  // The snapshot of the (cached) assessment: a page that checks all three stages reads it once.
  const auto a = RL_TRY(assess(who, id));
  if (!a.policy)
    return fail(ErrorCode::not_found, "risk policy " + a.snapshot.file.policy_id + " version " +
                                          std::to_string(a.snapshot.file.policy_version) +
                                          " does not exist");
  const auto policy = RL_TRY(risk::CompiledPolicy::compile(*a.policy));
  return risk::check_gate(a.snapshot, policy, stage, ctx_.clock.now());
}

Result<std::vector<DueItem>> RiskFiles::due(const Principal& who) {
  std::vector<DueItem> out;
  const auto now = ctx_.clock.now();
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    for (const auto& f : RL_TRY(tx.list_all<risk::RiskFile>(who.org_id))) {
      if (!RL_TRY(product_visible(tx, who, f.product_id))) continue;
      if (f.next_review_due && *f.next_review_due <= now)
        out.push_back({f.header.id, f.title,
                       "periodic risk management review overdue since " +
                           format_timestamp(*f.next_review_due),
                       f.next_review_due});
      const auto reviews = RL_TRY(tx.list_all<risk::Review>(
          who.org_id, {{"risk_file_id", f.header.id}, {"status", std::string("open")}}));
      for (const auto& r : reviews)
        if (!r.scheduled_for || *r.scheduled_for <= now)
          out.push_back({f.header.id, f.title,
                         r.scheduled_for ? "review scheduled for " + format_timestamp(*r.scheduled_for) + " is open"
                                         : "open review " + r.header.id + " has no date",
                         r.scheduled_for});
    }
    return {};
  }));
  return out;
}

}  // namespace riskloop::app
