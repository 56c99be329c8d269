// The risk management report (HTML to read in the browser or save, PDF) and the hazard sheet (CSV,
// XLSX) of a risk file. The HTML report is a document of its own with inline styles: it is shown
// under its own Content-Security-Policy, which allows those styles and nothing else (no scripts,
// no requests, sandboxed), instead of the site's.
#include "formats/pdf/utf8_decode.hpp"
#include "http/content_disposition.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

// A download named after the file's title: "<stem><suffix>", the stem in ASCII (letters, digits
// and '-') for old clients and as written, in any language, for the others.
struct DownloadName {
  std::string ascii, utf8;
};

Response download(std::string body, std::string_view content_type, const DownloadName& name,
                  std::string_view disposition = "attachment") {
  Response r;
  r.content_type = content_type;
  r.body = std::move(body);
  r.headers.push_back(
      {"Content-Disposition", http::content_disposition(disposition, name.ascii, name.utf8)});
  return r;
}

// The title as a file name: ASCII letters and digits lower-cased, other ASCII characters (and
// invalid UTF-8) as one '-', characters beyond ASCII kept when `keep_unicode` (else as '-');
// about 60 bytes at most, cut at a character boundary.
std::string file_stem(std::string_view title, bool keep_unicode) {
  std::string stem;
  for (std::size_t at = 0; at < title.size() && stem.size() < 60;) {
    const auto start = at;
    const auto c = formats::next_code_point(title, at);
    const bool ascii_alnum = c < 0x80 && std::isalnum(static_cast<int>(c));
    if (ascii_alnum) {
      stem.push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
    } else if (c >= 0x80 && c != formats::kReplacementCharacter && keep_unicode) {
      stem.append(title.substr(start, at - start));
    } else if (!stem.empty() && stem.back() != '-') {
      stem.push_back('-');
    }
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  return stem.empty() ? "risk-file" : stem;
}

DownloadName file_name(Call& c, const Id& id, std::string_view suffix) {
  std::string title;
  if (auto f = c.app().files().get(c.principal, id)) title = f->title;
  return {file_stem(title, false) + std::string(suffix), file_stem(title, true) + std::string(suffix)};
}

Response report_html(Call& c) {
  const auto id = c.param(0);
  auto html = RL_WEB_TRY(c, c.app().exchange().report_html(c.principal, id));
  auto r = download(std::move(html), "text/html; charset=utf-8", file_name(c, id, "-report.html"),
                    "inline");
  r.headers.push_back({"Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                       "frame-ancestors 'none'; form-action 'none'; base-uri 'none'; sandbox"});
  return r;
}

Response report_pdf(Call& c) {
  const auto id = c.param(0);
  auto pdf = RL_WEB_TRY(c, c.app().exchange().report_pdf(c.principal, id));
  return download(std::move(pdf), "application/pdf", file_name(c, id, "-report.pdf"));
}

Response sheet_csv(Call& c) {
  const auto id = c.param(0);
  auto csv = RL_WEB_TRY(c, c.app().exchange().export_sheet(c.principal, id, app::SheetFormat::csv));
  return download(std::move(csv), "text/csv; charset=utf-8", file_name(c, id, "-hazards.csv"));
}

Response sheet_xlsx(Call& c) {
  const auto id = c.param(0);
  auto xlsx =
      RL_WEB_TRY(c, c.app().exchange().export_sheet(c.principal, id, app::SheetFormat::xlsx));
  return download(std::move(xlsx),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  file_name(c, id, "-hazards.xlsx"));
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
