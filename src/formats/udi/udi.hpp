// UDI carriers: GS1 element strings and HIBCC (HIBC LIC) data structures parsed into one typed
// value. The grammar, the accepted forms and the error format are in docs/formats/udi.md.
//
// Parsing never allocates on success: every text field is a view into the caller's input, which
// must outlive the Udi. Positions are 0-based offsets into that input, counted in bytes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>
#include <tl/expected.hpp>

#include "core/error.hpp"

namespace riskloop::udi {

enum class Issuer { gs1, hibcc };
std::string_view to_string(Issuer issuer);  // "GS1", "HIBCC"

// A calendar date (and, where the carrier has one, an hour and minute) read from a UDI.
struct UdiDate {
  int year = 0;
  int month = 0;    // 1..12
  int day = 0;      // 1..31, the real day (last day of the month when the carrier left it out)
  int hour = -1;    // 0..23, -1: none
  int minute = -1;  // 0..59, -1: none
  // The carrier gave no day: GS1 DD = 00, HIBCC MMYY. `day` is then the month's last day.
  bool day_from_month_end = false;

  std::string iso() const;  // "2027-02-28", or "2027-02-28T14:30" with a time
  friend bool operator==(const UdiDate&, const UdiDate&) = default;
};

// One data element as it appears in the carrier.
// Trivially constructible: a Udi's unused element slots stay uninitialized.
struct UdiElement {
  // GS1: the Application Identifier ("01", "17", "7003"). HIBCC: the data flag or identifier
  // that introduced the field ("$$3", "16D", "S"), empty for the fields of the primary data.
  std::string_view ai;
  std::string_view name;   // "GTIN", "BATCH/LOT", "labeler identification code", ...
  std::string_view value;  // the data as in the input, without AI, flags or separators
  std::uint32_t position;  // where `value` starts in the input
};

// What a UDI carrier says. Fields the carrier does not have are empty / nullopt.
struct Udi {
  static constexpr std::size_t kMaxElements = 32;

  // Leaves element_storage beyond element_count uninitialized (parsing is on a hot path).
  Udi() {}  // NOLINT(modernize-use-equals-default): `= default` would zero the storage

  Issuer issuer = Issuer::gs1;
  // Device identifier. GS1: the GTIN-14 of AI (01) (or (02), or the SSCC of (00) when there is
  // no GTIN). HIBCC: labeler code + product number + unit of measure, the form GUDID lists.
  std::string_view di;
  std::string_view lot;
  std::string_view serial;
  std::optional<UdiDate> expiry;
  std::optional<UdiDate> production_date;
  std::optional<std::uint64_t> quantity;  // GS1 (30) or (37); HIBCC $$8 / $$9
  // HIBCC only: the primary data's parts and check characters.
  std::string_view labeler;  // LIC, 4 characters
  std::string_view product;  // product or catalogue number
  char unit_of_measure = 0;  // '0'..'9'
  char check_character = 0;  // of the last symbol
  char link_character = 0;   // of a secondary data structure: the primary's check character

  std::array<UdiElement, kMaxElements> element_storage;
  std::uint8_t element_count = 0;

  std::span<const UdiElement> elements() const { return {element_storage.data(), element_count}; }
  // The element with this AI (GS1) or flag (HIBCC); null when absent.
  const UdiElement* find(std::string_view ai) const;
};

// Why a string is not a valid UDI: where (0-based offset into the input) and what was expected.
struct ParseError {
  std::size_t position = 0;
  std::string reason;  // "check digit is 4, expected 7 (GTIN-14 mod 10)"

  // "at position 17: check digit is 4, expected 7 (GTIN-14 mod 10)"
  std::string message() const;
};

using ParseResult = tl::expected<Udi, ParseError>;

// How to read two-digit years. GS1 General Specifications section 7.12: a year YY is placed in
// the century that puts it within -49..+50 years of the reference year. HIBCC dates follow the
// same rule here.
struct ParseOptions {
  int reference_year = 2026;  // the current year, from the caller's clock
};

// Parses a UDI carrier: a GS1 element string (human-readable "(01)...(17)...", or the raw form
// with ASCII 29 group separators), or an HIBCC data structure ("+LIC...", primary, secondary or
// both; two symbols may be given separated by a line feed). An AIM symbology identifier ("]C1",
// "]d2", "]Q3", "]A0", ...) and the asterisks of an HIBC caption are accepted and skipped.
// Fails with the first problem found.
[[nodiscard]] ParseResult parse(std::string_view text, const ParseOptions& options = {});
// The same, for one carrier family.
[[nodiscard]] ParseResult parse_gs1(std::string_view text, const ParseOptions& options = {});
[[nodiscard]] ParseResult parse_hibcc(std::string_view text, const ParseOptions& options = {});

// GS1 mod-10 check digit of `digits` (all but the check digit), GS1 General Specifications
// 7.9.1: weights 3,1,3,... from the rightmost digit, check = (10 - sum mod 10) mod 10.
// `digits` must be ASCII digits.
int gs1_check_digit(std::string_view digits);
// HIBCC modulus-43 check character of `data` (every character before the check character):
// the sum of the characters' values in 0-9 A-Z - . space $ / + % (0..42) modulo 43, as that
// character. Nullopt when `data` holds a character outside the set.
std::optional<char> hibcc_check_character(std::string_view data);

// The JSON rendering (docs/formats/udi.md): issuer, di, lot, serial, expiry, production_date,
// quantity, the HIBCC parts, and "elements": [{"ai","name","value","position"}].
nlohmann::json to_json(const Udi& udi);
// The JSON rendering of a failure: {"position": 17, "reason": "...", "message": "at ..."}.
nlohmann::json to_json(const ParseError& error);
// As a riskloop Error (validation, location "position N").
Error to_error(const ParseError& error);

}  // namespace riskloop::udi
