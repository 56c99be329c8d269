// What every riskloop command shares: the options naming the database and organization, opening
// the application on a store, who the local operator is, and how a command reports failure.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "app/app.hpp"

namespace riskloop::cli {

// Exit code for command-line misuse (CLI11 parse errors and ambiguous choices); the others come
// from riskloop::exit_code(ErrorCode).
inline constexpr int kUsageExit = 2;

// A command's failure: the error to print and the process exit code.
struct CommandError {
  CommandError(Error e)
      : error(std::move(e)), exit_code(riskloop::exit_code(error.code)) {}  // NOLINT
  CommandError(Error e, int code) : error(std::move(e)), exit_code(code) {}
  Error error;
  int exit_code;
};

template <class T>
using CommandResult = tl::expected<T, CommandError>;
using CommandStatus = CommandResult<void>;

inline tl::unexpected<CommandError> usage_error(std::string message, std::string location = {}) {
  return tl::unexpected<CommandError>(CommandError(
      Error{ErrorCode::validation, std::move(message), std::move(location)}, kUsageExit));
}

// The command chosen on the command line, run after parsing succeeded.
struct Selection {
  std::string what;  // "product add": names the command in error messages
  CLI::App* command = nullptr;
  std::function<CommandStatus()> run;
};

// Registers `fn` to run when `command` is the one given on the command line.
void on_selected(CLI::App* command, Selection& selection, std::string what,
                 std::function<CommandStatus()> fn);

// --db PATH|URL: every command takes it.
struct DatabaseArgs {
  std::string db = "var/riskloop.db";
};
void add_database_option(CLI::App* command, DatabaseArgs& args);

// --org SLUG and --as EMAIL: commands acting inside one organization take them.
struct OrgArgs {
  std::string org;  // empty: the only organization, if there is exactly one
  std::string as;   // empty: the local operator itself
};
void add_org_options(CLI::App* command, OrgArgs& args);

// "sqlite:PATH" for a path, the URL itself for "postgresql://..." and "sqlite:...".
std::string store_url(const std::string& db);
// The filesystem path of an SQLite database argument; nullopt for a PostgreSQL URL.
std::optional<std::string> sqlite_path(const std::string& db);

// The system clock, unless set to stand at an instant: `init --demo` dates the demo's history on
// past days of a fictional project so that its journal reads like a real file's.
class CliClock final : public Clock {
 public:
  Timestamp now() const override { return fixed_ ? *fixed_ : system_.now(); }
  void stand_at(std::optional<Timestamp> t) { fixed_ = t; }

 private:
  app::SystemClock system_;
  std::optional<Timestamp> fixed_;
};

// A store, the production clock and id source, and the App working on them. Not movable: the App
// refers to its siblings.
class OpenApp {
 public:
  OpenApp(std::unique_ptr<store::Store> store, app::AppOptions options)
      : store_(std::move(store)), app_(*store_, clock_, ids_, options) {}
  OpenApp(const OpenApp&) = delete;
  OpenApp& operator=(const OpenApp&) = delete;

  app::App& app() { return app_; }
  store::Store& store() { return *store_; }
  CliClock& clock() { return clock_; }

 private:
  std::unique_ptr<store::Store> store_;
  CliClock clock_;
  app::UuidV7Source ids_;
  app::App app_;
};

// Opens the database named by --db (creating it only when `create` is set: init) with the options
// from the environment (app_options_from_env).
CommandResult<std::unique_ptr<OpenApp>> open_app(const std::string& db, bool create);

// RISKLOOP_PASSWORD_COST=minimal selects the cheapest argon2id parameters. For tests and demos
// only: hashes made that way are fast to attack.
CommandResult<app::AppOptions> app_options_from_env();

// The login name of the person running the command (password database, then $LOGNAME).
std::string login_name();
// The local operator acting outside any one organization (set-up, listing organizations, export).
app::Principal local_operator();
// The local operator inside the organization chosen by --org (see OrgArgs), acting as --as if
// given.
CommandResult<app::Principal> org_principal(app::App& app, const OrgArgs& args);
// The organization named by `slug`, or the only one when `slug` is empty.
CommandResult<Organization> resolve_org(app::App& app, const std::string& slug);

// Runs the journal verification (docs/journal.md section 4). A failing report becomes a
// `verification` error: "verification failed at journal entry 42 (product 0197...): <problem>".
CommandResult<app::VerifyReport> verify_journal(app::App& app);

}  // namespace riskloop::cli
