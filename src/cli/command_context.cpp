// Opening the database, choosing the organization and naming the local operator.
#include "cli/command_context.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "app/record_types.hpp"

namespace riskloop::cli {

void on_selected(CLI::App* command, Selection& selection, std::string what,
                 std::function<CommandStatus()> fn) {
  command->callback([command, &selection, what = std::move(what), fn = std::move(fn)] {
    selection.what = what;
    selection.command = command;
    selection.run = fn;
  });
}

void add_database_option(CLI::App* command, DatabaseArgs& args) {
  command
      ->add_option("--db", args.db,
                   "SQLite database file, or a postgresql:// URL (environment: RISKLOOP_DB)")
      ->envname("RISKLOOP_DB")
      ->capture_default_str();
}

void add_org_options(CLI::App* command, OrgArgs& args) {
  command->add_option("--org", args.org,
                      "organization slug (default: the only organization of the database)");
  command->add_option("--as", args.as,
                      "attribute the action to this member's e-mail (default: cli:<login>)");
}

namespace {
bool starts_with(const std::string& s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}
}  // namespace

std::string store_url(const std::string& db) {
  if (starts_with(db, "postgresql://") || starts_with(db, "postgres://") ||
      starts_with(db, "sqlite:"))
    return db;
  return "sqlite:" + db;
}

std::optional<std::string> sqlite_path(const std::string& db) {
  if (starts_with(db, "postgresql://") || starts_with(db, "postgres://")) return std::nullopt;
  if (starts_with(db, "sqlite:")) return db.substr(7);
  return db;
}

CommandResult<app::AppOptions> app_options_from_env() {
  app::AppOptions options;
  const char* cost = std::getenv("RISKLOOP_PASSWORD_COST");
  const std::string value = cost ? cost : "";
  if (value == "minimal") {
    options.password_cost = app::PasswordCost::minimal;
  } else if (!value.empty() && value != "interactive") {
    return usage_error("\"" + value + "\" is not one of interactive or minimal",
                       "RISKLOOP_PASSWORD_COST");
  }
  if (const char* fonts = std::getenv("RISKLOOP_FONT_DIR"); fonts && *fonts)
    options.report_pdf.font_directory = fonts;
  if (const char* fonts = std::getenv("RISKLOOP_CJK_FONT_DIR"); fonts && *fonts)
    options.report_pdf.cjk_font_directory = fonts;
  return options;
}

CommandResult<std::unique_ptr<OpenApp>> open_app(const std::string& db, bool create) {
  const auto options = RL_TRY(app_options_from_env());
  const auto path = sqlite_path(db);
  if (path && path->empty())
    return fail(ErrorCode::validation, "the database path is empty", "--db");
  if (path && !create) {
    std::error_code ec;
    if (!std::filesystem::exists(*path, ec))
      return fail(ErrorCode::not_found,
                  "no database at " + *path + " (create one with `riskloop init`)", "--db");
  }
  if (path && create) {
    // The default database lives in var/; make the folder so `riskloop init` works out of the box.
    const auto parent = std::filesystem::path(*path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec)
      return fail(ErrorCode::storage,
                  "cannot create folder " + parent.string() + ": " + ec.message(), "--db");
  }
  auto store = RL_TRY(store::Store::open(
      {.url = store_url(db), .create = create, .declared_tables = app::declared_tables()}));
  return std::make_unique<OpenApp>(std::move(store), options);
}

std::string login_name() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  if (const char* env = std::getenv("LOGNAME"); env && *env) return env;
  return "uid" + std::to_string(geteuid());
}

app::Principal local_operator() {
  app::Principal p;
  p.actor = "cli:" + login_name();
  p.role = Role::admin;
  p.local_operator = true;
  return p;
}

CommandResult<Organization> resolve_org(app::App& app, const std::string& slug) {
  if (!slug.empty()) {
    auto org = app.accounts().organization_by_slug(local_operator(), slug);
    if (!org && org.error().location.empty()) org.error().location = "--org";
    return RL_TRY(std::move(org));
  }
  auto orgs = RL_TRY(app.accounts().organizations(local_operator()));
  if (orgs.size() == 1) return std::move(orgs.front());
  if (orgs.empty())
    return fail(ErrorCode::not_found, "the database has no organization yet (run `riskloop init`)",
                "--org");
  std::string slugs;
  for (const auto& o : orgs) slugs += (slugs.empty() ? "" : ", ") + o.slug;
  return usage_error("the database has several organizations; choose one of " + slugs, "--org");
}

CommandResult<app::Principal> org_principal(app::App& app, const OrgArgs& args) {
  const auto org = RL_TRY(resolve_org(app, args.org));
  return RL_TRY(app.auth().operator_principal(login_name(), org.header.id, args.as));
}

CommandResult<app::VerifyReport> verify_journal(app::App& app) {
  auto report = RL_TRY(app.journal().verify());
  if (report.ok) return report;
  std::string text = "verification failed";
  if (report.bad_seq > 0) text += " at journal entry " + std::to_string(report.bad_seq);
  if (!report.bad_entity.empty()) text += " (" + report.bad_entity + ")";
  return fail(
      ErrorCode::verification,
      text + ": " + (report.problem.empty() ? "the journal does not verify" : report.problem));
}

}  // namespace riskloop::cli
