// The entry points of the UDI parsers, check characters, and the JSON rendering.
#include "formats/udi/udi.hpp"

#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "formats/udi/udi_builder.hpp"

namespace riskloop::udi {
namespace {

// HIBCC modulus-43 values: 0-9 -> 0..9, A-Z -> 10..35, then - . space $ / + %.
constexpr std::string_view kMod43 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

constexpr std::array<std::int8_t, 256> make_mod43_values() {
  std::array<std::int8_t, 256> v{};
  for (auto& x : v) x = -1;
  for (std::size_t i = 0; i < kMod43.size(); ++i)
    v[static_cast<unsigned char>(kMod43[i])] = std::int8_t(i);
  return v;
}
constexpr auto kMod43Values = make_mod43_values();

// AIM symbology identifiers of the symbols that carry GS1 data (GS1 General Specifications
// 5.1.2 and 5.4-5.7): GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR Code, GS1 DotCode.
bool gs1_symbology(std::string_view id) {
  return id == "C1" || id == "e0" || id == "d2" || id == "Q3" || id == "J1";
}

}  // namespace

std::string_view to_string(Issuer issuer) {
  return issuer == Issuer::gs1 ? "GS1" : "HIBCC";
}

std::string UdiDate::iso() const {
  char buf[64];
  if (hour >= 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", year, month, day, hour,
                  minute < 0 ? 0 : minute);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

const UdiElement* Udi::find(std::string_view ai) const {
  for (const auto& e : elements())
    if (e.ai == ai) return &e;
  return nullptr;
}

std::string ParseError::message() const {
  return "at position " + std::to_string(position) + ": " + reason;
}

int gs1_check_digit(std::string_view digits) {
  int sum = 0, weight = 3;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return (10 - sum % 10) % 10;
}

std::optional<char> hibcc_check_character(std::string_view data) {
  int sum = 0;
  for (char c : data) {
    const int v = kMod43Values[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    sum += v;
  }
  return kMod43[std::size_t(sum % 43)];
}

namespace detail {

std::string shown_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u == 0x1d) return "a group separator (ASCII 29)";
  if (u < 0x20 || u >= 0x7f) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "byte 0x%02X", u);
    return buf;
  }
  if (c == ' ') return "a space";
  return std::string("'") + c + "'";
}

tl::expected<void, ParseError> push_element(Udi& udi, std::string_view ai, std::string_view name,
                                            std::string_view value, std::size_t position) {
  if (udi.element_count >= Udi::kMaxElements)
    return bad(position, "more than " + std::to_string(Udi::kMaxElements) + " data elements");
  udi.element_storage[udi.element_count++] =
      UdiElement{ai, name, value, static_cast<std::uint32_t>(position)};
  return {};
}

}  // namespace detail

ParseResult parse(std::string_view text, const ParseOptions& options) {
  if (text.empty()) return detail::bad(0, "expected a UDI (GS1 or HIBCC), found nothing");
  std::size_t start = 0;
  if (text[0] == ']') {
    if (text.size() < 3)
      return detail::bad(text.size(), "a symbology identifier has 3 characters (]C1, ]d2, ...)");
    const auto id = text.substr(1, 2);
    if (gs1_symbology(id)) return detail::parse_gs1_at(text, 3, options);
    if (text.size() > 3 && text[3] == '+') return detail::parse_hibcc_at(text, 3, options);
    // Never the input's bytes themselves in a message: they need not be text.
    std::string shown;
    for (char ch : id)
      shown += detail::is_digit(ch) || std::isalpha(static_cast<unsigned char>(ch))
                   ? std::string(1, ch)
                   : "?";
    return detail::bad(3, "symbology identifier ]" + shown +
                              " does not carry GS1 data (]C1, ]e0, ]d2, ]Q3, ]J1) and is not "
                              "followed by '+' of HIBCC data");
  }
  const char c = text[start];
  if (c == '+' || c == '*') return detail::parse_hibcc_at(text, start, options);
  if (c == '(' || detail::is_digit(c) || c == '\x1d')
    return detail::parse_gs1_at(text, start, options);
  return detail::bad(0,
                     "expected '(' or a digit (GS1), '+' (HIBCC) or a symbology identifier "
                     "']', found " +
                         detail::shown_char(c));
}

ParseResult parse_gs1(std::string_view text, const ParseOptions& options) {
  std::size_t start = 0;
  if (text.starts_with("]") && text.size() >= 3 && gs1_symbology(text.substr(1, 2))) start = 3;
  return detail::parse_gs1_at(text, start, options);
}

ParseResult parse_hibcc(std::string_view text, const ParseOptions& options) {
  std::size_t start = 0;
  if (text.starts_with("]") && text.size() >= 3 && !gs1_symbology(text.substr(1, 2))) start = 3;
  return detail::parse_hibcc_at(text, start, options);
}

nlohmann::json to_json(const Udi& udi) {
  using nlohmann::json;
  auto text = [](std::string_view v) { return v.empty() ? json(nullptr) : json(std::string(v)); };
  auto date = [](const std::optional<UdiDate>& d) { return d ? json(d->iso()) : json(nullptr); };
  json out = {{"issuer", to_string(udi.issuer)},
              {"di", text(udi.di)},
              {"lot", text(udi.lot)},
              {"serial", text(udi.serial)},
              {"expiry", date(udi.expiry)},
              {"production_date", date(udi.production_date)},
              {"quantity", udi.quantity ? json(*udi.quantity) : json(nullptr)}};
  if (udi.expiry && udi.expiry->day_from_month_end) out["expiry_day_from_month_end"] = true;
  if (udi.issuer == Issuer::hibcc) {
    out["labeler"] = text(udi.labeler);
    out["product"] = text(udi.product);
    out["unit_of_measure"] =
        udi.unit_of_measure ? json(std::string(1, udi.unit_of_measure)) : json(nullptr);
    out["check_character"] = std::string(1, udi.check_character);
    out["link_character"] =
        udi.link_character ? json(std::string(1, udi.link_character)) : json(nullptr);
  }
  json elements = json::array();
  for (const auto& e : udi.elements()) {
    json item = {{"name", e.name}, {"value", std::string(e.value)}, {"position", e.position}};
    item[udi.issuer == Issuer::gs1 ? "ai" : "flag"] = std::string(e.ai);
    elements.push_back(std::move(item));
  }
  out["elements"] = std::move(elements);
  return out;
}

nlohmann::json to_json(const ParseError& error) {
  return {{"position", error.position}, {"reason", error.reason}, {"message", error.message()}};
}

Error to_error(const ParseError& error) {
  return Error{ErrorCode::validation, error.message(),
               "position " + std::to_string(error.position)};
}

}  // namespace riskloop::udi
