// Hash indexes over a risk file snapshot, so that every rule runs in time linear in the file.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/risk/id_table.hpp"
#include "core/risk/snapshot.hpp"

namespace riskloop::risk {

// A link record naming an id that is not in the snapshot.
struct BrokenLink {
  std::string_view entity;  // the link's Record::entity, e.g. "control_link"
  std::string_view link_id;
  std::string_view field;      // e.g. "situation_harm_id"
  std::string_view target_id;  // the id that was not found
};

// Positions refer to the snapshot's vectors. The snapshot must outlive the index and must not
// change while it is in use (the index keeps views of its ids). Building is O(items).
class RiskFileIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  explicit RiskFileIndex(const RiskFileSnapshot& snapshot);

  const RiskFileSnapshot& snapshot() const { return *snapshot_; }

  // Position of the record with `id`, or npos.
  std::size_t hazard(std::string_view id) const { return find(hazards_, id); }
  std::size_t situation(std::string_view id) const { return find(situations_, id); }
  std::size_t harm(std::string_view id) const { return find(harms_, id); }
  std::size_t pair(std::string_view id) const { return find(pairs_, id); }
  std::size_t control(std::string_view id) const { return find(controls_, id); }

  // Ends of a pair, by position; npos when the pair names an unknown id.
  std::size_t situation_of_pair(std::size_t p) const { return pair_situation_[p]; }
  std::size_t harm_of_pair(std::size_t p) const { return pair_harm_[p]; }

  // For messages: risk R-001 "<situation title>" -> "<harm title>" (ids where an end is unknown).
  std::string pair_name(std::size_t p) const;

  // Adjacency, by position; links to unknown ids are left out (see broken_links).
  std::span<const std::size_t> situations_of_hazard(std::size_t h) const {
    return hazard_situations_.of(h);
  }
  std::span<const std::size_t> pairs_of_situation(std::size_t s) const {
    return situation_pairs_.of(s);
  }
  std::span<const std::size_t> pairs_of_harm(std::size_t h) const { return harm_pairs_.of(h); }
  std::span<const std::size_t> controls_of_pair(std::size_t p) const {
    return pair_controls_.of(p);
  }
  std::span<const std::size_t> pairs_of_control(std::size_t c) const {
    return control_pairs_.of(c);
  }

  // The counting residual estimate / benefit-risk decision of a pair, or npos.
  std::size_t residual_of_pair(std::size_t p) const { return pair_residual_[p]; }
  std::size_t benefit_risk_of_pair(std::size_t p) const { return pair_benefit_risk_[p]; }

  std::span<const BrokenLink> broken_links() const { return broken_; }

  // Whether an item counts in the assessment (core/risk/item_refs.hpp), by position. A retired
  // item does not, and neither does what only it leads to: a situation whose hazards are all
  // retired, a risk whose situation or harm does not count. A retired control is left out of
  // the risks' controls above (controls_of_pair, pairs_of_control) as well.
  bool counts_hazard(std::size_t h) const { return counted_hazard_[h]; }
  bool counts_situation(std::size_t s) const { return counted_situation_[s]; }
  bool counts_harm(std::size_t h) const { return counted_harm_[h]; }
  bool counts_pair(std::size_t p) const { return counted_pair_[p]; }
  bool counts_control(std::size_t c) const { return counted_control_[c]; }

 private:
  // Compressed adjacency lists: the targets of node n are targets[offsets[n] .. offsets[n+1]).
  class Adjacency {
   public:
    void build(std::size_t nodes, const std::vector<std::pair<std::size_t, std::size_t>>& edges);
    std::span<const std::size_t> of(std::size_t node) const {
      return {targets_.data() + offsets_[node], offsets_[node + 1] - offsets_[node]};
    }

   private:
    std::vector<std::size_t> offsets_{0};
    std::vector<std::size_t> targets_;
  };

  static std::size_t find(const IdTable& table, std::string_view id) { return table.find(id); }
  template <class Link, class Field>
  std::vector<std::size_t> resolve(const IdTable& table, const std::vector<Link>& links,
                                   std::string_view field, Field field_of);

  const RiskFileSnapshot* snapshot_;
  IdTable hazards_, situations_, harms_, pairs_, controls_;
  Adjacency hazard_situations_, situation_pairs_, harm_pairs_, pair_controls_, control_pairs_;
  std::vector<std::size_t> pair_situation_;
  std::vector<std::size_t> pair_harm_;
  std::vector<std::size_t> pair_residual_;
  std::vector<std::size_t> pair_benefit_risk_;
  std::vector<BrokenLink> broken_;
  std::vector<bool> counted_hazard_, counted_situation_, counted_harm_, counted_pair_,
      counted_control_;
};

}  // namespace riskloop::risk
