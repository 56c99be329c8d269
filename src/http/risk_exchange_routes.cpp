// Getting a risk file in and out over HTTP:
//   GET  /api/v1/risk-files/{id}/export?format=csv|xlsx        the hazard sheet, as a download
//   POST /api/v1/risk-files/{id}/import?format=&partial=&dry_run=   the raw sheet as the body
//   GET  /api/v1/risk-files/{id}/report?format=html|pdf        the risk management report
// An import answers with its report: 200 when it was written (or a dry run found nothing to
// refuse), 422 with the same report when refused. It honours Idempotency-Key
// (idempotency.hpp): its answers are kept in the store, so a retry on any node replays them.
#include <cctype>

#include "app/risk_exchange.hpp"
#include "http/idempotency.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

using app::SheetFormat;

constexpr std::string_view kCsvType = "text/csv; charset=utf-8";
constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// The media type of a Content-Type value, lower case, without parameters.
std::string media_type(std::string_view content_type) {
  auto media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  return lower(media);
}

// Ids are UUIDs; anything else never reaches a header.
std::string file_name_part(const std::string& id) {
  std::string out;
  for (char ch : id)
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-') out.push_back(ch);
  return out;
}

Result<std::optional<std::string>> choice_param(const Call& c, std::string_view name,
                                                std::initializer_list<std::string_view> allowed) {
  auto value = RL_TRY(query_param(c.request.query, name));
  if (!value) return value;
  std::string list;
  for (const auto a : allowed) {
    if (*value == a) return value;
    list += (list.empty() ? "" : " or ") + std::string(a);
  }
  return fail(ErrorCode::validation, "\"" + *value + "\" is not one of " + list,
              parameter_location(name));
}

Result<bool> flag_param(const Call& c, std::string_view name) {
  const auto value = RL_TRY(choice_param(c, name, {"true", "false"}));
  return value && *value == "true";
}

// --- export ---------------------------------------------------------------------------------

Response export_sheet(Call& c) {
  const auto format = RL_HTTP_TRY(choice_param(c, "format", {"csv", "xlsx"})).value_or("csv");
  const auto id = c.param(0);
  const bool csv = format == "csv";
  Response r;
  r.body = RL_HTTP_TRY(
      c.app().exchange().export_sheet(c.principal, id, csv ? SheetFormat::csv : SheetFormat::xlsx));
  r.content_type = csv ? kCsvType : kXlsxType;
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"hazard-sheet-" +
                                                  file_name_part(id) + "." + format + "\""});
  return r;
}

// --- import ---------------------------------------------------------------------------------

// ?format= when given (`asked`), else the Content-Type's: text/csv or the XLSX type. A body of
// another type (a form, JSON) is refused, so an HTML form on another site can never post one.
Result<SheetFormat> import_format(const Call& c, const std::optional<std::string>& asked) {
  const auto media = media_type(c.request.content_type);
  std::optional<SheetFormat> sent;
  if (media == "text/csv")
    sent = SheetFormat::csv;
  else if (media == kXlsxType)
    sent = SheetFormat::xlsx;
  else if (media != "application/octet-stream" && !(media.empty() && c.request.body.empty()))
    return fail(ErrorCode::malformed,
                (media.empty() ? std::string("the sheet has no Content-Type")
                               : "Content-Type " + media + " is not a sheet") +
                    "; send text/csv or " + std::string(kXlsxType));
  if (!asked) return sent.value_or(SheetFormat::csv);
  const auto format = *asked == "csv" ? SheetFormat::csv : SheetFormat::xlsx;
  if (sent && *sent != format)
    return fail(ErrorCode::malformed, "Content-Type " + media + " does not match format=" + *asked);
  return format;
}

nlohmann::json report_json(const app::ImportOutcome& o, const app::ImportRequest& in) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& i : o.report.issues)
    issues.push_back({{"row", i.row}, {"column", i.column}, {"message", i.message}});
  return {{"rows_read", o.report.rows_read},
          {"rows_accepted", o.report.rows_accepted},
          {"rejected_rows", o.report.rejected_rows},
          {"issues", std::move(issues)},
          {"ignored_columns", o.report.ignored_columns},
          {"partial", in.partial},
          {"dry_run", in.dry_run},
          {"written", o.written},
          {"records_written", o.records_written}};
}

nlohmann::json import_report_schema() {
  const nlohmann::json count = {{"type", "integer"}, {"format", "int64"}};
  const nlohmann::json flag = {{"type", "boolean"}};
  const nlohmann::json issue = {
      {"type", "object"},
      {"properties",
       {{"row", {{"type", "integer"}, {"description", "as the spreadsheet shows it; header = 1"}}},
        {"column", {{"type", "string"}, {"description", "header name; empty for a whole row"}}},
        {"message", {{"type", "string"}}}}},
      {"required", {"row", "column", "message"}}};
  return {{"type", "object"},
          {"description",
           "every bad row with its column and reason; `written` says whether records were "
           "stored"},
          {"properties",
           {{"rows_read", count},
            {"rows_accepted", count},
            {"rejected_rows", {{"type", "array"}, {"items", count}}},
            {"issues", {{"type", "array"}, {"items", issue}}},
            {"ignored_columns", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"partial", flag},
            {"dry_run", flag},
            {"written", flag},
            {"records_written", count}}},
          {"required",
           {"rows_read", "rows_accepted", "rejected_rows", "issues", "ignored_columns", "partial",
            "dry_run", "written", "records_written"}}};
}

Response run_import(Call& c) {
  const auto asked = RL_HTTP_TRY(choice_param(c, "format", {"csv", "xlsx"}));
  app::ImportRequest in{.partial = RL_HTTP_TRY(flag_param(c, "partial")),
                        .dry_run = RL_HTTP_TRY(flag_param(c, "dry_run"))};
  const auto format = import_format(c, asked);
  if (!format) return problem(415, format.error());
  in.format = *format;
  in.content = std::string(c.request.body);
  const auto outcome = RL_HTTP_TRY(c.app().exchange().import_sheet(c.principal, c.param(0), in));
  const bool refused = !outcome.report.ok() && !in.partial;
  return json_response(refused ? 422 : 200, report_json(outcome, in));
}

// Only an import that ran to its report is final; other errors (a busy store, a bad request)
// may be retried with the same key and run again.
bool import_answered(const Response& r) {
  return r.status == 200 || (r.status == 422 && r.content_type != kProblemContentType);
}

Response import_sheet(Call& c) {
  return with_idempotency_key(c, &run_import, &import_answered);
}

// --- report ---------------------------------------------------------------------------------

Response report(Call& c) {
  const auto format = RL_HTTP_TRY(choice_param(c, "format", {"html", "pdf"})).value_or("html");
  const auto id = c.param(0);
  Response r;
  if (format == "html") {
    r.body = RL_HTTP_TRY(c.app().exchange().report_html(c.principal, id));
    r.content_type = "text/html; charset=utf-8";
    return r;
  }
  r.body = RL_HTTP_TRY(c.app().exchange().report_pdf(c.principal, id));
  r.content_type = "application/pdf";
  r.headers.push_back({"Content-Disposition", "inline; filename=\"risk-management-report-" +
                                                  file_name_part(id) + ".pdf\""});
  return r;
}

}  // namespace

void add_risk_exchange_routes(RouteTable& routes) {
  constexpr std::string_view tag = "risk exchange";
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/risk-files/{id}/export",
       .operation_id = "exportHazardSheet",
       .summary = "The file's hazard sheet (docs/formats/hazard-sheet.md) as CSV or XLSX",
       .tag = tag,
       .handler = &export_sheet,
       .response_description = "text/csv or the XLSX type, with Content-Disposition: attachment",
       .query = {{"format", "csv (default) or xlsx"}}});
  routes.add(
      {.method = Method::post,
       .pattern = "/api/v1/risk-files/{id}/import",
       .operation_id = "importHazardSheet",
       .summary = "Import a hazard sheet sent as the raw body (Content-Type text/csv or the XLSX "
                  "type). Every row is checked; all good rows are written in one transaction, or "
                  "nothing unless partial=true. An Idempotency-Key header makes a retry return "
                  "the first answer (kept in the store for 24 hours, on every node)",
       .tag = tag,
       .handler = &import_sheet,
       .exec = Exec::write_pool,
       .response_description = "The import report; written (or a dry run with nothing refused)",
       .response = {"ImportReport", &import_report_schema},
       .query = {{"format", "csv or xlsx (default: from Content-Type)"},
                 {"partial", "true: write the good rows even when others are bad", "boolean"},
                 {"dry_run", "true: check and report only", "boolean"}},
       .large_body = true,
       .idempotent = true});
  // PDF printing takes seconds: the write pool keeps it off the io threads.
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-files/{id}/report",
              .operation_id = "riskManagementReport",
              .summary = "The risk management report (ISO 14971 clause 9) as HTML or PDF",
              .tag = tag,
              .handler = &report,
              .exec = Exec::write_pool,
              .response_description = "text/html, or application/pdf",
              .query = {{"format", "html (default) or pdf"}}});
}

}  // namespace riskloop::http
