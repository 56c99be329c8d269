// riskloop init: creates the database, the first organization and its administrator (and, with
// --demo, the demo team and products).
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/demo_data.hpp"
#include "cli/passwords.hpp"

namespace riskloop::cli {
namespace {

struct InitArgs {
  DatabaseArgs database;
  std::string org_name;
  std::string org_slug;
  std::string admin_email;
  std::string admin_name;
  bool demo = false;
};

CommandStatus run_init(InitArgs args) {
  if (args.demo) {
    const auto& demo = demo_organization();
    if (args.org_name.empty()) args.org_name = demo.name;
    if (args.org_slug.empty()) args.org_slug = demo.slug;
    if (args.admin_email.empty()) args.admin_email = demo.admin_email;
    if (args.admin_name.empty()) args.admin_name = demo.admin_name;
  }
  std::string missing;
  for (const auto& [value, flag] : {std::pair{&args.org_name, "--org-name"},
                                    {&args.org_slug, "--org-slug"},
                                    {&args.admin_email, "--admin-email"},
                                    {&args.admin_name, "--admin-name"}})
    if (value->empty()) missing += (missing.empty() ? "" : ", ") + std::string(flag);
  if (!missing.empty())
    return usage_error("missing " + missing + " (or use --demo for the demo organization)");

  auto open = RL_TRY(open_app(args.database.db, /*create=*/true));
  app::App& app = open->app();
  const app::Principal op = local_operator();
  // The demo's history is dated on past days only in a database of its own: entries older than
  // ones already journaled would read as if written out of order.
  bool backdate = false;
  const Timestamp today = app.clock().now();
  if (args.demo) {
    RL_CHECK(open->store().read([&](store::Tx& tx) -> Status {
      backdate = RL_TRY(tx.journal_count()) == 0;
      return {};
    }));
    if (backdate) open->clock().stand_at(today - std::chrono::days(211));
  }

  for (const auto& org : RL_TRY(app.accounts().organizations(op)))
    if (org.slug == args.org_slug)
      return fail(
          ErrorCode::conflict,
          "the database already has an organization \"" + args.org_slug + "\" (" + org.name + ")",
          "--org-slug");

  const auto password =
      RL_TRY(choose_password(false, "RISKLOOP_ADMIN_PASSWORD", "RISKLOOP_ADMIN_PASSWORD"));
  const auto created = RL_TRY(
      app.accounts().bootstrap(op, OrganizationInput{.name = args.org_name, .slug = args.org_slug},
                               NewMemberInput{.email = args.admin_email,
                                              .display_name = args.admin_name,
                                              .password = password.password,
                                              .role = Role::admin}));
  std::cout << "created organization " << created.organization.name << " ("
            << created.organization.slug << ") with administrator " << created.admin.email << " in "
            << args.database.db << '\n';
  std::vector<ShownSecret> shown;
  // An existing user (admin of another organization) keeps their password.
  if (password.generated && created.new_admin)
    shown.push_back({created.admin.email + " (admin) password", password.password});

  if (args.demo) {
    const auto who =
        RL_TRY(app.auth().operator_principal(login_name(), created.organization.header.id, ""));
    DemoTimeline timeline(app, backdate ? &open->clock() : nullptr, who, today);
    const auto loaded = load_demo_data(timeline, shown);
    print_secrets_once(std::cout, shown);  // whatever was created, even if a later step failed
    open->clock().stand_at(std::nullopt);
    RL_CHECK(loaded);
    std::cout << "added the demo team (one member per role) and products\n";
  } else {
    print_secrets_once(std::cout, shown);
  }
  return {};
}

}  // namespace

void add_init_command(CLI::App& root, Selection& selection) {
  auto args = std::make_shared<InitArgs>();
  auto* cmd =
      root.add_subcommand("init", "create the database, the first organization and its admin");
  add_database_option(cmd, args->database);
  cmd->add_option("--org-name", args->org_name, "organization name, e.g. \"Acme Cardio\"");
  cmd->add_option("--org-slug", args->org_slug,
                  "organization slug: lower-case letters, digits, '-'");
  cmd->add_option("--admin-email", args->admin_email, "the administrator's e-mail (login name)");
  cmd->add_option("--admin-name", args->admin_name, "the administrator's printed name");
  cmd->add_flag("--demo", args->demo, "add the demo organization's team and products");
  cmd->footer(
      "The admin password comes from RISKLOOP_ADMIN_PASSWORD, or is generated and printed once.\n"
      "Demo users get RISKLOOP_DEMO_PASSWORD, or generated passwords printed once.");
  on_selected(cmd, selection, "init", [args] { return run_init(*args); });
}

}  // namespace riskloop::cli
