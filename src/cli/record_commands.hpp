// The commands of a declared record type (core/record_declaration.hpp), generated from its
// declaration as its JSON API is (http/record_routes.hpp):
//
//   riskloop <path> list   [--where FIELD=VALUE]... [--sort [-]FIELD] [--limit N] [--after CURSOR]
//                          [--all] [--format table|json|csv]
//   riskloop <path> show   ID [--format table|json]
//   riskloop <path> add    --FIELD VALUE ...
//   riskloop <path> update ID [--version N] --FIELD VALUE ...
//   riskloop <path> delete ID --version N        (only where the declaration allows deleting)
//
// One option per field (`due_date` is `--due-date`). A value is read with the grammar of the API's
// filters (app/record_query.hpp) and decoded onto the record by the API's JSON decoder
// (formats/record_json.hpp), so it is accepted or refused by the same rule, with the same message,
// on the command line and in the API. docs/cli.md, "Declared record types".
#pragma once

#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "app/record_query.hpp"
#include "cli/command_context.hpp"
#include "cli/table_output.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::cli {

// A column computed from a record, shown after the declared list columns (table and CSV).
template <class T>
struct DerivedColumn {
  std::string_view name;  // the CSV header; upper-cased as the table header
  std::string (*cell)(const T& rec, Timestamp now);
};

// What a type adds to its generated commands. Specialize it in a header that the registration
// (cmd_records.cpp) includes.
template <class T>
struct RecordCommandHooks {
  // Other names of the command group (kept for scripts written before it was generated).
  static std::vector<std::string> aliases() { return {}; }
  static std::vector<DerivedColumn<T>> derived_columns() { return {}; }
  // Said after the record's name when it is added or changed, e.g. " (score 8)".
  static std::string summary(const T&) { return {}; }
};

namespace record_commands_detail {

// One field of the record as a command-line option.
struct FieldOption {
  std::string field;   // "due_date"
  std::string option;  // "--due-date"
  bool list = false;      // the option repeats, one value each
  bool optional = false;  // an empty value clears it
  bool nested = false;    // a list of objects, given as one JSON array
  bool required = false;  // declared required: `add` needs it
  std::string help;       // what a value is, e.g. "one of open, in_treatment, monitoring or closed"
  std::string default_value;  // the value of a new record, for `add`'s help; empty if none
  // The JSON of one value (one element of a list) read from text as app::field_value reads it;
  // a validation error at `where` when the text is not a value of the field.
  Result<nlohmann::json> (*element_json)(std::string_view field, std::string_view text,
                                         const std::string& where) = nullptr;

  std::vector<std::string> values;  // as given on the command line
  CLI::Option* cli = nullptr;
  bool given() const { return cli != nullptr && cli->count() > 0; }
};

// "due_date" -> "--due-date"
std::string option_name(std::string_view field);

// What a value of the scalar type X is, in words, with the declared limits.
template <class X>
std::string value_help(const FieldLimit* limit) {
  if constexpr (std::is_same_v<X, std::string>) {
    const bool multiline = limit && limit->multiline;
    const std::size_t max =
        limit && limit->max_length > 0 ? limit->max_length : (multiline ? 10000 : 200);
    return std::string(multiline ? "text over one or more lines" : "one line of text") +
           ", at most " + std::to_string(max) + " characters";
  } else if constexpr (std::is_same_v<X, std::int64_t>) {
    std::string help = "a whole number";
    if (limit && limit->min && limit->max)
      help += " from " + std::to_string(*limit->min) + " to " + std::to_string(*limit->max);
    else if (limit && limit->min)
      help += " from " + std::to_string(*limit->min);
    else if (limit && limit->max)
      help += " up to " + std::to_string(*limit->max);
    return help;
  } else if constexpr (std::is_same_v<X, double>) {
    return "a number";
  } else if constexpr (std::is_same_v<X, bool>) {
    return "true or false";
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    return "a date (2026-12-01, midnight UTC) or a UTC time (2026-12-01T10:00:00.000Z)";
  } else if constexpr (NamedEnum<X>) {
    return "one of " + allowed_names<X>();
  } else {
    static_assert(sizeof(X) == 0, "field type has no command-line form");
  }
}

// The value of a new record as text for help ("other", "1"); empty for none, "" and [].
std::string default_text(const nlohmann::json& value);

template <DeclaredRecord T>
Result<nlohmann::json> element_json(std::string_view field, std::string_view text,
                                    const std::string& where) {
  const auto value = RL_TRY(app::field_value<T>(field, text, where));
  return std::visit(
      [](const auto& v) -> nlohmann::json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
          return nullptr;
        else
          return v;
      },
      value);
}

template <DeclaredRecord T>
struct OptionCollector {
  std::vector<FieldOption>& out;
  const nlohmann::json& defaults;

  template <class X>
  void operator()(std::string_view name, const X&, unsigned flags = kPlain) {
    // A secret typed on a command line would show in `ps` and in shell history: never an option.
    if (flags & kSecret) return;
    FieldOption f;
    f.field = std::string(name);
    f.option = option_name(name);
    const FieldLimit* limit = nullptr;
    for (const auto& l : T::declaration.limits)
      if (l.field == name) limit = &l;
    f.required = limit != nullptr && limit->required;
    if constexpr (is_vector<X>::value) {
      f.list = true;
      if constexpr (NestedField<typename X::value_type>)
        f.nested = true;
      else
        f.help = value_help<typename X::value_type>(limit);
    } else if constexpr (is_optional<X>::value) {
      f.optional = true;
      f.help = value_help<typename X::value_type>(limit);
    } else {
      f.help = value_help<X>(limit);
    }
    f.element_json = &element_json<T>;
    f.default_value = default_text(defaults.value(f.field, nlohmann::json()));
    out.push_back(std::move(f));
  }
};

// T's fields as options, in the order of its field list.
template <DeclaredRecord T>
std::vector<FieldOption> field_options() {
  std::vector<FieldOption> out;
  const T probe{};
  const nlohmann::json defaults = formats::to_json(probe);
  OptionCollector<T> collector{out, defaults};
  T::fields(collector, probe);
  return out;
}

// Registers one option per field on `command`. For `add`, declared-required fields are required
// options and the help names the default.
void add_field_options(CLI::App* command, std::vector<FieldOption>& fields, bool for_add);

// The JSON object of the options given (absent options are absent members), ready for
// formats::decode_fields. Errors name the option; an option repeated that takes one value is a
// usage error.
[[nodiscard]] CommandResult<nlohmann::json> given_fields_json(const std::vector<FieldOption>& fields);

// An error of the decoder, the limits or the type's rules names the field by JSON pointer
// ("/likelihood", "/affected_product_ids/1"); on the command line it names the option
// ("--likelihood", "--affected-product-ids value 2").
Error at_option(const std::vector<FieldOption>& fields, Error error);

enum class Format { table, json, csv };
Format format_from_name(const std::string& name);

struct ListArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::vector<std::string> where;
  std::string sort;
  std::string limit;
  std::string after;
  bool all = false;
  std::string format = "table";
};

// --where, --sort, --limit and --after as the query parameters of app::parse_query.
[[nodiscard]] Result<app::QueryParams> list_params(const ListArgs& args);
// parse_query names the parameter ("due_date.lt", "sort"); say the option it came from.
Error at_list_option(Error error);

// The page size of `list`: `--limit` if given, else 100 a page (or the largest page with --all).
inline constexpr int kDefaultPageSize = 100;

// One cell of a list: its text, and whether it is a number (which CSV never guards as a formula).
struct Cell {
  std::string text;
  bool number = false;
};

// The cells of `columns` of a record given as its JSON (formats::to_json). Lists are joined with
// ", "; absent values are "-" in tables and empty in CSV; in tables a time at midnight UTC is
// shown as its date.
std::vector<Cell> record_cells(const nlohmann::json& rec, std::span<const std::string_view> columns,
                               Format format);

// Prints a list page by page, in constant memory: a table (column widths from the first page),
// one JSON array (one record a line), or RFC 4180 CSV with a header row.
class ListPrinter {
 public:
  ListPrinter(std::ostream& out, Format format, std::vector<std::string> columns);
  bool wants_json() const { return format_ == Format::json; }
  void row(const std::vector<Cell>& cells);    // table and CSV
  void item(const nlohmann::json& rec);        // JSON
  void page_done();                            // prints what is held, flushes the stream
  void finish();

 private:
  std::ostream& out_;
  Format format_;
  std::vector<std::string> columns_;
  std::optional<Table> table_;
  std::size_t items_ = 0;
};

// One CSV record: cells that could start a formula get a leading single quote
// (formats::guard_formula); such cells, and cells holding , ; " CR or LF, are quoted. CRLF ends it.
std::string csv_line(const std::vector<Cell>& cells);

// `show` as a table: one line per field, "name  value", values in full (later lines of a value
// over several lines are indented).
// `names` orders the fields; `derived` follow them.
void print_fields(std::ostream& out, const nlohmann::json& rec,
                  const std::vector<std::string>& names,
                  const std::vector<std::pair<std::string, std::string>>& derived);

struct NameCollector {
  std::vector<std::string>& names;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = kPlain) {
    names.emplace_back(name);
  }
};

// The header's fields, then the record's, in the order of its field list.
template <DeclaredRecord T>
std::vector<std::string> field_names() {
  std::vector<std::string> names;
  NameCollector collector{names};
  const T probe{};
  visit_record<T>(collector, probe);
  return names;
}

// "an operational risk", "a supplier"
std::string with_article(std::string_view title);

// " 'Supplier X'": the record's title or name in messages; empty when it has neither.
std::string quoted_name(const nlohmann::json& rec);

struct ShowArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string id;
  std::string format = "table";
};

struct WriteArgs {
  DatabaseArgs database;
  OrgArgs org;
  std::string id;
  std::int64_t version = 0;
  CLI::Option* version_option = nullptr;
  std::vector<FieldOption> fields;
};

template <DeclaredRecord T>
std::vector<std::string> list_columns() {
  std::vector<std::string> columns{"id"};
  for (const auto c : T::declaration.list_columns) columns.emplace_back(c);
  for (const auto& d : RecordCommandHooks<T>::derived_columns()) columns.emplace_back(d.name);
  return columns;
}

template <DeclaredRecord T>
std::vector<Cell> list_cells(const T& rec, Timestamp now, Format format) {
  static constexpr std::string_view kId[] = {"id"};
  const nlohmann::json json = formats::to_json(rec);
  auto cells = record_cells(json, kId, format);
  auto declared = record_cells(json, T::declaration.list_columns, format);
  cells.insert(cells.end(), declared.begin(), declared.end());
  for (const auto& d : RecordCommandHooks<T>::derived_columns()) cells.push_back({d.cell(rec, now)});
  return cells;
}

template <DeclaredRecord T, auto service_of>
CommandStatus run_list(const ListArgs& args) {
  const auto params = RL_TRY(list_params(args));
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const int max = std::max(1, app.options().max_page_size);
  auto query = app::parse_query<T>(params, args.all ? max : std::min(kDefaultPageSize, max), max);
  if (!query) return tl::unexpected(at_list_option(query.error()));
  const Format format = format_from_name(args.format);
  const auto now = app.clock().now();
  ListPrinter printer(std::cout, format, list_columns<T>());
  for (;;) {
    const auto page = RL_TRY(service_of(app).find(who, *query));
    for (const auto& rec : page.items) {
      if (printer.wants_json())
        printer.item(formats::to_json(rec));
      else
        printer.row(list_cells(rec, now, format));
    }
    printer.page_done();
    if (!page.next) break;
    if (!args.all) {
      printer.finish();
      std::cerr << "more: --after " << app::encode_cursor(*page.next) << '\n';
      return {};
    }
    query->after = page.next;
  }
  printer.finish();
  return {};
}

template <DeclaredRecord T, auto service_of>
CommandStatus run_show(const ShowArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  const T rec = RL_TRY(service_of(app).get(who, args.id));
  const nlohmann::json json = formats::to_json(rec);
  if (format_from_name(args.format) == Format::json) {
    std::cout << json.dump(2) << '\n';
    return {};
  }
  std::vector<std::pair<std::string, std::string>> derived;
  for (const auto& d : RecordCommandHooks<T>::derived_columns())
    derived.emplace_back(d.name, d.cell(rec, app.clock().now()));
  print_fields(std::cout, json, field_names<T>(), derived);
  return {};
}

template <DeclaredRecord T, auto service_of>
CommandStatus run_add(const WriteArgs& args) {
  const auto body = RL_TRY(given_fields_json(args.fields));
  T in{};
  if (auto decoded = formats::decode_fields(body, in); !decoded)
    return tl::unexpected(at_option(args.fields, decoded.error()));
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  auto created = service_of(app).create(who, in);
  if (!created) return tl::unexpected(at_option(args.fields, created.error()));
  std::cout << "added " << T::declaration.title << quoted_name(formats::to_json(*created))
            << RecordCommandHooks<T>::summary(*created) << ", id " << created->header.id << '\n';
  return {};
}

template <DeclaredRecord T, auto service_of>
CommandStatus run_update(const WriteArgs& args) {
  const auto body = RL_TRY(given_fields_json(args.fields));
  if (body.empty())
    return usage_error("name at least one field to change, e.g. " + args.fields.front().option +
                       " VALUE (see --help)");
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  auto&& service = service_of(app);
  T rec = RL_TRY(service.get(who, args.id));
  const std::int64_t read_version = rec.header.version;
  if (auto decoded = formats::decode_fields(body, rec); !decoded)
    return tl::unexpected(at_option(args.fields, decoded.error()));
  // Without --version: the version just read, so a change made meanwhile is a conflict rather
  // than silently overwritten.
  const std::int64_t expected = args.version_option->count() > 0 ? args.version : read_version;
  auto updated = service.update(who, args.id, rec, expected);
  if (!updated) return tl::unexpected(at_option(args.fields, updated.error()));
  const std::string name = quoted_name(formats::to_json(*updated));
  if (updated->header.version == read_version)
    std::cout << "no change to " << T::declaration.title << name << ": version "
              << read_version << " stays, nothing written, id " << updated->header.id << '\n';
  else
    std::cout << "updated " << T::declaration.title << name
              << RecordCommandHooks<T>::summary(*updated) << " to version "
              << updated->header.version << ", id " << updated->header.id << '\n';
  return {};
}

template <DeclaredRecord T, auto service_of>
CommandStatus run_delete(const WriteArgs& args) {
  auto open = RL_TRY(open_app(args.database.db, false));
  app::App& app = open->app();
  const auto who = RL_TRY(org_principal(app, args.org));
  auto&& service = service_of(app);
  const T rec = RL_TRY(service.get(who, args.id));
  RL_CHECK(service.remove(who, args.id, args.version));
  std::cout << "deleted " << T::declaration.title << quoted_name(formats::to_json(rec))
            << " (version " << args.version << "), id " << rec.header.id << '\n';
  return {};
}

void add_list_options(CLI::App* command, ListArgs& args, std::span<const IndexDecl> indexes);
void add_show_options(CLI::App* command, ShowArgs& args, std::string_view title);
void add_id_option(CLI::App* command, WriteArgs& args, std::string_view title);

}  // namespace record_commands_detail

// Adds `riskloop <T::declaration.path>` (and its aliases) with its verbs. `service_of` is a
// function `app::RecordService<T>& (app::App&)`, as for http::add_record_routes.
template <DeclaredRecord T, auto service_of>
void add_declared_record_commands(CLI::App& root, Selection& selection) {
  using namespace record_commands_detail;
  const auto& d = T::declaration;
  const std::string path(d.path);
  const std::string title(d.title);
  const std::string plural(d.plural);
  auto* noun = root.add_subcommand(
      path, plural + ": list, show, add, update" + (d.permissions.removable ? ", delete" : ""));
  for (const auto& alias : RecordCommandHooks<T>::aliases()) noun->alias(alias);
  noun->require_subcommand(1);

  auto list = std::make_shared<ListArgs>();
  auto* list_cmd = noun->add_subcommand("list", "list the " + plural + ", a page or --all");
  add_list_options(list_cmd, *list, d.indexes);
  on_selected(list_cmd, selection, path + " list",
              [list] { return run_list<T, service_of>(*list); });

  auto show = std::make_shared<ShowArgs>();
  auto* show_cmd = noun->add_subcommand("show", "every field of one " + title);
  add_show_options(show_cmd, *show, title);
  on_selected(show_cmd, selection, path + " show",
              [show] { return run_show<T, service_of>(*show); });

  auto add = std::make_shared<WriteArgs>();
  add->fields = field_options<T>();
  auto* add_cmd = noun->add_subcommand("add", "add " + with_article(title));
  add_database_option(add_cmd, add->database);
  add_org_options(add_cmd, add->org);
  add_field_options(add_cmd, add->fields, true);
  on_selected(add_cmd, selection, path + " add", [add] { return run_add<T, service_of>(*add); });

  auto update = std::make_shared<WriteArgs>();
  update->fields = field_options<T>();
  auto* update_cmd =
      noun->add_subcommand("update", "change the fields given of " + with_article(title) + ", keep the others");
  add_id_option(update_cmd, *update, title);
  update->version_option =
      update_cmd
          ->add_option("--version", update->version,
                       "the version the change is meant for; another stored version is a "
                       "conflict (default: the current version)")
          ->check(CLI::PositiveNumber);
  add_field_options(update_cmd, update->fields, false);
  on_selected(update_cmd, selection, path + " update",
              [update] { return run_update<T, service_of>(*update); });

  if constexpr (T::declaration.permissions.removable) {
    auto remove = std::make_shared<WriteArgs>();
    auto* delete_cmd = noun->add_subcommand("delete", "delete " + with_article(title));
    add_id_option(delete_cmd, *remove, title);
    remove->version_option =
        delete_cmd
            ->add_option("--version", remove->version,
                         "the version to delete (as `show` prints it); another stored version is "
                         "a conflict")
            ->required()
            ->check(CLI::PositiveNumber);
    on_selected(delete_cmd, selection, path + " delete",
                [remove] { return run_delete<T, service_of>(*remove); });
  }
}

}  // namespace riskloop::cli
