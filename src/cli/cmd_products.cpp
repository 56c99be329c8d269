// riskloop product: the devices whose risk is managed.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/table_output.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::cli {
namespace {

struct ProductArgs {
  DatabaseArgs database;
  OrgArgs org;
  ProductInput input;
  std::string format = "table";
};

CommandStatus run_product_add(const ProductArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const auto product = RL_TRY(app.products().create(who, args.input));
  std::cout << "added product " << product.name << " (" << product.model << "), id "
            << product.header.id << '\n';
  return {};
}

CommandStatus run_product_list(const ProductArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));

  std::vector<Product> products;
  app::Page page{.after = "", .limit = 500};
  // Until an empty page: the app may clamp the page size, so a short page does not prove the end.
  for (;;) {
    auto batch = RL_TRY(app.products().list(who, page));
    if (batch.empty() || batch.back().header.id == page.after) break;
    page.after = batch.back().header.id;
    for (auto& p : batch) products.push_back(std::move(p));
  }

  if (args.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : products) out.push_back(formats::to_json(p));
    std::cout << out.dump(2) << '\n';
    return {};
  }
  Table table({"ID", "NAME", "FAMILY", "MODEL"});
  for (const auto& p : products) table.add_row({p.header.id, p.name, p.family, p.model});
  table.print(std::cout);
  return {};
}

}  // namespace

void add_product_commands(CLI::App& root, Selection& selection) {
  auto* product = root.add_subcommand("product", "products (devices) of an organization");
  product->require_subcommand(1);

  auto add = std::make_shared<ProductArgs>();
  auto* add_cmd = product->add_subcommand("add", "add a product");
  add_database_option(add_cmd, add->database);
  add_org_options(add_cmd, add->org);
  add_cmd->add_option("--name", add->input.name, "product name")->required();
  add_cmd->add_option("--family", add->input.family, "product family, e.g. \"Coronary stents\"");
  add_cmd->add_option("--model", add->input.model, "model or catalogue number");
  add_cmd->add_option("--description", add->input.description, "free text; line breaks allowed");
  on_selected(add_cmd, selection, "product add", [add] { return run_product_add(*add); });

  auto list = std::make_shared<ProductArgs>();
  auto* list_cmd = product->add_subcommand("list", "list the products");
  add_database_option(list_cmd, list->database);
  add_org_options(list_cmd, list->org);
  list_cmd->add_option("--format", list->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  on_selected(list_cmd, selection, "product list", [list] { return run_product_list(*list); });
}

}  // namespace riskloop::cli
