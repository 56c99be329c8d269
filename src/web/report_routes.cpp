// The risk management report (HTML to read in the browser or save, PDF) and the hazard sheet (CSV,
// XLSX) of a risk file. The HTML report is a document of its own with inline styles: it is shown
// under its own Content-Security-Policy, which allows those styles and nothing else (no scripts,
// no requests, sandboxed), instead of the site's.
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

Response download(std::string body, std::string_view content_type, const std::string& filename) {
  Response r;
  r.content_type = content_type;
  r.body = std::move(body);
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + filename + "\""});
  return r;
}

// A file name from the title: letters, digits and '-' only.
std::string file_stem(Call& c, const Id& id) {
  std::string stem = "risk-file";
  if (auto f = c.app().files().get(c.principal, id)) {
    stem.clear();
    for (char ch : f->title) {
      if (std::isalnum(static_cast<unsigned char>(ch))) stem.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
      else if (!stem.empty() && stem.back() != '-') stem.push_back('-');
      if (stem.size() >= 60) break;
    }
    while (!stem.empty() && stem.back() == '-') stem.pop_back();
    if (stem.empty()) stem = "risk-file";
  }
  return stem;
}

Response report_html(Call& c) {
  const auto id = c.param(0);
  auto html = RL_WEB_TRY(c, c.app().exchange().report_html(c.principal, id));
  auto r = download(std::move(html), "text/html; charset=utf-8", file_stem(c, id) + "-report.html");
  r.headers.front().value.replace(0, std::string_view("attachment").size(), "inline");
  r.headers.push_back({"Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                       "frame-ancestors 'none'; form-action 'none'; base-uri 'none'; sandbox"});
  return r;
}

Response report_pdf(Call& c) {
  const auto id = c.param(0);
  auto pdf = RL_WEB_TRY(c, c.app().exchange().report_pdf(c.principal, id));
  return download(std::move(pdf), "application/pdf", file_stem(c, id) + "-report.pdf");
}

Response sheet_csv(Call& c) {
  const auto id = c.param(0);
  auto csv = RL_WEB_TRY(c, c.app().exchange().export_sheet(c.principal, id, app::SheetFormat::csv));
  return download(std::move(csv), "text/csv; charset=utf-8", file_stem(c, id) + "-hazards.csv");
}

Response sheet_xlsx(Call& c) {
  const auto id = c.param(0);
  auto xlsx =
      RL_WEB_TRY(c, c.app().exchange().export_sheet(c.principal, id, app::SheetFormat::xlsx));
  return download(std::move(xlsx),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  file_stem(c, id) + "-hazards.xlsx");
}

}  // namespace

void add_report_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/files/{id}/report.html",
              .operation_id = "webReportHtml", .tag = "web", .handler = &report_html,
              .access = Access::page});
  // Printing runs a browser for seconds: not on an io thread.
  routes.add({.method = Method::get, .pattern = "/files/{id}/report.pdf",
              .operation_id = "webReportPdf", .tag = "web", .handler = &report_pdf,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::get, .pattern = "/files/{id}/sheet.csv",
              .operation_id = "webSheetCsv", .tag = "web", .handler = &sheet_csv,
              .access = Access::page});
  routes.add({.method = Method::get, .pattern = "/files/{id}/sheet.xlsx",
              .operation_id = "webSheetXlsx", .tag = "web", .handler = &sheet_xlsx,
              .access = Access::page});
}

}  // namespace riskloop::web
