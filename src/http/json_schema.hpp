// JSON Schemas (the 2020-12 dialect of OpenAPI 3.1) generated from a type's field list, so the
// OpenAPI document always says exactly what the JSON codec reads and writes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/enum_names.hpp"
#include "core/field_types.hpp"
#include "core/record.hpp"
#include "http/router.hpp"

namespace riskloop::http {

namespace schema_detail {

template <class X>
nlohmann::json value_schema();

struct Properties {
  nlohmann::json properties = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  bool all_required = false;  // outputs always hold every field; inputs may leave any out
  template <class X>
  void operator()(std::string_view name, const X&, unsigned flags = kPlain) {
    if (flags & kSecret) return;  // never shown by the API
    properties[std::string(name)] = value_schema<X>();
    if (all_required) required.push_back(name);
  }
  nlohmann::json object() const {
    nlohmann::json out = {
        {"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
    if (!required.empty()) out["required"] = required;
    return out;
  }
};

template <class X>
nlohmann::json value_schema() {
  if constexpr (is_optional<X>::value) {
    return {{"anyOf", {value_schema<typename X::value_type>(), {{"type", "null"}}}}};
  } else if constexpr (is_vector<X>::value) {
    return {{"type", "array"}, {"items", value_schema<typename X::value_type>()}};
  } else if constexpr (NestedField<X>) {
    Properties p{.all_required = false};
    X sample{};
    X::fields(p, sample);
    return p.object();
  } else if constexpr (std::is_same_v<X, std::string>) {
    return {{"type", "string"}};
  } else if constexpr (std::is_same_v<X, bool>) {
    return {{"type", "boolean"}};
  } else if constexpr (std::is_same_v<X, double>) {
    return {{"type", "number"}};
  } else if constexpr (std::is_integral_v<X>) {
    return {{"type", "integer"}, {"format", "int64"}};
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    return {{"type", "string"}, {"format", "date-time"}};
  } else if constexpr (NamedEnum<X>) {
    nlohmann::json names = nlohmann::json::array();
    for (auto n : EnumNames<X>::names) names.push_back(n);
    return {{"type", "string"}, {"enum", names}};
  } else {
    static_assert(sizeof(X) == 0, "field type has no JSON Schema");
  }
}

}  // namespace schema_detail

// Schema of what the API accepts for T (members optional, unknown members refused).
template <class T>
nlohmann::json input_schema() {
  schema_detail::Properties p;
  T sample{};
  T::fields(p, sample);
  return p.object();
}

// Schema of a record as the API returns it (header fields first, secrets left out).
template <Record T>
nlohmann::json record_schema() {
  schema_detail::Properties p{.all_required = true};
  T sample{};
  visit_record<T>(p, sample);
  return p.object();
}

template <class T>
constexpr SchemaRef input_ref(std::string_view name) {
  return {name, &input_schema<T>};
}
template <Record T>
constexpr SchemaRef record_ref(std::string_view name) {
  return {name, &record_schema<T>};
}

}  // namespace riskloop::http
