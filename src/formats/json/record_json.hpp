// JSON views of records and inputs, all driven by the types' one field list (core/record.hpp).
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/enum_names.hpp"
#include "core/field_types.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "formats/json/canonical_json.hpp"
#include "formats/digest/sha256.hpp"

namespace riskloop::formats {

namespace detail {

std::string json_type_name(const nlohmann::json& v);

struct ApiWriter;
struct CanonicalWriter;
struct FieldReader;

template <class X>
nlohmann::json value_to_json(const X& v);
template <class X>
void append_canonical_value(std::string& out, const X& v, unsigned flags);
template <class X>
Status value_from_json(const nlohmann::json& j, X& out, const std::string& where);

struct ApiWriter {
  nlohmann::json& out;
  template <class X>
  void operator()(std::string_view name, const X& v, unsigned flags = kPlain) {
    if (flags & kSecret) return;
    out[std::string(name)] = value_to_json(v);
  }
};

template <class X>
nlohmann::json value_to_json(const X& v) {
  if constexpr (is_optional<X>::value) {
    return v ? value_to_json(*v) : nlohmann::json(nullptr);
  } else if constexpr (is_vector<X>::value) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : v) out.push_back(value_to_json(item));
    return out;
  } else if constexpr (NestedField<X>) {
    nlohmann::json out = nlohmann::json::object();
    ApiWriter w{out};
    X::fields(w, v);
    return out;
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    return format_timestamp(v);
  } else if constexpr (NamedEnum<X>) {
    return std::string(name_of(v));
  } else {
    return v;
  }
}

struct CanonicalWriter {
  std::vector<std::pair<std::string_view, std::string>> members;
  template <class X>
  void operator()(std::string_view name, const X& v, unsigned flags = kPlain) {
    if constexpr (std::is_same_v<X, std::string>)
      if ((flags & kAddedLater) && v.empty()) return;
    std::string encoded;
    append_canonical_value(encoded, v, flags);
    members.emplace_back(name, std::move(encoded));
  }
  std::string finish() {
    std::sort(members.begin(), members.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out = "{";
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_canonical_string(out, members[i].first);
      out.push_back(':');
      out += members[i].second;
    }
    out.push_back('}');
    return out;
  }
};

template <class X>
void append_canonical_value(std::string& out, const X& v, unsigned flags) {
  if constexpr (is_optional<X>::value) {
    if (!v) {
      out += "null";
    } else {
      append_canonical_value(out, *v, flags);
    }
  } else if constexpr (is_vector<X>::value) {
    out.push_back('[');
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_canonical_value(out, v[i], flags);
    }
    out.push_back(']');
  } else if constexpr (NestedField<X>) {
    CanonicalWriter w;
    X::fields(w, v);
    out += w.finish();
  } else if (flags & kSecret) {
    // Secret fields are text; the journal proves them by digest (docs/journal.md).
    if constexpr (std::is_same_v<X, std::string>)
      append_canonical_string(out, "sha256:" + sha256_hex(v));
  } else if constexpr (std::is_same_v<X, std::string>) {
    append_canonical_string(out, v);
  } else if constexpr (std::is_same_v<X, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_same_v<X, double>) {
    append_canonical_double(out, v);
  } else if constexpr (std::is_integral_v<X>) {
    out += std::to_string(v);
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    append_canonical_string(out, format_timestamp(v));
  } else if constexpr (NamedEnum<X>) {
    append_canonical_string(out, name_of(v));
  } else {
    static_assert(sizeof(X) == 0, "field type has no canonical encoding");
  }
}

struct FieldReader {
  const nlohmann::json& body;
  std::string prefix;
  std::set<std::string, std::less<>> known;
  Status status;
  template <class X>
  void operator()(std::string_view name, X& v, unsigned = kPlain) {
    known.emplace(name);
    if (!status) return;
    const auto it = body.find(name);
    if (it == body.end()) return;
    status = value_from_json(*it, v, prefix + "/" + std::string(name));
  }
};

// Reads an object's members onto a struct listing its fields; unknown members are errors.
template <class T>
Status object_from_json(const nlohmann::json& body, T& target, const std::string& where) {
  if (!body.is_object())
    return fail(ErrorCode::validation, "must be a JSON object, not " + json_type_name(body),
                where.empty() ? "/" : where);
  FieldReader r{body, where, {}, {}};
  T::fields(r, target);
  RL_CHECK(r.status);
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (!r.known.contains(it.key())) {
      std::string allowed;
      for (const auto& k : r.known) allowed += (allowed.empty() ? "" : ", ") + k;
      return fail(ErrorCode::validation, "is not a known field (allowed: " + allowed + ")",
                  where + "/" + it.key());
    }
  }
  return {};
}

template <class X>
Status value_from_json(const nlohmann::json& j, X& out, const std::string& where) {
  if constexpr (is_optional<X>::value) {
    if (j.is_null()) {
      out.reset();
      return {};
    }
    typename X::value_type inner{};
    RL_CHECK(value_from_json(j, inner, where));
    out = std::move(inner);
    return {};
  } else if constexpr (is_vector<X>::value) {
    if (!j.is_array())
      return fail(ErrorCode::validation, "must be an array, not " + json_type_name(j), where);
    X items;
    items.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
      typename X::value_type item{};
      RL_CHECK(value_from_json(j[i], item, where + "/" + std::to_string(i)));
      items.push_back(std::move(item));
    }
    out = std::move(items);
    return {};
  } else if constexpr (NestedField<X>) {
    X item{};
    RL_CHECK(object_from_json(j, item, where));
    out = std::move(item);
    return {};
  } else if constexpr (std::is_same_v<X, std::string>) {
    if (!j.is_string())
      return fail(ErrorCode::validation, "must be a string, not " + json_type_name(j), where);
    out = j.get<std::string>();
    return {};
  } else if constexpr (std::is_same_v<X, bool>) {
    if (!j.is_boolean())
      return fail(ErrorCode::validation, "must be true or false, not " + json_type_name(j), where);
    out = j.get<bool>();
    return {};
  } else if constexpr (std::is_same_v<X, double>) {
    if (!j.is_number())
      return fail(ErrorCode::validation, "must be a number, not " + json_type_name(j), where);
    out = j.get<double>();
    if (!std::isfinite(out)) return fail(ErrorCode::validation, "must be a finite number", where);
    return {};
  } else if constexpr (std::is_integral_v<X>) {
    if (j.is_number_integer()) {
      out = j.get<X>();
      return {};
    }
    return fail(ErrorCode::validation, "must be an integer, not " + json_type_name(j), where);
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    const auto parsed =
        j.is_string() ? parse_timestamp(j.get_ref<const std::string&>()) : std::nullopt;
    if (!parsed)
      return fail(ErrorCode::validation, "must be a UTC time like \"2026-01-31T12:00:00.000Z\"",
                  where);
    out = *parsed;
    return {};
  } else if constexpr (NamedEnum<X>) {
    const auto parsed =
        j.is_string() ? enum_from_name<X>(j.get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) return fail(ErrorCode::validation, "must be one of " + allowed_names<X>(), where);
    out = *parsed;
    return {};
  } else {
    static_assert(sizeof(X) == 0, "field type cannot be read from JSON");
  }
}

}  // namespace detail

// API representation of a record: every field except secrets.
template <Record T>
nlohmann::json to_json(const T& rec) {
  nlohmann::json out = nlohmann::json::object();
  detail::ApiWriter w{out};
  visit_record<T>(w, rec);
  return out;
}

// JSON of a plain struct with a fields() list (inputs, views).
template <class T>
nlohmann::json fields_to_json(const T& s) {
  nlohmann::json out = nlohmann::json::object();
  detail::ApiWriter w{out};
  T::fields(w, s);
  return out;
}

// The canonical JSON payload journaled for a record (docs/journal.md).
template <Record T>
std::string canonical_payload(const T& rec) {
  detail::CanonicalWriter w;
  visit_record<T>(w, rec);
  return w.finish();
}

// Reads the members of `body` onto `target`, which lists its fields with T::fields. Members that
// are absent leave the target's value as it is (so PATCH is: read the current value, then decode).
// Unknown members and wrong types are errors naming the member's JSON pointer.
template <class T>
Status decode_fields(const nlohmann::json& body, T& target, std::string_view prefix = "") {
  return detail::object_from_json(body, target, std::string(prefix));
}

// Parses a request body: UTF-8, JSON syntax and nesting depth are checked; errors are `malformed`
// and say where (byte offset) the text went wrong.
Result<nlohmann::json> parse_json_body(std::string_view text, int max_depth = 32);

}  // namespace riskloop::formats
