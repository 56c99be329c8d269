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

// Whether another record of type T than `self` has these field values.
template <Record T>
Result<bool> taken(store::Tx& tx, const Id& org, std::vector<store::Filter> where, const Id& self) {
  const auto found = RL_TRY(tx.list<T>(org, {.where = std::move(where), .limit = 2}));
  for (const auto& f : found)
    if (f.header.id != self) return true;
  return false;
}

template <Record T>
std::string title_of(store::Tx& tx, const Id& org, const Id& id) {
  const auto rec = tx.get<T>(org, id);
  return rec ? "\"" + rec->title + "\"" : id;
}

constexpr std::string_view kResidualTaken =
    "This risk already has a residual estimate; revise it instead.";

}  // namespace

Status check_item_rules(store::Tx& tx, const Id& org, const risk::HazardSituationLink& rec) {
  if (!RL_TRY(taken<risk::HazardSituationLink>(
          tx, org, {{"hazard_id", rec.hazard_id}, {"situation_id", rec.situation_id}}, rec.header.id)))
    return {};
  return fail(ErrorCode::conflict,
              "hazard " + title_of<risk::Hazard>(tx, org, rec.hazard_id) +
                  " already leads to hazardous situation " +
                  title_of<risk::HazardousSituation>(tx, org, rec.situation_id),
              "/situation_id");
}

Status check_item_rules(store::Tx& tx, const Id& org, const risk::SituationHarm& rec) {
  if (!RL_TRY(taken<risk::SituationHarm>(
          tx, org, {{"situation_id", rec.situation_id}, {"harm_id", rec.harm_id}}, rec.header.id)))
    return {};
  return fail(ErrorCode::conflict,
              "hazardous situation " + title_of<risk::HazardousSituation>(tx, org, rec.situation_id) +
                  " already leads to harm " + title_of<risk::Harm>(tx, org, rec.harm_id) +
                  ": that risk exists; change it instead",
              "/harm_id");
}

Status check_item_rules(store::Tx& tx, const Id& org, const risk::ControlLink& rec) {
  if (!RL_TRY(taken<risk::ControlLink>(
          tx, org, {{"control_id", rec.control_id}, {"situation_harm_id", rec.situation_harm_id}},
          rec.header.id)))
    return {};
  return fail(ErrorCode::conflict,
              "control " + title_of<risk::RiskControl>(tx, org, rec.control_id) +
                  " is already linked to this risk",
              "/situation_harm_id");
}

Status check_item_rules(store::Tx& tx, const Id& org, const risk::IntroducedHazard& rec) {
  if (!RL_TRY(taken<risk::IntroducedHazard>(
          tx, org, {{"control_id", rec.control_id}, {"hazard_id", rec.hazard_id}}, rec.header.id)))
    return {};
  return fail(ErrorCode::conflict,
              "control " + title_of<risk::RiskControl>(tx, org, rec.control_id) +
                  " is already recorded as introducing hazard " +
                  title_of<risk::Hazard>(tx, org, rec.hazard_id),
              "/hazard_id");
}

Status check_item_rules(store::Tx& tx, const Id& org, const risk::ResidualEstimate& rec) {
  if (RL_TRY(taken<risk::ResidualEstimate>(tx, org, {{"situation_harm_id", rec.situation_harm_id}},
                                           rec.header.id)))
    return fail(ErrorCode::conflict, std::string(kResidualTaken), "/situation_harm_id");

  // The risk's initial severity is its harm's (references are checked already).
  const auto pair = RL_TRY(tx.get<risk::SituationHarm>(org, rec.situation_harm_id));
  const auto harm = RL_TRY(tx.get<risk::Harm>(org, pair.harm_id));
  std::optional<risk::RiskControl> control;
  bool linked = false;
  if (!rec.severity_control_id.empty()) {
    auto found = tx.get<risk::RiskControl>(org, rec.severity_control_id);
    if (!found && found.error().code != ErrorCode::not_found) return tl::unexpected(found.error());
    if (!found || found->risk_file_id != rec.risk_file_id)
      return fail(ErrorCode::validation,
                  "risk control " + rec.severity_control_id + " does not exist in this risk file",
                  "/severity_control_id");
    control = std::move(*found);
    linked = RL_TRY(taken<risk::ControlLink>(tx, org,
                                             {{"control_id", rec.severity_control_id},
                                              {"situation_harm_id", rec.situation_harm_id}},
                                             {}));
  }
  return risk::check_severity_change(rec, harm.severity_rank, control ? &*control : nullptr,
                                     linked);
}

Error duplicate_in_words(Error error, std::string_view entity) {
  // The store says "already exists (<database message>)" for a unique key it refused.
  if (error.code != ErrorCode::conflict || !error.message.starts_with("already exists")) return error;
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {risk::HazardSituationLink::entity, "this hazard already leads to this hazardous situation"},
      {risk::SituationHarm::entity,
       "this hazardous situation already leads to this harm: that risk exists; change it instead"},
      {risk::ControlLink::entity, "this control is already linked to this risk"},
      {risk::IntroducedHazard::entity, "this control is already recorded as introducing this hazard"},
      {risk::ResidualEstimate::entity, kResidualTaken}};
  error.message = "a " + std::string(entity) + " with these values already exists";
  for (const auto& [e, words] : kWords)
    if (e == entity) error.message = std::string(words);
  return error;
}

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
