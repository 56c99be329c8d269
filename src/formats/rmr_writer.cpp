// Shared writers of the risk management report.
#include "formats/rmr_writer.hpp"

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

std::string_view verdict_class(risk::Acceptability a) {
  switch (a) {
    case risk::Acceptability::acceptable:
      return "verdict acceptable";
    case risk::Acceptability::investigate:
      return "verdict investigate";
    case risk::Acceptability::unacceptable:
      return "verdict unacceptable";
  }
  return "verdict";
}

}  // namespace

ReportWriter::ReportWriter(const RmrData& data, std::span<const risk::RiskAssessment> assessments)
    : data_(data), index_(data.snapshot), assessments_(assessments) {
  for (const auto& s : data.signatures)
    signatures_.emplace(signature_key(s.entity, s.record_id), &s);
}

void ReportWriter::open_section(std::string_view id, std::string_view title) {
  raw("<section id=\"");
  text(id);
  raw("\"><h2>");
  text(title);
  raw("</h2>\n");
}

void ReportWriter::subheading(std::string_view title) {
  raw("<h3>");
  text(title);
  raw("</h3>\n");
}

void ReportWriter::paragraph(std::string_view data, std::string_view css_class) {
  if (css_class.empty()) {
    raw("<p>");
  } else {
    raw("<p class=\"");
    text(css_class);
    raw("\">");
  }
  text(data);
  raw("</p>\n");
}

void ReportWriter::multiline(std::string_view data) {
  raw("<div class=\"multiline\">");
  text(data);
  raw("</div>\n");
}

void ReportWriter::open_table(std::string_view css_class,
                              std::initializer_list<std::string_view> headers) {
  raw("<table class=\"");
  text(css_class);
  raw("\"><thead><tr>");
  for (auto h : headers) {
    raw("<th scope=\"col\">");
    text(h);
    raw("</th>");
  }
  raw("</tr></thead><tbody>\n");
}

void ReportWriter::cell(std::string_view data) {
  raw("<td>");
  text(data);
  raw("</td>");
}

void ReportWriter::multiline_cell(std::string_view data) {
  raw("<td class=\"multiline\">");
  text(data);
  raw("</td>");
}

void ReportWriter::number_cell(std::int64_t value) {
  raw("<td class=\"number\">");
  raw(std::to_string(value));
  raw("</td>");
}

void ReportWriter::verdict_cell(std::string_view data, risk::Acceptability acceptability) {
  raw("<td class=\"");
  raw(verdict_class(acceptability));
  raw("\">");
  text(data);
  raw("</td>");
}

bool ReportWriter::has_signatures(std::string_view entity, std::string_view record_id) const {
  return signatures_.count(signature_key(entity, record_id)) > 0;
}

void ReportWriter::signatures(std::string_view entity, std::string_view record_id) {
  const auto [begin, end] = signatures_.equal_range(signature_key(entity, record_id));
  if (begin == end) {
    raw("<p class=\"unsigned\">Not signed.</p>");
    return;
  }
  std::vector<const SignatureLine*> lines;
  for (auto it = begin; it != end; ++it) lines.push_back(it->second);
  std::sort(lines.begin(), lines.end(),
            [](const auto* a, const auto* b) { return a->signed_at < b->signed_at; });
  raw("<ul class=\"signatures\">");
  for (const auto* s : lines) {
    raw("<li><span class=\"signer\">");
    text(s->printed_name);
    raw("</span> \xE2\x80\x94 <span class=\"meaning\">");
    text(s->meaning);
    raw("</span> \xE2\x80\x94 <time datetime=\"");
    text(format_timestamp(s->signed_at));
    raw("\">");
    text(utc_text(s->signed_at));
    raw("</time></li>");
  }
  raw("</ul>");
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
  return (sit == npos ? p.situation_id : s.situations[sit].title) + " \xE2\x86\x92 " +
         (harm == npos ? p.harm_id : s.harms[harm].title);
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

}  // namespace riskloop::formats::rmr
