// riskloop verify and riskloop journal export: checking and publishing the hash-chained journal.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/journal_writer.hpp"
#include "cli/commands.hpp"

namespace riskloop::cli {
namespace {

CommandStatus run_verify(const DatabaseArgs& database) {
  auto open = RL_TRY(open_app(database.db, false));
  const auto report = RL_TRY(verify_journal(open->app()));
  std::cout << "verified " << report.entries << " entries, head "
            << (report.head_hash.empty() ? "(empty journal)" : report.head_hash) << '\n';
  return {};
}

struct ExportArgs {
  DatabaseArgs database;
  std::string format = "jsonl";
  std::string out;
};

// Writes to a temporary file beside `out` and renames it into place when complete, so an
// interrupted export never looks like a finished one.
CommandStatus run_export(const ExportArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  std::int64_t count = 0;
  if (args.out.empty()) {
    RL_CHECK(app.journal().export_all(local_operator(), [&](const JournalEntry& e) -> Status {
      std::cout << app::journal_entry_json(e) << '\n';
      ++count;
      if (!std::cout) return fail(ErrorCode::storage, "cannot write to standard output");
      return {};
    }));
    std::cout.flush();
    return {};
  }
  const std::string partial = args.out + ".partial";
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) return fail(ErrorCode::storage, "cannot create " + partial, "--out");
  const auto exported =
      app.journal().export_all(local_operator(), [&](const JournalEntry& e) -> Status {
        file << app::journal_entry_json(e) << '\n';
        ++count;
        if (!file) return fail(ErrorCode::storage, "cannot write " + partial, "--out");
        return {};
      });
  file.close();
  std::error_code ec;
  if (!exported || !file) {
    std::filesystem::remove(partial, ec);
    if (!exported) return tl::unexpected(exported.error());
    return fail(ErrorCode::storage, "cannot write " + partial, "--out");
  }
  std::filesystem::rename(partial, args.out, ec);
  if (ec)
    return fail(ErrorCode::storage, "cannot rename " + partial + ": " + ec.message(), "--out");
  std::cout << "exported " << count << " journal entries to " << args.out << '\n';
  return {};
}

}  // namespace

void add_journal_commands(CLI::App& root, Selection& selection) {
  auto verify = std::make_shared<DatabaseArgs>();
  auto* verify_cmd = root.add_subcommand(
      "verify", "recompute the journal's hash chain and check every record against it");
  add_database_option(verify_cmd, *verify);
  verify_cmd->footer("Exit code 1 and the first failing entry when the journal does not verify.");
  on_selected(verify_cmd, selection, "verify", [verify] { return run_verify(*verify); });

  auto* journal = root.add_subcommand("journal", "the hash-chained journal of every change");
  journal->require_subcommand(1);
  auto exp = std::make_shared<ExportArgs>();
  auto* export_cmd =
      journal->add_subcommand("export", "write every entry, one canonical JSON line each");
  add_database_option(export_cmd, exp->database);
  export_cmd->add_option("--format", exp->format, "export format")
      ->check(CLI::IsMember({"jsonl"}))
      ->capture_default_str();
  export_cmd->add_option("--out", exp->out, "file to write (default: standard output)");
  on_selected(export_cmd, selection, "journal export", [exp] { return run_export(*exp); });
}

}  // namespace riskloop::cli
