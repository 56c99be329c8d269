// riskloop oprisk: the operational risk register (suppliers, regulatory change, capacity,
// cybersecurity, key people): list and add.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/table_output.hpp"

namespace riskloop::cli {
namespace {

struct OpRiskArgs {
  DatabaseArgs database;
  OrgArgs org;
  risk::OperationalRisk input;
  std::string category = "other";
  std::string status = "open";
  std::string stage = "design";
  std::string due;
};

CommandStatus run_list(const OpRiskArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto now = app.clock().now();
  Table table({"ID", "TITLE", "CATEGORY", "OWNER", "SCORE", "STATUS", "DUE"});
  store::Query query{.limit = 500};
  for (bool more = true; more;) {
    const auto batch = RL_TRY(app.operational_risks().find(who, query));
    more = batch.next.has_value();
    query.after = batch.next;
    for (const auto& r : batch.items)
      table.add_row({r.header.id, r.title, std::string(name_of(r.category)), r.owner,
                     std::to_string(r.score()) + " (" + std::to_string(r.likelihood) + "x" +
                         std::to_string(r.impact) + ")",
                     std::string(name_of(r.status)),
                     r.due_date ? format_timestamp(*r.due_date).substr(0, 10) +
                                      (risk::is_overdue(r, now) ? " overdue" : "")
                                : "-"});
  }
  table.print(std::cout);
  return {};
}

// "2026-11-01" (midnight UTC) or the full "2026-11-01T12:00:00.000Z".
CommandResult<Timestamp> due_date(const std::string& text) {
  const auto parsed = parse_timestamp(text.size() == 10 ? text + "T00:00:00.000Z" : text);
  if (!parsed)
    return fail(ErrorCode::validation, "\"" + text + "\" is not a date like 2026-11-01", "--due");
  return *parsed;
}

template <class E>
CommandResult<E> enum_option(const std::string& text, const std::string& location) {
  if (const auto value = enum_from_name<E>(text)) return *value;
  return fail(ErrorCode::validation, "\"" + text + "\" is not one of " + allowed_names<E>(),
              location);
}

CommandStatus run_add(const OpRiskArgs& args) {
  risk::OperationalRisk in = args.input;
  in.category = RL_TRY(enum_option<risk::OperationalCategory>(args.category, "--category"));
  in.status = RL_TRY(enum_option<risk::OperationalStatus>(args.status, "--status"));
  in.stage = RL_TRY(stage_from_name(args.stage, "--stage"));
  if (!args.due.empty()) in.due_date = RL_TRY(due_date(args.due));
  auto open = RL_TRY(open_app(args.database.db, false));
  const auto who = RL_TRY(org_principal(open->app(), args.org));
  const auto r = RL_TRY(open->app().operational_risks().create(who, in));
  std::cout << "added operational risk " << r.title << " (score " << r.score() << "), id "
            << r.header.id << '\n';
  return {};
}

}  // namespace

void add_operational_risk_commands(CLI::App& root, Selection& selection) {
  auto* oprisk = root.add_subcommand("oprisk", "the operational risk register");
  oprisk->require_subcommand(1);

  auto list = std::make_shared<OpRiskArgs>();
  auto* list_cmd = oprisk->add_subcommand("list", "list the operational risks");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  on_selected(list_cmd, selection, "oprisk list", [list] { return run_list(*list); });

  auto add = std::make_shared<OpRiskArgs>();
  auto* add_cmd = oprisk->add_subcommand("add", "add an operational risk");
  add_database_option(add_cmd, add->database);
  add_org_options(add_cmd, add->org);
  auto& in = add->input;
  add_cmd->add_option("--title", in.title, "what could happen")->required();
  add_cmd->add_option("--owner", in.owner, "the person accountable")->required();
  add_cmd
      ->add_option("--category", add->category,
                   "supplier, regulatory_change, production_capacity, cybersecurity, "
                   "key_personnel or other")
      ->capture_default_str();
  add_cmd->add_option("--likelihood", in.likelihood, "1 (rare) .. 5 (almost certain)")
      ->capture_default_str();
  add_cmd->add_option("--impact", in.impact, "1 (negligible) .. 5 (severe)")->capture_default_str();
  add_cmd->add_option("--description", in.description, "free text");
  add_cmd->add_option("--treatment", in.treatment, "what is done about it");
  add_cmd->add_option("--due", add->due, "due date of the treatment, e.g. 2026-11-01");
  add_cmd->add_option("--status", add->status, "open, in_treatment, monitoring or closed")
      ->capture_default_str();
  add_cmd->add_option("--stage", add->stage, kStageNames)->capture_default_str();
  add_cmd->add_option("--product", in.affected_product_ids,
                      "id of an affected product (repeat for several)");
  on_selected(add_cmd, selection, "oprisk add", [add] { return run_add(*add); });
}

}  // namespace riskloop::cli
