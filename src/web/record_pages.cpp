// The parts of the generated record pages that do not depend on the record type: query
// parameters and URLs, the filter form, sort links, pages, and the template data.
#include "web/record_pages.hpp"

#include "http/record_routes.hpp"
#include "web/message_catalogue.hpp"

namespace riskloop::web::record_pages_detail {
namespace {

// Page-only parameters, which are not part of the records' query.
constexpr std::string_view kPageKeys[] = {"notice", "confirm"};

std::string percent_encoded(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~' || ch == ',') {
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back('%');
      out.push_back(kHex[ch >> 4]);
      out.push_back(kHex[ch & 15]);
    }
  }
  return out;
}

std::string url_of(std::string_view path, const app::QueryParams& params) {
  std::string out = "/" + std::string(path);
  char sep = '?';
  for (const auto& [k, v] : params) {
    out += sep + percent_encoded(k) + "=" + percent_encoded(v);
    sep = '&';
  }
  return out;
}

const std::string* param(const app::QueryParams& params, std::string_view key) {
  for (const auto& [k, v] : params)
    if (k == key) return &v;
  return nullptr;
}

// `params` without `key`, then with key=value when value is not empty.
app::QueryParams with(app::QueryParams params, std::string_view key, std::string value = {}) {
  std::erase_if(params, [&](const auto& p) { return p.first == key; });
  if (!value.empty()) params.emplace_back(std::string(key), std::move(value));
  return params;
}

const FieldInfo* info_of(const TypeView& view, std::string_view field) {
  for (const auto& f : view.fields)
    if (f.name == field) return &f;
  return nullptr;
}

std::string capitalized(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

Data option(std::string value, std::string label, bool selected) {
  Data o;
  o.set("value", std::move(value));
  o.set("label", std::move(label));
  o.set("selected", flag(selected));
  return o;
}

// One control of the filter form; every key the template reads is set.
Data filter_control(const TypeView& view, const FieldInfo& f, const app::QueryParams& params) {
  Data d;
  for (const char* key : {"is_select", "is_range", "is_text"}) d.set(key, flag(false));
  const std::string label = field_label(view.entity, f.name);
  const std::string id = "filter-" + f.name;
  d.set("id", id);
  const auto value = [&](std::string_view key) {
    const auto* v = param(params, key);
    return v ? *v : std::string();
  };
  switch (f.kind) {
    case FieldKind::choice:
    case FieldKind::yes_no: {
      const std::string current = value(f.name);
      List options;
      options.push_back(option("", tr("(any)"), current.empty()));
      if (f.kind == FieldKind::yes_no) {
        options.push_back(option("true", "yes", current == "true"));
        options.push_back(option("false", "no", current == "false"));
      } else {
        for (const auto& name : f.choices) options.push_back(option(name, words(name), current == name));
      }
      d.set("is_select", flag(true));
      d.set("label", label);
      d.set("name", f.name);
      d.set("options", options);
      break;
    }
    case FieldKind::time:
      d.set("is_range", flag(true));
      d.set("label", label);
      d.set("from_label", label + " from");
      d.set("to_label", label + " to");
      d.set("from_name", f.name + ".ge");
      d.set("to_name", f.name + ".le");
      d.set("from_value", value(f.name + ".ge"));
      d.set("to_value", value(f.name + ".le"));
      break;
    case FieldKind::whole_number:
    case FieldKind::number:
      d.set("is_text", flag(true));
      d.set("label", label);
      d.set("name", f.name);
      d.set("value", value(f.name));
      d.set("inputmode", std::string("decimal"));
      break;
    case FieldKind::text:
    case FieldKind::list:
      d.set("is_text", flag(true));
      d.set("label", label + " starts with");
      d.set("name", f.name + ".prefix");
      d.set("value", value(f.name + ".prefix"));
      d.set("inputmode", std::string("text"));
      break;
  }
  return d;
}

Data cell_data(const Cell& cell) {
  Data d;
  d.set("text", cell.text);
  d.set("badge", cell.badge.empty() ? flag(false) : Data(cell.badge));
  d.set("mark", cell.mark.empty() ? flag(false) : Data(cell.mark));
  d.set("numeric", flag(cell.numeric));
  d.set("link", flag(false));
  return d;
}

bool is_filter(const TypeView& view, std::string_view field) {
  return std::find(view.filter_fields.begin(), view.filter_fields.end(), field) !=
         view.filter_fields.end();
}

}  // namespace

std::string camel_case(std::string_view snake) {
  return http::record_routes_detail::camel_case(snake);
}

std::vector<std::pair<std::string, bool>> list_columns(const TypeView& view) {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& c : view.columns) out.emplace_back(c, false);
  for (const auto& d : view.derived) {
    auto at = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == d.after; });
    out.insert(at == out.end() ? out.end() : at + 1, {d.key, true});
  }
  return out;
}

app::QueryParams list_params(std::string_view raw_query, std::string& error) {
  auto pairs = http::query_pairs(raw_query);
  if (!pairs) {
    error = "The address of this page is not valid (" + pairs.error().location + ": " +
            pairs.error().message + "). Clear the filters and try again.";
    return {};
  }
  app::QueryParams out;
  for (auto& [k, v] : *pairs) {
    // An empty filter field of the form means "any".
    if (v.empty()) continue;
    if (std::find(std::begin(kPageKeys), std::end(kPageKeys), k) != std::end(kPageKeys)) continue;
    out.emplace_back(std::move(k), std::move(v));
  }
  return out;
}

std::string query_error_text(const TypeView& view, const Error& e) {
  // Name the filter as the form labels it, not by its parameter.
  std::string where = e.location;
  const auto field = where.substr(0, where.find('.'));
  if (info_of(view, field)) {
    where = field_label(view.entity, field);
    if (e.location.ends_with(".ge")) where += " from";
    if (e.location.ends_with(".le")) where += " to";
    if (e.location.ends_with(".prefix")) where += " starts with";
  } else if (where == "after") {
    where = "page";
  } else if (where == "limit") {
    where = "per page";
  }
  return "These filters cannot be used: " + where + ": " + e.message +
         ". Change the filter, or clear the filters.";
}

std::string notice_text(const TypeView& view, std::string_view notice) {
  const std::string record = words(view.title);
  if (notice == "added") return trf("{record} added.", {{"record", record}});
  if (notice == "saved") return tr("Saved.");
  if (notice == "deleted") return trf("{record} deleted.", {{"record", record}});
  return {};
}

Data list_data(Call& c, const TypeView& view, const ListState& state) {
  auto d = base_data(c, view.entity);
  const std::string path = "/" + std::string(view.path);
  d.set("path", path);
  d.set("heading", tr(capitalized(view.plural)));
  d.set("title_word", std::string(view.title));
  d.set("plural", std::string(view.plural));
  const bool vowel = !view.title.empty() && std::string_view("aeiou").find(view.title[0]) != std::string_view::npos;
  d.set("add_summary", vowel ? trf("Add an {record}", {{"record", words(view.title)}})
                             : trf("Add a {record}", {{"record", words(view.title)}}));
  const auto intro = entity_text(view.entity, "intro");
  d.set("intro", intro.empty() ? flag(false) : Data(intro));
  d.set("notice", state.notice.empty() ? flag(false) : Data(state.notice));
  d.set("query_error", state.query_error.empty() ? flag(false) : Data(state.query_error));
  d.set("can_create", flag(view.can_create));

  // The filter form: a control per indexed field, the order kept, the page size.
  List filters;
  for (const auto& name : view.filter_fields)
    if (const auto* f = info_of(view, name)) filters.push_back(filter_control(view, *f, state.params));
  d.set("filters", filters);
  const auto* sort = param(state.params, "sort");
  d.set("sort", sort ? Data(*sort) : flag(false));
  const auto* limit = param(state.params, "limit");
  static constexpr std::string_view kLimits[] = {"10", "25", "50", "100"};
  List limits;
  for (const auto n : kLimits)
    limits.push_back(option(std::string(n), std::string(n), limit ? *limit == n : n == "50"));
  if (limit && std::find(std::begin(kLimits), std::end(kLimits), *limit) == std::end(kLimits))
    limits.push_back(option(*limit, *limit, true));
  d.set("limits", limits);
  bool filtered = false;
  for (const auto& [k, v] : state.params)
    if (k != "sort" && k != "limit" && k != "after") filtered = true;
  d.set("filtered", flag(filtered));

  // Count of what matches, the headers with their sort links, and the rows.
  if (state.total) {
    const auto n = *state.total;
    const std::string count = std::to_string(n);
    const std::string record = words(n == 1 ? view.title : view.plural);
    d.set("count_text",
          filtered ? (n == 1 ? trf("{count} {record} matches the filters",
                                   {{"count", count}, {"record", record}})
                             : trf("{count} {records} match the filters",
                                   {{"count", count}, {"records", record}}))
                   : (n == 1 ? trf("{count} {record}", {{"count", count}, {"record", record}})
                             : trf("{count} {records}", {{"count", count}, {"records", record}})));
  } else {
    d.set("count_text", flag(false));
  }
  const std::string sort_text = sort ? *sort : std::string();
  const bool desc = sort_text.starts_with('-');
  const std::string sorted_by = desc ? sort_text.substr(1) : sort_text;
  const auto base = with(state.params, "after");
  List headers;
  const auto columns = list_columns(view);
  for (const auto& [key, derived] : columns) {
    Data h;
    h.set("label", field_label(view.entity, key));
    const bool sortable = !derived && is_filter(view, key);
    h.set("sortable", flag(sortable));
    const auto* info = info_of(view, key);
    h.set("numeric", flag(info && (info->kind == FieldKind::whole_number || info->kind == FieldKind::number)));
    if (sortable) {
      const bool active = sorted_by == key;
      h.set("aria_sort", std::string(!active ? "none" : desc ? "descending" : "ascending"));
      h.set("arrow", std::string(!active ? "" : desc ? " ▼" : " ▲"));
      // A first click sorts ascending; a click on the sorted column turns the order round.
      h.set("url", url_of(view.path, with(base, "sort", active && !desc ? "-" + key : key)));
      h.set("sort_hint", std::string(active && !desc ? "sort descending" : "sort ascending"));
    }
    headers.push_back(h);
  }
  d.set("headers", headers);
  // The title (or else the first column) links to the record.
  std::size_t link_column = 0;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].first == "title" || columns[i].first == "name") link_column = i;
  List rows;
  for (const auto& row : state.rows) {
    Data r;
    List cells;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      auto cell = cell_data(row.cells[i]);
      if (const auto* info = info_of(view, columns[i].first);
          info && (info->kind == FieldKind::whole_number || info->kind == FieldKind::number))
        cell.set("numeric", flag(true));
      if (i == link_column) {
        cell.set("link", flag(true));
        cell.set("href", path + "/" + row.id);
        if (row.cells[i].text.empty()) cell.set("text", capitalized(view.title) + " " + row.id);
      }
      cells.push_back(cell);
    }
    r.set("cells", cells);
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("column_count", std::to_string(columns.size()));
  d.set("no_rows", flag(state.rows.empty() && state.query_error.empty()));
  d.set("empty_text",
        filtered ? trf("No {records} match these filters.", {{"records", words(view.plural)}})
                 : trf("No {records} recorded yet.", {{"records", words(view.plural)}}));

  // Keyset pages: forward with the cursor, back to the first page.
  const bool paged = param(state.params, "after") != nullptr;
  d.set("first_url", paged ? Data(url_of(view.path, base)) : flag(false));
  d.set("next_url", state.next ? Data(url_of(view.path, with(base, "after", *state.next)))
                               : flag(false));
  d.set("pager", flag(paged || state.next));
  d.set("clear_url", path);
  return d;
}

Data detail_data(Call& c, const TypeView& view, const DetailState& s) {
  auto d = base_data(c, view.entity);
  const std::string path = "/" + std::string(view.path);
  d.set("path", path);
  d.set("plural_heading", tr(capitalized(view.plural)));
  d.set("title_word", std::string(view.title));
  d.set("heading", s.heading);
  d.set("id", s.id);
  d.set("url", path + "/" + s.id);
  d.set("version", std::to_string(s.version));
  d.set("updated_at", s.updated_at);
  d.set("history_url", "/journal/" + std::string(view.entity) + "/" + s.id);
  List values;
  for (const auto& [label, cell] : s.values) {
    auto v = cell_data(cell);
    v.set("label", label);
    v.set("empty", flag(cell.text.empty()));
    values.push_back(v);
  }
  d.set("values", values);
  d.set("notice", s.notice.empty() ? flag(false) : Data(s.notice));
  d.set("form_error", s.form_error.empty() ? flag(false) : Data(s.form_error));
  d.set("conflict", flag(s.conflict));
  const bool edit = view.can_update && !s.conflict;
  d.set("can_edit", flag(edit));
  d.set("fields", s.fields);
  d.set("can_remove", flag(view.can_remove && !s.conflict));
  d.set("confirm_delete", flag(view.can_remove && s.confirm_delete && !s.conflict));
  d.set("delete_url", path + "/" + s.id + "/delete");
  d.set("confirm_url", path + "/" + s.id + "?confirm=delete");
  return d;
}

}  // namespace riskloop::web::record_pages_detail
