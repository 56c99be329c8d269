// riskloop udi: UDI carriers (docs/formats/udi.md). `udi parse` reads a GS1 element string or
// HIBCC data structure and prints what it says as JSON.
#include <chrono>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "formats/udi/udi.hpp"

namespace riskloop::cli {
namespace {

struct ParseArgs {
  std::vector<std::string> symbols;  // one, or an HIBCC primary and secondary symbol
  int reference_year = 0;            // 0: this year (UTC)
};

int this_year() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return int(std::chrono::year_month_day(today).year());
}

CommandStatus run_parse(const ParseArgs& args) {
  std::string text = args.symbols.at(0);
  for (std::size_t i = 1; i < args.symbols.size(); ++i) text += "\n" + args.symbols[i];
  const udi::ParseOptions options{.reference_year =
                                      args.reference_year != 0 ? args.reference_year : this_year()};
  const auto parsed = udi::parse(text, options);
  // The reason names its position; the location would only repeat it.
  if (!parsed) return fail(ErrorCode::validation, parsed.error().message());
  std::cout << udi::to_json(*parsed).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
  return {};
}

}  // namespace

void add_udi_commands(CLI::App& root, Selection& selection) {
  auto* cmd = root.add_subcommand("udi", "UDI carriers: GS1 element strings and HIBCC data");
  cmd->require_subcommand(1);

  auto parse = std::make_shared<ParseArgs>();
  auto* parse_cmd = cmd->add_subcommand(
      "parse", "check a UDI (GS1 or HIBCC) and print its fields as JSON; exit code 3 if invalid");
  parse_cmd
      ->add_option("code", parse->symbols,
                   "the UDI as scanned or printed: (01)...(17)..., the raw element string "
                   "with group separators (ASCII 29), or +LIC... (HIBCC); a second argument "
                   "is an HIBCC secondary symbol")
      ->required()
      ->expected(1, 2);
  parse_cmd
      ->add_option("--reference-year", parse->reference_year,
                   "the year two-digit years are placed near (default: this year)")
      ->check(CLI::Range(1951, 9948));
  parse_cmd->footer(
      "Positions in error messages are 0-based byte offsets into the code as given.\n"
      "In a shell, a group separator is $'\\x1d'. See docs/formats/udi.md.");
  on_selected(parse_cmd, selection, "udi parse", [parse] { return run_parse(*parse); });
}

}  // namespace riskloop::cli
