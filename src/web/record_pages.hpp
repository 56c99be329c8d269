// The web pages of a declared record type (core/record_declaration.hpp), generated from its
// declaration the way http/record_routes.hpp generates its JSON API:
//
//   GET  /<path>                the list: declared columns, sort links on indexed columns, a
//                               filter form for the indexed fields, keyset pages, the count of
//                               matching records, and the form to add one
//   POST /<path>                add a record (the form sent back with its errors on 422)
//   GET  /<path>/{id}           every field, the edit form; ?confirm=delete asks before deleting
//   POST /<path>/{id}           save (the version the form was opened at, as If-Match does)
//   POST /<path>/{id}/delete    delete, where the declaration allows it
//
// Templates: record_list and record_detail. Labels and help texts come from the message
// catalogue (web/message_catalogue.hpp) under "<entity>.<field>". What a type does beyond the
// generic pages goes in a specialization of RecordPagesHooks<T>; nothing else is per type.
#pragma once

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/record_query.hpp"
#include "core/record_declaration.hpp"
#include "http/router.hpp"
#include "web/form_view.hpp"
#include "web/labels.hpp"
#include "web/message_catalogue.hpp"
#include "web/page.hpp"

namespace riskloop::web {

// How one value shows in a list cell or on a record's page.
struct Cell {
  std::string text;
  std::string badge;     // "ok", "warn", "bad" or "neutral": the text is shown as that badge
  std::string mark;      // a warning after the text ("overdue"), shown as a red badge
  bool numeric = false;  // right-aligned in the list
};

// A column computed from the record rather than stored in one field.
struct DerivedColumn {
  std::string key;    // its label is the catalogue entry "<entity>.<key>"
  std::string after;  // the declared column it follows; "" = after the last
};

// What a record type's pages add to the generic ones. Specialize for T and define only what
// differs; each member of the primary template is the generic behaviour.
template <class T>
struct RecordPagesHooks {
  // Columns computed from the record (a score...), in the list and on the record's page.
  static std::vector<DerivedColumn> derived_columns() { return {}; }
  static Cell derived_cell(Call&, const T&, std::string_view /*key*/) { return {}; }
  // A field shown otherwise than its plain value (a warning, names for ids): nullopt = plain.
  static std::optional<Cell> cell(Call&, const T&, std::string_view /*field*/) {
    return std::nullopt;
  }
  // Choices for fields of the forms: a text field becomes a select of them, a list of texts one
  // checkbox per choice (FormSpec::choices).
  static void add_choices(Call&, FormSpec&) {}
};

namespace record_pages_detail {

enum class FieldKind { text, whole_number, number, yes_no, time, choice, list };

struct FieldInfo {
  std::string name;
  FieldKind kind = FieldKind::text;
  std::vector<std::string> choices;  // the names of an enum
};

template <class X>
struct Unwrapped {
  using type = X;
};
template <class X>
struct Unwrapped<std::optional<X>> {
  using type = X;
};

template <class X>
FieldInfo field_info(std::string_view name) {
  using B = typename Unwrapped<X>::type;
  FieldInfo f{std::string(name)};
  if constexpr (is_vector<B>::value) {
    f.kind = FieldKind::list;
  } else if constexpr (std::is_same_v<B, bool>) {
    f.kind = FieldKind::yes_no;
  } else if constexpr (std::is_same_v<B, Timestamp>) {
    f.kind = FieldKind::time;
  } else if constexpr (NamedEnum<B>) {
    f.kind = FieldKind::choice;
    for (const auto n : EnumNames<B>::names) f.choices.emplace_back(n);
  } else if constexpr (std::is_integral_v<B>) {
    f.kind = FieldKind::whole_number;
  } else if constexpr (std::is_floating_point_v<B>) {
    f.kind = FieldKind::number;
  }
  return f;
}

// The plain display text of a value: enum names in words, dates, yes/no, lists joined.
template <class X>
std::string display_text(const X& v) {
  if constexpr (is_optional<X>::value) {
    return v ? display_text(*v) : std::string();
  } else if constexpr (std::is_same_v<X, std::string>) {
    return v;
  } else if constexpr (std::is_same_v<X, bool>) {
    return v ? "yes" : "no";
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    return date_value(v);
  } else if constexpr (NamedEnum<X>) {
    return label_of(v);
  } else if constexpr (std::is_arithmetic_v<X>) {
    return form_view_detail::text_of(v);
  } else if constexpr (is_vector<X>::value) {
    std::string out;
    if constexpr (std::is_same_v<typename X::value_type, std::string>)
      for (const auto& item : v) out += (out.empty() ? "" : ", ") + item;
    return out;
  } else {
    return {};
  }
}

struct InfoLister {
  std::vector<FieldInfo> out;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = 0) {
    out.push_back(field_info<X>(name));
  }
};

struct TextLister {
  std::vector<std::pair<std::string, std::string>> out;  // field, display text
  template <class X>
  void operator()(std::string_view name, const X& v, unsigned = 0) {
    out.emplace_back(std::string(name), display_text(v));
  }
};

// After reading a form onto `target`, puts back what the form cannot show exactly but did not
// change: the time of day of a date shown as a date, the order of a list shown as checkboxes. So
// saving a form unchanged leaves the record unchanged (and writes nothing).
template <class T>
struct KeepUnchanged {
  const T& stored;
  template <class X>
  void operator()(std::string_view name, X& value, unsigned = 0) {
    const X* before = nullptr;
    auto find = [&]<class Y>(std::string_view n, const Y& v, unsigned = 0) {
      if constexpr (std::is_same_v<X, Y>)
        if (n == name) before = &v;
    };
    T::fields(find, stored);
    if (!before) return;
    if constexpr (std::is_same_v<X, std::optional<Timestamp>> || std::is_same_v<X, Timestamp>) {
      if (display_text(value) == display_text(*before)) value = *before;
    } else if constexpr (std::is_same_v<X, std::vector<std::string>>) {
      auto a = value, b = *before;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a == b) value = *before;
    }
  }
};

// The parts of the pages that do not depend on T (record_pages.cpp).
struct TypeView {
  std::string_view entity, path, title, plural;
  std::vector<FieldInfo> fields;            // the type's own fields, in order
  std::vector<std::string> filter_fields;   // fields leading an index
  std::vector<std::string> columns;         // the declared list columns
  std::vector<DerivedColumn> derived;
  bool can_create = false, can_update = false, can_remove = false;
};

struct Row {
  std::string id;
  std::vector<Cell> cells;  // one per column of list_columns(view)
};

struct ListState {
  app::QueryParams params;  // the page's query, without empty values
  std::string query_error;  // the query could not be read: what is wrong, and where
  std::vector<Row> rows;
  std::optional<std::string> next;  // cursor text of the following page
  std::optional<std::int64_t> total;
  std::string notice;
};

// The list's columns in order: declared, with derived ones inserted; {key, is_derived}.
std::vector<std::pair<std::string, bool>> list_columns(const TypeView& view);

// The query parameters of a list URL: decoded, empty values and page-only keys dropped; a
// malformed query is reported in `error`.
app::QueryParams list_params(std::string_view raw_query, std::string& error);

// The human text of a query error (names the filter, not the parameter syntax).
std::string query_error_text(const TypeView& view, const Error& e);

Data list_data(Call& c, const TypeView& view, const ListState& state);

struct DetailState {
  std::string id;
  std::int64_t version = 0;
  std::string updated_at;
  std::string heading;
  std::vector<std::pair<std::string, Cell>> values;  // label, value: every field
  List fields;                                       // the edit form (form_fields)
  std::string form_error;
  bool conflict = false;        // the record changed since the form was opened
  bool confirm_delete = false;  // ask before deleting
  std::string notice;
};

Data detail_data(Call& c, const TypeView& view, const DetailState& state);

// "saved", "added", "deleted" from ?notice=, as a sentence about the record type.
std::string notice_text(const TypeView& view, std::string_view notice);

std::string camel_case(std::string_view snake);

// The texts the route table views (they must outlive it), built once per type.
template <DeclaredRecord T>
struct Names {
  static const Names& get() {
    static const Names names;
    return names;
  }
  std::string list = "/" + std::string(T::declaration.path);
  std::string item = list + "/{id}";
  std::string remove = item + "/delete";
  std::string list_id = "webList" + camel_case(std::string(T::entity) + "s");
  std::string create_id = "webCreate" + camel_case(T::entity);
  std::string show_id = "webShow" + camel_case(T::entity);
  std::string update_id = "webUpdate" + camel_case(T::entity);
  std::string remove_id = "webDelete" + camel_case(T::entity);
};

template <DeclaredRecord T, auto service_of>
struct Pages {
  using Hooks = RecordPagesHooks<T>;
  static constexpr const RecordDeclaration& decl = T::declaration;

  static TypeView type_view(Call& c) {
    TypeView v{T::entity, decl.path, decl.title, decl.plural};
    InfoLister lister;
    const T probe{};
    T::fields(lister, probe);
    v.fields = std::move(lister.out);
    for (const auto& index : decl.indexes)
      if (index.first != "id" &&
          std::find(v.filter_fields.begin(), v.filter_fields.end(), index.first) ==
              v.filter_fields.end())
        v.filter_fields.emplace_back(index.first);
    for (const auto col : decl.list_columns) v.columns.emplace_back(col);
    v.derived = Hooks::derived_columns();
    v.can_create = can(c, decl.permissions.create);
    v.can_update = can(c, decl.permissions.update);
    v.can_remove = decl.permissions.removable && can(c, decl.permissions.remove);
    return v;
  }

  static FormSpec form_spec(Call& c, std::string prefix, const FieldErrors& errors) {
    FormSpec spec{.id_prefix = std::move(prefix), .entity = std::string(T::entity)};
    spec.errors = &errors;
    if (!errors.empty()) spec.submitted = &c.form;
    for (const auto& limit : decl.limits)
      if (limit.multiline) spec.multiline.emplace(limit.field);
    Hooks::add_choices(c, spec);
    return spec;
  }

  static Cell cell_of(Call& c, const T& rec, const std::string& field, const std::string& text) {
    if (auto custom = Hooks::cell(c, rec, field)) return *custom;
    return Cell{.text = text};
  }

  static Response list_page(Call& c, const FieldErrors& errors, int status) {
    const auto view = type_view(c);
    ListState state;
    state.params = list_params(c.request.query, state.query_error);
    state.notice = notice_text(view, query(c, "notice"));
    auto&& service = service_of(c.app());
    if (state.query_error.empty()) {
      const int max = std::max(1, c.app().options().max_page_size);
      auto q = app::parse_query<T>(state.params, std::min(50, max), max);
      if (!q) {
        state.query_error = query_error_text(view, q.error());
        status = 400;
      } else {
        if (const auto n = service.count(c.principal, q->where)) state.total = *n;
        const auto page = RL_WEB_TRY(c, service.find(c.principal, *q));
        const auto columns = list_columns(view);
        for (const auto& rec : page.items) {
          TextLister texts;
          T::fields(texts, rec);
          Row row{rec.header.id, {}};
          for (const auto& [key, derived] : columns) {
            if (derived) {
              row.cells.push_back(Hooks::derived_cell(c, rec, key));
              continue;
            }
            const auto it = std::find_if(texts.out.begin(), texts.out.end(),
                                         [&](const auto& p) { return p.first == key; });
            row.cells.push_back(cell_of(c, rec, key, it == texts.out.end() ? "" : it->second));
          }
          state.rows.push_back(std::move(row));
        }
        if (page.next) state.next = app::encode_cursor(*page.next);
      }
    } else {
      status = 400;
      // Still a page a person can act on: the list is empty and the message says why.
      RL_WEB_CHECK(c, service.find(c.principal, store::Query{.limit = 1}));
    }
    auto d = list_data(c, view, state);
    FormSpec spec = form_spec(c, "new-" + std::string(T::entity), errors);
    d.set("fields", form_fields(T{}, spec));
    d.set("form_open", flag(!errors.empty()));
    const auto general = general_error(errors);
    d.set("form_error", general.empty() ? flag(false) : Data(general));
    return page(c, "record_list", plural_title(), d, status);
  }

  static std::string plural_title() {
    std::string t(decl.plural);
    if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
    return t;
  }

  static Response list(Call& c) { return list_page(c, {}, 200); }

  static Response create(Call& c) {
    T in{};
    FieldErrors errors;
    if (read_form(c.form, in, errors)) {
      auto created = service_of(c.app()).create(c.principal, in);
      if (created) return redirect(c, Names<T>::get().list + "?notice=added");
      if (created.error().code != ErrorCode::validation) return error_response(c, created.error());
      add_error(errors, created.error());
    }
    return list_page(c, errors, 422);
  }

  // The page of the stored record; after a failed save the form shows what was sent, with the
  // errors next to their fields.
  static Response detail_page(Call& c, const T& stored, const FieldErrors& errors, int status,
                              bool conflict = false) {
    const auto view = type_view(c);
    DetailState s;
    s.id = stored.header.id;
    s.version = stored.header.version;
    s.updated_at = display_time(stored.header.updated_at);
    s.conflict = conflict;
    s.confirm_delete = view.can_remove && query(c, "confirm") == "delete";
    s.notice = notice_text(view, query(c, "notice"));
    TextLister texts;
    T::fields(texts, stored);
    for (const auto& [key, derived] : list_columns(view)) {
      if (!derived) continue;
      s.values.emplace_back(field_label(T::entity, key), Hooks::derived_cell(c, stored, key));
    }
    for (const auto& [field, text] : texts.out) {
      if (field == "title" || field == "name") s.heading = text;
      s.values.emplace_back(field_label(T::entity, field), cell_of(c, stored, field, text));
    }
    if (s.heading.empty()) s.heading = std::string(decl.title) + " " + s.id;
    if (view.can_update) {
      const FormSpec spec = form_spec(c, "edit-" + std::string(T::entity), errors);
      s.fields = form_fields(stored, spec);
    }
    s.form_error = general_error(errors);
    return page(c, "record_detail", s.heading, detail_data(c, view, s), status);
  }

  static Response show(Call& c) {
    const auto rec = RL_WEB_TRY(c, service_of(c.app()).get(c.principal, c.param(0)));
    return detail_page(c, rec, {}, 200);
  }

  static std::optional<std::int64_t> form_version(const Call& c) {
    const auto& text = c.form.get("version");
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
  }

  static bool is_conflict(const Error& e) {
    return e.code == ErrorCode::precondition || e.code == ErrorCode::conflict;
  }

  static Response update(Call& c) {
    auto&& service = service_of(c.app());
    const auto stored = RL_WEB_TRY(c, service.get(c.principal, c.param(0)));
    const auto version = form_version(c);
    FieldErrors errors;
    if (!version) {
      // A form always carries the version it was opened at; without it the save could undo
      // another person's change.
      errors.emplace("", "The form did not say which version it changes. Reload the page and "
                         "make the change again.");
      return detail_page(c, stored, errors, 409, true);
    }
    T in = stored;
    if (read_form(c.form, in, errors)) {
      KeepUnchanged<T> keep{stored};
      T::fields(keep, in);
      auto updated = service.update(c.principal, stored.header.id, in, version);
      if (updated)
        return redirect(c, Names<T>::get().list + "/" + stored.header.id + "?notice=saved");
      if (is_conflict(updated.error())) {
        errors.emplace("", conflict_message());
        return detail_page(c, stored, errors, 409, true);
      }
      if (updated.error().code != ErrorCode::validation) return error_response(c, updated.error());
      add_error(errors, updated.error());
    }
    return detail_page(c, stored, errors, 422);
  }

  static std::string conflict_message() {
    return "Someone else changed this " + std::string(decl.title) +
           " after you opened it, so your change was not saved. Reload the page to see the "
           "current version, then make your change again.";
  }

  static Response remove(Call& c) {
    auto&& service = service_of(c.app());
    const auto stored = RL_WEB_TRY(c, service.get(c.principal, c.param(0)));
    const auto result = service.remove(c.principal, stored.header.id, form_version(c));
    if (!result) {
      if (is_conflict(result.error())) {
        FieldErrors errors{{"", conflict_message()}};
        return detail_page(c, stored, errors, 409, true);
      }
      return error_response(c, result.error());
    }
    return redirect(c, Names<T>::get().list + "?notice=deleted");
  }
};

}  // namespace record_pages_detail

// Adds the pages of T; `service_of` is a function `app::RecordService<T>& (app::App&)`.
template <DeclaredRecord T, auto service_of>
void add_record_pages(http::RouteTable& routes) {
  using namespace record_pages_detail;
  using P = Pages<T, service_of>;
  using http::Access;
  using http::Exec;
  using http::Method;
  const auto& n = Names<T>::get();
  routes.add({.method = Method::get, .pattern = n.list, .operation_id = n.list_id, .tag = "web",
              .handler = &P::list, .access = Access::page});
  routes.add({.method = Method::post, .pattern = n.list, .operation_id = n.create_id,
              .tag = "web", .handler = &P::create, .access = Access::page,
              .exec = Exec::write_pool, .permission = T::declaration.permissions.create});
  routes.add({.method = Method::get, .pattern = n.item, .operation_id = n.show_id, .tag = "web",
              .handler = &P::show, .access = Access::page});
  routes.add({.method = Method::post, .pattern = n.item, .operation_id = n.update_id,
              .tag = "web", .handler = &P::update, .access = Access::page,
              .exec = Exec::write_pool, .permission = T::declaration.permissions.update});
  if constexpr (T::declaration.permissions.removable)
    routes.add({.method = Method::post, .pattern = n.remove, .operation_id = n.remove_id,
                .tag = "web", .handler = &P::remove, .access = Access::page,
                .exec = Exec::write_pool, .permission = T::declaration.permissions.remove});
}

}  // namespace riskloop::web
