// GS1 element strings: both forms, every check-digit position, dates, separators, lengths,
// character sets, duplicates and associations (docs/formats/udi.md).
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

// The error of a string that must fail.
ParseError failure(std::string_view text) {
  auto r = p(text);
  EXPECT_FALSE(r) << "accepted: " << text;
  return r ? ParseError{} : r.error();
}

constexpr char kGs = '\x1d';

TEST(UdiGs1, CheckDigitOfPublishedKeys) {
  // GTIN-14 00614141999996 and SSCC 106141411234567897 as printed in GS1 examples. By hand for
  // 0061414199999, weights 3,1,3,... from the right: 27+9+27+9+27+1+12+1+12+1+18+0+0 = 144,
  // check (10 - 144 mod 10) mod 10 = 6.
  EXPECT_EQ(gs1_check_digit("0061414199999"), 6);
  EXPECT_EQ(gs1_check_digit("10614141123456789"), 7);
  EXPECT_EQ(gs1_check_digit("629104150021"), 3);  // EAN-13 6291041500213
}

TEST(UdiGs1, HumanReadableUdi) {
  auto r = p("(01)00614141999996(17)270228(10)A1B2(21)S9");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->issuer, Issuer::gs1);
  EXPECT_EQ(r->di, "00614141999996");
  EXPECT_EQ(r->lot, "A1B2");
  EXPECT_EQ(r->serial, "S9");
  ASSERT_TRUE(r->expiry);
  EXPECT_EQ(r->expiry->iso(), "2027-02-28");
  ASSERT_EQ(r->elements().size(), 4u);
  EXPECT_EQ(r->elements()[1].ai, "17");
  EXPECT_EQ(r->elements()[1].name, "USE BY or EXPIRY");
  EXPECT_EQ(r->elements()[2].position, 32u);
}

TEST(UdiGs1, RawFormWithSeparatorsAndSymbologyIdentifiers) {
  const std::string body = std::string("0100614141999996") + "17270228" + "10A1B2" + kGs + "21S9";
  for (const std::string prefix : {"", "]C1", "]d2", "]Q3", "\x1d"}) {
    const std::string text = prefix + body;  // the Udi views into it
    auto r = p(text);
    ASSERT_TRUE(r) << prefix << ": " << r.error().message();
    EXPECT_EQ(r->di, "00614141999996");
    EXPECT_EQ(r->lot, "A1B2");
    EXPECT_EQ(r->serial, "S9");
    EXPECT_EQ(r->expiry->iso(), "2027-02-28");
  }
}

TEST(UdiGs1, FixedLengthAisNeedNoSeparatorButMayHaveOne) {
  const std::string text = std::string("0100614141999996") + kGs + "17270228" + kGs + "10X";
  auto r = p(text);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->lot, "X");
}

TEST(UdiGs1, MissingSeparatorRunsTheNextElementIntoTheLot) {
  // Without a separator, a variable-length field runs to the end: that is the grammar.
  auto r = p("010061414199999610ABC21XYZ");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->lot, "ABC21XYZ");
  EXPECT_TRUE(r->serial.empty());
  // Too long once joined: the length rule catches it at the 21st character.
  const auto e = failure("010061414199999610ABCDEFGHIJKLMNOPQR21XYZ");
  EXPECT_EQ(e.position, 38u);
  EXPECT_NE(e.reason.find("AI (10) needs at most 20 characters"), std::string::npos) << e.reason;
}

TEST(UdiGs1, EveryGtinPositionAlteredIsCaught) {
  const std::string gtin = "00614141999996";
  for (const std::string form : {"(01)", "01"}) {
    for (std::size_t i = 0; i < gtin.size(); ++i) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d == gtin[i]) continue;
        std::string g = gtin;
        g[i] = d;
        const auto e = failure(form + g);
        // Mod 10 catches every single-digit substitution; it is reported at the check digit.
        EXPECT_EQ(e.position, form.size() + 13) << form << g;
        const int expected = gs1_check_digit(g.substr(0, 13));
        EXPECT_EQ(e.reason, "check digit is " + std::string(1, g[13]) + ", expected " +
                                std::to_string(expected) + " (GTIN-14 mod 10)")
            << form << g;
      }
    }
  }
}

TEST(UdiGs1, ErrorMessageNamesPositionAndExpectation) {
  const auto e = failure("(01)00614141999994");
  EXPECT_EQ(e.message(), "at position 17: check digit is 4, expected 6 (GTIN-14 mod 10)");
  EXPECT_EQ(to_error(e).code, ErrorCode::validation);
  EXPECT_EQ(to_json(e)["position"], 17);
}

TEST(UdiGs1, SsccAndGlnChecks) {
  EXPECT_TRUE(p("(00)106141411234567897"));
  EXPECT_EQ(failure("(00)106141411234567891").reason, "check digit is 1, expected 7 (SSCC mod 10)");
  // GLN 0614141000012 (ship to).
  EXPECT_TRUE(p("(410)0614141000012"));
  EXPECT_EQ(failure("(410)0614141000019").position, 17u);
}

TEST(UdiGs1, NonDigitInNumericField) {
  const auto e = failure("(01)0061414199A996");
  EXPECT_EQ(e.position, 14u);
  EXPECT_EQ(e.reason, "expected a digit (AI (01) is numeric here), found 'A'");
}

TEST(UdiGs1, DayZeroMeansTheLastDayOfTheMonth) {
  auto r = p("(01)00614141999996(17)270200");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->expiry->iso(), "2027-02-28");
  EXPECT_TRUE(r->expiry->day_from_month_end);
  EXPECT_EQ(p("(01)00614141999996(17)280200")->expiry->iso(), "2028-02-29");  // leap year
  EXPECT_EQ(p("(01)00614141999996(17)261100")->expiry->iso(), "2026-11-30");
  EXPECT_EQ(p("(01)00614141999996(11)251200")->production_date->iso(), "2025-12-31");
  auto j = to_json(*r);
  EXPECT_EQ(j["expiry"], "2027-02-28");
  EXPECT_EQ(j["expiry_day_from_month_end"], true);
}

TEST(UdiGs1, InvalidDates) {
  auto e = failure("(01)00614141999996(17)271301");
  EXPECT_EQ(e.position, 24u);
  EXPECT_EQ(e.reason, "month 13 is not 01..12");
  e = failure("(01)00614141999996(17)270431");
  EXPECT_EQ(e.position, 26u);
  EXPECT_EQ(e.reason, "day 31 does not exist in 2027-04 (01..30, or 00 for the month's end)");
  e = failure("(01)00614141999996(17)270229");  // 2027 is not a leap year
  EXPECT_EQ(e.position, 26u);
  EXPECT_TRUE(p("(01)00614141999996(17)280229"));
  e = failure("(01)00614141999996(17)2702X8");
  EXPECT_EQ(e.position, 26u);
  e = failure("(01)00614141999996(17)27022");
  EXPECT_EQ(e.position, 27u);
  EXPECT_EQ(e.reason, "AI (17) needs exactly 6 digits of data, found 5");
}

TEST(UdiGs1, CenturyRule) {
  auto year = [](std::string_view yy, int reference) {
    std::string s = "(01)00614141999996(17)" + std::string(yy) + "0101";
    auto r = parse(s, ParseOptions{.reference_year = reference});
    return r ? r->expiry->year : -1;
  };
  EXPECT_EQ(year("26", 2026), 2026);
  EXPECT_EQ(year("76", 2026), 2076);  // +50: this century
  EXPECT_EQ(year("77", 2026), 1977);  // +51: the previous one
  EXPECT_EQ(year("00", 2026), 2000);
  EXPECT_EQ(year("30", 2090), 2130);  // -60: the next one
  EXPECT_EQ(year("41", 2090), 2041);  // -49: still this century
  EXPECT_EQ(year("40", 2090), 2140);  // -50: the next one
}

TEST(UdiGs1, ExpiryDateAndTime) {
  auto r = p("(01)00614141999996(7003)2702281430");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->expiry->iso(), "2027-02-28T14:30");
  auto e = failure("(01)00614141999996(7003)2702282430");
  EXPECT_EQ(e.position, 30u);
  EXPECT_EQ(e.reason, "hour 24 is not 00..23");
  e = failure("(01)00614141999996(7003)2702001430");  // no day 00 with a time
  EXPECT_EQ(e.position, 28u);
  // Raw: 7003 is not of predefined length, so a separator must follow it.
  const std::string raw = std::string("0100614141999996") + "70032702281430" + kGs + "10L1";
  r = p(raw);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->lot, "L1");
}

TEST(UdiGs1, CountsAndOtherAis) {
  auto r = p("(01)00614141999996(30)12(240)REF-1(250)SEC(251)SRC(22)CPV(8020)R1(3103)001250");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->quantity, 12u);
  EXPECT_EQ(r->elements().size(), 8u);
  EXPECT_EQ(r->find("3103")->value, "001250");
  r = p("(02)00614141999996(37)24");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->quantity, 24u);
  EXPECT_EQ(r->di, "00614141999996");
}

TEST(UdiGs1, UnknownAi) {
  auto e = failure("(01)00614141999996(23)X");
  EXPECT_EQ(e.position, 19u);
  EXPECT_EQ(e.reason, "unknown Application Identifier (23)");
  e = failure("0100614141999996231X");
  EXPECT_EQ(e.position, 16u);
  EXPECT_EQ(e.reason, "unknown Application Identifier 231");
  e = failure("(01)00614141999996(3106)000100");  // six decimals: no such AI
  EXPECT_EQ(e.position, 19u);
}

TEST(UdiGs1, DuplicateAis) {
  auto r = p("(01)00614141999996(10)A(10)A");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->elements().size(), 2u);
  const auto e = failure("(01)00614141999996(10)A(10)B");
  EXPECT_EQ(e.position, 23u);
  EXPECT_EQ(e.reason, "AI (10) appears again with different data (first at position 18)");
}

TEST(UdiGs1, Associations) {
  auto e = failure("(10)LOT");
  EXPECT_EQ(e.position, 0u);
  EXPECT_EQ(e.reason, "AI (10) needs a trade item to belong to: AI (01), (02) or (8006)");
  e = failure("(01)00614141999996(02)00614141999996(37)1");
  EXPECT_EQ(e.reason, "AI (02) may not appear with AI (01)");
  e = failure("(02)00614141999996");
  EXPECT_EQ(e.reason, "AI (02) needs AI (37), the count of trade items contained");
  EXPECT_TRUE(p("(00)106141411234567897"));  // an SSCC alone is complete
}

TEST(UdiGs1, CharacterSet82) {
  auto e = failure("(01)00614141999996(10)A B");
  EXPECT_EQ(e.position, 23u);
  EXPECT_EQ(e.reason, "a space is not in the GS1 AI encodable character set 82 (AI (10))");
  e = failure("(01)00614141999996(10)A#");
  EXPECT_EQ(e.position, 23u);
  e = failure("(01)00614141999996(10)\xc3\xa9");
  EXPECT_EQ(e.reason, "byte 0xC3 is not in the GS1 AI encodable character set 82 (AI (10))");
  EXPECT_TRUE(p("(01)00614141999996(10)!\"%&'*+,-./:;<=>?_az"));
  // Spaces between human-readable elements are not data.
  auto r = p("(01)00614141999996 (10)L1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->lot, "L1");
}

TEST(UdiGs1, TruncatedInput) {
  for (std::string_view s : {"(", "(0", "(01", "(01)", "(01)0061414199999", "01", "0100614", "]d2",
                             "]C", "(01)00614141999996(1",
                             "0100614141999996"
                             "1"}) {
    auto r = p(s);
    ASSERT_FALSE(r) << s;
    EXPECT_LE(r.error().position, s.size()) << s;
  }
  EXPECT_EQ(failure("(01)0061414199999").position, 17u);
  EXPECT_EQ(failure("(01)").reason, "AI (01) needs exactly 14 digits of data, found 0");
  EXPECT_EQ(failure("0100614141999996"
                    "1")
                .reason,
            "expected the digits of an Application Identifier, found the end");
}

TEST(UdiGs1, NotAUdiAtAll) {
  EXPECT_EQ(failure("").position, 0u);
  EXPECT_EQ(failure("hello").reason,
            "expected '(' or a digit (GS1), '+' (HIBCC) or a symbology identifier ']', found 'h'");
  EXPECT_EQ(failure("]X9abc").position, 3u);
  EXPECT_EQ(failure(std::string("01006141419") + kGs + "99996").reason,
            "expected a digit (AI (01) is numeric here), found a group separator (ASCII 29)");
}

TEST(UdiGs1, JsonRendering) {
  auto r = p("(01)00614141999996(11)250115(17)270228(10)L1(21)S1(30)5");
  ASSERT_TRUE(r);
  const auto j = to_json(*r);
  EXPECT_EQ(j["issuer"], "GS1");
  EXPECT_EQ(j["di"], "00614141999996");
  EXPECT_EQ(j["production_date"], "2025-01-15");
  EXPECT_EQ(j["expiry"], "2027-02-28");
  EXPECT_EQ(j["quantity"], 5);
  ASSERT_EQ(j["elements"].size(), 6u);
  EXPECT_EQ(j["elements"][0]["ai"], "01");
  EXPECT_EQ(j["elements"][0]["name"], "GTIN");
  EXPECT_EQ(j["elements"][0]["position"], 4);
}

}  // namespace
}  // namespace riskloop::udi
