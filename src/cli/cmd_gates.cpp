// riskloop gate (check, decide) and riskloop due: the stage gates of a risk file and the reviews
// that are due. `gate check` exits 1 while anything blocks the gate, so scripts (a release
// pipeline) can stop on it.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/table_output.hpp"

namespace riskloop::cli {
namespace {

// Exit code of a gate that is blocked (docs/cli.md).
constexpr int kGateBlockedExit = 1;

struct GateArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string file;
  std::string stage;
  std::string outcome;
  std::string rationale;
  bool password_stdin = false;  // required: the password comes from standard input only
};

CommandStatus run_check(const GateArgs& args) {
  const auto stage = RL_TRY(stage_from_name(args.stage, "--stage"));
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto reasons = RL_TRY(open->app().files().check_gate(who, args.file, stage));
  for (const auto& r : reasons)
    std::cout << name_of(r.code) << ": " << r.message << " (" << r.entity << ' ' << r.item_id
              << ")\n";
  if (reasons.empty()) {
    std::cout << "the " << stage_label(stage) << " gate passes: nothing blocks it\n";
    return {};
  }
  return tl::unexpected(CommandError(
      Error{ErrorCode::conflict,
            "the " + stage_label(stage) + " gate is blocked by " + std::to_string(reasons.size()) +
                (reasons.size() == 1 ? " reason" : " reasons"),
            {}},
      kGateBlockedExit));
}

CommandStatus run_decide(const GateArgs& args) {
  risk::GateDecisionInput in;
  in.stage = RL_TRY(stage_from_name(args.stage, "--stage"));
  in.outcome = args.outcome == "passed" ? risk::GateOutcome::passed : risk::GateOutcome::rejected;
  in.rationale = args.rationale;
  const auto sig = RL_TRY(read_signature(args.org, SignatureMeaning::approval));
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto d = RL_TRY(open->app().files().decide_gate(who, args.file, in, sig));
  std::cout << "recorded the " << stage_label(d.stage) << " gate as " << name_of(d.outcome)
            << ", signed by " << args.org.as << ", id " << d.header.id << '\n';
  return {};
}

struct DueArgs {
  DatabaseArgs database;
  OrgArgs org;
};

CommandStatus run_due(const DueArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto due = RL_TRY(open->app().files().due(who));
  if (due.empty()) {
    std::cout << "no reviews due\n";
    return {};
  }
  Table table({"FILE", "TITLE", "DUE", "REASON"});
  for (const auto& d : due)
    table.add_row({d.risk_file_id, d.title, d.due ? format_timestamp(*d.due) : "-", d.reason});
  table.print(std::cout);
  return {};
}

}  // namespace

void add_gate_commands(CLI::App& root, Selection& selection) {
  auto* gate = root.add_subcommand("gate", "stage gates of a risk file");
  gate->require_subcommand(1);

  auto check = std::make_shared<GateArgs>();
  auto* check_cmd =
      gate->add_subcommand("check", "list every reason that blocks a gate; exit 1 while any does");
  add_database_option(check_cmd, check->database);
  add_org_options(check_cmd, check->org);
  check_cmd->add_option("--file", check->file, "risk file id")->required();
  check_cmd->add_option("--stage", check->stage, kStageNames)->required();
  on_selected(check_cmd, selection, "gate check", [check] { return run_check(*check); });

  auto decide = std::make_shared<GateArgs>();
  auto* decide_cmd = gate->add_subcommand(
      "decide", "record a gate decision, signed by --as with the password from standard input");
  add_database_option(decide_cmd, decide->database);
  add_org_options(decide_cmd, decide->org);
  decide_cmd->add_option("--file", decide->file, "risk file id")->required();
  decide_cmd->add_option("--stage", decide->stage, kStageNames)->required();
  decide_cmd->add_option("--outcome", decide->outcome, "passed or rejected")
      ->required()
      ->check(CLI::IsMember({"passed", "rejected"}));
  decide_cmd->add_option("--rationale", decide->rationale, "why")->required();
  decide_cmd
      ->add_flag("--password-stdin", decide->password_stdin,
                 "read the signer's password from standard input")
      ->required();
  on_selected(decide_cmd, selection, "gate decide", [decide] { return run_decide(*decide); });

  auto due = std::make_shared<DueArgs>();
  auto* due_cmd = root.add_subcommand("due", "risk management reviews overdue or due now");
  add_database_option(due_cmd, due->database);
  add_org_options(due_cmd, due->org);
  on_selected(due_cmd, selection, "due", [due] { return run_due(*due); });
}

}  // namespace riskloop::cli
