// riskloop reporting-rules import | due: the verbs of vigilance reporting rules beyond the
// generated list/show/add/update (cli/record_commands.hpp): importing a versioned table of rules,
// and the due dates of a jurisdiction's rules from an awareness instant.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/reporting_rules.hpp"
#include "cli/commands.hpp"
#include "cli/risk_options.hpp"
#include "cli/table_output.hpp"

namespace riskloop::cli {
namespace {

struct ImportArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string file;
  std::string rule_set;
  bool replace = false;
};

CommandStatus run_import(const ImportArgs& a) {
  const auto content = RL_TRY(read_input_file(a.file, "FILE"));
  auto open = RL_TRY(open_app(a.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, a.org));
  const auto r = RL_TRY(app::import_reporting_rules(app, who, content, a.rule_set, a.replace));
  std::cout << "rule set \"" << r.rule_set << "\": " << r.created << " rules added, " << r.updated
            << " changed, " << r.unchanged << " unchanged";
  if (a.replace) std::cout << "; " << r.taken_out_of_force << " of other rule sets out of force";
  std::cout << '\n';
  return {};
}

struct DueArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string jurisdiction;
  std::string aware;
  std::string format = "table";
};

CommandStatus run_due(const DueArgs& a) {
  const auto aware = parse_timestamp(a.aware);
  if (!aware)
    return usage_error("--aware must be an instant like 2026-12-04T09:30:00.000Z (UTC), got \"" +
                           a.aware + "\"",
                       "--aware");
  if (a.format != "table" && a.format != "json")
    return usage_error("--format must be table or json", "--format");
  auto open = RL_TRY(open_app(a.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, a.org));
  const auto dues = RL_TRY(app::reports_due(app, who, a.jurisdiction, *aware));
  if (a.format == "json") {
    auto out = nlohmann::json::array();
    for (const auto& d : dues) out.push_back(app::to_json(d));
    std::cout << out.dump(2) << '\n';
    return {};
  }
  if (dues.empty()) {
    std::cout << "no reporting rule in force for " << a.jurisdiction << '\n';
    return {};
  }
  Table table({"DUE", "EVENT CLASS", "PERIOD", "CITATION"});
  for (const auto& d : dues) {
    std::string period = d.rule.deadline_value ? std::to_string(*d.rule.deadline_value) + " " : "";
    period += std::string(name_of(d.rule.deadline_unit));
    table.add_row({d.due ? format_timestamp(*d.due) : d.why_no_due, d.rule.event_class, period,
                   d.rule.citation});
  }
  table.print(std::cout);
  return {};
}

}  // namespace

void add_reporting_rule_commands(CLI::App& root, Selection& selection) {
  // The group is generated from the declaration (add_record_commands runs first).
  CLI::App* group = root.get_subcommand("reporting-rules");

  auto i = std::make_shared<ImportArgs>();
  auto* import = group->add_subcommand(
      "import", "import a table of reporting rules (CSV) as one versioned rule set");
  add_database_option(import, i->database);
  add_org_options(import, i->org);
  import->add_option("FILE", i->file,
                     "CSV with columns jurisdiction, regulation, event_class, clock_start, "
                     "deadline_value, deadline_unit, citation (verified optional)")
      ->required();
  import->add_option("--rule-set", i->rule_set,
                     "name and version of the table, e.g. \"reporting_deadlines.csv 2026-11\"")
      ->required();
  import->add_flag("--replace", i->replace,
                   "take the rules of every other rule set out of force");
  on_selected(import, selection, "reporting-rules import", [i] { return run_import(*i); });

  auto d = std::make_shared<DueArgs>();
  auto* due = group->add_subcommand(
      "due", "when reports are due in a jurisdiction for an event one became aware of at --aware");
  add_database_option(due, d->database);
  add_org_options(due, d->org);
  due->add_option("--jurisdiction", d->jurisdiction, "EU, or an ISO 3166 country code")->required();
  due->add_option("--aware", d->aware, "the awareness instant, e.g. 2026-12-04T09:30:00.000Z")
      ->required();
  due->add_option("--format", d->format, "table or json")->capture_default_str();
  on_selected(due, selection, "reporting-rules due", [d] { return run_due(*d); });
}

}  // namespace riskloop::cli
