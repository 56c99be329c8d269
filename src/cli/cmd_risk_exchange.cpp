// riskloop export, riskloop import hazards and riskloop report rmr: hazard sheets (CSV, XLSX) in
// and out of a risk file, and the risk management report (HTML, PDF).
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/risk_options.hpp"

namespace riskloop::cli {
namespace {

// "csv" or "xlsx": as given, else from the file name's extension, else csv.
app::SheetFormat sheet_format(const std::string& given, const std::string& path) {
  std::string name = given;
  if (name.empty()) {
    auto ext = std::filesystem::path(path).extension().string();
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    name = ext == ".xlsx" ? "xlsx" : "csv";
  }
  return name == "xlsx" ? app::SheetFormat::xlsx : app::SheetFormat::csv;
}

struct ExportArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string file;
  std::string format;
  std::string out;
};

CommandStatus run_export(const ExportArgs& args) {
  const auto format = sheet_format(args.format, args.out);
  if (args.out.empty() && format == app::SheetFormat::xlsx)
    return usage_error("an XLSX workbook needs a file to go to", "--out");
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto bytes = RL_TRY(open->app().exchange().export_sheet(who, args.file, format));
  if (args.out.empty()) {
    std::cout << bytes << std::flush;
    return {};
  }
  RL_CHECK(write_output_file(args.out, bytes, "--out"));
  std::cout << "exported the hazard sheet (" << (format == app::SheetFormat::csv ? "csv" : "xlsx")
            << ", " << bytes.size() << " bytes) to " << args.out << '\n';
  return {};
}

struct ImportArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string file;
  std::string in;
  std::string format;
  bool partial = false;
  bool dry_run = false;
};

CommandStatus run_import(const ImportArgs& args) {
  app::ImportRequest request;
  request.format = sheet_format(args.format, args.in);
  request.content = RL_TRY(read_input_file(args.in, "--in"));
  request.partial = args.partial;
  request.dry_run = args.dry_run;
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto outcome = RL_TRY(open->app().exchange().import_sheet(who, args.file, request));
  const auto& report = outcome.report;
  // Every bad row, so the sheet can be fixed in one pass.
  for (const auto& issue : report.issues) std::cerr << issue.describe() << '\n';
  for (const auto& column : report.ignored_columns)
    std::cerr << "column \"" << column << "\" is not a hazard sheet column: ignored\n";
  const std::string rows = std::to_string(report.rows_accepted) + " of " +
                           std::to_string(report.rows_read) + " rows accepted";
  if (!report.ok() && !args.partial)
    return fail(ErrorCode::validation,
                std::to_string(report.rejected_rows.size()) + " rows rejected, " + rows +
                    "; nothing was written (fix the rows, or --partial to write the good ones)",
                args.in);
  if (args.dry_run) {
    std::cout << "dry run: " << rows << ", " << report.records.size()
              << " records would be written\n";
    return {};
  }
  std::cout << "imported " << outcome.records_written << " records, " << rows;
  if (!report.ok()) std::cout << " (" << report.rejected_rows.size() << " rejected rows skipped)";
  std::cout << '\n';
  return {};
}

struct ReportArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string file;
  std::string format = "html";
  std::string out;
};

CommandStatus run_report(const ReportArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  auto& exchange = open->app().exchange();
  const auto bytes = RL_TRY(args.format == "pdf" ? exchange.report_pdf(who, args.file)
                                                 : exchange.report_html(who, args.file));
  RL_CHECK(write_output_file(args.out, bytes, "--out"));
  std::cout << "wrote the risk management report (" << args.format << ", " << bytes.size()
            << " bytes) to " << args.out << '\n';
  return {};
}

}  // namespace

void add_risk_exchange_commands(CLI::App& root, Selection& selection) {
  auto exp = std::make_shared<ExportArgs>();
  auto* export_cmd = root.add_subcommand("export", "write a risk file's hazard sheet");
  add_database_option(export_cmd, exp->database);
  add_org_options(export_cmd, exp->org);
  export_cmd->add_option("--file", exp->file, "risk file id")->required();
  export_cmd->add_option("--format", exp->format, "csv or xlsx (default: from --out, else csv)")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--out", exp->out, "file to write (default: standard output, csv only)");
  on_selected(export_cmd, selection, "export", [exp] { return run_export(*exp); });

  auto* import = root.add_subcommand("import", "read records into a risk file");
  import->require_subcommand(1);
  auto imp = std::make_shared<ImportArgs>();
  auto* hazards_cmd = import->add_subcommand(
      "hazards", "import a hazard sheet: every row checked, all good rows written or nothing");
  add_database_option(hazards_cmd, imp->database);
  add_org_options(hazards_cmd, imp->org);
  hazards_cmd->add_option("--file", imp->file, "risk file id")->required();
  hazards_cmd->add_option("--in", imp->in, "the sheet (.csv or .xlsx)")->required();
  hazards_cmd->add_option("--format", imp->format, "csv or xlsx (default: from --in)")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  hazards_cmd->add_flag("--partial", imp->partial, "write the good rows even when others are bad");
  hazards_cmd->add_flag("--dry-run", imp->dry_run, "check and report only; write nothing");
  on_selected(hazards_cmd, selection, "import hazards", [imp] { return run_import(*imp); });

  auto* report = root.add_subcommand("report", "reports of a risk file");
  report->require_subcommand(1);
  auto rmr = std::make_shared<ReportArgs>();
  auto* rmr_cmd = report->add_subcommand(
      "rmr", "the risk management report (ISO 14971 clause 9), HTML or A4 PDF");
  add_database_option(rmr_cmd, rmr->database);
  add_org_options(rmr_cmd, rmr->org);
  rmr_cmd->add_option("--file", rmr->file, "risk file id")->required();
  rmr_cmd->add_option("--format", rmr->format, "html or pdf")
      ->check(CLI::IsMember({"html", "pdf"}))
      ->capture_default_str();
  rmr_cmd->add_option("--out", rmr->out, "file to write")->required();
  on_selected(rmr_cmd, selection, "report rmr", [rmr] { return run_report(*rmr); });
}

}  // namespace riskloop::cli
