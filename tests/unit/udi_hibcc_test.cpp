// HIBCC (HIBC LIC) data structures: primary, secondary and combined symbols, every secondary
// format, the mod-43 check character at every position, the link character, truncation.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "formats/udi/udi.hpp"

namespace riskloop::udi {
namespace {

const ParseOptions k2026{.reference_year = 2026};

ParseResult p(std::string_view text) {
  return parse(text, k2026);
}

ParseError failure(std::string_view text) {
  auto r = p(text);
  EXPECT_FALSE(r) << "accepted: " << text;
  return r ? ParseError{} : r.error();
}

// The test's own modulus-43 check (HIBC LIC standard, table of character values), so that the
// parser is not checked against itself.
constexpr std::string_view kSet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";
std::string with_check(std::string data) {
  int sum = 0;
  for (char c : data) sum += int(kSet.find(c));
  return data + kSet[std::size_t(sum % 43)];
}

TEST(UdiHibcc, CheckCharactersComputedByHand) {
  // The labeling standard's example: + A 1 2 3 B J C 5 D 6 E 7 1 has the values
  // 41+10+1+2+3+11+19+12+5+13+6+14+7+1 = 145; 145 mod 43 = 16, the character G.
  EXPECT_EQ(hibcc_check_character("+A123BJC5D6E71"), 'G');
  // + A 9 9 9 1 2 3 4 5: 41+10+9+9+9+1+2+3+4+5 = 93; 93 mod 43 = 7.
  EXPECT_EQ(hibcc_check_character("+A99912345"), '7');
  // + $ $ 5 2 0 0 1 5 1 0 X 3 7: 41+39+39+5+2+0+0+1+5+1+0+33+3+7 = 176; 176 mod 43 = 4.
  EXPECT_EQ(hibcc_check_character("+$$52001510X37"), '4');
  EXPECT_EQ(hibcc_check_character("+a"), std::nullopt);
}

TEST(UdiHibcc, PrimaryData) {
  auto r = p("+A123BJC5D6E71G");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->issuer, Issuer::hibcc);
  EXPECT_EQ(r->labeler, "A123");
  EXPECT_EQ(r->product, "BJC5D6E7");
  EXPECT_EQ(r->unit_of_measure, '1');
  EXPECT_EQ(r->check_character, 'G');
  EXPECT_EQ(r->di, "A123BJC5D6E71");
  // The caption with asterisks, and a symbology identifier (Code 39).
  EXPECT_TRUE(p("*+A123BJC5D6E71G*"));
  EXPECT_TRUE(p("]A0+A123BJC5D6E71G"));
}

TEST(UdiHibcc, EveryPositionAlteredIsCaught) {
  const std::string good = "+A123BJC5D6E71G";
  for (std::size_t i = 1; i < good.size(); ++i) {
    for (char c : kSet) {
      if (c == good[i]) continue;
      std::string s = good;
      s[i] = c;
      auto r = p(s);
      EXPECT_FALSE(r) << s;  // a single substitution changes the sum by 1..42: never 0 mod 43
    }
  }
  const auto e = failure("+A123BJC5D6E71H");
  EXPECT_EQ(e.position, 14u);
  EXPECT_EQ(e.reason, "check character is 'H', expected 'G' (HIBCC mod 43)");
  EXPECT_EQ(failure("+A123BJC5D7E71G").position, 14u);
}

TEST(UdiHibcc, CombinedWithSupplementaryData) {
  // Combined primary and secondary data with the production date (16D) and a serial (S).
  auto r = p("+A99912345/$$52001510X3/16D20111212/S77DE1G45-");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->di, "A99912345");
  EXPECT_EQ(r->expiry->iso(), "2020-01-15");
  EXPECT_EQ(r->lot, "10X3");
  EXPECT_EQ(r->production_date->iso(), "2011-12-12");
  EXPECT_EQ(r->serial, "77DE1G45");
  EXPECT_EQ(r->check_character, '-');
  const auto j = to_json(*r);
  EXPECT_EQ(j["issuer"], "HIBCC");
  EXPECT_EQ(j["labeler"], "A999");
  EXPECT_EQ(j["unit_of_measure"], "5");
}

TEST(UdiHibcc, TwoSymbolsWithLinkCharacter) {
  auto r = p("+A999123457\n+$$52001510X374");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->di, "A99912345");
  EXPECT_EQ(r->lot, "10X3");
  EXPECT_EQ(r->link_character, '7');
  EXPECT_TRUE(p("+A999123457\r\n+$$52001510X374"));
  // The secondary symbol alone parses; its link character cannot be checked.
  r = p("+$$52001510X374");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->di.empty());
  // A secondary symbol linked to another primary.
  const std::string other = with_check("+$$52001510X38");
  const auto e = failure("+A999123457\n" + other);
  EXPECT_EQ(e.position, 25u);
  EXPECT_EQ(e.reason, "link character is '8', expected '7' (the primary symbol's check character)");
  EXPECT_EQ(failure("+$$52001510X374\n+A999123457").reason,
            "the first of two HIBCC symbols must be the primary data");
}

struct SecondaryCase {
  std::string secondary;  // after "+A99912345/"
  std::string expiry;     // ISO or empty
  std::string lot, serial;
  std::optional<std::uint64_t> quantity;
};

TEST(UdiHibcc, SecondaryFormats) {
  const SecondaryCase cases[] = {
      {"$LOT1", "", "LOT1", "", {}},
      {"$+SER1", "", "", "SER1", {}},
      {"27032LOT1", "2027-02-01", "LOT1", "", {}},   // Julian YYJJJ
      {"$$0927LOT1", "2027-09-30", "LOT1", "", {}},  // MMYY: the month's end
      {"$$1227LOT1", "2027-12-31", "LOT1", "", {}},
      {"$$2093027LOT1", "2027-09-30", "LOT1", "", {}},          // MMDDYY
      {"$$3270930LOT1", "2027-09-30", "LOT1", "", {}},          // YYMMDD
      {"$$427093014LOT1", "2027-09-30T14:00", "LOT1", "", {}},  // YYMMDDHH
      {"$$527273LOT1", "2027-09-30", "LOT1", "", {}},           // YYJJJ
      {"$$62727314LOT1", "2027-09-30T14:00", "LOT1", "", {}},   // YYJJJHH
      {"$$7LOT1", "", "LOT1", "", {}},                          // no date
      {"$$+3270930SER1", "2027-09-30", "", "SER1", {}},
      {"$$+7SER1", "", "", "SER1", {}},
      {"$$8050927LOT1", "2027-09-30", "LOT1", "", 5},          // quantity 2 digits
      {"$$9001003270930LOT1", "2027-09-30", "LOT1", "", 100},  // quantity 5 digits
      {"$$87LOT1", "", "", "", {}},                            // invalid, checked below
  };
  for (const auto& c : cases) {
    const std::string s = with_check("+A99912345/" + c.secondary);
    auto r = p(s);
    if (c.secondary == "$$87LOT1") {
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error().position, 15u);
      continue;
    }
    ASSERT_TRUE(r) << s << ": " << r.error().message();
    EXPECT_EQ(r->expiry ? r->expiry->iso() : "", c.expiry) << s;
    EXPECT_EQ(r->lot, c.lot) << s;
    EXPECT_EQ(r->serial, c.serial) << s;
    EXPECT_EQ(r->quantity, c.quantity) << s;
  }
}

TEST(UdiHibcc, InvalidSecondaryData) {
  auto e = failure(with_check("+A99912345/$$1327LOT1"));
  EXPECT_EQ(e.position, 13u);
  EXPECT_EQ(e.reason, "month 13 is not 01..12");
  e = failure(with_check("+A99912345/27366LOT1"));  // 2027 has 365 days
  EXPECT_EQ(e.position, 13u);
  EXPECT_EQ(e.reason, "day of the year 366 does not exist in 2027 (001..365)");
  EXPECT_TRUE(p(with_check("+A99912345/28366LOT1")));
  e = failure(with_check("+A99912345/$$8LOT1"));
  EXPECT_EQ(e.position, 14u);
  e = failure(with_check("+A99912345/$$A"));
  EXPECT_EQ(e.position, 13u);
  EXPECT_EQ(e.reason, "expected the expiry date (MMYY) or a date format flag 2-7, found 'A'");
  e = failure(with_check("+A99912345/$LOT1234567890123456789"));
  EXPECT_EQ(e.position, 30u);
  e = failure(with_check("+A99912345/16D20111312"));
  EXPECT_EQ(e.position, 18u);
  e = failure(with_check("+A99912345/X1"));
  EXPECT_EQ(e.position, 11u);
}

TEST(UdiHibcc, InvalidPrimaryData) {
  auto e = failure(with_check("+A1-3BJC1"));
  EXPECT_EQ(e.position, 3u);
  EXPECT_NE(e.reason.find("labeler identification code"), std::string::npos);
  e = failure(with_check("+A123BJCX"));
  EXPECT_EQ(e.position, 8u);
  EXPECT_NE(e.reason.find("unit of measure"), std::string::npos);
  e = failure(with_check("+A12312345678901234567890"));  // product number of 19
  EXPECT_EQ(e.position, 23u);
  e = failure("+A123bjc1G");
  EXPECT_EQ(e.position, 5u);
  EXPECT_EQ(e.reason, "'b' is not in the HIBCC character set (0-9 A-Z - . space $ / + %)");
}

TEST(UdiHibcc, TruncatedInput) {
  for (std::string_view s : {"+", "+A", "+A12", "+A123", "+A1231", "+$", "*+A123BJC5D6E71G",
                             "+A999123457\n", "+A99912345/"}) {
    auto r = p(s);
    ASSERT_FALSE(r) << s;
    EXPECT_LE(r.error().position, s.size()) << s;
  }
  EXPECT_EQ(failure("*+A123BJC5D6E71G").reason, "a caption that starts with '*' ends with '*'");
}

}  // namespace
}  // namespace riskloop::udi
