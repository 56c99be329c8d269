// Reading a submitted HTML form onto an input struct that lists its fields (core/record.hpp), so
// the UI's forms feed the same validated inputs as the JSON API. Problems are reported per field
// at its JSON pointer ("/p1"), the same locations the app layer's errors use.
#pragma once

#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <string_view>

#include "core/field_types.hpp"
#include "core/record.hpp"
#include "http/form_body.hpp"

namespace riskloop::web {

// Field name (first segment of the error location) -> message.
using FieldErrors = std::map<std::string, std::string, std::less<>>;

// Records `error` under the field its location names; errors without a field go under "".
void add_error(FieldErrors& errors, const Error& error);

namespace form_detail {

inline std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Browsers send textarea line breaks as CRLF; riskloop stores LF.
inline std::string unix_lines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out.push_back(s[i]);
  return out;
}

// "2026-01-31", "2026-01-31T12:00" (datetime-local, read as UTC) or the full stored form.
inline std::optional<Timestamp> parse_time(std::string_view s) {
  if (auto t = parse_timestamp(s)) return t;
  std::string full(s);
  if (full.size() == 10) full += "T00:00:00.000Z";
  else if (full.size() == 16) full += ":00.000Z";
  else if (full.size() == 19) full += ".000Z";
  return parse_timestamp(full);
}

template <class X>
bool read_scalar(std::string_view text, X& out, std::string& why) {
  if constexpr (std::is_same_v<X, std::string>) {
    out = unix_lines(text);
    return true;
  } else if constexpr (std::is_same_v<X, bool>) {
    out = text == "true" || text == "on" || text == "1";
    return true;
  } else if constexpr (std::is_same_v<X, double>) {
    const auto t = trimmed(text);
    double v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) {
      why = "must be a number such as 0.25 or 1e-3";
      return false;
    }
    out = v;
    return true;
  } else if constexpr (std::is_integral_v<X>) {
    const auto t = trimmed(text);
    X v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
      why = "must be a whole number";
      return false;
    }
    out = v;
    return true;
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    const auto t = parse_time(trimmed(text));
    if (!t) {
      why = "must be a date such as 2026-01-31";
      return false;
    }
    out = *t;
    return true;
  } else if constexpr (NamedEnum<X>) {
    const auto v = enum_from_name<X>(trimmed(text));
    if (!v) {
      why = "must be one of " + allowed_names<X>();
      return false;
    }
    out = *v;
    return true;
  } else {
    static_assert(sizeof(X) == 0, "field type cannot be read from a form");
  }
}

struct FormReader {
  const http::FormFields& form;
  std::string_view prefix;  // form field names are prefix + field name
  FieldErrors& errors;

  template <class X>
  void operator()(std::string_view name, X& value, unsigned = 0) {
    const std::string key = std::string(prefix) + std::string(name);
    if constexpr (is_vector<X>::value) {
      if constexpr (std::is_same_v<typename X::value_type, std::string>) {
        if (!form.has(key)) return;
        X items;
        if (const auto all = form.all(key); all.size() > 1) {
          // Checkboxes (a hidden "" first, so that none checked still sends the name): one entry
          // per checked box.
          for (const auto& v : all)
            if (!trimmed(v).empty()) items.emplace_back(trimmed(v));
          value = std::move(items);
          return;
        }
        // A textarea: one entry per line; blank lines are dropped.
        std::string_view text = form.get(key);
        while (!text.empty()) {
          const auto nl = text.find('\n');
          auto line = trimmed(text.substr(0, nl));
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          line = trimmed(line);
          if (!line.empty()) items.emplace_back(line);
          text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        }
        value = std::move(items);
      }
      // Lists of structures (scales, safety characteristics) have their own editors.
    } else if constexpr (std::is_same_v<X, bool>) {
      // A checkbox sends nothing when unchecked: forms pair it with a hidden "false" before it,
      // so the last value sent is the one that counts.
      const auto all = form.all(key);
      if (!all.empty()) value = all.back() == "true" || all.back() == "on";
    } else if constexpr (is_optional<X>::value) {
      if (!form.has(key)) return;
      const auto text = trimmed(form.get(key));
      if (text.empty()) {
        value.reset();
        return;
      }
      typename X::value_type inner{};
      std::string why;
      if (read_scalar(text, inner, why))
        value = std::move(inner);
      else
        errors.emplace(std::string(name), why);
    } else {
      if (!form.has(key)) return;
      std::string why;
      if (!read_scalar(form.get(key), value, why)) errors.emplace(std::string(name), why);
    }
  }
};

}  // namespace form_detail

// Reads the fields of `target` that the form carries (others keep their value); returns false
// and fills `errors` when a value cannot be read as its type.
template <class T>
bool read_form(const http::FormFields& form, T& target, FieldErrors& errors,
               std::string_view prefix = "") {
  const auto before = errors.size();
  form_detail::FormReader reader{form, prefix, errors};
  T::fields(reader, target);
  return errors.size() == before;
}

}  // namespace riskloop::web
