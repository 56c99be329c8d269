// Whole-file reads shared by the risk use cases.
#include "app/risk_access.hpp"

#include <algorithm>

#include "core/accounts.hpp"
#include "formats/digest/sha256.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::app {

namespace {

template <Record T>
Result<std::vector<T>> items_of(store::Tx& tx, const Id& org, const Id& file_id) {
  return tx.list_all<T>(org, {{"risk_file_id", file_id}});
}

}  // namespace

Result<bool> product_visible(store::Tx& tx, const Principal& who, const Id& product_id) {
  if (who.local_operator || who.role != Role::partner) return true;
  const auto shares = RL_TRY(tx.list<Share>(
      who.org_id, {.where = {{"shared_entity", std::string("product")},
                             {"shared_id", product_id},
                             {"user_id", who.user_id}},
                   .limit = 1}));
  return !shares.empty();
}

Result<risk::RiskFile> visible_file(store::Tx& tx, const Principal& who, const Id& file_id) {
  auto file = RL_TRY(tx.get<risk::RiskFile>(who.org_id, file_id));
  if (!RL_TRY(product_visible(tx, who, file.product_id)))
    return fail(ErrorCode::not_found, "risk_file " + file_id + " does not exist");
  return file;
}

Result<risk::RiskFileSnapshot> load_snapshot(store::Tx& tx, const Id& org,
                                             const risk::RiskFile& file) {
  risk::RiskFileSnapshot s;
  const Id& id = file.header.id;
  s.file = file;
  s.hazards = RL_TRY(items_of<risk::Hazard>(tx, org, id));
  s.situations = RL_TRY(items_of<risk::HazardousSituation>(tx, org, id));
  s.harms = RL_TRY(items_of<risk::Harm>(tx, org, id));
  s.hazard_situations = RL_TRY(items_of<risk::HazardSituationLink>(tx, org, id));
  s.situation_harms = RL_TRY(items_of<risk::SituationHarm>(tx, org, id));
  s.controls = RL_TRY(items_of<risk::RiskControl>(tx, org, id));
  s.control_links = RL_TRY(items_of<risk::ControlLink>(tx, org, id));
  s.introduced_hazards = RL_TRY(items_of<risk::IntroducedHazard>(tx, org, id));
  s.residual_estimates = RL_TRY(items_of<risk::ResidualEstimate>(tx, org, id));
  s.benefit_risks = RL_TRY(items_of<risk::BenefitRisk>(tx, org, id));
  s.overall_residual_risks = RL_TRY(items_of<risk::OverallResidualRisk>(tx, org, id));
  s.reviews = RL_TRY(items_of<risk::Review>(tx, org, id));
  s.gate_decisions = RL_TRY(items_of<risk::GateDecision>(tx, org, id));
  return s;
}

Result<risk::RiskPolicy> find_policy_version(store::Tx& tx, const Id& org, const Id& policy_id,
                                             std::int64_t version) {
  const auto found = RL_TRY(tx.list<risk::RiskPolicy>(
      org, {.where = {{"policy_id", policy_id}, {"policy_version", version}}, .limit = 1}));
  if (found.empty())
    return fail(ErrorCode::not_found, "risk policy " + policy_id + " version " +
                                          std::to_string(version) + " does not exist");
  return found.front();
}

Result<risk::CompiledPolicy> pinned_policy(store::Tx& tx, const Id& org, const risk::RiskFile& file) {
  const auto policy = RL_TRY(find_policy_version(tx, org, file.policy_id, file.policy_version));
  return risk::CompiledPolicy::compile(policy);
}

namespace {

// Adds each record of `records` (in id order, whatever order the list has) to `h`.
template <class T>
void add_records(formats::Sha256& h, const std::vector<T>& records) {
  std::vector<const T*> in_order;
  for (const auto& r : records) in_order.push_back(&r);
  std::sort(in_order.begin(), in_order.end(),
            [](const T* a, const T* b) { return a->header.id < b->header.id; });
  for (const T* r : in_order) {
    h.update(T::entity).update(" ").update(r->header.id).update("\n");
    h.update(formats::canonical_payload(*r)).update("\n");
  }
}

}  // namespace

std::string analysis_digest(const risk::RiskFileSnapshot& s) {
  formats::Sha256 h;
  h.update("policy ").update(s.file.policy_id).update(" ");
  h.update(std::to_string(s.file.policy_version)).update("\n");
  add_records(h, s.hazards);
  add_records(h, s.situations);
  add_records(h, s.harms);
  add_records(h, s.hazard_situations);
  add_records(h, s.situation_harms);
  add_records(h, s.controls);
  add_records(h, s.control_links);
  add_records(h, s.introduced_hazards);
  add_records(h, s.residual_estimates);
  add_records(h, s.benefit_risks);
  return formats::hex_of(h.finish());
}

}  // namespace riskloop::app
