// HIBCC supplier labeling data (HIBC LIC): primary data "+LIC PCN U C", secondary data
// "+<quantity/date/lot or serial> L C", both in one symbol "+LIC PCN U/<secondary> C".
// docs/formats/udi.md has the grammar.
#include <string>

#include "formats/udi/udi_builder.hpp"
#include "formats/udi/udi_dates.hpp"

namespace riskloop::udi::detail {
namespace {

constexpr std::size_t kMaxProduct = 18;
constexpr std::size_t kMaxLot = 18;

bool is_alnum(char c) {
  return is_digit(c) || is_upper(c);
}
bool is_lot_char(char c) {
  return is_alnum(c) || c == '-' || c == '.';
}

struct HibccParser {
  std::string_view text;
  const ParseOptions& options;
  Udi& udi;

  tl::expected<void, ParseError> push(std::string_view flag, std::string_view name,
                                      std::size_t from, std::size_t to) {
    return push_element(udi, flag, name, text.substr(from, to - from), from);
  }

  // Every character of [from, to) in the 43-character set; `to` excluded.
  tl::expected<void, ParseError> check_set(std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to; ++i)
      if (!hibcc_check_character(text.substr(i, 1)))
        return bad(i, shown_char(text[i]) +
                          " is not in the HIBCC character set (0-9 A-Z - . space $ / + %)");
    return {};
  }

  // The check character at `at` over [from, at).
  // The caller has checked the characters (check_set).
  tl::expected<void, ParseError> check_character(std::size_t from, std::size_t at) {
    const char expected = *hibcc_check_character(text.substr(from, at - from));
    if (text[at] != expected)
      return bad(at, "check character is " + shown_char(text[at]) + ", expected " +
                         shown_char(expected) + " (HIBCC mod 43)");
    udi.check_character = text[at];
    return {};
  }

  // "+LIC PCN U" in [from, to): from at '+'.
  tl::expected<void, ParseError> primary(std::size_t from, std::size_t to) {
    if (to - from < 7)
      return bad(to,
                 "HIBCC primary data needs '+', a 4-character labeler code, a product "
                 "number of 1 to 18 characters and a unit of measure digit");
    const std::size_t lic = from + 1;
    if (!is_upper(text[lic]))
      return bad(lic, "the labeler identification code starts with a letter A-Z, found " +
                          shown_char(text[lic]));
    for (std::size_t i = lic + 1; i < lic + 4; ++i)
      if (!is_alnum(text[i]))
        return bad(i, "the labeler identification code has letters A-Z and digits, found " +
                          shown_char(text[i]));
    const std::size_t uom = to - 1, pcn = lic + 4;
    for (std::size_t i = pcn; i < uom; ++i)
      if (!is_alnum(text[i]))
        return bad(i, "the product or catalogue number has letters A-Z and digits, found " +
                          shown_char(text[i]));
    if (uom - pcn > kMaxProduct)
      return bad(pcn + kMaxProduct,
                 "the product or catalogue number has at most 18 characters, "
                 "found " +
                     std::to_string(uom - pcn));
    if (!is_digit(text[uom]))
      return bad(uom,
                 "expected the unit of measure digit 0-9 before the end of the primary "
                 "data, found " +
                     shown_char(text[uom]));
    udi.labeler = text.substr(lic, 4);
    udi.product = text.substr(pcn, uom - pcn);
    udi.unit_of_measure = text[uom];
    udi.di = text.substr(lic, to - lic);
    if (auto ok = push("", "labeler identification code", lic, pcn); !ok) return ok;
    if (auto ok = push("", "product or catalogue number", pcn, uom); !ok) return ok;
    return push("", "unit of measure", uom, to);
  }

  // A date of `layout` at `at`, ending before `to`; the expiry date.
  tl::expected<std::size_t, ParseError> date(std::string_view flag, std::size_t at, std::size_t to,
                                             std::string_view layout, bool is_expiry = true) {
    if (at + layout.size() > to)
      return bad(to, "the date (" + std::string(layout) + ") needs " +
                         std::to_string(layout.size()) + " digits, found " +
                         std::to_string(to - at));
    auto d = read_date(text.substr(at, layout.size()), at, layout, false, options.reference_year);
    if (!d) return tl::unexpected(std::move(d.error()));
    (is_expiry ? udi.expiry : udi.production_date) = *d;
    auto ok = push(flag, is_expiry ? "expiry date" : "production date", at, at + layout.size());
    if (!ok) return tl::unexpected(std::move(ok.error()));
    return at + layout.size();
  }

  // Lot or serial number in [at, to): up to 18 of 0-9 A-Z - .
  tl::expected<void, ParseError> lot(std::string_view flag, std::size_t at, std::size_t to,
                                     bool serial) {
    const char* what = serial ? "the serial number" : "the lot or batch number";
    for (std::size_t i = at; i < to; ++i)
      if (!is_lot_char(text[i]))
        return bad(i, std::string(what) + " has letters A-Z, digits, '-' and '.', found " +
                          shown_char(text[i]));
    if (to - at > kMaxLot)
      return bad(at + kMaxLot, std::string(what) + " has at most 18 characters, found " +
                                   std::to_string(to - at));
    if (to == at) return {};
    (serial ? udi.serial : udi.lot) = text.substr(at, to - at);
    return push(flag, serial ? "serial number" : "lot or batch number", at, to);
  }

  // After "$$", "$$+", "$$8nn" or "$$9nnnnn": the date format (MMYY, or flag 2..7) then the lot
  // or serial number, up to `to`.
  tl::expected<void, ParseError> dated_lot(std::size_t flag_from, std::size_t at, std::size_t to,
                                           bool serial) {
    if (at >= to)
      return bad(at, "expected the expiry date (MMYY) or a date format flag 2-7, found the end");
    const char f = text[at];
    std::string_view layout;
    std::size_t date_at = at + 1;
    switch (f) {
      case '0':
      case '1':
        layout = "MMYY", date_at = at;
        break;
      case '2':
        layout = "MMDDYY";
        break;
      case '3':
        layout = "YYMMDD";
        break;
      case '4':
        layout = "YYMMDDHH";
        break;
      case '5':
        layout = "YYJJJ";
        break;
      case '6':
        layout = "YYJJJHH";
        break;
      case '7':
        break;
      default:
        return bad(at, "expected the expiry date (MMYY) or a date format flag 2-7, found " +
                           shown_char(f));
    }
    const auto flag = text.substr(flag_from, date_at - flag_from);
    std::size_t lot_at = date_at;
    if (!layout.empty()) {
      auto end = date(flag, date_at, to, layout);
      if (!end) return tl::unexpected(std::move(end.error()));
      lot_at = *end;
    }
    return lot(flag, lot_at, to, serial);
  }

  // The secondary data in [at, to), without '+' or the link character.
  tl::expected<void, ParseError> secondary(std::size_t at, std::size_t to) {
    // Supplementary data after a further '/': 14D expiry, 16D production date, S serial.
    std::size_t end = text.find('/', at);
    if (end == std::string_view::npos || end > to) end = to;
    auto ok = secondary_field(at, end);
    while (ok && end < to) {
      const std::size_t f = end + 1;
      end = text.find('/', f);
      if (end == std::string_view::npos || end > to) end = to;
      ok = supplement(f, end);
    }
    return ok;
  }

  tl::expected<void, ParseError> secondary_field(std::size_t at, std::size_t to) {
    const auto rest = text.substr(at, to - at);
    if (rest.starts_with("14D") || rest.starts_with("16D") || rest.starts_with("S"))
      return supplement(at, to);
    if (rest.starts_with("$$")) {
      std::size_t i = at + 2;
      if (i < to && text[i] == '+') return dated_lot(at, i + 1, to, true);
      if (i < to && (text[i] == '8' || text[i] == '9')) {
        const std::size_t digits = text[i] == '8' ? 2 : 5;
        const std::size_t q = i + 1;
        for (std::size_t k = q; k < q + digits; ++k)
          if (k >= to || !is_digit(text[k]))
            return bad(k, "expected " + std::to_string(digits) + " digits of quantity after $$" +
                              text[i] +
                              (k >= to ? ", found the end" : ", found " + shown_char(text[k])));
        udi.quantity = digits_value(text.substr(q, digits));
        if (auto ok = push(text.substr(at, q - at), "quantity", q, q + digits); !ok) return ok;
        return dated_lot(at, q + digits, to, false);
      }
      return dated_lot(at, i, to, false);
    }
    if (rest.starts_with("$+")) return lot("$+", at + 2, to, true);
    if (rest.starts_with("$")) return lot("$", at + 1, to, false);
    if (rest.size() >= 5 && is_digit(rest[0])) {
      auto end = date("", at, to, "YYJJJ");
      if (!end) return tl::unexpected(std::move(end.error()));
      return lot("", *end, to, false);
    }
    if (rest.empty())
      return bad(at,
                 "expected secondary data ('$', '$$', '$+' or a Julian date YYJJJ), found the end");
    return supplement(at, to);
  }

  tl::expected<void, ParseError> supplement(std::size_t at, std::size_t to) {
    const auto rest = text.substr(at, to - at);
    if (rest.starts_with("14D") || rest.starts_with("16D")) {
      const bool expiry = rest[1] == '4';
      if (to - at != 11)
        return bad(std::min(to, at + 11), std::string(rest.substr(0, 3)) +
                                              " needs 8 digits (YYYYMMDD), found " +
                                              std::to_string(to - at - 3));
      auto end = date(rest.substr(0, 3), at + 3, to, "YYYYMMDD", expiry);
      if (!end) return tl::unexpected(std::move(end.error()));
      return {};
    }
    if (rest.starts_with("S")) return lot("S", at + 1, to, true);
    return bad(at,
               "expected secondary data: '$', '$$', '$+', a Julian date YYJJJ, 14D, 16D "
               "or S, found " +
                   (rest.empty() ? std::string("the end") : shown_char(rest[0])));
  }

  // One symbol [from, to): from at '+', to after its check character.
  tl::expected<void, ParseError> symbol(std::size_t from, std::size_t to, bool& was_primary,
                                        char& link) {
    if (from >= to || text[from] != '+')
      return bad(from, "an HIBCC symbol starts with '+', found " +
                           (from >= to ? std::string("the end") : shown_char(text[from])));
    if (to - from < 3)
      return bad(to, "the HIBCC symbol ends too early: data and a check character were expected");
    const std::size_t check = to - 1;
    if (auto set = check_set(from, to); !set) return set;
    was_primary = is_upper(text[from + 1]);
    if (was_primary) {
      std::size_t slash = text.find('/', from + 1);
      if (slash == std::string_view::npos || slash > check) slash = check;
      if (auto ok = primary(from, slash); !ok) return ok;
      if (slash < check) {
        if (auto ok = secondary(slash + 1, check); !ok) return ok;
      }
    } else {
      // "+<secondary><link><check>"
      if (to - from < 4)
        return bad(to,
                   "an HIBCC secondary symbol needs data, a link character and a check "
                   "character");
      link = text[check - 1];
      udi.link_character = link;
      if (auto ok = secondary(from + 1, check - 1); !ok) return ok;
    }
    return check_character(from, check);
  }

  // The input from `start`: one symbol, or a primary and a secondary symbol on two lines.
  tl::expected<void, ParseError> symbols(std::size_t start) {
    std::size_t end = text.size();
    // The caption of a symbol: *+A123BJC5D6E71G*
    if (start < end && text[start] == '*') {
      if (end - start < 2 || text[end - 1] != '*')
        return bad(end, "a caption that starts with '*' ends with '*'");
      ++start, --end;
    }
    // Two symbols (primary, then secondary) separated by a line feed.
    std::size_t split = text.find('\n', start);
    if (split == std::string_view::npos || split >= end) split = end;
    std::size_t first_end = split;
    if (first_end > start && first_end < end && text[first_end - 1] == '\r') --first_end;
    bool primary = false, second_primary = false;
    char link = 0, second_link = 0;
    if (auto ok = symbol(start, first_end, primary, link); !ok) return ok;
    if (split == end) return {};
    const char primary_check = udi.check_character;
    if (!primary) return bad(start, "the first of two HIBCC symbols must be the primary data");
    if (auto ok = symbol(split + 1, end, second_primary, second_link); !ok) return ok;
    if (second_primary)
      return bad(split + 1, "the second of two HIBCC symbols must be secondary data");
    if (second_link != primary_check)
      return bad(end - 2, "link character is " + shown_char(second_link) + ", expected " +
                              shown_char(primary_check) +
                              " (the primary symbol's check character)");
    return {};
  }
};

}  // namespace

ParseResult parse_hibcc_at(std::string_view text, std::size_t start, const ParseOptions& options) {
  ParseResult out{tl::in_place};
  out->issuer = Issuer::hibcc;
  HibccParser p{text, options, *out};
  auto ok = p.symbols(start);
  if (!ok) out = tl::unexpected(std::move(ok.error()));
  return out;
}

}  // namespace riskloop::udi::detail
