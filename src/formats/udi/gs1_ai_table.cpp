// The GS1 Application Identifier table (our own selection and wording; lengths, character sets
// and check digits as the GS1 General Specifications define them).
#include "formats/udi/gs1_ai_table.hpp"

#include <array>

namespace riskloop::udi::detail {
namespace {

using M = Gs1Meaning;

// Sorted by AI so that the AIs sharing two first digits are adjacent.
constexpr Gs1Ai kAis[] = {
    {"00", "SSCC", 18, 18, 18, 18, M::plain, false, "SSCC"},
    {"01", "GTIN", 14, 14, 14, 14, M::plain, false, "GTIN-14"},
    {"02", "CONTENT", 14, 14, 14, 14, M::plain, false, "GTIN-14"},
    {"10", "BATCH/LOT", 1, 20, 0, 0},
    {"11", "PROD DATE", 6, 6, 6, 0, M::date},
    {"12", "DUE DATE", 6, 6, 6, 0, M::date},
    {"13", "PACK DATE", 6, 6, 6, 0, M::date},
    {"15", "BEST BEFORE or BEST BY", 6, 6, 6, 0, M::date},
    {"16", "SELL BY", 6, 6, 6, 0, M::date},
    {"17", "USE BY or EXPIRY", 6, 6, 6, 0, M::date},
    {"20", "VARIANT", 2, 2, 2, 0},
    {"21", "SERIAL", 1, 20, 0, 0},
    {"22", "CPV", 1, 20, 0, 0},
    {"235", "TPX", 1, 28, 0, 0},
    {"240", "ADDITIONAL ID", 1, 30, 0, 0},
    {"241", "CUST. PART No.", 1, 30, 0, 0},
    {"242", "MTO VARIANT", 1, 6, 6, 0},
    {"243", "PCN", 1, 20, 0, 0},
    {"250", "SECONDARY SERIAL", 1, 30, 0, 0},
    {"251", "REF. TO SOURCE", 1, 30, 0, 0},
    {"253", "GDTI", 13, 30, 13, 13, M::plain, false, "GDTI"},
    {"254", "GLN EXTENSION COMPONENT", 1, 20, 0, 0},
    {"30", "VAR. COUNT", 1, 8, 8, 0, M::count},
    {"310", "NET WEIGHT (kg)", 6, 6, 6, 0, M::measure, true},
    {"311", "LENGTH (m)", 6, 6, 6, 0, M::measure, true},
    {"312", "WIDTH (m)", 6, 6, 6, 0, M::measure, true},
    {"313", "HEIGHT (m)", 6, 6, 6, 0, M::measure, true},
    {"314", "AREA (m2)", 6, 6, 6, 0, M::measure, true},
    {"315", "NET VOLUME (l)", 6, 6, 6, 0, M::measure, true},
    {"316", "NET VOLUME (m3)", 6, 6, 6, 0, M::measure, true},
    {"330", "GROSS WEIGHT (kg)", 6, 6, 6, 0, M::measure, true},
    {"37", "COUNT", 1, 8, 8, 0, M::count},
    {"400", "ORDER NUMBER", 1, 30, 0, 0},
    {"401", "GINC", 1, 30, 0, 0},
    {"402", "GSIN", 17, 17, 17, 17, M::plain, false, "GSIN"},
    {"403", "ROUTE", 1, 30, 0, 0},
    {"410", "SHIP TO LOC", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"411", "BILL TO", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"412", "PURCHASE FROM", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"413", "SHIP FOR LOC", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"414", "LOC No.", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"415", "PAY TO", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"416", "PROD/SERV LOC", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"417", "PARTY", 13, 13, 13, 13, M::plain, false, "GLN"},
    {"420", "SHIP TO POST", 1, 20, 0, 0},
    {"421", "SHIP TO POST", 4, 12, 3, 0},
    {"422", "ORIGIN", 3, 3, 3, 0},
    {"7003", "EXPIRY TIME", 10, 10, 10, 0, M::date_time},
    {"7240", "PROTOCOL", 1, 20, 0, 0},
    {"8003", "GRAI", 14, 30, 14, 14, M::plain, false, "GRAI"},
    {"8004", "GIAI", 1, 30, 0, 0},
    {"8005", "PRICE PER UNIT", 6, 6, 6, 0},
    {"8006", "ITIP", 18, 18, 18, 14, M::plain, false, "GTIN-14"},
    {"8008", "PROD TIME", 8, 12, 12, 0, M::date_hour},
    {"8020", "REF No.", 1, 25, 0, 0},
    {"8200", "PRODUCT URL", 1, 70, 0, 0},
    {"90", "INTERNAL", 1, 30, 0, 0},
    {"91", "INTERNAL", 1, 90, 0, 0},
    {"92", "INTERNAL", 1, 90, 0, 0},
    {"93", "INTERNAL", 1, 90, 0, 0},
    {"94", "INTERNAL", 1, 90, 0, 0},
    {"95", "INTERNAL", 1, 90, 0, 0},
    {"96", "INTERNAL", 1, 90, 0, 0},
    {"97", "INTERNAL", 1, 90, 0, 0},
    {"98", "INTERNAL", 1, 90, 0, 0},
    {"99", "INTERNAL", 1, 90, 0, 0},
};

constexpr int two_digits(char a, char b) {
  return (a - '0') * 10 + (b - '0');
}

// For each two-digit prefix, the range of kAis entries starting with it.
struct Range {
  std::uint8_t begin = 0, end = 0;
};
constexpr std::array<Range, 100> make_index() {
  std::array<Range, 100> index{};
  for (std::size_t i = 0; i < std::size(kAis); ++i) {
    const int p = two_digits(kAis[i].ai[0], kAis[i].ai[1]);
    if (index[p].begin == index[p].end) index[p].begin = std::uint8_t(i);
    index[p].end = std::uint8_t(i + 1);
  }
  return index;
}
constexpr auto kIndex = make_index();

constexpr std::array<bool, 256> make_cset82() {
  std::array<bool, 256> set{};
  for (char c : std::string_view("!\"%&'()*+,-./:;<=>?_"))
    set[static_cast<unsigned char>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) set[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) set[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) set[c] = true;
  return set;
}
constexpr auto kCset82 = make_cset82();

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

const Gs1Ai* find_ai(std::string_view text, std::size_t& ai_length) {
  if (text.size() < 2 || !is_digit(text[0]) || !is_digit(text[1])) return nullptr;
  const Range r = kIndex[two_digits(text[0], text[1])];
  for (auto i = r.begin; i < r.end; ++i) {
    const Gs1Ai& e = kAis[i];
    std::size_t n = e.ai.size();
    // The first two digits match already.
    if (text.size() < n || (n > 2 && text[2] != e.ai[2]) || (n > 3 && text[3] != e.ai[3])) continue;
    if (e.decimal_digit) {
      if (text.size() <= n || text[n] < '0' || text[n] > '5') return nullptr;
      ++n;
    }
    ai_length = n;
    return &e;
  }
  return nullptr;
}

const Gs1Ai* find_exact_ai(std::string_view ai) {
  std::size_t n = 0;
  const Gs1Ai* e = find_ai(ai, n);
  return e != nullptr && n == ai.size() ? e : nullptr;
}

int predefined_length(char first, char second) {
  switch (two_digits(first, second)) {
    case 0:
      return 20;
    case 1:
    case 2:
    case 3:
      return 16;
    case 4:
      return 18;
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18:
    case 19:
      return 8;
    case 20:
      return 4;
    case 31:
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
      return 10;
    case 41:
      return 16;
    default:
      return 0;
  }
}

int ai_length_for(char first, char second) {
  const int p = two_digits(first, second);
  if (p <= 22 || p == 30 || p == 37 || p >= 90) return 2;
  if ((p >= 23 && p <= 25) || (p >= 40 && p <= 43) || p == 71) return 3;
  if ((p >= 31 && p <= 36) || p == 39 || p == 70 || (p >= 72 && p <= 72) || (p >= 80 && p <= 82))
    return 4;
  return 0;
}

bool in_cset82(char c) {
  return kCset82[static_cast<unsigned char>(c)];
}

}  // namespace riskloop::udi::detail
