// Tenant isolation and roles over HTTP: another organization's records (accounts, products, risk
// files and every item in them) don't exist for you, on every route that names a record;
// auditors can't write; partners see only what is shared.
#include <map>

#include "core/field_copy.hpp"
#include "http/router.hpp"
#include "tests/integration/http_fixture.hpp"
#include "tests/integration/risk_records.hpp"

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

TEST_F(HttpIsolation, RecordsOfAnotherOrganizationAreNotFoundOnEveryRoute) {
  // Organization B gets one record of every kind.
  const auto b = bearer(token("admin@b.example", "org-b"));
  auto c = client();
  const auto product =
      c.post("/api/v1/products", {{"name", "Secret B device"}, {"model", "B-SECRET-42"}}, b);
  ASSERT_EQ(product.status, 201);
  const auto member = c.post("/api/v1/users",
                             {{"email", "engineer@b.example"},
                              {"display_name", "B Engineer"},
                              {"password", kPassword},
                              {"role", "engineer"}},
                             b);
  ASSERT_EQ(member.status, 201) << member.body;
  const auto partner = c.post("/api/v1/users",
                              {{"email", "partner@b.example"},
                               {"display_name", "B Partner"},
                               {"password", kPassword},
                               {"role", "partner"}},
                              b);
  ASSERT_EQ(partner.status, 201) << partner.body;
  const auto share = c.post("/api/v1/shares",
                            {{"shared_entity", "product"},
                             {"shared_id", product.json()["id"]},
                             {"user_id", partner.json()["id"]}},
                            b);
  ASSERT_EQ(share.status, 201) << share.body;
  const auto tok = c.post("/api/v1/tokens", {{"name", "B secret token"}, {"expires_in_days", 30}}, b);
  ASSERT_EQ(tok.status, 201);
  const auto measurements = c.request(
      "POST", "/api/v1/measurement-imports",
      "product_id,lot,characteristic,value,unit,measured_at\n" +
          product.json()["id"].get<std::string>() + ",B-LOT,width,1.5,mm,2026-11-25T09:00:00Z\n",
      b + Headers{{"Content-Type", "text/csv"}});
  ASSERT_EQ(measurements.status, 201) << measurements.body;
  const auto measurement = c.get("/api/v1/process-measurements", b);
  ASSERT_EQ(measurement.json()["items"].size(), 1u) << measurement.body;

  // An invitation of B to an account of a third organization.
  auto op = app_->auth().operator_principal("test", "", "");
  ASSERT_TRUE(op);
  ASSERT_TRUE(app_->accounts().bootstrap(*op, {"Org C", "org-c"},
                                         {"carol@c.example", "Carol C", kPassword, Role::admin}));
  const auto invitation =
      c.post("/api/v1/users", {{"email", "carol@c.example"}, {"role", "auditor"}}, b);
  ASSERT_EQ(invitation.status, 202) << invitation.body;

  // And one record of every risk kind.
  const auto b_admin = app_->auth().operator_principal("test", org_b_, "admin@b.example");
  ASSERT_TRUE(b_admin);
  const auto risk = make_risk_records(*app_, *b_admin, kPassword, "Secret B");

  // The id of B's record for each route, by the path up to its first parameter.
  const std::map<std::string, std::string> ids = {
      {"/api/v1/organizations/", org_b_},
      {"/api/v1/users/", member.json()["id"]},
      {"/api/v1/memberships/", member.json()["membership"]["id"]},
      {"/api/v1/tokens/", tok.json()["id"]},
      {"/api/v1/invitations/", invitation.json()["id"]},
      {"/api/v1/me/invitations/", invitation.json()["id"]},
      {"/api/v1/shares/", share.json()["id"]},
      {"/api/v1/products/", product.json()["id"]},
      {"/api/v1/risk-policies/", risk.policy},
      {"/api/v1/risk-files/", risk.file},
      {"/api/v1/hazards/", risk.hazard},
      {"/api/v1/hazardous-situations/", risk.situation},
      {"/api/v1/harms/", risk.harm},
      {"/api/v1/hazard-situation-links/", risk.hazard_situation},
      {"/api/v1/risks/", risk.risk},
      {"/api/v1/controls/", risk.control},
      {"/api/v1/control-links/", risk.control_link},
      {"/api/v1/introduced-hazards/", risk.introduced_hazard},
      {"/api/v1/residual-estimates/", risk.residual},
      {"/api/v1/reviews/", risk.review},
      {"/api/v1/operational-risks/", risk.operational},
      {"/api/v1/suppliers/", risk.supplier},
      {"/api/v1/measurement-imports/", measurements.json()["id"]},
      {"/api/v1/process-measurements/", measurement.json()["items"][0]["id"]},
  };
  // A valid body for each route that takes one, so only the record's owner decides the answer.
  const nlohmann::json sig = {{"password", kPassword}, {"meaning", "approval"}};
  const auto default_policy =
      formats::fields_to_json(input_of<risk::RiskPolicyInput>(risk::default_policy()));
  const nlohmann::json file_body = {
      {"product_id", risk.product}, {"title", "Taken over"}, {"policy_id", risk.policy}};
  const std::map<std::string, nlohmann::json> bodies = {
      {"PUT /api/v1/products/{id}", {{"name", "Taken over"}}},
      {"PATCH /api/v1/products/{id}", {{"name", "Taken over"}}},
      {"PATCH /api/v1/users/{id}", {{"display_name", "Taken over"}}},
      {"POST /api/v1/users/{id}/password", {{"new_password", "a brand new password"}}},
      {"PATCH /api/v1/memberships/{id}", {{"role", "admin"}}},
      {"PUT /api/v1/risk-policies/{id}", default_policy},
      {"PATCH /api/v1/risk-policies/{id}", {{"name", "Taken over"}}},
      {"POST /api/v1/risk-policies/{id}/approve", {{"signature", sig}}},
      {"PUT /api/v1/risk-files/{id}", file_body},
      {"PATCH /api/v1/risk-files/{id}", {{"title", "Taken over"}}},
      {"POST /api/v1/risk-files/{id}/gate-decisions",
       {{"stage", "design"}, {"outcome", "rejected"}, {"rationale", "x"}, {"signature", sig}}},
      {"POST /api/v1/risk-files/{id}/benefit-risk",
       {{"situation_harm_id", risk.risk},
        {"benefits", "x"},
        {"data_reviewed", "x"},
        {"rationale", "x"},
        {"signature", sig}}},
      {"POST /api/v1/risk-files/{id}/overall-residual-risk",
       {{"method", "x"}, {"benefits", "x"}, {"rationale", "x"}, {"signature", sig}}},
      {"POST /api/v1/risk-files/{id}/policy-migration",
       {{"to_policy_id", risk.policy}, {"to_policy_version", 1}, {"rationale", "x"}}},
      {"PUT /api/v1/operational-risks/{id}", {{"title", "Taken over"}, {"owner", "x"}}},
      {"PATCH /api/v1/operational-risks/{id}", {{"title", "Taken over"}}},
      {"PUT /api/v1/suppliers/{id}",
       {{"name", "Taken over"}, {"country", "DE"}, {"supplied_items", {"x"}}}},
      {"PATCH /api/v1/suppliers/{id}", {{"name", "Taken over"}}},
  };
  // Item bodies: valid for every item type (links name B's own items).
  const nlohmann::json item_body = {{"title", "Taken over"}};
  const std::map<std::string, nlohmann::json> item_bodies = {
      {"hazard-situation-links", {{"hazard_id", risk.hazard}, {"situation_id", risk.situation}}},
      {"risks", {{"situation_id", risk.situation}, {"harm_id", risk.harm}}},
      {"control-links", {{"control_id", risk.control}, {"situation_harm_id", risk.risk}}},
      {"introduced-hazards", {{"control_id", risk.control}, {"hazard_id", risk.hazard}}},
      {"residual-estimates",
       {{"situation_harm_id", risk.risk},
        {"p1", 0.001},
        {"p2", 0.1},
        {"severity_rank", 4},
        {"rationale", "x"}}},
      {"reviews", nlohmann::json::object()},
  };
  const auto body_for = [&](const std::string& method, const std::string& pattern) {
    if (const auto it = bodies.find(method + " " + pattern); it != bodies.end())
      return it->second.dump();
    if (pattern.ends_with("/retire")) return nlohmann::json{{"rationale", "x"}}.dump();
    if (method == "GET" || method == "DELETE" || pattern.ends_with("/revise") ||
        pattern.ends_with("/reinstate") || pattern.ends_with("/import"))
      return std::string();  // an empty import is a sheet, read only once the file is found
    // /api/v1/<items>/{id} or /api/v1/risk-files/{file}/<items>
    std::string items = pattern.substr(8);
    items = items.rfind("risk-files/{file}/", 0) == 0 ? items.substr(18)
                                                      : items.substr(0, items.find('/'));
    const auto it = item_bodies.find(items);
    return (it == item_bodies.end() ? item_body : it->second).dump();
  };
  // Routes that need a query to get past their own checks.
  const std::map<std::string, std::string> queries = {
      {"/api/v1/risk-files/{id}/gate", "?stage=design"},
      {"/api/v1/risk-files/{id}/migration-preview", "?policy_id=" + risk.policy + "&version=1"},
  };

  const auto a = bearer(token("admin@a.example", "org-a"));
  const auto journal_before = journal_count();
  int checked = 0;
  const auto table = http::api_routes();
  for (const auto& route : table.routes()) {
    const std::string pattern(route.spec.pattern);
    const auto open = pattern.find('{');
    if (open == std::string::npos) continue;
    const auto id = ids.find(pattern.substr(0, open));
    ASSERT_NE(id, ids.end()) << "no record of organization B for " << pattern
                             << ": add one to this test";
    std::string target = pattern;
    target.replace(open, pattern.find('}') - open + 1, id->second);
    if (const auto q = queries.find(pattern); q != queries.end()) target += q->second;
    const std::string method(http::method_name(route.spec.method));
    const auto r = c.request(method, target, body_for(method, pattern), a + if_match(1));
    SCOPED_TRACE(method + " " + target);
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.json()["code"], "not_found");
    for (const char* secret : {"Secret B", "B-SECRET-42", "engineer@b.example", "B Engineer",
                               "B secret token", "Org B", "org-b"})
      EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " leaked: " << r.body;
    ++checked;
  }
  EXPECT_GE(checked, 12 + 80);
  EXPECT_EQ(journal_count(), journal_before);

  // Nothing of B changed.
  const auto still = c.get("/api/v1/products/" + product.json()["id"].get<std::string>(), b);
  EXPECT_EQ(still.json()["version"], 1);
  EXPECT_EQ(still.json()["name"], "Secret B device");
  const auto user = c.get("/api/v1/users/" + member.json()["id"].get<std::string>(), b);
  EXPECT_EQ(user.json()["display_name"], "B Engineer");
  EXPECT_EQ(user.json()["membership"]["role"], "engineer");
  EXPECT_EQ(c.get("/api/v1/products", bearer(tok.json()["secret"])).status, 200);  // not revoked
  EXPECT_EQ(c.get("/api/v1/shares", b).json()["items"].size(), 1u);

  // Lists show only A's records.
  const auto listed = c.get("/api/v1/products", a);
  EXPECT_EQ(listed.json()["items"].size(), 0u);
  EXPECT_EQ(c.get("/api/v1/journal", a).body.find("Secret B device"), std::string::npos);
  EXPECT_EQ(c.get("/api/v1/users", a).body.find("engineer@b.example"), std::string::npos);
}

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
