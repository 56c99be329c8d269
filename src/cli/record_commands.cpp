// The parts of the generated record commands that do not depend on the record type: options from
// field descriptions, query options, output formats and messages.
#include "cli/record_commands.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ostream>

#include "formats/sheet/csv_table.hpp"

namespace riskloop::cli::record_commands_detail {

std::string option_name(std::string_view field) {
  std::string out = "--";
  for (const char c : field) out += c == '_' ? '-' : c;
  return out;
}

std::string default_text(const nlohmann::json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_array() && value.empty()) return {};
  return value.dump();
}

void add_field_options(CLI::App* command, std::vector<FieldOption>& fields, bool for_add) {
  for (auto& f : fields) {
    std::string help = f.nested ? "a JSON array of objects" : f.help;
    if (f.list && !f.nested) help += "; repeat the option for several (one empty value: none)";
    if (f.optional) help += for_add ? "; absent: none" : "; an empty value clears it";
    if (for_add && !f.default_value.empty()) help += "; default " + f.default_value;
    // One value per occurrence, so that a value never swallows the next argument.
    f.cli = command->add_option(f.option, f.values, help)->allow_extra_args(false);
    if (for_add && f.required) f.cli->required();
  }
}

CommandResult<nlohmann::json> given_fields_json(const std::vector<FieldOption>& fields) {
  nlohmann::json body = nlohmann::json::object();
  for (const auto& f : fields) {
    if (!f.given()) continue;
    if ((!f.list || f.nested) && f.values.size() != 1)
      return usage_error("is given " + std::to_string(f.values.size()) + " times; give it once",
                         f.option);
    if (f.nested) {
      auto parsed = formats::parse_json_body(f.values.front());
      if (!parsed) return fail(parsed.error().code, parsed.error().message, f.option);
      body[f.field] = std::move(*parsed);
    } else if (f.list) {
      nlohmann::json items = nlohmann::json::array();
      if (!(f.values.size() == 1 && f.values.front().empty())) {
        for (std::size_t i = 0; i < f.values.size(); ++i) {
          const std::string where =
              f.values.size() == 1 ? f.option : f.option + " value " + std::to_string(i + 1);
          items.push_back(RL_TRY(f.element_json(f.field, f.values[i], where)));
        }
      }
      body[f.field] = std::move(items);
    } else if (f.optional && f.values.front().empty()) {
      body[f.field] = nullptr;
    } else {
      body[f.field] = RL_TRY(f.element_json(f.field, f.values.front(), f.option));
    }
  }
  return body;
}

Error at_option(const std::vector<FieldOption>& fields, Error error) {
  const std::string& pointer = error.location;
  if (pointer.size() < 2 || pointer.front() != '/') return error;
  const auto slash = pointer.find('/', 1);
  const std::string field = pointer.substr(1, slash == std::string::npos ? slash : slash - 1);
  const auto it =
      std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.field == field; });
  if (it == fields.end()) return error;
  std::string where = it->option;
  if (slash != std::string::npos) {
    const std::string rest = pointer.substr(slash);  // "/2" or "/0/name"
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(rest.data() + 1, rest.data() + rest.size(), index);
    if (!it->nested && ec == std::errc() && end == rest.data() + rest.size())
      where += " value " + std::to_string(index + 1);
    else
      where += " " + rest;
  }
  error.location = std::move(where);
  return error;
}

Format format_from_name(const std::string& name) {
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  return Format::table;
}

Result<app::QueryParams> list_params(const ListArgs& args) {
  app::QueryParams params;
  for (const auto& condition : args.where) {
    const auto eq = condition.find('=');
    if (eq == std::string::npos || eq == 0)
      return fail(ErrorCode::validation,
                  "\"" + condition +
                      "\" is not FIELD=VALUE (e.g. status=open or due_date.lt=2026-12-01)",
                  "--where");
    std::string key = condition.substr(0, eq);
    if (key == "sort" || key == "limit" || key == "after")
      return fail(ErrorCode::validation,
                  "\"" + key + "\" is not a field; use --" + key + " instead", "--where");
    params.emplace_back(std::move(key), condition.substr(eq + 1));
  }
  if (!args.sort.empty()) params.emplace_back("sort", args.sort);
  if (!args.limit.empty()) params.emplace_back("limit", args.limit);
  if (!args.after.empty()) params.emplace_back("after", args.after);
  return params;
}

Error at_list_option(Error error) {
  if (error.location == "sort" || error.location == "limit" || error.location == "after")
    error.location = "--" + error.location;
  else if (!error.location.empty())
    error.location = "--where " + error.location;
  return error;
}

namespace {

// "2026-12-01T00:00:00.000Z", as format_timestamp writes midnight UTC.
bool is_midnight(const std::string& text) {
  static constexpr std::string_view kMidnight = "T00:00:00.000Z";
  return text.size() == 24 && text[4] == '-' && text[7] == '-' &&
         std::string_view(text).substr(10) == kMidnight;
}

Cell cell_of(const nlohmann::json& v, Format format) {
  if (v.is_null()) return {format == Format::table ? "-" : ""};
  if (v.is_string()) {
    std::string text = v.get<std::string>();
    if (format == Format::table && is_midnight(text)) text.resize(10);
    return {std::move(text)};
  }
  if (v.is_boolean()) return {v.get<bool>() ? "true" : "false"};
  if (v.is_number()) return {v.dump(), true};
  if (v.is_array()) {
    std::string text;
    for (const auto& item : v)
      text += (text.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
    return {std::move(text)};
  }
  return {v.dump()};
}

}  // namespace

std::vector<Cell> record_cells(const nlohmann::json& rec, std::span<const std::string_view> columns,
                               Format format) {
  std::vector<Cell> cells;
  cells.reserve(columns.size());
  for (const auto column : columns) {
    const auto it = rec.find(column);
    cells.push_back(cell_of(it == rec.end() ? nlohmann::json() : *it, format));
  }
  return cells;
}

std::string csv_line(const std::vector<Cell>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    // A number is read as a number by a spreadsheet ("-3"), never as a formula.
    const std::string text =
        cells[i].number ? cells[i].text : formats::guard_formula(cells[i].text);
    const bool quote =
        text != cells[i].text || text.find_first_of(",;\"\r\n") != std::string::npos;
    if (!quote) {
      out += text;
      continue;
    }
    out += '"';
    for (const char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
  return out;
}

namespace {

std::vector<std::string> table_headers(const std::vector<std::string>& columns) {
  std::vector<std::string> headers;
  for (auto column : columns) {
    for (char& c : column) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    headers.push_back(std::move(column));
  }
  return headers;
}

}  // namespace

ListPrinter::ListPrinter(std::ostream& out, Format format, std::vector<std::string> columns)
    : out_(out), format_(format), columns_(std::move(columns)) {
  if (format_ == Format::table) table_.emplace(table_headers(columns_));
}

void ListPrinter::row(const std::vector<Cell>& cells) {
  if (format_ == Format::table) {
    std::vector<std::string> texts;
    for (const auto& c : cells) texts.push_back(c.text);
    table_->add_row(std::move(texts));
    return;
  }
  if (items_++ == 0) {
    std::vector<Cell> header;
    for (const auto& c : columns_) header.push_back({c});
    out_ << csv_line(header);
  }
  out_ << csv_line(cells);
}

void ListPrinter::item(const nlohmann::json& rec) {
  out_ << (items_++ == 0 ? "[\n" : ",\n") << rec.dump();
}

void ListPrinter::page_done() {
  if (format_ == Format::table) table_->flush(out_);
  out_.flush();
}

void ListPrinter::finish() {
  switch (format_) {
    case Format::table:
      table_->flush(out_);  // the header, when there was no row
      break;
    case Format::json:
      out_ << (items_ == 0 ? "[]\n" : "\n]\n");
      break;
    case Format::csv:
      if (items_ == 0) {
        std::vector<Cell> header;
        for (const auto& c : columns_) header.push_back({c});
        out_ << csv_line(header);
      }
      break;
  }
  out_.flush();
}

void print_fields(std::ostream& out, const nlohmann::json& rec,
                  const std::vector<std::string>& names,
                  const std::vector<std::pair<std::string, std::string>>& derived) {
  std::vector<std::pair<std::string, std::string>> lines;
  for (const auto& name : names) {
    const auto it = rec.find(name);
    if (it == rec.end()) continue;  // a secret
    lines.emplace_back(name, it->is_null() ? "-" : cell_of(*it, Format::csv).text);
  }
  lines.insert(lines.end(), derived.begin(), derived.end());
  std::size_t width = 0;
  for (const auto& [name, value] : lines) width = std::max(width, name.size());
  for (const auto& [name, value] : lines) {
    out << name << std::string(width - name.size() + 2, ' ');
    for (const char c : value) {
      out << c;
      if (c == '\n') out << std::string(width + 2, ' ');
    }
    out << '\n';
  }
}

std::string with_article(std::string_view title) {
  const bool vowel = !title.empty() && std::string_view("aeiou").find(title.front()) !=
                                           std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(title);
}

std::string quoted_name(const nlohmann::json& rec) {
  for (const char* key : {"title", "name"}) {
    const auto it = rec.find(key);
    if (it != rec.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
      return " '" + it->get<std::string>() + "'";
  }
  return {};
}

void add_list_options(CLI::App* command, ListArgs& args, std::span<const IndexDecl> indexes) {
  add_database_option(command, args.database);
  add_org_options(command, args.org);
  command
      ->add_option("--where", args.where,
                   "FIELD=VALUE, FIELD=A,B (one of), FIELD.lt|le|gt|ge=VALUE, "
                   "FIELD.prefix=TEXT or FIELD.null=true|false; repeat it: all must hold")
      ->allow_extra_args(false);
  command->add_option("--sort", args.sort,
                      "FIELD (ascending) or -FIELD (descending), then by id (default: id)");
  command->add_option("--limit", args.limit,
                      "records per page, from 1 to the largest page (default 100; with --all: "
                      "the largest page)");
  command->add_option("--after", args.after,
                      "continue after this cursor (printed on standard error after a page "
                      "when more follow)");
  command->add_flag("--all", args.all, "every page, each printed as it is read");
  command->add_option("--format", args.format, "table, json (one array) or csv (RFC 4180)")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  command->footer("Fields to filter and sort by: " + app::detail::query_fields_list(indexes) +
                  ". Times are a date (2026-12-01, midnight UTC) or a UTC time "
                  "(2026-12-01T10:00:00.000Z); yes/no is true or false.");
}

void add_show_options(CLI::App* command, ShowArgs& args, std::string_view title) {
  add_database_option(command, args.database);
  add_org_options(command, args.org);
  command->add_option("ID", args.id, "the id of the " + std::string(title))->required();
  command->add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
}

void add_id_option(CLI::App* command, WriteArgs& args, std::string_view title) {
  add_database_option(command, args.database);
  add_org_options(command, args.org);
  command->add_option("ID", args.id, "the id of the " + std::string(title))->required();
}

}  // namespace riskloop::cli::record_commands_detail
