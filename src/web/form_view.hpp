// Form fields generated from an input struct's field list: one entry per field with its label,
// input kind, current value and error, rendered by the form_fields template. One generic form
// for every item type keeps labels, error placement and accessibility the same everywhere.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/field_types.hpp"
#include "http/form_body.hpp"
#include "web/form_input.hpp"
#include "web/labels.hpp"
#include "web/message_catalogue.hpp"
#include "web/templates.hpp"

namespace riskloop::web {

using Choices = std::vector<std::pair<std::string, std::string>>;  // value, label

struct FormSpec {
  std::string id_prefix = "f";         // element ids: "<id_prefix>-<field>"
  std::string entity;                  // labels and help of this record type (message catalogue);
                                       // form_fields sets it from T::entity when T has one
  std::string name_prefix;             // form field names: "<name_prefix><field>"
  std::set<std::string, std::less<>> omit;                // fields not shown
  std::map<std::string, Choices, std::less<>> choices;    // fields shown as a select of these
                                                          // (a list of texts: as checkboxes)
  // Selects whose first option is empty (value ""), with this label: "choose…" where a value must
  // be chosen deliberately (nothing preselected), "none" where empty means none. Without an
  // entry, an optional field's select starts with "(not set)".
  std::map<std::string, std::string, std::less<>> empty_choice;
  std::set<std::string, std::less<>> multiline;           // text fields shown as a textarea
  const http::FormFields* submitted = nullptr;  // values to show again after an error
  const FieldErrors* errors = nullptr;
};

namespace form_view_detail {

std::string format_probability_text(double v);

// The display value of a field as a form sends it back.
template <class X>
std::string text_of(const X& v) {
  if constexpr (is_optional<X>::value) {
    return v ? text_of(*v) : std::string();
  } else if constexpr (std::is_same_v<X, std::string>) {
    return v;
  } else if constexpr (std::is_same_v<X, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_same_v<X, double>) {
    return format_probability_text(v);
  } else if constexpr (std::is_integral_v<X>) {
    return std::to_string(v);
  } else if constexpr (std::is_same_v<X, Timestamp>) {
    return format_timestamp(v).substr(0, 10);
  } else if constexpr (NamedEnum<X>) {
    return std::string(name_of(v));
  } else if constexpr (is_vector<X>::value) {
    std::string out;
    if constexpr (std::is_same_v<typename X::value_type, std::string>)
      for (const auto& line : v) out += line + "\n";
    return out;
  } else {
    return {};
  }
}

template <class X>
struct base_type {
  using type = X;
};
template <class X>
struct base_type<std::optional<X>> {
  using type = X;
};

struct FieldLister {
  const FormSpec& spec;
  List out;

  template <class X>
  void operator()(std::string_view name, const X& value, unsigned = 0) {
    using B = typename base_type<X>::type;
    if (spec.omit.contains(name)) return;
    if constexpr (is_vector<X>::value) {
      if constexpr (!std::is_same_v<typename X::value_type, std::string>) return;
    }
    const auto hint = field_hint(spec.entity, name);
    const std::string form_name = spec.name_prefix + std::string(name);
    std::string current = text_of(value);
    if (spec.submitted && spec.submitted->has(form_name)) {
      const auto all = spec.submitted->all(form_name);
      current = all.back();
    }
    Data f;
    // Every key the template asks for is set, so none falls through to an outer context.
    for (const char* key : {"help", "error", "checked", "options", "is_select", "is_checkbox",
                            "is_checkboxes", "is_date", "is_number", "is_textarea", "is_text"})
      f.set(key, flag(false));
    f.set("name", form_name);
    f.set("id", spec.id_prefix + "-" + std::string(name));
    f.set("label", hint.label);
    if (!hint.help.empty()) f.set("help", hint.help);
    f.set("value", current);
    if (spec.errors) {
      if (const auto it = spec.errors->find(name); it != spec.errors->end())
        f.set("error", it->second);
    }
    const auto choices = spec.choices.find(name);
    if constexpr (std::is_same_v<X, std::vector<std::string>>) {
      if (choices != spec.choices.end()) {
        // Several of the choices: one checkbox each, the field's name on every one.
        std::vector<std::string> chosen(value.begin(), value.end());
        if (spec.submitted && spec.submitted->has(form_name)) chosen = spec.submitted->all(form_name);
        List options;
        std::size_t i = 0;
        for (const auto& [value_text, label] : choices->second) {
          Data o;
          o.set("value", value_text);
          o.set("label", label);
          o.set("option_id", spec.id_prefix + "-" + std::string(name) + "-" + std::to_string(i++));
          o.set("checked", flag(std::find(chosen.begin(), chosen.end(), value_text) != chosen.end()));
          options.push_back(o);
        }
        f.set("is_checkboxes", flag(true));
        f.set("options", options);
        out.push_back(f);
        return;
      }
    }
    if (choices != spec.choices.end()) {
      const auto it = choices;
      List options;
      const auto empty = spec.empty_choice.find(name);
      if (empty != spec.empty_choice.end() || is_optional<X>::value) {
        Data none;
        none.set("value", std::string());
        none.set("label", empty != spec.empty_choice.end() ? empty->second
                                                           : tr("(not set)"));
        none.set("selected", flag(current.empty()));
        options.push_back(none);
      }
      for (const auto& [value_text, label] : it->second) {
        Data o;
        o.set("value", value_text);
        o.set("label", label);
        o.set("selected", flag(value_text == current));
        options.push_back(o);
      }
      f.set("is_select", flag(true));
      f.set("options", options);
    } else if constexpr (std::is_same_v<B, bool>) {
      f.set("is_checkbox", flag(true));
      f.set("checked", flag(current == "true" || current == "on"));
    } else if constexpr (NamedEnum<B>) {
      List options;
      for (const auto n : EnumNames<B>::names) {
        Data o;
        o.set("value", std::string(n));
        o.set("label", words(n));
        o.set("selected", flag(n == current));
        options.push_back(o);
      }
      f.set("is_select", flag(true));
      f.set("options", options);
    } else if constexpr (std::is_same_v<B, Timestamp>) {
      f.set("is_date", flag(true));
    } else if constexpr (std::is_arithmetic_v<B>) {
      f.set("is_number", flag(true));
    } else if (hint.multiline || is_vector<X>::value || spec.multiline.contains(name)) {
      f.set("is_textarea", flag(true));
    } else {
      f.set("is_text", flag(true));
    }
    out.push_back(f);
  }
};

}  // namespace form_view_detail

// The entries of `in`'s fields for the form_fields template.
template <class T>
List form_fields(const T& in, const FormSpec& spec = {}) {
  if constexpr (requires { T::entity; }) {
    if (spec.entity.empty()) {
      FormSpec with_entity = spec;
      with_entity.entity = std::string(T::entity);
      return form_fields(in, with_entity);
    }
  }
  form_view_detail::FieldLister lister{spec, {}};
  T::fields(lister, in);
  return std::move(lister.out);
}

// Errors without a field ("" key) as text for an alert above the form.
std::string general_error(const FieldErrors& errors);

}  // namespace riskloop::web
