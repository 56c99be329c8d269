// Risk policy versions: drafts, revisions, signed approval.
#include <algorithm>
#include <set>

#include "app/recorder.hpp"
#include "app/risk_access.hpp"
#include "app/risk_files.hpp"
#include "app/signatures.hpp"
#include "core/field_copy.hpp"

namespace riskloop::app {

namespace {

Result<std::vector<risk::RiskPolicy>> versions_of(store::Tx& tx, const Id& org, const Id& policy_id) {
  return tx.list_all<risk::RiskPolicy>(org, {{"policy_id", policy_id}});
}

// A partner sees only what is shared with it (core/role.hpp): the policy versions pinned by the
// risk files of products shared with them, nothing else of the organization's policies.
bool is_partner(const Principal& who) {
  return !who.local_operator && who.role == Role::partner;
}

Result<std::set<std::pair<Id, std::int64_t>>> partner_policy_versions(store::Tx& tx,
                                                                      const Principal& who) {
  std::set<std::pair<Id, std::int64_t>> out;
  const auto shares = RL_TRY(tx.list_all<Share>(
      who.org_id, {{"user_id", who.user_id}, {"shared_entity", std::string("product")}}));
  for (const auto& share : shares)
    for (const auto& file :
         RL_TRY(tx.list_all<risk::RiskFile>(who.org_id, {{"product_id", share.shared_id}})))
      out.emplace(file.policy_id, file.policy_version);
  return out;
}

}  // namespace

Result<risk::RiskPolicy> RiskPolicies::create(const Principal& who,
                                              const std::optional<risk::RiskPolicyInput>& in) {
  RL_CHECK(require(who, Permission::sign_risk, "create risk policies"));
  risk::RiskPolicy p = risk::default_policy();
  if (in) {
    RL_CHECK(risk::validate(*in));
    RL_CHECK(copy_fields(*in, p));
  }
  p.status = risk::PolicyStatus::draft;
  p.policy_version = 1;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    Recorder r(tx, who, ctx_.clock.now());
    const Id id = ctx_.ids.next_id();
    p.policy_id = id;  // the first version names the policy
    return r.create(p, id);
  }));
  return p;
}

Result<risk::RiskPolicy> RiskPolicies::revise(const Principal& who, const Id& policy_id) {
  RL_CHECK(require(who, Permission::sign_risk, "revise risk policies"));
  risk::RiskPolicy next;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto versions = RL_TRY(versions_of(tx, who.org_id, policy_id));
    if (versions.empty()) return fail(ErrorCode::not_found, "risk policy " + policy_id + " does not exist");
    const auto latest = *std::max_element(versions.begin(), versions.end(), [](auto& a, auto& b) {
      return a.policy_version < b.policy_version;
    });
    if (latest.status == risk::PolicyStatus::draft)
      return fail(ErrorCode::conflict, "version " + std::to_string(latest.policy_version) +
                                           " is still a draft: change that one");
    next = latest;
    next.policy_version = latest.policy_version + 1;
    next.status = risk::PolicyStatus::draft;
    next.approved_at.reset();
    next.approved_by.clear();
    Recorder r(tx, who, ctx_.clock.now());
    return r.create(next, ctx_.ids.next_id());
  }));
  return next;
}

Status RiskPolicies::may_change(const Principal& who) {
  return require(who, Permission::sign_risk, "change risk policies");
}

Result<risk::RiskPolicy> RiskPolicies::update(const Principal& who, const Id& id,
                                              const risk::RiskPolicyInput& in,
                                              std::optional<std::int64_t> expected_version) {
  RL_CHECK(may_change(who));
  RL_CHECK(risk::validate(in));
  risk::RiskPolicy p;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    p = RL_TRY(tx.get<risk::RiskPolicy>(who.org_id, id));
    RL_CHECK(check_version("risk_policy", id, p.header.version, expected_version));
    if (p.status != risk::PolicyStatus::draft)
      return fail(ErrorCode::conflict,
                  "an approved policy version never changes: create the next version (revise)");
    RL_CHECK(copy_fields(in, p));
    Recorder r(tx, who, ctx_.clock.now());
    return r.update(p);
  }));
  return p;
}

Result<risk::RiskPolicy> RiskPolicies::approve(const Principal& who, const Id& id,
                                               const SignatureInput& sig,
                                               std::optional<std::int64_t> expected_version) {
  RL_CHECK(require(who, Permission::sign_risk, "approve risk policies"));
  RL_CHECK(confirm_signer(ctx_, who, sig));
  risk::RiskPolicy p;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    p = RL_TRY(tx.get<risk::RiskPolicy>(who.org_id, id));
    RL_CHECK(check_version("risk_policy", id, p.header.version, expected_version));
    if (p.status == risk::PolicyStatus::approved)
      return fail(ErrorCode::conflict, "this policy version is already approved");
    Recorder r(tx, who, ctx_.clock.now());
    p.status = risk::PolicyStatus::approved;
    p.approved_at = r.now();
    p.approved_by = who.user_id;
    RL_CHECK(risk::validate(p));
    RL_CHECK(r.update(p));
    return sign_record(r, ctx_.ids, p, sig.meaning).map([](auto&&) {});
  }));
  return p;
}

Result<risk::RiskPolicy> RiskPolicies::get(const Principal& who, const Id& id) {
  risk::RiskPolicy p;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    p = RL_TRY(tx.get<risk::RiskPolicy>(who.org_id, id));
    if (is_partner(who) &&
        !RL_TRY(partner_policy_versions(tx, who)).contains({p.policy_id, p.policy_version}))
      return fail(ErrorCode::not_found, "risk_policy " + id + " does not exist");
    return {};
  }));
  return p;
}

Result<std::vector<risk::RiskPolicy>> RiskPolicies::list(const Principal& who, const Page& page) {
  std::vector<risk::RiskPolicy> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    const store::ListQuery q{.after_id = page.after,
                             .limit = std::clamp(page.limit, 1, ctx_.options.max_page_size)};
    if (!is_partner(who)) {
      out = RL_TRY(tx.list<risk::RiskPolicy>(who.org_id, q));
      return {};
    }
    // Partners: the few versions their shared files pin, in id order from the cursor.
    for (const auto& [policy_id, version] : RL_TRY(partner_policy_versions(tx, who))) {
      auto found = RL_TRY(tx.list<risk::RiskPolicy>(
          who.org_id, {.where = {{"policy_id", policy_id}, {"policy_version", version}}, .limit = 1}));
      for (auto& p : found)
        if (p.header.id > page.after) out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.header.id < b.header.id; });
    if (out.size() > static_cast<std::size_t>(q.limit)) out.resize(q.limit);
    return {};
  }));
  return out;
}

}  // namespace riskloop::app
