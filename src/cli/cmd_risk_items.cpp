// riskloop item (list, retire, reinstate): the items of a risk file by their refs (H-001, ...),
// and retiring an item with a rationale so that it no longer counts in the assessment.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/table_output.hpp"
#include "core/risk/item_refs.hpp"

namespace riskloop::cli {
namespace {

constexpr const char* kKinds = "hazards, situations, harms, risks or controls";

struct ItemArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string kind;
  std::string file;
  std::string id;
  std::string rationale;
  std::int64_t version = 0;  // 0: the stored one
};

// Calls f(service) with the service of kind `kind` (the items that carry a ref).
template <class F>
CommandStatus with_kind(app::App& app, const std::string& kind, F&& f) {
  if (kind == "hazards") return f(app.hazards());
  if (kind == "situations") return f(app.situations());
  if (kind == "harms") return f(app.harms());
  if (kind == "risks") return f(app.situation_harms());
  if (kind == "controls") return f(app.controls());
  return fail(ErrorCode::validation, "\"" + kind + "\" is not one of " + kKinds, "--kind");
}

template <class T>
std::string title_of(const T& item) {
  if constexpr (requires { item.title; })
    return item.title;
  else
    return item.situation_id + " -> " + item.harm_id;
}

CommandStatus run_list(const ItemArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  Table table({"REF", "ID", "TITLE", "RETIRED"});
  RL_CHECK(with_kind(app, args.kind, [&](auto& items) -> CommandStatus {
    app::Page page{.after = "", .limit = 500};
    for (;;) {
      const auto batch = RL_TRY(items.list(who, args.file, page));
      if (batch.empty() || batch.back().header.id == page.after) break;
      page.after = batch.back().header.id;
      for (const auto& item : batch)
        table.add_row({item.ref, item.header.id, title_of(item), item.retired_rationale});
    }
    return {};
  }));
  table.print(std::cout);
  return {};
}

std::optional<std::int64_t> expected(const ItemArgs& args) {
  return args.version > 0 ? std::optional<std::int64_t>(args.version) : std::nullopt;
}

CommandStatus run_retire(const ItemArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  return with_kind(app, args.kind, [&](auto& items) -> CommandStatus {
    auto item = items.retire(who, args.id, args.rationale, expected(args));
    if (!item && item.error().location == "/rationale")
      return fail(item.error().code, item.error().message, "--rationale");
    const auto retired = RL_TRY(std::move(item));
    std::cout << "retired " << risk::ref_or_id(retired) << " (version " << retired.header.version
              << "): it no longer counts in the assessment\n";
    return {};
  });
}

CommandStatus run_reinstate(const ItemArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  return with_kind(app, args.kind, [&](auto& items) -> CommandStatus {
    const auto item = RL_TRY(items.reinstate(who, args.id, expected(args)));
    std::cout << "reinstated " << risk::ref_or_id(item) << " (version " << item.header.version
              << "): it counts again\n";
    return {};
  });
}

CLI::App* item_command(CLI::App* parent, const char* name, const char* help, ItemArgs& args) {
  auto* cmd = parent->add_subcommand(name, help);
  add_database_option(cmd, args.database);
  add_org_options(cmd, args.org);
  cmd->add_option("--kind", args.kind, kKinds)->required();
  return cmd;
}

}  // namespace

void add_risk_item_commands(CLI::App& root, Selection& selection) {
  auto* item = root.add_subcommand("item", "the items of a risk file by ref; retiring them");
  item->require_subcommand(1);

  auto list = std::make_shared<ItemArgs>();
  auto* list_cmd = item_command(item, "list", "list the items of one kind with refs", *list);
  list_cmd->add_option("--file", list->file, "risk file id")->required();
  on_selected(list_cmd, selection, "item list", [list] { return run_list(*list); });

  auto retire = std::make_shared<ItemArgs>();
  auto* retire_cmd = item_command(
      item, "retire", "retire an item: kept and listed, left out of the assessment", *retire);
  retire_cmd->add_option("--id", retire->id, "item id")->required();
  retire_cmd->add_option("--rationale", retire->rationale, "why it no longer counts (required)")
      ->required();
  retire_cmd->add_option("--version", retire->version, "the version you read (refused if changed)");
  on_selected(retire_cmd, selection, "item retire", [retire] { return run_retire(*retire); });

  auto reinstate = std::make_shared<ItemArgs>();
  auto* reinstate_cmd =
      item_command(item, "reinstate", "reinstate a retired item: it counts again", *reinstate);
  reinstate_cmd->add_option("--id", reinstate->id, "item id")->required();
  reinstate_cmd->add_option("--version", reinstate->version,
                            "the version you read (refused if changed)");
  on_selected(reinstate_cmd, selection, "item reinstate",
              [reinstate] { return run_reinstate(*reinstate); });
}

}  // namespace riskloop::cli
