// Tenant isolation and roles over HTTP, in detail: auditors can't write and are told why; partners
// see only what is shared. (Every route, role and scope: http_authorization_test.cpp.)
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpIsolation : public HttpTest {
 protected:
  // A product of org-a, made by `admin` and shared with the partner `partner_id`; its id.
  std::string shared_product(HttpClient& c, const Headers& admin, const std::string& partner_id) {
    const auto id =
        c.post("/api/v1/products", {{"name", "Shared"}}, admin).json()["id"].get<std::string>();
    EXPECT_EQ(c.post("/api/v1/shares",
                     {{"shared_entity", "product"}, {"shared_id", id}, {"user_id", partner_id}},
                     admin)
                  .status,
              201);
    return id;
  }
};

TEST_F(HttpIsolation, AuditorsReadButCannotWrite) {
  add_member("org-a", "auditor@a.example", Role::auditor);
  const auto admin = bearer(token("admin@a.example", "org-a"));
  const auto auditor = bearer(token("auditor@a.example", "org-a"));
  auto c = client();
  const auto p = c.post("/api/v1/products", {{"name", "Device"}}, admin);
  ASSERT_EQ(p.status, 201);
  const auto url = "/api/v1/products/" + p.json()["id"].get<std::string>();
  const auto before = journal_count();

  EXPECT_EQ(c.get(url, auditor).status, 200);
  EXPECT_EQ(c.get("/api/v1/journal", auditor).status, 200);
  for (const auto& r :
       {c.post("/api/v1/products", {{"name", "X"}}, auditor),
        c.request("PUT", url, R"({"name":"X"})", auditor + if_match(1)),
        c.request("PATCH", url, R"({"name":"X"})", auditor + if_match(1)),
        c.request("DELETE", url, {}, auditor + if_match(1)),
        c.post("/api/v1/users",
               {{"email", "x@a.example"}, {"password", kPassword}, {"display_name", "X"}}, auditor),
        c.post("/api/v1/organizations", {{"name", "Mine"}, {"slug", "mine"}}, auditor)}) {
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json()["code"], "forbidden");
    EXPECT_NE(r.json()["detail"].get<std::string>().find("auditor"), std::string::npos) << r.body;
  }
  EXPECT_EQ(journal_count(), before);
}

TEST_F(HttpIsolation, PartnersSeeOnlySharedProducts) {
  const auto partner_id = add_member("org-a", "partner@p.example", Role::partner);
  const auto admin = bearer(token("admin@a.example", "org-a"));
  const auto partner = bearer(token("partner@p.example", "org-a"));
  auto c = client();
  const auto shared = shared_product(c, admin, partner_id);
  const auto hidden =
      c.post("/api/v1/products", {{"name", "Hidden"}}, admin).json()["id"].get<std::string>();

  const auto list = c.get("/api/v1/products", partner);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["id"], shared);
  EXPECT_EQ(c.get("/api/v1/products/" + shared, partner).status, 200);
  const auto other = c.get("/api/v1/products/" + hidden, partner);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("Hidden"), std::string::npos);
  EXPECT_EQ(c.get("/api/v1/journal", partner).status, 403);
  EXPECT_EQ(c.get("/api/v1/users", partner).status, 403);
  EXPECT_EQ(c.get("/api/v1/shares", partner).json()["items"].size(), 1u);
}

TEST_F(HttpIsolation, PartnersSeeOnlyThePoliciesOfTheirSharedFiles) {
  const auto partner_id = add_member("org-a", "partner@p.example", Role::partner);
  const auto admin = bearer(token("admin@a.example", "org-a"));
  const auto partner = bearer(token("partner@p.example", "org-a"));
  auto c = client();
  const auto shared = shared_product(c, admin, partner_id);
  const auto pinned = c.request("POST", "/api/v1/risk-policies", {}, admin).json();
  const auto other = c.request("POST", "/api/v1/risk-policies", {}, admin).json();
  ASSERT_TRUE(pinned.contains("id")) << pinned.dump();
  const auto file = c.post("/api/v1/risk-files",
                           {{"product_id", shared},
                            {"title", "Shared file"},
                            {"policy_id", pinned["policy_id"]},
                            {"policy_version", pinned["policy_version"]}},
                           admin);
  ASSERT_EQ(file.status, 201) << file.body;

  const auto list = c.get("/api/v1/risk-policies", partner);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["id"], pinned["id"]);
  EXPECT_EQ(c.get("/api/v1/risk-policies/" + pinned["id"].get<std::string>(), partner).status, 200);
  EXPECT_EQ(c.get("/api/v1/risk-policies/" + other["id"].get<std::string>(), partner).status, 404);
  // Everyone else still sees every policy of the organization.
  EXPECT_EQ(c.get("/api/v1/risk-policies", admin).json()["items"].size(), 2u);
}

}  // namespace
}  // namespace riskloop::testing
