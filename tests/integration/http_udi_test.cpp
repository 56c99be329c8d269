// POST /api/v1/udi/parse: the same JSON as `riskloop udi parse`, 422 problems with the position
// and reason, authentication and roles.
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpUdi : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auth_ = bearer(token("admin@a.example", "org-a"));
  }
  Headers auth_;
};

TEST_F(HttpUdi, ParsesGs1AndHibcc) {
  auto c = client();
  auto r = c.post("/api/v1/udi/parse", {{"code", "(01)00614141999996(17)270200(10)LOT-7(21)S1"}},
                  auth_);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = r.json();
  EXPECT_EQ(j["issuer"], "GS1");
  EXPECT_EQ(j["di"], "00614141999996");
  EXPECT_EQ(j["lot"], "LOT-7");
  EXPECT_EQ(j["serial"], "S1");
  EXPECT_EQ(j["expiry"], "2027-02-28");
  EXPECT_EQ(j["elements"].size(), 4u);
  EXPECT_EQ(j["elements"][1]["ai"], "17");

  // The raw form with a group separator, as a scanner sends it.
  r = c.post("/api/v1/udi/parse", {{"code", "]d2010061414199999610LOT\u001d21S1"}}, auth_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["lot"], "LOT");

  r = c.post("/api/v1/udi/parse", {{"code", "+A99912345/$$52001510X3/16D20111212/S77DE1G45-"}},
             auth_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["issuer"], "HIBCC");
  EXPECT_EQ(r.json()["labeler"], "A999");
  EXPECT_EQ(r.json()["expiry"], "2020-01-15");
  EXPECT_EQ(r.json()["serial"], "77DE1G45");
}

TEST_F(HttpUdi, InvalidCodesAreProblemsNamingThePosition) {
  auto c = client();
  auto r = c.post("/api/v1/udi/parse", {{"code", "(01)00614141999994"}}, auth_);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(r.json()["code"], "validation");
  EXPECT_EQ(r.json()["field"], "/code");
  EXPECT_EQ(r.json()["position"], 17);
  EXPECT_EQ(r.json()["reason"], "check digit is 4, expected 6 (GTIN-14 mod 10)");
  EXPECT_EQ(r.json()["detail"], "at position 17: check digit is 4, expected 6 (GTIN-14 mod 10)");

  r = c.post("/api/v1/udi/parse", {{"code", "+A123BJC5D6E71H"}}, auth_);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["position"], 14);

  EXPECT_EQ(c.post("/api/v1/udi/parse", {{"code", 17}}, auth_).status, 422);
  EXPECT_EQ(c.post("/api/v1/udi/parse", nlohmann::json::object(), auth_).status, 422);
  EXPECT_EQ(c.post("/api/v1/udi/parse", {{"code", "(01)00614141999996"}, {"x", 1}}, auth_).status,
            422);
  EXPECT_EQ(
      c.post("/api/v1/udi/parse", {{"code", std::string(5000, '1')}}, auth_).json()["detail"],
      "at most 4096 characters");
}

TEST_F(HttpUdi, NeedsAuthenticationAndAnyReadingRoleMayUseIt) {
  auto c = client();
  EXPECT_EQ(c.post("/api/v1/udi/parse", {{"code", "(01)00614141999996"}}, {}).status, 401);
  for (const auto role : {Role::auditor, Role::partner, Role::vigilance}) {
    const std::string email = std::string(name_of(role)) + "@a.example";
    add_member("org-a", email, role);
    EXPECT_EQ(c.post("/api/v1/udi/parse", {{"code", "(01)00614141999996"}},
                     bearer(token(email, "org-a")))
                  .status,
              200)
        << name_of(role);
  }
  // The API describes it.
  const auto doc = c.get("/api/v1/openapi.json", {}).json();
  EXPECT_TRUE(doc["paths"].contains("/api/v1/udi/parse"));
}

}  // namespace
}  // namespace riskloop::testing
