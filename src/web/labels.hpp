// How values read in the UI: enum names as words, UTC times, field labels and help texts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/time.hpp"
#include "web/templates.hpp"

namespace riskloop::web {

// "normal_use" -> "normal use".
std::string words(std::string_view name);

// A count with its noun in the right number: "1 hazard", "0 hazards", "2 blocking reasons".
std::string counted(std::size_t n, std::string_view one, std::string_view many);

template <NamedEnum E>
std::string label_of(E value) {
  return words(name_of(value));
}

// <option> entries {value, label, selected} for every name of E.
template <NamedEnum E>
List enum_options(E current) {
  List out;
  for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) {
    const auto name = EnumNames<E>::names[i];
    Data o;
    o.set("value", std::string(name));
    o.set("label", words(name));
    o.set("selected", flag(static_cast<E>(i) == current));
    out.push_back(o);
  }
  return out;
}

// "2026-01-31 12:00:05 UTC" (times are stored and shown in UTC, as signatures require).
std::string display_time(Timestamp t);
std::string display_time(const std::optional<Timestamp>& t);  // "" when absent
// "2026-01-31" (the value of a date input).
std::string date_value(const std::optional<Timestamp>& t);

struct FieldHint {
  std::string label;
  bool multiline = false;
  std::string help;
};
// The label, help text (message catalogue, web/message_catalogue.hpp) and kind of input of field
// `field` of record type `entity` ("" for an input struct of no one type: shared entries only).
FieldHint field_hint(std::string_view entity, std::string_view field);

}  // namespace riskloop::web
