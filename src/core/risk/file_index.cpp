// Building the hash indexes and adjacency lists of a risk file snapshot.
#include "core/risk/file_index.hpp"

#include "core/risk/item_refs.hpp"

#include <utility>

namespace riskloop::risk {
namespace {

template <class T>
IdTable index_ids(const std::vector<T>& items) {
  std::vector<std::string_view> ids;
  ids.reserve(items.size());
  for (const auto& item : items) ids.emplace_back(item.header.id);
  return IdTable(ids);
}

using Edges = std::vector<std::pair<std::size_t, std::size_t>>;

}  // namespace

void RiskFileIndex::Adjacency::build(std::size_t nodes, const Edges& edges) {
  offsets_.assign(nodes + 1, 0);
  for (const auto& e : edges) ++offsets_[e.first + 1];
  for (std::size_t n = 0; n < nodes; ++n) offsets_[n + 1] += offsets_[n];
  targets_.resize(edges.size());
  std::vector<std::size_t> next(offsets_.begin(), offsets_.end() - 1);
  for (const auto& e : edges) targets_[next[e.first]++] = e.second;
}

// Positions in `table` of the ids `field_of(link)` names, for every link; unknown ids are npos
// and recorded as broken links. One batched lookup per relation keeps large files fast.
template <class Link, class Field>
std::vector<std::size_t> RiskFileIndex::resolve(const IdTable& table,
                                                const std::vector<Link>& links,
                                                std::string_view field, Field field_of) {
  std::vector<std::string_view> ids;
  ids.reserve(links.size());
  for (const auto& link : links) ids.emplace_back(field_of(link));
  std::vector<std::size_t> out(links.size());
  table.find_all(ids, out);
  for (std::size_t i = 0; i < links.size(); ++i)
    if (out[i] == npos) broken_.push_back({Link::entity, links[i].header.id, field, ids[i]});
  return out;
}

RiskFileIndex::RiskFileIndex(const RiskFileSnapshot& s)
    : snapshot_(&s),
      hazards_(index_ids(s.hazards)),
      situations_(index_ids(s.situations)),
      harms_(index_ids(s.harms)),
      pairs_(index_ids(s.situation_harms)),
      controls_(index_ids(s.controls)) {
  const auto not_retired = [](const auto& items) {
    std::vector<bool> out(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out[i] = !retired(items[i]);
    return out;
  };
  counted_hazard_ = not_retired(s.hazards);
  counted_situation_ = not_retired(s.situations);
  counted_harm_ = not_retired(s.harms);
  counted_control_ = not_retired(s.controls);
  Edges edges;

  // Hazard -> situation.
  {
    const auto h = resolve(hazards_, s.hazard_situations, "hazard_id",
                           [](const HazardSituationLink& l) -> const Id& { return l.hazard_id; });
    const auto sit =
        resolve(situations_, s.hazard_situations, "situation_id",
                [](const HazardSituationLink& l) -> const Id& { return l.situation_id; });
    edges.reserve(h.size());
    for (std::size_t i = 0; i < h.size(); ++i)
      if (h[i] != npos && sit[i] != npos) edges.emplace_back(h[i], sit[i]);
    hazard_situations_.build(s.hazards.size(), edges);
    // A situation reached only from retired hazards does not count either.
    std::vector<bool> linked(s.situations.size(), false), from_counted(s.situations.size(), false);
    for (const auto& [hz, st] : edges) {
      linked[st] = true;
      if (counted_hazard_[hz]) from_counted[st] = true;
    }
    for (std::size_t i = 0; i < s.situations.size(); ++i)
      if (linked[i] && !from_counted[i]) counted_situation_[i] = false;
  }

  // Situation -> pair and harm -> pair.
  pair_situation_ = resolve(situations_, s.situation_harms, "situation_id",
                            [](const SituationHarm& p) -> const Id& { return p.situation_id; });
  pair_harm_ = resolve(harms_, s.situation_harms, "harm_id",
                       [](const SituationHarm& p) -> const Id& { return p.harm_id; });
  edges.clear();
  Edges harm_edges;
  harm_edges.reserve(s.situation_harms.size());
  for (std::size_t p = 0; p < s.situation_harms.size(); ++p) {
    if (pair_situation_[p] != npos) edges.emplace_back(pair_situation_[p], p);
    if (pair_harm_[p] != npos) harm_edges.emplace_back(pair_harm_[p], p);
  }
  situation_pairs_.build(s.situations.size(), edges);
  harm_pairs_.build(s.harms.size(), harm_edges);
  counted_pair_.resize(s.situation_harms.size());
  for (std::size_t p = 0; p < s.situation_harms.size(); ++p)
    counted_pair_[p] = !retired(s.situation_harms[p]) &&
                       (pair_situation_[p] == npos || counted_situation_[pair_situation_[p]]) &&
                       (pair_harm_[p] == npos || counted_harm_[pair_harm_[p]]);

  // Control <-> pair.
  {
    const auto c = resolve(controls_, s.control_links, "control_id",
                           [](const ControlLink& l) -> const Id& { return l.control_id; });
    const auto p = resolve(pairs_, s.control_links, "situation_harm_id",
                           [](const ControlLink& l) -> const Id& { return l.situation_harm_id; });
    edges.clear();
    Edges reverse;
    reverse.reserve(c.size());
    for (std::size_t i = 0; i < c.size(); ++i)
      if (c[i] != npos && p[i] != npos && counted_control_[c[i]]) {
        edges.emplace_back(p[i], c[i]);
        reverse.emplace_back(c[i], p[i]);
      }
    pair_controls_.build(s.situation_harms.size(), edges);
    control_pairs_.build(s.controls.size(), reverse);
  }

  // Introduced hazards are only checked for broken links.
  resolve(controls_, s.introduced_hazards, "control_id",
          [](const IntroducedHazard& l) -> const Id& { return l.control_id; });
  resolve(hazards_, s.introduced_hazards, "hazard_id",
          [](const IntroducedHazard& l) -> const Id& { return l.hazard_id; });

  // The counting residual estimate (latest update) and benefit-risk decision (latest decision).
  pair_residual_.assign(s.situation_harms.size(), npos);
  const auto residual_pairs =
      resolve(pairs_, s.residual_estimates, "situation_harm_id",
              [](const ResidualEstimate& r) -> const Id& { return r.situation_harm_id; });
  for (std::size_t r = 0; r < residual_pairs.size(); ++r) {
    if (residual_pairs[r] == npos) continue;
    auto& slot = pair_residual_[residual_pairs[r]];
    if (slot == npos ||
        s.residual_estimates[slot].header.updated_at <= s.residual_estimates[r].header.updated_at)
      slot = r;
  }
  pair_benefit_risk_.assign(s.situation_harms.size(), npos);
  const auto decision_pairs =
      resolve(pairs_, s.benefit_risks, "situation_harm_id",
              [](const BenefitRisk& b) -> const Id& { return b.situation_harm_id; });
  for (std::size_t b = 0; b < decision_pairs.size(); ++b) {
    if (decision_pairs[b] == npos) continue;
    auto& slot = pair_benefit_risk_[decision_pairs[b]];
    if (slot == npos || s.benefit_risks[slot].decided_at <= s.benefit_risks[b].decided_at) slot = b;
  }
}

std::string RiskFileIndex::pair_name(std::size_t p) const {
  const auto& s = *snapshot_;
  const auto& pair = s.situation_harms[p];
  const auto sit = pair_situation_[p];
  const auto harm = pair_harm_[p];
  return "risk " + (pair.ref.empty() ? std::string() : pair.ref + " ") + "\"" +
         (sit != npos ? s.situations[sit].title : pair.situation_id) + "\" -> \"" +
         (harm != npos ? s.harms[harm].title : pair.harm_id) + "\"";
}

}  // namespace riskloop::risk
