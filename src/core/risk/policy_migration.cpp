// Differences in evaluation between two policy versions, estimate by estimate.
#include "core/risk/policy_migration.hpp"

#include "core/risk/file_index.hpp"

namespace riskloop::risk {

std::vector<FileEstimate> file_estimates(const RiskFileSnapshot& s) {
  const RiskFileIndex index(s);
  std::vector<FileEstimate> out;
  out.reserve(s.situation_harms.size() + s.residual_estimates.size());
  for (std::size_t p = 0; p < s.situation_harms.size(); ++p) {
    const auto sit = index.situation_of_pair(p);
    const auto harm = index.harm_of_pair(p);
    if (sit == RiskFileIndex::npos || harm == RiskFileIndex::npos) continue;
    if (auto e = initial_estimate(s.situations[sit], s.situation_harms[p], s.harms[harm]))
      out.push_back({s.situation_harms[p].header.id, EstimateKind::initial, std::move(*e)});
  }
  for (const auto& r : s.residual_estimates)
    out.push_back({r.header.id, EstimateKind::residual, to_estimate(r)});
  return out;
}

Result<std::vector<EstimateChange>> diff_policy_migration(std::span<const FileEstimate> estimates,
                                                          const CompiledPolicy& from,
                                                          const CompiledPolicy& to) {
  // The new rank of each old severity rank, matched by name.
  std::vector<std::optional<std::int64_t>> severity_map(
      static_cast<std::size_t>(from.severity_count()) + 1);
  for (std::int64_t r = 1; r <= from.severity_count(); ++r)
    severity_map[static_cast<std::size_t>(r)] = to.severity_rank_named(from.severity_level(r).name);

  std::vector<EstimateChange> out;
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    const auto& fe = estimates[i];
    const auto before = evaluate(from, fe.estimate);
    if (!before) {
      auto e = before.error();
      e.message = std::string(name_of(fe.kind)) + " estimate \"" + fe.id + "\": " + e.message;
      e.location = "/" + std::to_string(i) + e.location;
      return tl::unexpected(std::move(e));
    }
    EstimateChange change;
    change.id = fe.id;
    change.kind = fe.kind;
    change.old_severity_rank = before->severity_rank;
    change.old_probability_rank = before->probability_rank;
    change.old_acceptability = before->acceptability;
    change.new_severity_rank = severity_map[static_cast<std::size_t>(before->severity_rank)];
    change.new_probability_rank = before->worst_case_probability
                                      ? to.probability_count()
                                      : to.probability_rank(*before->probability);
    if (change.new_severity_rank)
      change.new_acceptability =
          to.acceptability(*change.new_severity_rank, change.new_probability_rank);
    if (change.severity_changed() || change.probability_changed() || change.acceptability_changed())
      out.push_back(std::move(change));
  }
  return out;
}

std::string describe(const CompiledPolicy& from, const CompiledPolicy& to,
                     const EstimateChange& c) {
  std::string out = from.severity_level(c.old_severity_rank).name + " x " +
                    from.probability_level(c.old_probability_rank).name + ": " +
                    std::string(name_of(c.old_acceptability)) + " -> ";
  out += c.new_severity_rank ? to.severity_level(*c.new_severity_rank).name
                             : "severity \"" + from.severity_level(c.old_severity_rank).name +
                                   "\" not in the new policy";
  out += " x " + to.probability_level(c.new_probability_rank).name + ": ";
  out += c.new_acceptability ? std::string(name_of(*c.new_acceptability)) : "to be rated again";
  return out;
}

}  // namespace riskloop::risk
