// A person's query of a declared record type, from text parameters (URL query, CLI options, web
// filters) to a typed store::Query, with errors that name the parameter and what is allowed.
//
//   status=open                 equal             status=open,monitoring   one of
//   due_date.lt=2026-12-01      before            due_date.ge=2026-12-01   from (also .le .gt)
//   title.prefix=Supp           starts with       due_date.null=true       has no value (false: has)
//   sort=due_date  sort=-due_date                 after=<next of the previous page>   limit=50
//
// Times are "2026-12-01" (midnight UTC) or "2026-12-01T10:00:00.000Z"; yes/no is true or false;
// a field must lead one of the type's indexes (core/record_declaration.hpp).
#pragma once

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "core/record_declaration.hpp"
#include "store/query.hpp"
#include "store/sql_value.hpp"

namespace riskloop::app {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// The opaque `after` text of a cursor, and back (validation error naming `after` if unreadable).
std::string encode_cursor(const store::Cursor& c);
[[nodiscard]] Result<store::Cursor> decode_cursor(std::string_view text);

namespace detail {

// Reads `text` as the type of the field it is for; false with `allowed` saying what would do.
template <class X>
bool value_from_text(std::string_view text, store::SqlValue& out, std::string& allowed) {
  if constexpr (is_optional<X>::value || is_vector<X>::value) {
    return value_from_text<typename X::value_type>(text, out, allowed);
  } else if constexpr (std::is_same_v<X, bool>) {
    allowed = "true or false";
    if (text == "true" || text == "false") return out = (text == "true"), true;
    return false;
  } else if constexpr (std::is_same_v<X, std::int64_t>) {
    allowed = "a whole number";
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return false;
    return out = v, true;
  } else if constexpr (std::is_same_v<X, double>) {
    allowed = "a number";
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return false;
    return out = v, true;
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    allowed = "a date (2026-12-01) or a UTC time (2026-12-01T10:00:00.000Z)";
    auto t = parse_timestamp(text);
    if (!t && text.size() == 10) t = parse_timestamp(std::string(text) + "T00:00:00.000Z");
    if (!t) return false;
    return out = format_timestamp(*t), true;
  } else if constexpr (NamedEnum<X>) {
    for (const auto name : EnumNames<X>::names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    allowed = "one of " + allowed;
    if (!enum_from_name<X>(text)) return false;
    return out = std::string(text), true;
  } else {
    allowed = "text";
    return out = std::string(text), true;
  }
}

struct FieldValueReader {
  std::string_view field;
  std::string_view text;
  bool found = false;
  bool ok = false;
  store::SqlValue value;
  std::string allowed;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = 0) {
    if (name != field) return;
    found = true;
    ok = value_from_text<X>(text, value, allowed);
  }
};

std::string query_fields_list(std::span<const IndexDecl> indexes);

}  // namespace detail

// The typed value of `text` for T's field `field`; validation error at `param` otherwise.
template <DeclaredRecord T>
Result<store::SqlValue> field_value(std::string_view field, std::string_view text,
                                    const std::string& param) {
  detail::FieldValueReader r{field, text};
  const T probe{};
  visit_record<T>(r, probe);
  if (!r.found) return fail(ErrorCode::validation, "is not a field", param);
  if (!r.ok)
    return fail(ErrorCode::validation, "\"" + std::string(text) + "\" is not " + r.allowed, param);
  return r.value;
}

// Builds the query; `max_limit` caps the page size a person may ask for.
template <DeclaredRecord T>
Result<store::Query> parse_query(const QueryParams& params, int default_limit, int max_limit) {
  store::Query q;
  q.limit = default_limit;
  const auto check_field = [](const std::string& field, const std::string& param) -> Status {
    if (!is_query_field<T>(field))
      return fail(ErrorCode::validation,
                  "cannot filter or sort by \"" + field + "\"; possible: " +
                      detail::query_fields_list(T::declaration.indexes),
                  param);
    return {};
  };
  for (const auto& [key, text] : params) {
    if (key == "after") {
      if (!text.empty()) q.after = RL_TRY(decode_cursor(text));
    } else if (key == "limit") {
      int n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > max_limit)
        return fail(ErrorCode::validation, "must be a whole number from 1 to " + std::to_string(max_limit), "limit");
      q.limit = n;
    } else if (key == "sort") {
      const bool desc = !text.empty() && text.front() == '-';
      q.order = {desc ? text.substr(1) : text, desc};
      RL_CHECK(check_field(q.order.field, "sort"));
    } else {
      const auto dot = key.find('.');
      const std::string field = key.substr(0, dot);
      const std::string op = dot == std::string::npos ? "" : key.substr(dot + 1);
      RL_CHECK(check_field(field, key));
      store::Condition c{field};
      if (op.empty()) {
        std::size_t start = 0;
        for (;;) {  // a,b,c: one of
          const auto comma = text.find(',', start);
          const auto part = std::string_view(text).substr(start, comma - start);
          c.values.push_back(RL_TRY(field_value<T>(field, part, key)));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        c.match = c.values.size() == 1 ? store::Match::equal : store::Match::in;
      } else if (op == "null") {
        if (text != "true" && text != "false")
          return fail(ErrorCode::validation, "must be true or false", key);
        c.match = text == "true" ? store::Match::is_null : store::Match::not_null;
      } else {
        static constexpr std::pair<std::string_view, store::Match> kOps[] = {
            {"lt", store::Match::less},    {"le", store::Match::less_or_equal},
            {"gt", store::Match::greater}, {"ge", store::Match::greater_or_equal},
            {"prefix", store::Match::prefix}};
        const auto it = std::find_if(std::begin(kOps), std::end(kOps),
                                     [&](const auto& p) { return p.first == op; });
        if (it == std::end(kOps))
          return fail(ErrorCode::validation,
                      "\"." + op + "\" is not a comparison; possible: .lt .le .gt .ge .prefix .null",
                      key);
        c.match = it->second;
        c.values.push_back(op == "prefix" ? store::SqlValue{text}
                                          : RL_TRY(field_value<T>(field, text, key)));
      }
      q.where.push_back(std::move(c));
    }
  }
  return q;
}

}  // namespace riskloop::app
