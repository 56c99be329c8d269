// riskloop backup and riskloop restore: consistent copies of an SQLite database, verified before
// they are trusted, and put back atomically.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/durable_file.hpp"

namespace riskloop::cli {
namespace {

CommandResult<std::string> require_sqlite(const std::string& db, const std::string& what) {
  auto path = sqlite_path(db);
  if (!path)
    return fail(ErrorCode::validation,
                what + " works on SQLite databases; back up PostgreSQL with pg_dump", "--db");
  return std::move(*path);
}

bool exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

std::string head_text(const app::VerifyReport& r) {
  return "verified " + std::to_string(r.entries) + " entries, head " +
         (r.head_hash.empty() ? "(empty journal)" : r.head_hash);
}

// Opens the database at `path` on its own, verifies it and closes it again (checkpointing its
// write-ahead log into the main file).
CommandResult<app::VerifyReport> verify_copy(const std::string& path) {
  auto open = RL_TRY(open_app(path, false));
  return RL_TRY(verify_journal(open->app()));
}

struct BackupArgs {
  DatabaseArgs database;
  std::string out;
};

CommandStatus run_backup(const BackupArgs& args) {
  RL_CHECK(require_sqlite(args.database.db, "backup"));
  if (exists(args.out))
    return fail(ErrorCode::conflict, args.out + " already exists; backups never overwrite",
                "--out");
  {
    auto open = RL_TRY(open_app(args.database.db, false));
    RL_CHECK(open->store().backup_to(args.out));
  }
  const auto report = verify_copy(args.out);
  if (!report) {
    auto failure = report.error();
    failure.error.message =
        "backup written to " + args.out + " but it does not verify: " + failure.error.message;
    return tl::unexpected(failure);
  }
  RL_CHECK(sync_file(args.out));
  std::cout << "backup written to " << args.out << ", " << head_text(*report) << '\n';
  return {};
}

struct RestoreArgs {
  DatabaseArgs database;
  std::string from;
  bool force = false;
};

CommandStatus refuse_if_in_use(const std::string& path, const std::string& location) {
  if (RL_TRY(sqlite_database_in_use(path)))
    return fail(ErrorCode::conflict,
                path + " is open in another process (a running `riskloop serve`?); stop it first",
                location);
  return {};
}

void remove_database_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) (void)remove_if_exists(path + suffix);
}

CommandStatus run_restore(const RestoreArgs& args) {
  const auto target = RL_TRY(require_sqlite(args.database.db, "restore"));
  if (!exists(args.from)) return fail(ErrorCode::not_found, "no backup at " + args.from, "--from");
  RL_CHECK(refuse_if_in_use(args.from, "--from"));
  if (size_or_zero(args.from + "-wal") > 0)
    return fail(
        ErrorCode::conflict,
        args.from +
            " has a write-ahead log that a plain copy would miss; run `riskloop verify --db " +
            args.from + "` once to fold it in",
        "--from");
  if (exists(target) && !args.force)
    return fail(ErrorCode::conflict, target + " already exists; add --force to replace it", "--db");
  RL_CHECK(refuse_if_in_use(target, "--db"));

  const auto folder = std::filesystem::path(target).parent_path();
  std::error_code ec;
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  if (ec)
    return fail(ErrorCode::storage, "cannot create folder " + folder.string() + ": " + ec.message(),
                "--db");

  // Verify the copy that will be installed, not the backup itself: the backup file stays untouched
  // (opening a database may apply migrations), and what is checked is exactly what is restored.
  const auto temp = RL_TRY(copy_beside(args.from, target));
  const auto report = verify_copy(temp);
  if (!report) {
    remove_database_files(temp);
    auto failure = report.error();
    failure.error.message =
        "the backup " + args.from + " does not verify, nothing restored: " + failure.error.message;
    return tl::unexpected(failure);
  }
  if (size_or_zero(temp + "-wal") > 0) {
    remove_database_files(temp);
    return fail(ErrorCode::internal, "the verified copy kept a write-ahead log; nothing restored");
  }
  RL_CHECK(remove_if_exists(temp + "-wal"));
  RL_CHECK(remove_if_exists(temp + "-shm"));
  RL_CHECK(sync_file(temp));

  // The target's old log must go before the new file takes its name: SQLite would otherwise
  // replay the old database's pages onto the restored one.
  RL_CHECK(refuse_if_in_use(target, "--db"));
  RL_CHECK(remove_if_exists(target + "-wal"));
  RL_CHECK(remove_if_exists(target + "-shm"));
  RL_CHECK(replace_durably(temp, target));
  std::cout << "restored " << target << " from " << args.from << ", " << head_text(*report) << '\n';
  return {};
}

}  // namespace

void add_backup_commands(CLI::App& root, Selection& selection) {
  auto backup = std::make_shared<BackupArgs>();
  auto* backup_cmd =
      root.add_subcommand("backup", "write a consistent copy of the database and verify it");
  add_database_option(backup_cmd, backup->database);
  backup_cmd->add_option("--out", backup->out, "the backup file to create (never overwritten)")
      ->required();
  on_selected(backup_cmd, selection, "backup", [backup] { return run_backup(*backup); });

  auto restore = std::make_shared<RestoreArgs>();
  auto* restore_cmd = root.add_subcommand(
      "restore", "replace the database with a verified backup (stop the server first)");
  add_database_option(restore_cmd, restore->database);
  restore_cmd->add_option("--from", restore->from, "the backup file")->required();
  restore_cmd->add_flag("--force", restore->force, "replace an existing database");
  on_selected(restore_cmd, selection, "restore", [restore] { return run_restore(*restore); });
}

}  // namespace riskloop::cli
