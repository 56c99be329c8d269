// Per-type rules of risk file items.
#include "app/risk_item_rules.hpp"

#include "core/risk/decisions.hpp"
#include "core/risk/risk_file.hpp"

namespace riskloop::app {

namespace {

template <Record Referrer>
Status refuse_if_referred(store::Tx& tx, const Id& org, std::string_view column, const Id& id,
                          std::string_view what) {
  const auto referrers =
      RL_TRY(tx.list<Referrer>(org, {.where = {{std::string(column), id}}, .limit = 1000}));
  if (referrers.empty()) return {};
  return fail(ErrorCode::conflict,
              std::string(what) + " " + id + " is still referred to by " +
                  std::to_string(referrers.size()) + (referrers.size() >= 1000 ? "+ " : " ") +
                  std::string(Referrer::entity) + " record(s), e.g. " + referrers.front().header.id +
                  "; remove those first");
}

}  // namespace

Status check_item_removable(store::Tx& tx, const Id& org, const risk::Hazard& rec) {
  RL_CHECK(refuse_if_referred<risk::HazardSituationLink>(tx, org, "hazard_id", rec.header.id, "hazard"));
  return refuse_if_referred<risk::IntroducedHazard>(tx, org, "hazard_id", rec.header.id, "hazard");
}

Status check_item_removable(store::Tx& tx, const Id& org, const risk::HazardousSituation& rec) {
  RL_CHECK(refuse_if_referred<risk::HazardSituationLink>(tx, org, "situation_id", rec.header.id,
                                                         "hazardous_situation"));
  return refuse_if_referred<risk::SituationHarm>(tx, org, "situation_id", rec.header.id,
                                                 "hazardous_situation");
}

Status check_item_removable(store::Tx& tx, const Id& org, const risk::Harm& rec) {
  return refuse_if_referred<risk::SituationHarm>(tx, org, "harm_id", rec.header.id, "harm");
}

Status check_item_removable(store::Tx& tx, const Id& org, const risk::SituationHarm& rec) {
  const Id& id = rec.header.id;
  RL_CHECK(refuse_if_referred<risk::ControlLink>(tx, org, "situation_harm_id", id, "situation_harm"));
  RL_CHECK(refuse_if_referred<risk::ResidualEstimate>(tx, org, "situation_harm_id", id, "situation_harm"));
  return refuse_if_referred<risk::BenefitRisk>(tx, org, "situation_harm_id", id, "situation_harm");
}

Status check_item_removable(store::Tx& tx, const Id& org, const risk::RiskControl& rec) {
  RL_CHECK(refuse_if_referred<risk::ControlLink>(tx, org, "control_id", rec.header.id, "risk_control"));
  return refuse_if_referred<risk::IntroducedHazard>(tx, org, "control_id", rec.header.id, "risk_control");
}

Status after_item_write(Recorder& r, const risk::Review& review) {
  if (review.status != risk::ReviewStatus::closed || !review.held_at) return {};
  auto file = RL_TRY(r.tx().get<risk::RiskFile>(review.header.org_id, review.risk_file_id));
  const auto due = risk::review_due_after(*review.held_at, file.review_period_days);
  if (file.next_review_due && *file.next_review_due >= due) return {};
  file.next_review_due = due;
  return r.update(file);
}

}  // namespace riskloop::app
