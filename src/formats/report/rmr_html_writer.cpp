// HTML markup of the report's building blocks.
#include "formats/report/rmr_html_writer.hpp"

#include "core/enum_names.hpp"

namespace riskloop::formats::rmr {
namespace {

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

std::string_view tone_class(Tone tone) {
  switch (tone) {
    case Tone::plain:
      return {};
    case Tone::note:
      return "note";
    case Tone::missing:
      return "missing";
  }
  return {};
}

}  // namespace

void HtmlReportWriter::open_section(std::string_view id, std::string_view title) {
  raw("<section id=\"");
  text(id);
  raw("\"><h2>");
  text(title);
  raw("</h2>\n");
}

void HtmlReportWriter::subheading(std::string_view title) {
  raw("<h3>");
  text(title);
  raw("</h3>\n");
}

void HtmlReportWriter::paragraph_with_class(std::string_view data, std::string_view css_class) {
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

void HtmlReportWriter::paragraph(std::string_view data, Tone tone) {
  paragraph_with_class(data, tone_class(tone));
}

void HtmlReportWriter::verdict_paragraph(std::string_view data, risk::Acceptability verdict) {
  paragraph_with_class(data, verdict_class(verdict));
}

void HtmlReportWriter::multiline(std::string_view data) {
  raw("<div class=\"multiline\">");
  text(data);
  raw("</div>\n");
}

void HtmlReportWriter::bullet_list(std::string_view kind, std::span<const std::string> items) {
  raw("<ul class=\"");
  text(kind);
  raw("\">");
  for (const auto& item : items) {
    raw("<li>");
    text(item);
    raw("</li>");
  }
  raw("</ul>\n");
}

void HtmlReportWriter::heat_map(HeatMapPhase phase, std::string_view id, std::string_view title) {
  const auto counts = count_heat_map(policy(), assessments(), phase);
  raw("<figure class=\"heat-map\" id=\"");
  text(id);
  raw("\"><figcaption>");
  text(heat_map_caption(title, counts));
  raw("</figcaption>");
  raw(render_heat_map_svg(policy(), counts,
                          {.title = std::string(title), .id = std::string(id) + "-svg"}));
  raw("</figure>\n");
}

void HtmlReportWriter::open_group(std::string_view kind) {
  raw("<div class=\"");
  text(kind);
  raw("\">");
}

void HtmlReportWriter::signature_block(std::string_view entity, std::string_view record_id) {
  raw("<div class=\"signature-block\"><h3>Signatures</h3>");
  signature_list(entity, record_id);
  raw("</div>");
}

void HtmlReportWriter::signature_list(std::string_view entity, std::string_view record_id) {
  const auto lines = signatures_of(entity, record_id);
  if (lines.empty()) {
    raw("<p class=\"unsigned\">Not signed.</p>");
    return;
  }
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

void HtmlReportWriter::begin_table(std::string_view kind, std::span<const Column> columns) {
  raw("<table class=\"");
  text(kind);
  raw("\"><thead><tr>");
  for (const auto& c : columns) {
    raw("<th scope=\"col\">");
    text(c.header);
    raw("</th>");
  }
  raw("</tr></thead><tbody>\n");
}

void HtmlReportWriter::open_cell(std::string_view css_class, int span) {
  raw("<td");
  if (!css_class.empty()) {
    raw(" class=\"");
    raw(css_class);
    raw("\"");
  }
  if (span > 1) {
    raw(" colspan=\"");
    raw(std::to_string(span));
    raw("\"");
  }
  raw(">");
}

void HtmlReportWriter::cell(std::string_view data) {
  raw("<td>");
  text(data);
  raw("</td>");
}

void HtmlReportWriter::row_header_cell(std::string_view data) {
  raw("<th scope=\"row\">");
  text(data);
  raw("</th>");
}

void HtmlReportWriter::multiline_cell(std::string_view data, int span) {
  open_cell("multiline", span);
  text(data);
  raw("</td>");
}

void HtmlReportWriter::number_cell(std::int64_t value) {
  raw("<td class=\"number\">");
  raw(std::to_string(value));
  raw("</td>");
}

void HtmlReportWriter::verdict_cell(std::string_view data, risk::Acceptability verdict) {
  open_cell(verdict_class(verdict), 1);
  text(data);
  raw("</td>");
}

void HtmlReportWriter::missing_cell(std::string_view data, int span) {
  open_cell("missing", span);
  text(data);
  raw("</td>");
}

void HtmlReportWriter::verification_cell(std::string_view data, bool passed) {
  open_cell(passed ? "verified" : "missing", 1);
  text(data);
  raw("</td>");
}

void HtmlReportWriter::hash_cell(std::string_view data) {
  raw("<td class=\"hash\">");
  text(data);
  raw("</td>");
}

void HtmlReportWriter::titled_cell(std::string_view title, std::string_view description) {
  raw("<td><span class=\"title\">");
  text(title);
  raw("</span>");
  if (!description.empty()) {
    raw("<div class=\"multiline\">");
    text(description);
    raw("</div>");
  }
  raw("</td>");
}

void HtmlReportWriter::lines_cell(std::span<const std::string> lines) {
  raw("<td>");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) raw("<br/>");
    text(lines[i]);
  }
  raw("</td>");
}

void HtmlReportWriter::list_cell(std::string_view kind, std::span<const ListItem> items) {
  raw("<td><ul class=\"");
  text(kind);
  raw("\">");
  for (const auto& item : items) {
    raw(item.missing ? "<li class=\"missing\">" : "<li>");
    text(item.text);
    raw("</li>");
  }
  raw("</ul></td>");
}

void HtmlReportWriter::signatures_cell(std::string_view entity, std::string_view record_id) {
  raw("<td>");
  signature_list(entity, record_id);
  raw("</td>");
}

}  // namespace riskloop::formats::rmr
