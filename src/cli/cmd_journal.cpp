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

struct ProveArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string entity;
  std::string id;
};

// Prints the leaf, the audit path and the batch's journaled root; exit code 1 unless it verifies.
CommandStatus run_prove(const ProveArgs& args) {
  if (args.entity != ProcessMeasurement::entity)
    return fail(ErrorCode::validation,
                "\"" + args.entity + "\" is not a bulk record type; allowed: " +
                    std::string(ProcessMeasurement::entity) +
                    " (other records have journal entries of their own)",
                "--entity");
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto proof = RL_TRY(app.measurements().proof(who, args.id));
  std::cout << proof.entity << " " << proof.id << "\n"
            << "  source row   " << proof.source_row << "\n"
            << "  batch        " << proof.batch_id << "\n"
            << "  leaf         " << proof.leaf_index << " of " << proof.tree_size << "\n"
            << "  leaf hash    " << proof.leaf_hash << "\n";
  for (std::size_t i = 0; i < proof.path.size(); ++i)
    std::cout << "  path[" << i << "]" << std::string(i < 10 ? 6 : 5, ' ') << proof.path[i] << "\n";
  std::cout << "  root         " << (proof.root.empty() ? "(none)" : proof.root) << "\n"
            << "  journal seq  " << proof.journal_seq << "\n";
  if (!proof.verified)
    return fail(ErrorCode::verification, "the proof does not verify: " + proof.problem);
  std::cout << "verified: the row is leaf " << proof.leaf_index << " of the tree whose root journal entry "
            << proof.journal_seq << " holds\n";
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

  auto prove = std::make_shared<ProveArgs>();
  auto* prove_cmd = journal->add_subcommand(
      "prove", "show that a bulk row is covered by its batch's journal entry (Merkle proof)");
  add_database_option(prove_cmd, prove->database);
  add_org_options(prove_cmd, prove->org);
  prove_cmd->add_option("--entity", prove->entity, "bulk record type: process_measurement")
      ->required();
  prove_cmd->add_option("--id", prove->id, "the row's id")->required();
  prove_cmd->footer("Exit code 1 when the proof does not verify, 4 when there is no such row.");
  on_selected(prove_cmd, selection, "journal prove", [prove] { return run_prove(*prove); });
}

}  // namespace riskloop::cli
