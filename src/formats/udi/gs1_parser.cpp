// GS1 element strings (GS1 General Specifications section 7.8): the human-readable form with
// parenthesised AIs and the raw form with group separators after variable-length data.
#include <string>

#include "formats/udi/gs1_ai_table.hpp"
#include "formats/udi/udi_builder.hpp"
#include "formats/udi/udi_dates.hpp"

namespace riskloop::udi::detail {
namespace {

constexpr char kGroupSeparator = '\x1d';

std::string ai_label(std::string_view ai) {
  return "AI (" + std::string(ai) + ")";
}

// An AI as a number that keeps its length: "01" -> 1001, "7003" -> 47003. Comparing these is
// cheaper than comparing strings, and parsing compares every element's AI several times.
constexpr unsigned ai_code(std::string_view ai) {
  unsigned v = 0;
  for (char c : ai) v = v * 10 + unsigned(c - '0');
  return unsigned(ai.size()) * 10000 + v;
}

// Whether an element's AI needs a trade item in the same string (GS1 General Specifications
// 4.13, the mandatory associations riskloop checks): AI (01), (02) or (8006).
constexpr bool needs_trade_item(unsigned code) {
  switch (code) {
    case ai_code("10"):
    case ai_code("11"):
    case ai_code("12"):
    case ai_code("13"):
    case ai_code("15"):
    case ai_code("16"):
    case ai_code("17"):
    case ai_code("21"):
    case ai_code("22"):
    case ai_code("240"):
    case ai_code("241"):
    case ai_code("242"):
    case ai_code("250"):
    case ai_code("251"):
    case ai_code("7003"):
    case ai_code("8008"):
      return true;
    default:
      return false;
  }
}

bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

struct Gs1Parser {
  std::string_view text;
  const ParseOptions& options;
  Udi& udi;
  std::array<std::uint32_t, Udi::kMaxElements> ai_positions;
  // For the associations: where the AIs that pair with others are (npos: absent).
  std::size_t gtin_at = kNone, content_at = kNone, count_at = kNone, itip_at = kNone,
              needs_item_at = kNone;
  std::string_view needs_item_ai;
  static constexpr std::size_t kNone = std::size_t(-1);

  // Checks one element's data against its AI and records it. `ai_at`: where the AI starts.
  tl::expected<void, ParseError> element(const Gs1Ai& e, std::string_view ai, std::size_t ai_at,
                                         std::string_view value, std::size_t at) {
    const std::size_t n = value.size();
    if (n < e.min_length || n > e.max_length) {
      std::string need = e.min_length == e.max_length
                             ? "exactly " + std::to_string(e.min_length)
                             : (n < e.min_length ? "at least " + std::to_string(e.min_length)
                                                 : "at most " + std::to_string(e.max_length));
      const bool one = (n < e.min_length ? e.min_length : e.max_length) == 1;
      const char* what = e.numeric_head >= e.max_length ? (one ? " digit" : " digits")
                                                        : (one ? " character" : " characters");
      return bad(at + (n < e.min_length ? n : e.max_length),
                 ai_label(ai) + " needs " + need + what + " of data, found " + std::to_string(n));
    }
    const std::size_t head = std::min<std::size_t>(n, e.numeric_head);
    for (std::size_t i = 0; i < head; ++i)
      if (!is_digit(value[i]))
        return bad(at + i, "expected a digit (" + ai_label(ai) + " is numeric here), found " +
                               shown_char(value[i]));
    for (std::size_t i = head; i < n; ++i)
      if (!in_cset82(value[i]))
        return bad(at + i, shown_char(value[i]) +
                               " is not in the GS1 AI encodable character set 82 (" + ai_label(ai) +
                               ")");
    if (e.check_length != 0) {
      const std::size_t last = e.check_length - 1;
      const int expected = gs1_check_digit(value.substr(0, last));
      if (value[last] - '0' != expected)
        return bad(at + last, "check digit is " + std::string(1, value[last]) + ", expected " +
                                  std::to_string(expected) + " (" + std::string(e.key_name) +
                                  " mod 10)");
    }
    std::optional<UdiDate> date;
    switch (e.meaning) {
      case Gs1Meaning::date: {
        date = yymmdd(value, options.reference_year);  // the common case, without the error
        if (date) break;
        auto d = read_date(value, at, "YYMMDD", true, options.reference_year);
        if (!d) return tl::unexpected(std::move(d.error()));
        date = *d;
        break;
      }
      case Gs1Meaning::date_time: {
        auto d = read_date(value, at, "YYMMDDHHNN", false, options.reference_year);
        if (!d) return tl::unexpected(std::move(d.error()));
        date = *d;
        break;
      }
      case Gs1Meaning::date_hour: {
        if (n != 8 && n != 10 && n != 12)
          return bad(at + n, ai_label(ai) + " needs 8, 10 or 12 digits (YYMMDDHH[MM[SS]]), found " +
                                 std::to_string(n));
        auto d = read_date(value.substr(0, 8), at, "YYMMDDHH", false, options.reference_year);
        if (!d) return tl::unexpected(std::move(d.error()));
        for (std::size_t i = 8; i < n; i += 2)
          if (digits_value(value.substr(i, 2)) > 59)
            return bad(at + i, std::string(i == 8 ? "minute " : "second ") +
                                   std::string(value.substr(i, 2)) + " is not 00..59");
        break;
      }
      case Gs1Meaning::count:
      case Gs1Meaning::measure:
      case Gs1Meaning::plain:
        break;
    }
    // The same AI twice: allowed with the same data (kept once), never with different data.
    for (std::size_t i = 0; i < udi.element_count; ++i) {
      const auto& prior = udi.element_storage[i];
      if (!same(prior.ai, ai)) continue;
      if (same(prior.value, value)) return {};
      return bad(ai_at, ai_label(ai) + " appears again with different data (first at position " +
                            std::to_string(ai_positions[i]) + ")");
    }
    if (udi.element_count < Udi::kMaxElements)
      ai_positions[udi.element_count] = std::uint32_t(ai_at);
    auto pushed = push_element(udi, ai, e.name, value, at);
    if (!pushed) return pushed;
    switch (const unsigned code = ai_code(ai); code) {
      case ai_code("01"):
        gtin_at = ai_at, udi.di = value;
        break;
      case ai_code("02"):
        content_at = ai_at;
        if (gtin_at == kNone) udi.di = value;
        break;
      case ai_code("00"):
        if (udi.di.empty()) udi.di = value;
        break;
      case ai_code("37"):
        count_at = ai_at;
        if (!udi.quantity) udi.quantity = digits_value(value);
        break;
      case ai_code("30"):
        udi.quantity = digits_value(value);
        break;
      case ai_code("8006"):
        itip_at = ai_at;
        break;
      case ai_code("10"):
        udi.lot = value;
        break;
      case ai_code("21"):
        udi.serial = value;
        break;
      case ai_code("17"):
        udi.expiry = date;
        break;
      case ai_code("7003"):
        if (!udi.expiry) udi.expiry = date;
        break;
      case ai_code("11"):
        udi.production_date = date;
        break;
      default:
        break;
    }
    if (needs_item_at == kNone && needs_trade_item(ai_code(ai)))
      needs_item_at = ai_at, needs_item_ai = ai;
    return {};
  }

  // The pairs GS1 forbids or requires, checked once every element is known.
  tl::expected<void, ParseError> associations() const {
    if (content_at != kNone && gtin_at != kNone)
      return bad(content_at, "AI (02) may not appear with AI (01)");
    if (content_at != kNone && count_at == kNone)
      return bad(content_at, "AI (02) needs AI (37), the count of trade items contained");
    if (needs_item_at != kNone && gtin_at == kNone && content_at == kNone && itip_at == kNone)
      return bad(needs_item_at, ai_label(needs_item_ai) +
                                    " needs a trade item to belong to: AI (01), (02) or (8006)");
    return {};
  }

  // "(01)00614141999996(17)270228(10)A1"
  tl::expected<void, ParseError> human_readable(std::size_t pos) {
    while (pos < text.size()) {
      if (text[pos] != '(')
        return bad(
            pos, "expected '(' starting an Application Identifier, found " + shown_char(text[pos]));
      std::size_t close = pos + 1;
      while (close < text.size() && close <= pos + 5 && is_digit(text[close])) ++close;
      if (close >= text.size() || text[close] != ')' || close - pos - 1 < 2 || close - pos - 1 > 4)
        return bad(pos + 1, "expected 2 to 4 digits and ')' of an Application Identifier");
      const std::string_view ai = text.substr(pos + 1, close - pos - 1);
      const Gs1Ai* e = find_exact_ai(ai);
      if (e == nullptr)
        return bad(pos + 1, "unknown Application Identifier (" + std::string(ai) + ")");
      const std::size_t at = close + 1;
      std::size_t end = at;
      for (;;) {  // to the next "(nn)"
        const auto paren = text.find('(', end);
        end = paren == std::string_view::npos ? text.size() : paren;
        if (end == text.size() || starts_ai(end)) break;
        ++end;
      }
      std::size_t next = end;
      while (end > at && text[end - 1] == ' ') --end;  // spaces between elements
      auto ok = element(*e, ai, pos, text.substr(at, end - at), at);
      if (!ok) return ok;
      pos = next;
    }
    return {};
  }

  // Whether "(dd)", "(ddd)" or "(dddd)" starts at `pos`.
  bool starts_ai(std::size_t pos) const {
    if (text[pos] != '(') return false;
    std::size_t i = pos + 1;
    while (i < text.size() && i <= pos + 5 && is_digit(text[i])) ++i;
    const std::size_t digits = i - pos - 1;
    return i < text.size() && text[i] == ')' && digits >= 2 && digits <= 4;
  }

  // "010061414199999617270228" "10A1" GS "21S9"
  tl::expected<void, ParseError> raw(std::size_t pos) {
    if (pos < text.size() && text[pos] == kGroupSeparator) ++pos;  // a leading FNC1
    while (pos < text.size()) {
      const char c0 = text[pos];
      const char c1 = pos + 1 < text.size() ? text[pos + 1] : '\0';
      if (!is_digit(c0) || !is_digit(c1)) {
        const std::size_t at = is_digit(c0) ? pos + 1 : pos;
        if (at >= text.size())
          return bad(at, "expected the digits of an Application Identifier, found the end");
        return bad(
            at, "expected the digits of an Application Identifier, found " + shown_char(text[at]));
      }
      const std::size_t length = std::size_t(ai_length_for(c0, c1));
      std::size_t ai_length = 0;
      const Gs1Ai* e = length == 0 ? nullptr : find_ai(text.substr(pos), ai_length);
      if (e == nullptr) {
        std::size_t shown = length == 0 ? 2 : length;
        std::size_t i = pos;
        while (i < text.size() && i < pos + shown && is_digit(text[i])) ++i;
        return bad(pos, "unknown Application Identifier " + std::string(text.substr(pos, i - pos)));
      }
      const std::size_t at = pos + ai_length;
      const auto predefined = std::size_t(predefined_length(c0, c1));
      std::size_t end, next;
      if (predefined != 0) {
        end = std::min(pos + predefined, text.size());
        next = end;
        if (next < text.size() && text[next] == kGroupSeparator) ++next;  // tolerated
      } else {
        end = text.find(kGroupSeparator, at);
        if (end == std::string_view::npos) end = text.size();
        next = end == text.size() ? end : end + 1;
      }
      auto ok = element(*e, text.substr(pos, ai_length), pos, text.substr(at, end - at), at);
      if (!ok) return ok;
      pos = next;
    }
    return {};
  }
};

}  // namespace

ParseResult parse_gs1_at(std::string_view text, std::size_t start, const ParseOptions& options) {
  // Built in place and returned by name: the Udi is never copied.
  ParseResult out{tl::in_place};
  out->issuer = Issuer::gs1;
  Gs1Parser p{text, options, *out};
  auto ok = start >= text.size() ? bad(start, "expected a GS1 element string, found the end")
            : text[start] == '(' ? p.human_readable(start)
                                 : p.raw(start);
  if (ok) ok = p.associations();
  if (!ok) out = tl::unexpected(std::move(ok.error()));
  return out;
}

}  // namespace riskloop::udi::detail
