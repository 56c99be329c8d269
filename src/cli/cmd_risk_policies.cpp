// riskloop policy: the organization's risk policy versions (scales, acceptability matrix,
// criteria): list, show, create a draft, approve it with a signature.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/table_output.hpp"
#include "core/field_copy.hpp"

namespace riskloop::cli {
namespace {

struct PolicyArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string id;
  std::string name;
  std::string from_json;
  bool password_stdin = false;  // required: the password comes from standard input only
};

Result<std::vector<risk::RiskPolicy>> all_policies(app::App& app, const app::Principal& who) {
  std::vector<risk::RiskPolicy> out;
  app::Page page{.after = "", .limit = 500};
  for (;;) {
    auto batch = RL_TRY(app.policies().list(who, page));
    if (batch.empty() || batch.back().header.id == page.after) return out;
    page.after = batch.back().header.id;
    for (auto& p : batch) out.push_back(std::move(p));
  }
}

CommandStatus run_list(const PolicyArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  Table table({"ID", "POLICY", "VERSION", "STATUS", "NAME", "SCALES"});
  for (const auto& p : RL_TRY(all_policies(open->app(), who)))
    table.add_row({p.header.id, p.policy_id, std::to_string(p.policy_version),
                   std::string(name_of(p.status)), p.name,
                   std::to_string(p.severity_levels.size()) + " x " +
                       std::to_string(p.probability_levels.size())});
  table.print(std::cout);
  return {};
}

CommandStatus run_show(const PolicyArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto p = RL_TRY(open->app().policies().get(who, args.id));
  std::cout << formats::to_json(p).dump(2) << '\n';
  return {};
}

CommandStatus run_create(const PolicyArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  std::optional<risk::RiskPolicyInput> in;
  if (!args.from_json.empty() || !args.name.empty()) {
    // Members the file leaves out keep the default policy's values.
    in = input_of<risk::RiskPolicyInput>(risk::default_policy());
    if (!args.from_json.empty()) RL_CHECK(decode_json_file(args.from_json, "--from-json", *in));
    if (!args.name.empty()) in->name = args.name;
  }
  const auto p = RL_TRY(open->app().policies().create(who, in));
  std::cout << "created draft risk policy " << p.name << " version " << p.policy_version << ", id "
            << p.header.id << '\n';
  return {};
}

CommandStatus run_approve(const PolicyArgs& args) {
  const auto sig = RL_TRY(read_signature(args.org, SignatureMeaning::approval));
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto p = RL_TRY(open->app().policies().approve(who, args.id, sig, std::nullopt));
  std::cout << "approved risk policy " << p.name << " version " << p.policy_version
            << ", signed by " << args.org.as << '\n';
  return {};
}

}  // namespace

void add_policy_commands(CLI::App& root, Selection& selection) {
  auto* policy = root.add_subcommand("policy", "risk policies: scales, matrix and criteria");
  policy->require_subcommand(1);

  auto list = std::make_shared<PolicyArgs>();
  auto* list_cmd = policy->add_subcommand("list", "list the policy versions");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  on_selected(list_cmd, selection, "policy list", [list] { return run_list(*list); });

  auto show = std::make_shared<PolicyArgs>();
  auto* show_cmd = policy->add_subcommand("show", "print one policy version as JSON");
  add_database_option(show_cmd, show->database);
  add_org_options(show_cmd, show->org);
  show_cmd->add_option("--id", show->id, "policy version id")->required();
  on_selected(show_cmd, selection, "policy show", [show] { return run_show(*show); });

  auto create = std::make_shared<PolicyArgs>();
  auto* create_cmd = policy->add_subcommand(
      "create", "create a draft policy: the default 5 x 5 one, or as given in a JSON file");
  add_database_option(create_cmd, create->database);
  add_org_options(create_cmd, create->org);
  create_cmd->add_option("--name", create->name, "policy name");
  create_cmd->add_option("--from-json", create->from_json,
                         "JSON file with RiskPolicyInput members (as the HTTP API takes them); "
                         "members left out keep the default policy's values");
  on_selected(create_cmd, selection, "policy create", [create] { return run_create(*create); });

  auto approve = std::make_shared<PolicyArgs>();
  auto* approve_cmd = policy->add_subcommand(
      "approve", "approve a draft version, signed by --as with the password from standard input");
  add_database_option(approve_cmd, approve->database);
  add_org_options(approve_cmd, approve->org);
  approve_cmd->add_option("--id", approve->id, "policy version id")->required();
  approve_cmd
      ->add_flag("--password-stdin", approve->password_stdin,
                 "read the signer's password from standard input")
      ->required();
  on_selected(approve_cmd, selection, "policy approve",
              [approve] { return run_approve(*approve); });
}

}  // namespace riskloop::cli
