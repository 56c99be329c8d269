// riskloop file (list, show, create) and riskloop assess: the risk files of the products and
// where each stands, with the heat maps before and after risk control as text tables.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/table_output.hpp"
#include "core/risk/compiled_policy.hpp"
#include "formats/report/heat_map_svg.hpp"

namespace riskloop::cli {
namespace {

struct FileArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string id;
  std::string product;
  std::string title;
  std::string policy;
  std::int64_t policy_version = 0;
  std::string from_json;
  std::string rationale;
  bool apply = false;
};

CommandStatus run_list(const FileArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  Table table({"ID", "TITLE", "PRODUCT", "STAGE", "POLICY VERSION"});
  app::Page page{.after = "", .limit = 500};
  for (;;) {
    const auto batch = RL_TRY(app.files().list(who, page, args.product));
    if (batch.empty() || batch.back().header.id == page.after) break;
    page.after = batch.back().header.id;
    for (const auto& f : batch)
      table.add_row({f.header.id, f.title, f.product_id, stage_label(f.stage),
                     f.policy_id + " v" + std::to_string(f.policy_version)});
  }
  table.print(std::cout);
  return {};
}

CommandStatus run_show(const FileArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  std::cout << formats::to_json(RL_TRY(open->app().files().get(who, args.id))).dump(2) << '\n';
  return {};
}

// The latest approved version of the most recently created policy: what a new file pins unless
// told otherwise.
CommandResult<risk::RiskPolicy> latest_approved_policy(app::App& app, const app::Principal& who) {
  std::optional<risk::RiskPolicy> best;
  app::Page page{.after = "", .limit = 500};
  for (;;) {
    auto batch = RL_TRY(app.policies().list(who, page));
    if (batch.empty() || batch.back().header.id == page.after) break;
    page.after = batch.back().header.id;
    for (auto& p : batch)
      if (p.status == risk::PolicyStatus::approved &&
          (!best || p.policy_id > best->policy_id ||
           (p.policy_id == best->policy_id && p.policy_version > best->policy_version)))
        best = std::move(p);
  }
  if (!best)
    return fail(ErrorCode::not_found,
                "the organization has no approved risk policy: create and approve one "
                "(riskloop policy create, policy approve) or name one",
                "--policy");
  return *best;
}

CommandStatus run_create(const FileArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  risk::RiskFileInput in;
  if (!args.from_json.empty()) RL_CHECK(decode_json_file(args.from_json, "--from-json", in));
  if (!args.product.empty()) in.product_id = args.product;
  if (!args.title.empty()) in.title = args.title;
  if (!args.policy.empty()) {
    in.policy_id = args.policy;
    in.policy_version = args.policy_version > 0 ? args.policy_version : 1;
  } else if (in.policy_id.empty()) {
    const auto policy = RL_TRY(latest_approved_policy(app, who));
    in.policy_id = policy.policy_id;
    in.policy_version = policy.policy_version;
  }
  const auto f = RL_TRY(app.files().create(who, in));
  std::cout << "created risk file " << f.title << " (policy " << f.policy_id << " v"
            << f.policy_version << "), id " << f.header.id << '\n';
  return {};
}

// Lists what moving the file to another policy version changes; with --apply records the move.
CommandStatus run_migrate(const FileArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto version = args.policy_version > 0 ? args.policy_version : 1;
  const auto changes =
      RL_TRY(app.files().preview_migration(who, args.id, args.policy, version));
  Table table({"ESTIMATE", "KIND", "CHANGE"});
  for (const auto& c : changes)
    table.add_row({c.id, std::string(name_of(c.kind)), c.description});
  std::cout << changes.size() << " estimates change their cell or evaluation:\n";
  if (!changes.empty()) table.print(std::cout);
  if (!args.apply) {
    std::cout << "nothing changed: add --apply --rationale TEXT to move the file\n";
    return {};
  }
  const auto m = RL_TRY(app.files().migrate_policy(
      who, args.id,
      {.to_policy_id = args.policy, .to_policy_version = version, .rationale = args.rationale},
      std::nullopt));
  std::cout << "moved the risk file to policy " << m.to_policy_id << " v" << m.to_policy_version
            << ", migration " << m.header.id << '\n';
  return {};
}

// --- assess ---------------------------------------------------------------------------------

void print_heat_map(const risk::CompiledPolicy& policy, const formats::HeatMapCounts& counts,
                    const std::string& title) {
  std::cout << '\n'
            << title << " (risks per cell; " << counts.not_evaluated << " not evaluated):\n";
  std::vector<std::string> headers{"SEVERITY \\ PROBABILITY"};
  for (std::int64_t p = 1; p <= counts.probability_levels; ++p)
    headers.push_back(policy.probability_level(p).name);
  Table table(std::move(headers));
  // Most severe first, as a risk matrix is drawn.
  for (std::int64_t s = counts.severity_levels; s >= 1; --s) {
    std::vector<std::string> row{policy.severity_level(s).name};
    for (std::int64_t p = 1; p <= counts.probability_levels; ++p) {
      const char mark = policy.acceptability(s, p) == risk::Acceptability::acceptable    ? ' '
                        : policy.acceptability(s, p) == risk::Acceptability::investigate ? '?'
                                                                                         : '!';
      row.push_back(std::to_string(counts.at(s, p)) + mark);
    }
    table.add_row(std::move(row));
  }
  table.print(std::cout);
}

CommandStatus run_assess(const FileArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto a = RL_TRY(open->app().files().assess(who, args.id));
  const auto& s = a.snapshot;
  std::cout << s.file.title << "\nstage " << stage_label(s.file.stage) << ", policy "
            << (a.policy ? a.policy->name + " v" + std::to_string(a.policy->policy_version)
                         : std::string("(missing)"))
            << '\n'
            << s.hazards.size() << " hazards, " << s.situations.size() << " hazardous situations, "
            << s.harms.size() << " harms, " << s.situation_harms.size() << " risks, "
            << s.controls.size() << " controls, " << s.residual_estimates.size()
            << " residual estimates, " << a.signatures.size() << " signatures\n\n";

  Table steps({"STEP", "RISKS"});
  std::array<std::size_t, EnumNames<risk::Step>::names.size()> per_step{};
  for (const auto& r : a.risks)
    if (!r.retired) ++per_step[static_cast<std::size_t>(r.step)];
  for (std::size_t i = 0; i < per_step.size(); ++i)
    steps.add_row(
        {std::string(risk::step_label(static_cast<risk::Step>(i))), std::to_string(per_step[i])});
  steps.print(std::cout);

  if (a.policy) {
    if (const auto policy = risk::CompiledPolicy::compile(*a.policy)) {
      print_heat_map(*policy,
                     formats::count_heat_map(*policy, a.risks, formats::HeatMapPhase::initial),
                     "Before risk control");
      print_heat_map(*policy,
                     formats::count_heat_map(*policy, a.risks, formats::HeatMapPhase::current),
                     "After risk control");
      std::cout << "(cell marks: ! unacceptable, ? investigate, blank acceptable)\n";
    }
  }
  std::cout << '\n'
            << a.completeness.size() << " completeness findings for the "
            << stage_label(s.file.stage) << " stage\n";
  for (const auto& f : a.completeness)
    std::cout << name_of(f.code) << ": " << f.message << " (" << f.entity << ' ' << f.item_id
              << ")\n";
  return {};
}

}  // namespace

void add_risk_file_commands(CLI::App& root, Selection& selection) {
  auto* file = root.add_subcommand("file", "risk management files of the products");
  file->require_subcommand(1);

  auto list = std::make_shared<FileArgs>();
  auto* list_cmd = file->add_subcommand("list", "list the risk files");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  list_cmd->add_option("--product", list->product, "only the files of this product id");
  on_selected(list_cmd, selection, "file list", [list] { return run_list(*list); });

  auto show = std::make_shared<FileArgs>();
  auto* show_cmd = file->add_subcommand("show", "print one risk file as JSON");
  add_database_option(show_cmd, show->database);
  add_org_options(show_cmd, show->org);
  show_cmd->add_option("--id", show->id, "risk file id")->required();
  on_selected(show_cmd, selection, "file show", [show] { return run_show(*show); });

  auto create = std::make_shared<FileArgs>();
  auto* create_cmd = file->add_subcommand("create", "create the risk file of a product");
  add_database_option(create_cmd, create->database);
  add_org_options(create_cmd, create->org);
  create_cmd->add_option("--product", create->product, "product id");
  create_cmd->add_option("--title", create->title, "title of the file");
  create_cmd->add_option("--policy", create->policy,
                         "policy id to pin (default: the latest approved version)");
  create_cmd->add_option("--policy-version", create->policy_version,
                         "version of --policy (default 1)");
  create_cmd->add_option("--from-json", create->from_json,
                         "JSON file with RiskFileInput members (plan, intended use, ...); "
                         "--product and --title override its members");
  on_selected(create_cmd, selection, "file create", [create] { return run_create(*create); });

  auto migrate = std::make_shared<FileArgs>();
  auto* migrate_cmd = file->add_subcommand(
      "migrate", "show what moving a file to another policy version changes; --apply moves it");
  add_database_option(migrate_cmd, migrate->database);
  add_org_options(migrate_cmd, migrate->org);
  migrate_cmd->add_option("--id", migrate->id, "risk file id")->required();
  migrate_cmd->add_option("--policy", migrate->policy, "policy id to move to")->required();
  migrate_cmd->add_option("--policy-version", migrate->policy_version, "its version (default 1)");
  migrate_cmd->add_flag("--apply", migrate->apply, "record the migration (journaled)");
  migrate_cmd->add_option("--rationale", migrate->rationale, "why the file moves (with --apply)");
  on_selected(migrate_cmd, selection, "file migrate", [migrate] { return run_migrate(*migrate); });

  auto assess = std::make_shared<FileArgs>();
  auto* assess_cmd = root.add_subcommand(
      "assess", "where a risk file stands: risks per step, heat maps, completeness findings");
  add_database_option(assess_cmd, assess->database);
  add_org_options(assess_cmd, assess->org);
  assess_cmd->add_option("--file", assess->id, "risk file id")->required();
  on_selected(assess_cmd, selection, "assess", [assess] { return run_assess(*assess); });
}

}  // namespace riskloop::cli
