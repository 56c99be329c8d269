// The field limits of a declared record type (core/record_declaration.hpp), checked on every
// create and update before the type's own rules. A text field without a declared limit is one
// line of at most 200 characters: a default that is safe, never one that stands in for a decision.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/field_types.hpp"
#include "core/record_declaration.hpp"
#include "core/text_rules.hpp"

namespace riskloop {

namespace detail {

inline FieldLimit limit_of(std::span<const FieldLimit> limits, std::string_view field) {
  for (const auto& l : limits)
    if (l.field == field) return l;
  return {.field = field};
}

inline bool blank(std::string_view s) {
  return trim_blanks(s).find_first_not_of("\r\n") == std::string_view::npos;
}

struct LimitChecker {
  std::span<const FieldLimit> limits;
  Status result;

  template <class X>
  void operator()(std::string_view name, const X& value, unsigned = 0) {
    if (!result) return;
    result = check(limit_of(limits, name), "/" + std::string(name), value);
  }

  static std::size_t max_of(const FieldLimit& l) {
    return l.max_length ? l.max_length : (l.multiline ? 10000 : 200);
  }

  static Status check_one_text(const FieldLimit& l, const std::string& where,
                               const std::string& text) {
    RL_CHECK(check_text(where, text,
                        {.min_length = l.required ? 1u : 0u,
                         .max_length = max_of(l),
                         .multiline = l.multiline}));
    if (l.required && blank(text))
      return fail(ErrorCode::validation, "must not be only white space", where);
    return {};
  }

  template <class X>
  static Status check(const FieldLimit& l, const std::string& where, const X& v) {
    if constexpr (std::is_same_v<X, std::string>) {
      return check_one_text(l, where, v);
    } else if constexpr (std::is_same_v<X, std::int64_t>) {
      if ((l.min && v < *l.min) || (l.max && v > *l.max))
        return fail(ErrorCode::validation,
                    "must be " + (l.min ? std::to_string(*l.min) : std::string("any")) + " to " +
                        (l.max ? std::to_string(*l.max) : std::string("any")) + ", got " +
                        std::to_string(v),
                    where);
      return {};
    } else if constexpr (is_optional<X>::value) {
      if (!v) {
        if (l.required) return fail(ErrorCode::validation, "is required", where);
        return {};
      }
      FieldLimit inner = l;
      inner.required = false;
      return check(inner, where, *v);
    } else if constexpr (is_vector<X>::value) {
      if constexpr (std::is_same_v<typename X::value_type, std::string>) {
        return check_texts(l, where, v);
      } else {
        if (l.required && v.empty())
          return fail(ErrorCode::validation, "needs at least one entry", where);
        return {};
      }
    } else {
      return {};  // times, reals, yes/no and enums are valid once decoded
    }
  }

  static Status check_texts(const FieldLimit& l, const std::string& where,
                            const std::vector<std::string>& v) {
    if (l.required && v.empty())
      return fail(ErrorCode::validation, "needs at least one entry", where);
    FieldLimit entry = l;
    entry.required = true;  // an empty entry in a list is always a mistake
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string at = where + "/" + std::to_string(i);
      RL_CHECK(check_one_text(entry, at, v[i]));
      for (std::size_t k = 0; k < i; ++k)
        if (v[k] == v[i])
          return fail(ErrorCode::validation,
                      "repeats entry " + std::to_string(k) + " (\"" + v[i] + "\")", at);
    }
    return {};
  }
};

}  // namespace detail

// Checks every field of `rec` against T's declared limits; the error's location is the field's
// JSON pointer ("/title", "/affected_product_ids/2").
template <DeclaredRecord T>
Status check_declared_limits(const T& rec) {
  detail::LimitChecker checker{T::declaration.limits, {}};
  T::fields(checker, rec);
  return checker.result;
}

// The declared limits, then the type's own rules across its fields (`validate(const T&)`, found
// by argument-dependent lookup, where the type has them).
template <DeclaredRecord T>
Status validate_declared(const T& rec) {
  RL_CHECK(check_declared_limits(rec));
  if constexpr (requires { validate(rec); }) RL_CHECK(validate(rec));
  return {};
}

}  // namespace riskloop
