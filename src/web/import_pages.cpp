// The import wizard of a risk file: upload a hazard sheet (CSV or XLSX), see the dry-run report
// with every bad row (row, column, reason), then confirm. Between the two steps the file travels
// in the confirmation form (base64), so no server keeps state between requests.
#include <sodium.h>

#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

std::string to_base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \r\n", &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

Data wizard_data(Call& c, const Id& file_id) {
  auto d = base_data(c, "products");
  d.set("file_id", file_id);
  if (auto f = c.app().files().get(c.principal, file_id)) d.set("file_title", f->title);
  return d;
}

Response upload_form(Call& c) {
  const auto id = c.param(0);
  RL_WEB_TRY(c, c.app().files().get(c.principal, id));
  return page(c, "import", "Import a hazard sheet", wizard_data(c, id));
}

Response run_import(Call& c) {
  const auto id = c.param(0);
  RL_WEB_TRY(c, c.app().files().get(c.principal, id));  // another organization's: 404 first
  auto d = wizard_data(c, id);
  app::ImportRequest req;
  std::string filename;
  if (const auto* file = c.form.file("sheet")) {
    req.content = file->value;
    filename = file->filename;
  } else if (auto decoded = from_base64(c.form.get("content"))) {
    req.content = std::move(*decoded);
    filename = c.form.get("filename");
  }
  if (req.content.empty()) {
    d.set("error", std::string("choose a CSV or XLSX file to import"));
    return page(c, "import", "Import a hazard sheet", d, 422);
  }
  const bool xlsx = filename.size() >= 5 && filename.substr(filename.size() - 5) == ".xlsx";
  req.format = xlsx ? app::SheetFormat::xlsx : app::SheetFormat::csv;
  req.partial = c.form.get("partial") == "true";
  req.dry_run = c.form.get("confirm") != "true";
  const auto outcome = RL_WEB_TRY(c, c.app().exchange().import_sheet(c.principal, id, req));
  const auto& report = outcome.report;
  d.set("checked", flag(true));
  d.set("filename", filename);
  d.set("rows_read", std::to_string(report.rows_read));
  d.set("rows_accepted", std::to_string(report.rows_accepted));
  d.set("rows_rejected", std::to_string(report.rejected_rows.size()));
  d.set("ok", flag(report.ok()));
  d.set("partial", flag(req.partial));
  List issues;
  for (const auto& i : report.issues) {
    Data e;
    e.set("row", std::to_string(i.row));
    e.set("column", i.column.empty() ? std::string("—") : i.column);
    e.set("reason", i.message);
    issues.push_back(e);
  }
  d.set("issues", issues);
  d.set("has_issues", flag(!report.issues.empty()));
  std::string ignored;
  for (const auto& col : report.ignored_columns) ignored += (ignored.empty() ? "" : ", ") + col;
  if (!ignored.empty()) d.set("ignored", ignored);
  if (outcome.written) {
    d.set("written", flag(true));
    d.set("records_written", std::to_string(outcome.records_written));
  } else if (req.dry_run && (report.ok() || (req.partial && report.rows_accepted > 0))) {
    d.set("can_confirm", flag(true));
    d.set("sheet_base64", to_base64(req.content));  // not "content": the layout's partial
  }
  return page(c, "import", "Import a hazard sheet", d, report.ok() || outcome.written ? 200 : 422);
}

}  // namespace

// Importing writes to the file: roles that may not (auditors, partners) get no wizard at all
// (the routes' permission).
void add_import_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/files/{id}/import",
              .operation_id = "webImportForm", .tag = "web", .handler = &upload_form,
              .access = Access::page,
              .permission = Permission::write_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/import",
              .operation_id = "webImport", .tag = "web", .handler = &run_import,
              .access = Access::page, .exec = Exec::write_pool, .large_body = true,
              .permission = Permission::write_risk});
}

}  // namespace riskloop::web
