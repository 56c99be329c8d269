// riskloop measurements: process measurements for SPC, imported from CSV in journaled batches
// (import, with progress on standard error) and listed page by page.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/table_output.hpp"
#include "formats/json/canonical_json.hpp"

namespace riskloop::cli {
namespace {

struct ImportArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string file;
  std::int64_t batch_rows = 10000;
};

CommandStatus run_import(const ImportArgs& args) {
  const auto content = RL_TRY(read_input_file(args.file, "--file"));
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  app::BulkImportOptions options{.batch_rows = args.batch_rows};
  options.after_batch = [](const ImportRun& run) -> Status {
    std::cerr << "measurements import: " << run.rows_done << " / " << run.total_rows
              << " rows (" << run.batches_done << " batches)\n";
    return {};
  };
  const std::string name = std::filesystem::path(args.file).filename().string();
  const auto outcome = RL_TRY(app.measurements().import_csv(who, name, content, options));
  if (!outcome.ok()) {
    // Every bad row, so the file can be fixed in one pass.
    for (const auto& issue : outcome.issues) std::cerr << issue.describe() << '\n';
    return fail(ErrorCode::validation,
                std::to_string(outcome.issues.size()) + " problems in " +
                    std::to_string(outcome.rows_read) + " rows; nothing was written",
                args.file);
  }
  const auto& result = *outcome.result;
  const auto& run = result.run;
  if (result.already_complete) {
    std::cout << "import " << run.header.id << " of " << run.source_name << " was already complete ("
              << run.rows_done << " rows in " << run.batches_done
              << " batches); nothing was written\n";
    return {};
  }
  std::cout << "import " << run.header.id << ": " << result.rows_written << " rows in "
            << result.batches_written << " batches written";
  if (result.rows_written != run.total_rows)
    std::cout << " (continued after " << run.total_rows - result.rows_written
              << " rows of an earlier run)";
  std::cout << ", " << run.rows_done << " / " << run.total_rows << " rows done\n";
  return {};
}

struct ListArgs {
  DatabaseArgs database;
  OrgArgs org;
  app::MeasurementQuery query;
  bool all = false;
};

CommandStatus run_list(const ListArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  Table table({"ID", "ROW", "PRODUCT", "LOT", "CHARACTERISTIC", "VALUE", "UNIT", "MEASURED AT",
               "STATION", "OPERATOR"});
  app::MeasurementQuery q = args.query;
  q.limit = std::clamp(q.limit, 1, app.options().max_page_size);
  std::vector<ProcessMeasurement> page;
  for (;;) {
    page = RL_TRY(app.measurements().list(who, q));
    for (const auto& m : page) {
      std::string value;
      formats::append_canonical_double(value, m.value);
      table.add_row({m.id, std::to_string(m.source_row), m.product_id, m.lot, m.characteristic,
                     value, m.unit, format_timestamp(m.measured_at), m.station, m.operator_name});
    }
    if (!args.all || int(page.size()) < q.limit) break;
    q.after = page.back().id;
  }
  table.print(std::cout);
  // Never cut silently: say how to get the next page.
  if (!args.all && int(page.size()) == q.limit)
    std::cerr << "more rows follow: --after " << page.back().id << " (or --all)\n";
  return {};
}

}  // namespace

void add_measurement_commands(CLI::App& root, Selection& selection) {
  auto* cmd = root.add_subcommand("measurements", "process measurements for SPC");
  cmd->require_subcommand(1);

  auto imp = std::make_shared<ImportArgs>();
  auto* import_cmd = cmd->add_subcommand(
      "import", "import a measurement CSV file in journaled batches; re-running continues it");
  add_database_option(import_cmd, imp->database);
  add_org_options(import_cmd, imp->org);
  import_cmd->add_option("--file", imp->file, "the CSV file")->required();
  import_cmd->add_option("--batch-rows", imp->batch_rows, "rows per batch and journal entry")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}))
      ->capture_default_str();
  import_cmd->footer(
      "Columns: product_id, lot, characteristic, value, unit, measured_at (required), station, "
      "operator.\nAn invalid file writes nothing and lists every bad row (exit code 3).");
  on_selected(import_cmd, selection, "measurements import", [imp] { return run_import(*imp); });

  auto list = std::make_shared<ListArgs>();
  auto* list_cmd = cmd->add_subcommand("list", "list measurements, a page at a time");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  list_cmd->add_option("--lot", list->query.lot, "only this lot");
  list_cmd->add_option("--characteristic", list->query.characteristic, "only this characteristic");
  list_cmd->add_option("--product", list->query.product_id, "only this product id");
  list_cmd->add_option("--after", list->query.after, "the last id of the previous page");
  list_cmd->add_option("--limit", list->query.limit, "rows per page")->capture_default_str();
  list_cmd->add_flag("--all", list->all, "every page");
  on_selected(list_cmd, selection, "measurements list", [list] { return run_list(*list); });
}

}  // namespace riskloop::cli
