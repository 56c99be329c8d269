// Building the hash indexes and adjacency lists of a risk file snapshot.
#include "core/risk/file_index.hpp"

#include <utility>

namespace riskloop::risk {
namespace {

template <class T>
void index_ids(std::unordered_map<std::string_view, std::size_t>& map, const std::vector<T>& items) {
  map.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) map.emplace(items[i].header.id, i);
}

}  // namespace

void RiskFileIndex::Adjacency::build(
    std::size_t nodes, const std::vector<std::pair<std::size_t, std::size_t>>& edges) {
  offsets_.assign(nodes + 1, 0);
  for (const auto& e : edges) ++offsets_[e.first + 1];
  for (std::size_t n = 0; n < nodes; ++n) offsets_[n + 1] += offsets_[n];
  targets_.resize(edges.size());
  std::vector<std::size_t> next(offsets_.begin(), offsets_.end() - 1);
  for (const auto& e : edges) targets_[next[e.first]++] = e.second;
}

RiskFileIndex::RiskFileIndex(const RiskFileSnapshot& s) : snapshot_(&s) {
  index_ids(hazards_, s.hazards);
  index_ids(situations_, s.situations);
  index_ids(harms_, s.harms);
  index_ids(pairs_, s.situation_harms);
  index_ids(controls_, s.controls);

  std::vector<std::pair<std::size_t, std::size_t>> edges;
  const auto resolve = [this](const IdMap& map, std::string_view entity, std::string_view link_id,
                              std::string_view field, std::string_view target) {
    const auto pos = find(map, target);
    if (pos == npos) broken_.push_back({entity, link_id, field, target});
    return pos;
  };

  // Hazard -> situation.
  edges.reserve(s.hazard_situations.size());
  for (const auto& link : s.hazard_situations) {
    const auto h = resolve(hazards_, HazardSituationLink::entity, link.header.id, "hazard_id",
                           link.hazard_id);
    const auto sit = resolve(situations_, HazardSituationLink::entity, link.header.id,
                             "situation_id", link.situation_id);
    if (h != npos && sit != npos) edges.emplace_back(h, sit);
  }
  hazard_situations_.build(s.hazards.size(), edges);

  // Situation -> pair and harm -> pair.
  pair_situation_.resize(s.situation_harms.size());
  pair_harm_.resize(s.situation_harms.size());
  edges.clear();
  std::vector<std::pair<std::size_t, std::size_t>> harm_edges;
  harm_edges.reserve(s.situation_harms.size());
  for (std::size_t p = 0; p < s.situation_harms.size(); ++p) {
    const auto& pair = s.situation_harms[p];
    pair_situation_[p] = resolve(situations_, SituationHarm::entity, pair.header.id,
                                 "situation_id", pair.situation_id);
    pair_harm_[p] =
        resolve(harms_, SituationHarm::entity, pair.header.id, "harm_id", pair.harm_id);
    if (pair_situation_[p] != npos) edges.emplace_back(pair_situation_[p], p);
    if (pair_harm_[p] != npos) harm_edges.emplace_back(pair_harm_[p], p);
  }
  situation_pairs_.build(s.situations.size(), edges);
  harm_pairs_.build(s.harms.size(), harm_edges);

  // Control <-> pair.
  edges.clear();
  std::vector<std::pair<std::size_t, std::size_t>> reverse;
  reverse.reserve(s.control_links.size());
  for (const auto& link : s.control_links) {
    const auto c =
        resolve(controls_, ControlLink::entity, link.header.id, "control_id", link.control_id);
    const auto p = resolve(pairs_, ControlLink::entity, link.header.id, "situation_harm_id",
                           link.situation_harm_id);
    if (c != npos && p != npos) {
      edges.emplace_back(p, c);
      reverse.emplace_back(c, p);
    }
  }
  pair_controls_.build(s.situation_harms.size(), edges);
  control_pairs_.build(s.controls.size(), reverse);

  for (const auto& link : s.introduced_hazards) {
    resolve(controls_, IntroducedHazard::entity, link.header.id, "control_id", link.control_id);
    resolve(hazards_, IntroducedHazard::entity, link.header.id, "hazard_id", link.hazard_id);
  }

  // The counting residual estimate (latest update) and benefit-risk decision (latest decision).
  pair_residual_.assign(s.situation_harms.size(), npos);
  for (std::size_t r = 0; r < s.residual_estimates.size(); ++r) {
    const auto& est = s.residual_estimates[r];
    const auto p = resolve(pairs_, ResidualEstimate::entity, est.header.id, "situation_harm_id",
                           est.situation_harm_id);
    if (p == npos) continue;
    auto& slot = pair_residual_[p];
    if (slot == npos || s.residual_estimates[slot].header.updated_at <= est.header.updated_at)
      slot = r;
  }
  pair_benefit_risk_.assign(s.situation_harms.size(), npos);
  for (std::size_t b = 0; b < s.benefit_risks.size(); ++b) {
    const auto& decision = s.benefit_risks[b];
    const auto p = resolve(pairs_, BenefitRisk::entity, decision.header.id, "situation_harm_id",
                           decision.situation_harm_id);
    if (p == npos) continue;
    auto& slot = pair_benefit_risk_[p];
    if (slot == npos || s.benefit_risks[slot].decided_at <= decision.decided_at) slot = b;
  }
}

std::string RiskFileIndex::pair_name(std::size_t p) const {
  const auto& s = *snapshot_;
  const auto& pair = s.situation_harms[p];
  const auto sit = pair_situation_[p];
  const auto harm = pair_harm_[p];
  return "risk \"" + (sit != npos ? s.situations[sit].title : pair.situation_id) + "\" -> \"" +
         (harm != npos ? s.harms[harm].title : pair.harm_id) + "\"";
}

}  // namespace riskloop::risk
