// riskloop org / user / token: organizations, their members and API tokens.
#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cli/passwords.hpp"
#include "cli/table_output.hpp"

namespace riskloop::cli {
namespace {

// Every page of a listing, following the cursor until an empty page (the app may clamp the page
// size, so a short page does not prove the end).
template <class T, class Fetch, class Cursor>
Result<std::vector<T>> all_pages(Fetch fetch, Cursor cursor_of) {
  std::vector<T> out;
  app::Page page{.after = "", .limit = 500};
  for (;;) {
    auto items = RL_TRY(fetch(page));
    if (items.empty()) return out;
    const std::string next = cursor_of(items.back());
    for (auto& item : items) out.push_back(std::move(item));
    if (next == page.after) return out;
    page.after = next;
  }
}

Result<std::vector<app::Member>> all_members(app::App& app, const app::Principal& who) {
  return all_pages<app::Member>([&](const app::Page& p) { return app.accounts().members(who, p); },
                                [](const app::Member& m) { return m.membership.header.id; });
}

CommandResult<app::Member> member_by_email(app::App& app, const app::Principal& who,
                                           const std::string& email, const std::string& location) {
  for (auto& m : RL_TRY(all_members(app, who)))
    if (m.user.email == email) return std::move(m);
  return fail(ErrorCode::not_found, "no member with e-mail " + email + " in this organization",
              location);
}

std::string optional_time(const std::optional<Timestamp>& t) {
  return t ? format_timestamp(*t) : "-";
}

// --- org ---------------------------------------------------------------------------------

struct OrgAddArgs {
  DatabaseArgs database;
  std::string name;
  std::string slug;
  std::string admin_email;
  std::string admin_name;
  bool password_stdin = false;
};

CommandStatus run_org_add(const OrgAddArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const OrganizationInput org{.name = args.name, .slug = args.slug};
  if (args.admin_email.empty()) {
    const auto created = RL_TRY(app.accounts().create_organization(local_operator(), org));
    std::cout << "created organization " << created.name << " (" << created.slug << "), id "
              << created.header.id << '\n';
    return {};
  }
  const auto password =
      RL_TRY(choose_password(args.password_stdin, "RISKLOOP_ADMIN_PASSWORD", "--password-stdin"));
  const auto created =
      RL_TRY(app.accounts().bootstrap(local_operator(), org,
                                      NewMemberInput{.email = args.admin_email,
                                                     .display_name = args.admin_name,
                                                     .password = password.password,
                                                     .role = Role::admin}));
  std::cout << "created organization " << created.organization.name << " ("
            << created.organization.slug << ") with administrator " << created.admin.email << '\n';
  // An existing user keeps their password; a generated one was not used then.
  if (password.generated && created.new_admin)
    print_secrets_once(std::cout, {{created.admin.email + " (admin) password", password.password}});
  return {};
}

CommandStatus run_org_list(const DatabaseArgs& database) {
  auto open = RL_TRY(open_app(database.db, false));
  Table table({"SLUG", "NAME", "ID", "CREATED"});
  for (const auto& o : RL_TRY(open->app().accounts().organizations(local_operator())))
    table.add_row({o.slug, o.name, o.header.id, format_timestamp(o.header.created_at)});
  table.print(std::cout);
  return {};
}

// --- user --------------------------------------------------------------------------------

struct UserArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string email;
  std::string name;
  std::string role;
  bool password_stdin = false;
};

CommandStatus run_user_add(const UserArgs& args) {
  const auto role = enum_from_name<Role>(args.role);
  if (!role)
    return fail(ErrorCode::validation,
                "\"" + args.role + "\" is not one of " + allowed_names<Role>(), "--role");
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto password = RL_TRY(choose_password(args.password_stdin, nullptr, "--password-stdin"));
  const auto added =
      RL_TRY(app.accounts().add_member(who, NewMemberInput{.email = args.email,
                                                           .display_name = args.name,
                                                           .password = password.password,
                                                           .role = *role}));
  if (added.invitation) {
    std::cout << added.user.email << " belongs to another organization: invited as "
              << name_of(added.invitation->role) << " (invitation " << added.invitation->header.id
              << "); they join when they accept it (`riskloop invitation accept`)\n";
    return {};
  }
  std::cout << "added " << added.user.email << " (" << added.user.display_name << ") as "
            << name_of(added.membership.role) << ", user id " << added.user.header.id << '\n';
  // An existing user keeps their password; the generated one was not used then.
  if (password.generated && added.new_user)
    print_secrets_once(std::cout, {{added.user.email + " password", password.password}});
  return {};
}

CommandStatus run_user_list(const UserArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  Table table({"EMAIL", "NAME", "ROLE", "STATUS", "USER ID"});
  for (const auto& m : RL_TRY(all_members(app, who)))
    table.add_row({m.user.email, m.user.display_name, std::string(name_of(m.membership.role)),
                   std::string(name_of(m.user.status)), m.user.header.id});
  table.print(std::cout);
  return {};
}

CommandStatus run_user_passwd(const UserArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto member = RL_TRY(member_by_email(app, who, args.email, "--email"));
  const auto password = RL_TRY(choose_password(args.password_stdin, nullptr, "--password-stdin"));
  RL_CHECK(app.accounts().change_password(
      who, member.user.header.id,
      PasswordChangeInput{.current_password = "", .new_password = password.password}));
  std::cout << "changed the password of " << member.user.email << '\n';
  if (password.generated)
    print_secrets_once(std::cout, {{member.user.email + " password", password.password}});
  return {};
}

// --- invitation --------------------------------------------------------------------------

struct InvitationArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string id;
};

CommandStatus run_invitation_list(const InvitationArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto items = RL_TRY(all_pages<Invitation>(
      [&](const app::Page& p) { return app.accounts().invitations(who, p); },
      [](const Invitation& i) { return i.header.id; }));
  Table table({"ID", "EMAIL", "ROLE", "STATUS", "INVITED BY", "CREATED"});
  for (const auto& i : items)
    table.add_row({i.header.id, i.email, std::string(name_of(i.role)),
                   std::string(name_of(i.status)), i.invited_by,
                   format_timestamp(i.header.created_at)});
  table.print(std::cout);
  return {};
}

CommandStatus run_invitation_mine(const InvitationArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  if (args.org.as.empty())
    return usage_error("name yourself with --as: invitations are addressed to a person", "--as");
  const auto who = RL_TRY(org_principal(app, args.org));
  Table table({"ID", "ORGANIZATION", "ROLE", "INVITED BY", "CREATED"});
  for (const auto& r : RL_TRY(app.accounts().my_invitations(who)))
    table.add_row({r.invitation.header.id, r.organization.name + " (" + r.organization.slug + ")",
                   std::string(name_of(r.invitation.role)), r.invitation.invited_by,
                   format_timestamp(r.invitation.header.created_at)});
  table.print(std::cout);
  return {};
}

CommandStatus run_invitation_answer(const InvitationArgs& args, bool accept) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  if (args.org.as.empty())
    return usage_error("name yourself with --as: only the invited person can answer", "--as");
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto inv = RL_TRY(app.accounts().respond_to_invitation(who, args.id, accept));
  std::cout << (accept ? "accepted" : "declined") << " invitation " << inv.header.id;
  if (accept) std::cout << ": now a member as " << name_of(inv.role);
  std::cout << '\n';
  return {};
}

CommandStatus run_invitation_withdraw(const InvitationArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto inv = RL_TRY(app.accounts().withdraw_invitation(who, args.id));
  std::cout << "withdrew invitation " << inv.header.id << " of " << inv.email << '\n';
  return {};
}

// --- token -------------------------------------------------------------------------------

struct TokenArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string user;
  std::string name;
  std::optional<std::int64_t> expires_days = kMaxTokenDays;
  std::string id;
};

CommandStatus run_token_create(TokenArgs args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  args.org.as = args.user;  // a token acts for the user it belongs to
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto created = RL_TRY(app.accounts().create_token(
      who, TokenInput{.name = args.name, .expires_in_days = args.expires_days}));
  std::cout << "created API token " << created.token.header.id << " \"" << created.token.name
            << "\" for " << args.user << ", expires " << optional_time(created.token.expires_at)
            << '\n';
  print_secrets_once(std::cout, {{"token secret", created.secret}});
  return {};
}

CommandStatus run_token_list(const TokenArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  std::map<Id, std::string> emails;
  for (const auto& m : RL_TRY(all_members(app, who))) emails[m.user.header.id] = m.user.email;
  const auto tokens =
      RL_TRY(all_pages<ApiToken>([&](const app::Page& p) { return app.accounts().tokens(who, p); },
                                 [](const ApiToken& t) { return t.header.id; }));
  Table table({"ID", "PREFIX", "NAME", "USER", "EXPIRES", "REVOKED"});
  for (const auto& t : tokens) {
    const auto email = emails.find(t.user_id);
    table.add_row({t.header.id, t.prefix, t.name, email != emails.end() ? email->second : t.user_id,
                   optional_time(t.expires_at), optional_time(t.revoked_at)});
  }
  table.print(std::cout);
  return {};
}

CommandStatus run_token_revoke(const TokenArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto revoked = RL_TRY(app.accounts().revoke_token(who, args.id));
  std::cout << "revoked API token " << revoked.header.id << " \"" << revoked.name << "\" at "
            << optional_time(revoked.revoked_at) << '\n';
  return {};
}

void add_org_commands(CLI::App& root, Selection& selection) {
  auto* org = root.add_subcommand("org", "organizations (tenants) of the database");
  org->require_subcommand(1);

  auto add = std::make_shared<OrgAddArgs>();
  auto* add_cmd = org->add_subcommand("add", "create an organization");
  add_database_option(add_cmd, add->database);
  add_cmd->add_option("--name", add->name, "organization name")->required();
  add_cmd->add_option("--slug", add->slug, "slug: lower-case letters, digits and '-'")->required();
  auto* email =
      add_cmd->add_option("--admin-email", add->admin_email,
                          "also create its administrator (password: RISKLOOP_ADMIN_PASSWORD, "
                          "--password-stdin or generated)");
  add_cmd->add_option("--admin-name", add->admin_name, "the administrator's printed name")
      ->needs(email);
  email->needs("--admin-name");
  add_cmd->add_flag("--password-stdin", add->password_stdin,
                    "read the admin password from standard input");
  on_selected(add_cmd, selection, "org add", [add] { return run_org_add(*add); });

  auto list = std::make_shared<DatabaseArgs>();
  auto* list_cmd = org->add_subcommand("list", "list the organizations");
  add_database_option(list_cmd, *list);
  on_selected(list_cmd, selection, "org list", [list] { return run_org_list(*list); });
}

void add_user_commands(CLI::App& root, Selection& selection) {
  auto* user = root.add_subcommand("user", "members of an organization");
  user->require_subcommand(1);

  auto add = std::make_shared<UserArgs>();
  auto* add_cmd =
      user->add_subcommand("add", "add a member (creating the user if the e-mail is new; an "
                                  "account of another organization is invited)");
  add_database_option(add_cmd, add->database);
  add_org_options(add_cmd, add->org);
  add_cmd->add_option("--email", add->email, "e-mail address (the login name)")->required();
  add_cmd->add_option("--name,--display-name", add->name, "printed name")->required();
  add_cmd->add_option("--role", add->role, "one of " + allowed_names<Role>())->required();
  add_cmd->add_flag(
      "--password-stdin", add->password_stdin,
      "read the password from standard input (default: generate one and print it once)");
  on_selected(add_cmd, selection, "user add", [add] { return run_user_add(*add); });

  auto list = std::make_shared<UserArgs>();
  auto* list_cmd = user->add_subcommand("list", "list the members");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  on_selected(list_cmd, selection, "user list", [list] { return run_user_list(*list); });

  auto passwd = std::make_shared<UserArgs>();
  auto* passwd_cmd = user->add_subcommand("passwd", "set a member's password");
  add_database_option(passwd_cmd, passwd->database);
  add_org_options(passwd_cmd, passwd->org);
  passwd_cmd->add_option("--email", passwd->email, "the member's e-mail")->required();
  passwd_cmd->add_flag(
      "--password-stdin", passwd->password_stdin,
      "read the new password from standard input (default: generate one and print it once)");
  on_selected(passwd_cmd, selection, "user passwd", [passwd] { return run_user_passwd(*passwd); });
}

void add_invitation_commands(CLI::App& root, Selection& selection) {
  auto* inv = root.add_subcommand(
      "invitation", "invitations of accounts that already belong to another organization");
  inv->require_subcommand(1);

  auto list = std::make_shared<InvitationArgs>();
  auto* list_cmd = inv->add_subcommand("list", "the organization's invitations (admins)");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  on_selected(list_cmd, selection, "invitation list", [list] { return run_invitation_list(*list); });

  auto mine = std::make_shared<InvitationArgs>();
  auto* mine_cmd =
      inv->add_subcommand("mine", "your pending invitations, from any organization (--as you)");
  add_database_option(mine_cmd, mine->database);
  add_org_options(mine_cmd, mine->org);
  on_selected(mine_cmd, selection, "invitation mine", [mine] { return run_invitation_mine(*mine); });

  for (const bool accept : {true, false}) {
    auto answer = std::make_shared<InvitationArgs>();
    auto* cmd = inv->add_subcommand(accept ? "accept" : "decline",
                                    accept ? "accept an invitation addressed to you (--as you)"
                                           : "decline an invitation addressed to you (--as you)");
    add_database_option(cmd, answer->database);
    add_org_options(cmd, answer->org);
    cmd->add_option("--id", answer->id, "the invitation's id (see `invitation mine`)")->required();
    on_selected(cmd, selection, accept ? "invitation accept" : "invitation decline",
                [answer, accept] { return run_invitation_answer(*answer, accept); });
  }

  auto withdraw = std::make_shared<InvitationArgs>();
  auto* withdraw_cmd = inv->add_subcommand("withdraw", "withdraw a pending invitation (admins)");
  add_database_option(withdraw_cmd, withdraw->database);
  add_org_options(withdraw_cmd, withdraw->org);
  withdraw_cmd->add_option("--id", withdraw->id, "the invitation's id (see `invitation list`)")
      ->required();
  on_selected(withdraw_cmd, selection, "invitation withdraw",
              [withdraw] { return run_invitation_withdraw(*withdraw); });
}

void add_token_commands(CLI::App& root, Selection& selection) {
  auto* token = root.add_subcommand("token", "API tokens for scripts");
  token->require_subcommand(1);

  auto create = std::make_shared<TokenArgs>();
  auto* create_cmd =
      token->add_subcommand("create", "create a token acting for a member; prints its secret once");
  add_database_option(create_cmd, create->database);
  create_cmd->add_option("--org", create->org.org,
                         "organization slug (default: the only organization)");
  create_cmd->add_option("--user", create->user, "e-mail of the member the token acts for")
      ->required();
  create_cmd
      ->add_option("--name", create->name, "what the token is for, e.g. \"ERP nightly export\"")
      ->required();
  create_cmd->add_option("--expires-days,--expires-in-days", create->expires_days,
                         "days until it expires, 1.." + std::to_string(kMaxTokenDays) +
                             " (default: " + std::to_string(kMaxTokenDays) + ")");
  on_selected(create_cmd, selection, "token create",
              [create] { return run_token_create(*create); });

  auto list = std::make_shared<TokenArgs>();
  auto* list_cmd =
      token->add_subcommand("list", "list the organization's tokens (never their secrets)");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  on_selected(list_cmd, selection, "token list", [list] { return run_token_list(*list); });

  auto revoke = std::make_shared<TokenArgs>();
  auto* revoke_cmd = token->add_subcommand("revoke", "revoke a token");
  add_database_option(revoke_cmd, revoke->database);
  add_org_options(revoke_cmd, revoke->org);
  revoke_cmd->add_option("--id", revoke->id, "the token's id (see `token list`)")->required();
  on_selected(revoke_cmd, selection, "token revoke",
              [revoke] { return run_token_revoke(*revoke); });
}

}  // namespace

void add_account_commands(CLI::App& root, Selection& selection) {
  add_org_commands(root, selection);
  add_user_commands(root, selection);
  add_invitation_commands(root, selection);
  add_token_commands(root, selection);
}

}  // namespace riskloop::cli
