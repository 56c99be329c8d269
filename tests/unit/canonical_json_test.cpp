// Canonical JSON: the encoding the journal hashes (docs/journal.md section 2).
#include <gtest/gtest.h>

#include "formats/json/canonical_json.hpp"

namespace riskloop::formats {
namespace {

TEST(CanonicalJson, SortsKeysByBytesAndDropsWhitespace) {
  const auto v = nlohmann::json::parse(R"({ "b": 1, "a": [true, null, "x"], "B": {"z": 0, "y": -5} })");
  EXPECT_EQ(canonical_json(v), R"({"B":{"y":-5,"z":0},"a":[true,null,"x"],"b":1})");
}

TEST(CanonicalJson, EscapesOnlyWhatItMust) {
  std::string out;
  append_canonical_string(out, "q\"b\\/\b\t\n\f\r\x01\x7f é支");
  EXPECT_EQ(out, "\"q\\\"b\\\\/\\b\\t\\n\\f\\r\\u0001\\u007f é支\"");
}

TEST(CanonicalJson, RealsUseShortestRoundTripForm) {
  auto enc = [](double d) {
    std::string s;
    append_canonical_double(s, d);
    return s;
  };
  EXPECT_EQ(enc(0.5), "0.5");
  EXPECT_EQ(enc(0.001), "0.001");
  EXPECT_EQ(enc(1e-7), "1e-07");
  EXPECT_EQ(enc(2.5e-5), "2.5e-05");
  EXPECT_EQ(enc(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(enc(-3.0), "-3");
}

TEST(CanonicalJson, SameValueSameTextWhateverTheInputOrder) {
  const auto a = nlohmann::json::parse(R"({"x":{"b":2,"a":1},"y":[1,2]})");
  const auto b = nlohmann::json::parse(R"({"y":[1,2],"x":{"a":1,"b":2}})");
  EXPECT_EQ(canonical_json(a), canonical_json(b));
}

}  // namespace
}  // namespace riskloop::formats
