// The GS1 Application Identifiers riskloop reads: data lengths, character sets and rules, after
// the GS1 General Specifications (section 3, and figure 7.8.5-2 for the AIs whose length is
// predefined so that no separator follows them). docs/formats/udi.md lists them.
#pragma once

#include <cstdint>
#include <string_view>

namespace riskloop::udi::detail {

// What the data of an AI means beyond its characters.
enum class Gs1Meaning : std::uint8_t {
  plain,
  date,       // YYMMDD, day 00 allowed (the month's last day)
  date_time,  // YYMMDDHHMM (7003)
  date_hour,  // YYMMDDHH followed by optional MMSS (8008)
  count,      // a quantity (30, 37)
  measure,    // six digits with the AI's last digit as the number of decimals (31nn..36nn)
};

struct Gs1Ai {
  std::string_view ai;      // "01"; for measures the first three digits ("310") and a decimal digit
  std::string_view name;    // the GS1 data title
  std::uint8_t min_length;  // of the data, without the AI
  std::uint8_t max_length;
  // The leading characters that must be digits (all of them for numeric AIs); the rest are of
  // the GS1 AI encodable character set 82.
  std::uint8_t numeric_head;
  // When not 0: the first `check_length` digits are a GS1 key whose last digit is its mod-10
  // check digit.
  std::uint8_t check_length;
  Gs1Meaning meaning = Gs1Meaning::plain;
  bool decimal_digit = false;      // a fourth AI digit 0..5 follows `ai` (measures)
  std::string_view key_name = {};  // "GTIN-14", "SSCC", "GLN": names the key in check errors
};

// The entry whose AI begins `text` (which starts with digits), or null. `ai_length` receives the
// AI's length when found.
const Gs1Ai* find_ai(std::string_view text, std::size_t& ai_length);

// The entry for exactly this AI ("17", "3103"), or null.
const Gs1Ai* find_exact_ai(std::string_view ai);

// Total length (AI + data) of the AIs with a predefined length, by the AI's first two digits
// (GS1 General Specifications figure 7.8.5-2); 0 when an AI starting so is followed by a
// separator unless it ends the string.
int predefined_length(char first, char second);

// The length of AIs starting with these two digits (GS1 General Specifications figure
// 7.8.2-1), 0 when no AI starts so.
int ai_length_for(char first, char second);

// Whether `c` is in the GS1 AI encodable character set 82 (figure 7.11-1).
bool in_cset82(char c);

}  // namespace riskloop::udi::detail
