// What every format of the risk management report shares: the signatures per record, the
// front matter and the wording of values.
#include "formats/report/rmr_writer.hpp"

#include "core/risk/item_refs.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "core/risk/estimate.hpp"

namespace riskloop::formats::rmr {
namespace {

std::string signature_key(std::string_view entity, std::string_view id) {
  std::string key(entity);
  key += '/';
  key += id;
  return key;
}

constexpr ContentsEntry kContents[] = {
    {"plan", "Risk management plan"},
    {"device", "Device, intended use and safety characteristics"},
    {"policy", "Risk acceptability criteria"},
    {"matrix", "Risk matrix before and after risk control"},
    {"hazards", "Hazards"},
    {"situations", "Hazardous situations"},
    {"harms", "Harms"},
    {"risks", "Risk estimation and evaluation"},
    {"controls", "Risk controls and their verification"},
    {"benefit-risk", "Benefit-risk analyses"},
    {"overall", "Overall residual risk"},
    {"reviews", "Risk management reviews"},
    {"gates", "Stage gates"},
    {"traceability", "Traceability"},
    {"signatures", "Electronic signatures"},
    {"integrity", "Record integrity"},
};

}  // namespace

ReportWriter::ReportWriter(const RmrData& data, std::span<const risk::RiskAssessment> assessments)
    : data_(data), index_(data.snapshot), assessments_(assessments) {
  for (const auto& s : data.signatures)
    signatures_.emplace(signature_key(s.entity, s.record_id), &s);
}

std::vector<const SignatureLine*> ReportWriter::signatures_of(std::string_view entity,
                                                              std::string_view record_id) const {
  const auto [begin, end] = signatures_.equal_range(signature_key(entity, record_id));
  std::vector<const SignatureLine*> lines;
  for (auto it = begin; it != end; ++it) lines.push_back(it->second);
  std::sort(lines.begin(), lines.end(), [](const auto* a, const auto* b) {
    return a->signed_at != b->signed_at ? a->signed_at < b->signed_at : a < b;
  });
  return lines;
}

std::span<const risk::RiskAssessment> report_assessments(
    const RmrData& data, std::vector<risk::RiskAssessment>& storage) {
  if (data.assessments.size() == data.snapshot.situation_harms.size()) return data.assessments;
  storage = risk::assess_risks(risk::RiskFileIndex(data.snapshot), data.policy);
  return storage;
}

std::span<const ContentsEntry> contents() {
  return kContents;
}

const std::string_view kIntroduction =
    "This report records the risk management review of ISO 14971:2019 clause 9: that "
    "the risk management plan has been implemented, that the overall residual risk is "
    "acceptable, and that methods are in place to collect and review production and "
    "post-production information. Printed names, times and meanings of electronic "
    "signatures are shown with the records they sign (21 CFR 11.50).";

const std::string_view kIntegrityExplanation =
    "Every change to the records above is written to an append-only journal whose "
    "entries are chained by SHA-256. The hash of the last entry when this report was "
    "generated is given below; `riskloop verify` recomputes the chain and compares the "
    "current records with it.";

std::string journal_head_text(const RmrData& data) {
  return data.journal_head_hash.empty() ? "not given" : data.journal_head_hash;
}

// The file's stage and the gates that brought it there: which, when and by whom (the signer's
// printed name), or that none has been passed yet.
std::string stage_and_gates(const ReportWriter& w) {
  const auto& d = w.data();
  const auto& s = w.file();
  std::string passed;
  for (const auto& g : s.gate_decisions) {
    if (g.outcome != risk::GateOutcome::passed) continue;
    std::string by = g.decided_by;
    for (const auto& sig : d.signatures)
      if (sig.entity == risk::GateDecision::entity && sig.record_id == g.header.id)
        by = sig.printed_name;
    if (!passed.empty()) passed += "; ";
    passed += std::string(stage_text(g.stage)) + " gate passed " + utc_text(g.decided_at);
    if (!by.empty()) passed += " by " + by;
  }
  const std::string stage(stage_text(s.file.stage));
  return passed.empty() ? stage + " (no gate passed yet)" : stage + " (" + passed + ")";
}

std::vector<TitleItem> title_items(const ReportWriter& w) {
  const auto& d = w.data();
  const auto& file = w.file().file;
  const auto& policy = w.policy().policy();
  std::vector<TitleItem> items;
  items.push_back({"Risk management file", file.title});
  if (!d.product_name.empty()) items.push_back({"Product", d.product_name});
  if (!d.organization_name.empty()) items.push_back({"Organization", d.organization_name});
  items.push_back({"Risk file id", file.header.id});
  items.push_back({"Record version", std::to_string(file.header.version)});
  items.push_back({"Current stage", stage_and_gates(w)});
  items.push_back({"Risk policy", policy.name + ", version " +
                                      std::to_string(policy.policy_version) + " (" +
                                      std::string(name_of(policy.status)) + ")"});
  items.push_back({"Generated", utc_text(d.generated_at)});
  items.push_back({"Journal head hash", journal_head_text(d), true});
  return items;
}

std::string utc_text(Timestamp t) {
  auto text = format_timestamp(t);  // 2026-11-25T15:06:11.123Z
  if (text.size() >= 19) return text.substr(0, 10) + " " + text.substr(11, 8) + " UTC";
  return text;
}

std::string severity_text(const risk::CompiledPolicy& policy, std::int64_t rank) {
  if (!policy.has_severity(rank))
    return "severity " + std::to_string(rank) + " (not in the policy)";
  return policy.severity_level(rank).name + " (" + std::to_string(rank) + ")";
}

std::string evaluation_text(const risk::CompiledPolicy& policy, const risk::Evaluation& ev) {
  return risk::describe(policy, ev);
}

// "situation title → harm title", with ids where an end is missing.
std::string risk_name(const ReportWriter& w, std::size_t pair) {
  constexpr auto npos = risk::RiskFileIndex::npos;
  const auto& s = w.file();
  const auto sit = w.index().situation_of_pair(pair);
  const auto harm = w.index().harm_of_pair(pair);
  const auto& p = s.situation_harms[pair];
  return (sit == npos ? p.situation_id : risk::labelled(s.situations[sit])) + " \xE2\x86\x92 " +
         (harm == npos ? p.harm_id : risk::labelled(s.harms[harm]));
}

std::string_view verification_text(risk::VerificationResult result) {
  return name_of(result);
}

std::string_view stage_text(risk::Stage stage) {
  switch (stage) {
    case risk::Stage::design:
      return "design & development";
    case risk::Stage::manufacturing:
      return "manufacturing";
    case risk::Stage::post_launch:
      return "post-launch";
  }
  return "unknown";
}

std::string signature_text(const SignatureLine& s) {
  return s.printed_name + " \xE2\x80\x94 " + s.meaning + " \xE2\x80\x94 " + utc_text(s.signed_at);
}

std::string heat_map_caption(std::string_view title, const HeatMapCounts& counts) {
  std::string out = std::string(title) + ": " + std::to_string(counts.evaluated) +
                    (counts.evaluated == 1 ? " risk" : " risks") + " evaluated, " +
                    std::to_string(counts.not_evaluated) + " not evaluated";
  if (counts.provisional_total > 0)
    out += "; " + std::to_string(counts.provisional_total) +
           " provisional (residual estimate relying on controls not yet verified)";
  return out + ".";
}

}  // namespace riskloop::formats::rmr
