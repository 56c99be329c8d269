// Values crossing the SQL boundary, and the mapping of record fields onto them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/field_types.hpp"
#include "core/time.hpp"

namespace riskloop::store {

// Yes/no travels as bool so that PostgreSQL can store it in a BOOLEAN column; SQLite stores 0/1,
// and both read back as integers 0/1.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, bool>;
using SqlRow = std::vector<SqlValue>;

template <class X>
SqlValue to_sql(const X& v);
template <class X>
bool from_sql(const SqlValue& s, X& out);

namespace detail {

// List fields are one JSON text column; each element's fields map through the same SQL values.
nlohmann::json sql_to_json(const SqlValue& v);
SqlValue json_to_sql(const nlohmann::json& j);

struct JsonFieldWriter {
  nlohmann::json& out;
  template <class X>
  void operator()(std::string_view name, const X& v, unsigned = 0) {
    out[std::string(name)] = sql_to_json(to_sql(v));
  }
};

struct JsonFieldReader {
  const nlohmann::json& in;
  bool ok = true;
  template <class X>
  void operator()(std::string_view name, X& v, unsigned = 0) {
    const auto it = in.find(name);
    if (ok && it != in.end()) ok = from_sql(json_to_sql(*it), v);
  }
};

template <class X>
nlohmann::json element_to_json(const X& v) {
  if constexpr (NestedField<X>) {
    nlohmann::json out = nlohmann::json::object();
    JsonFieldWriter w{out};
    X::fields(w, v);
    return out;
  } else {
    return sql_to_json(to_sql(v));
  }
}

template <class X>
bool element_from_json(const nlohmann::json& j, X& out) {
  if constexpr (NestedField<X>) {
    if (!j.is_object()) return false;
    JsonFieldReader r{j};
    X::fields(r, out);
    return r.ok;
  } else {
    return from_sql(json_to_sql(j), out);
  }
}

}  // namespace detail

// Field value -> SQL value. Times are stored as their fixed-width UTC text (sortable), enums by name,
// yes/no as 0/1, lists as JSON text.
template <class X>
SqlValue to_sql(const X& v) {
  if constexpr (is_optional<X>::value) {
    return v ? to_sql(*v) : SqlValue{};
  } else if constexpr (is_vector<X>::value) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : v) out.push_back(detail::element_to_json(item));
    return out.dump();
  } else if constexpr (std::is_same_v<X, std::string>) {
    return v;
  } else if constexpr (std::is_same_v<X, bool>) {
    return v;
  } else if constexpr (std::is_same_v<X, double>) {
    return v;
  } else if constexpr (std::is_integral_v<X>) {
    return std::int64_t{v};
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    return format_timestamp(v);
  } else if constexpr (NamedEnum<X>) {
    return std::string(name_of(v));
  } else {
    static_assert(sizeof(X) == 0, "field type has no SQL mapping");
  }
}

// SQL value -> field value; false when the stored value does not fit the field.
template <class X>
bool from_sql(const SqlValue& s, X& out) {
  if constexpr (is_vector<X>::value) {
    const auto* text = std::get_if<std::string>(&s);
    if (!text) return false;
    const auto parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_array()) return false;
    X items(parsed.size());
    for (std::size_t i = 0; i < parsed.size(); ++i)
      if (!detail::element_from_json(parsed[i], items[i])) return false;
    out = std::move(items);
    return true;
  } else if constexpr (is_optional<X>::value) {
    if (std::holds_alternative<std::monostate>(s)) {
      out.reset();
      return true;
    }
    typename X::value_type inner{};
    if (!from_sql(s, inner)) return false;
    out = std::move(inner);
    return true;
  } else if constexpr (std::is_same_v<X, std::string>) {
    if (const auto* p = std::get_if<std::string>(&s)) return out = *p, true;
    return false;
  } else if constexpr (std::is_same_v<X, bool>) {
    if (const auto* p = std::get_if<std::int64_t>(&s)) return out = (*p != 0), true;
    if (const auto* p = std::get_if<bool>(&s)) return out = *p, true;
    return false;
  } else if constexpr (std::is_same_v<X, double>) {
    if (const auto* p = std::get_if<double>(&s)) return out = *p, true;
    if (const auto* p = std::get_if<std::int64_t>(&s)) return out = double(*p), true;
    return false;
  } else if constexpr (std::is_integral_v<X>) {
    if (const auto* p = std::get_if<std::int64_t>(&s)) return out = X(*p), true;
    return false;
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    const auto* p = std::get_if<std::string>(&s);
    const auto t = p ? parse_timestamp(*p) : std::nullopt;
    if (t) out = *t;
    return t.has_value();
  } else if constexpr (NamedEnum<X>) {
    const auto* p = std::get_if<std::string>(&s);
    const auto e = p ? enum_from_name<X>(*p) : std::nullopt;
    if (e) out = *e;
    return e.has_value();
  } else {
    static_assert(sizeof(X) == 0, "field type has no SQL mapping");
  }
}

inline std::string sql_text(const SqlValue& v) {
  if (const auto* p = std::get_if<std::string>(&v)) return *p;
  return {};
}
inline std::int64_t sql_int(const SqlValue& v) {
  if (const auto* p = std::get_if<std::int64_t>(&v)) return *p;
  if (const auto* p = std::get_if<bool>(&v)) return *p ? 1 : 0;
  return 0;
}

}  // namespace riskloop::store
