// The field-list driven JSON codec: API output, canonical payloads, strict input decoding.
#include <gtest/gtest.h>

#include "core/accounts.hpp"
#include "core/product.hpp"
#include "core/risk/residual_estimate.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::formats {
namespace {

Product sample_product() {
  Product p;
  p.header = {"0197a", "org1", 3, *parse_timestamp("2026-01-02T03:04:05.006Z"),
              *parse_timestamp("2026-01-02T03:04:05.007Z")};
  p.name = "Stent \"X\"";
  p.family = "Coronary";
  p.model = "FH-3.0";
  p.description = "line 1\nline 2";
  return p;
}

TEST(RecordJson, CanonicalPayloadListsHeaderAndFieldsSorted) {
  EXPECT_EQ(canonical_payload(sample_product()),
            R"({"created_at":"2026-01-02T03:04:05.006Z","description":"line 1\nline 2",)"
            R"("family":"Coronary","id":"0197a","model":"FH-3.0","name":"Stent \"X\"",)"
            R"("org_id":"org1","updated_at":"2026-01-02T03:04:05.007Z","version":3})");
}

// Fields added to a record type after records of it were journaled (kAddedLater) stay out of the
// payload while empty, so entries written before the field existed still match their rows.
TEST(RecordJson, EmptyFieldsAddedLaterStayOutOfThePayload) {
  risk::ResidualEstimate r;
  r.header = {"r1", "org1", 1, *parse_timestamp("2026-01-02T03:04:05.006Z"),
              *parse_timestamp("2026-01-02T03:04:05.006Z")};
  r.risk_file_id = "f1";
  r.situation_harm_id = "p1";
  r.p1 = 0.001;
  r.p2 = 0.5;
  r.severity_rank = 4;
  r.rationale = "after control";
  // The payload a residual estimate had before migration 7 gave it consequences and
  // severity_control_id.
  EXPECT_EQ(canonical_payload(r),
            R"({"created_at":"2026-01-02T03:04:05.006Z","id":"r1","org_id":"org1","p1":0.001,)"
            R"("p2":0.5,"probability_not_estimable":false,"rationale":"after control",)"
            R"("risk_file_id":"f1","severity_rank":4,"situation_harm_id":"p1","source":"expert",)"
            R"("updated_at":"2026-01-02T03:04:05.006Z","version":1})");
  r.severity_control_id = "c1";
  EXPECT_NE(canonical_payload(r).find(R"("severity_control_id":"c1")"), std::string::npos);
  EXPECT_EQ(to_json(r)["consequences"], "");  // the API always shows the field
}

TEST(RecordJson, SecretsAreDigestedInPayloadAndHiddenFromApi) {
  User u;
  u.header.id = "u1";
  u.email = "a@example.org";
  u.password_hash = "$argon2id$secret";
  const auto payload = canonical_payload(u);
  EXPECT_EQ(payload.find("argon2id"), std::string::npos);
  EXPECT_NE(payload.find("\"password_hash\":\"sha256:" + sha256_hex("$argon2id$secret") + "\""),
            std::string::npos);
  const auto api = to_json(u);
  EXPECT_FALSE(api.contains("password_hash"));
  EXPECT_EQ(api["status"], "active");
}

TEST(RecordJson, OptionalFieldsAreNullWhenEmpty) {
  ApiToken t;
  const auto payload = canonical_payload(t);
  EXPECT_NE(payload.find("\"expires_at\":null"), std::string::npos);
  EXPECT_NE(payload.find("\"revoked_at\":null"), std::string::npos);
}

TEST(DecodeFields, OverlaysOnlyPresentMembers) {
  ProductInput in{"old name", "fam", "m", "d"};
  ASSERT_TRUE(decode_fields(nlohmann::json::parse(R"({"name":"new"})"), in));
  EXPECT_EQ(in.name, "new");
  EXPECT_EQ(in.family, "fam");
}

TEST(DecodeFields, RejectsUnknownMembersWithTheirPointer) {
  ProductInput in;
  const auto r = decode_fields(nlohmann::json::parse(R"({"name":"x","colour":"red"})"), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::validation);
  EXPECT_EQ(r.error().location, "/colour");
  EXPECT_NE(r.error().message.find("allowed: description, family, model, name"), std::string::npos);
}

TEST(DecodeFields, RejectsWrongTypes) {
  ProductInput in;
  auto r = decode_fields(nlohmann::json::parse(R"({"name":42})"), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/name");
  EXPECT_EQ(r.error().message, "must be a string, not an integer");

  r = decode_fields(nlohmann::json::parse(R"([1])"), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "must be a JSON object, not an array");
}

struct RoleOnly {
  Role role = Role::auditor;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("role", s.role);
  }
};

TEST(DecodeFields, ChecksEnumNames) {
  RoleOnly in;
  const auto r = decode_fields(nlohmann::json::parse(R"({"role":"superuser"})"), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "must be one of admin, risk_manager, engineer, quality, regulatory, vigilance, "
            "auditor or partner");
}

TEST(ParseJsonBody, ReportsSyntaxEncodingAndDepth) {
  auto r = parse_json_body("{\"name\": ");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::malformed);
  EXPECT_NE(r.error().message.find("invalid JSON at byte"), std::string::npos);

  r = parse_json_body("{\"name\": \"\xff\"}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the request body is not valid UTF-8");

  r = parse_json_body(std::string(100, '[') + std::string(100, ']'));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("deeper than 32 levels"), std::string::npos);

  // Brackets inside strings do not count as nesting.
  EXPECT_TRUE(parse_json_body("{\"x\": \"" + std::string(100, '[') + "\"}"));

  // A number too large for a double is refused as bad input (found by fuzzing: it escaped as an
  // exception), and its digits are not echoed without bound.
  r = parse_json_body("{\"mex\":1e00444488888888888188888" + std::string(500, '8') + "}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::malformed);
  EXPECT_EQ(r.error().message.rfind("invalid JSON: number overflow parsing '1e0044448888", 0), 0u)
      << r.error().message;
  EXPECT_LE(r.error().message.size(), 100u);
}

}  // namespace
}  // namespace riskloop::formats

namespace riskloop::formats {
namespace {

struct Level {
  std::int64_t rank = 0;
  std::string name;
  std::optional<double> max;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("rank", s.rank);
    v("name", s.name);
    v("max", s.max);
  }
};

struct Scale {
  std::vector<Level> levels;
  std::vector<std::string> tags;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("levels", s.levels);
    v("tags", s.tags);
  }
};

TEST(ListFields, RoundTripThroughJsonWithPreciseErrors) {
  Scale in;
  ASSERT_TRUE(decode_fields(
      nlohmann::json::parse(R"({"levels":[{"rank":1,"name":"Remote","max":1e-5},{"rank":2,"name":"Frequent"}],"tags":["a","b"]})"),
      in));
  ASSERT_EQ(in.levels.size(), 2u);
  EXPECT_EQ(in.levels[0].max, 1e-5);
  EXPECT_FALSE(in.levels[1].max);
  EXPECT_EQ(fields_to_json(in)["levels"][1]["name"], "Frequent");

  const auto bad = decode_fields(
      nlohmann::json::parse(R"({"levels":[{"rank":1,"name":"x"},{"rank":"2","name":"y"}]})"), in);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().location, "/levels/1/rank");

  const auto unknown =
      decode_fields(nlohmann::json::parse(R"({"levels":[{"rank":1,"nme":"x"}]})"), in);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().location, "/levels/0/nme");
}

}  // namespace
}  // namespace riskloop::formats
