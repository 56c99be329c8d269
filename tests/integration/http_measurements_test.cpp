// Process measurements over HTTP: CSV import in journaled batches, progress, lists, proofs, roles.
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpMeasurements : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auth_ = bearer(token("admin@a.example", "org-a"));
    auto c = client();
    const auto product = c.post("/api/v1/products", {{"name", "Stent"}}, auth_);
    ASSERT_EQ(product.status, 201) << product.body;
    product_ = product.json()["id"].get<std::string>();
  }
  std::string csv(int rows) const {
    std::string out = "product_id,lot,characteristic,value,unit,measured_at\n";
    for (int i = 0; i < rows; ++i)
      out += product_ + ",L" + std::to_string(i % 2) + ",diameter," + std::to_string(3 + i / 100.0) +
             ",mm,2026-11-25T09:00:00Z\n";
    return out;
  }
  Headers auth_;
  std::string product_;
};

TEST_F(HttpMeasurements, ImportListProveAndImportAgain) {
  auto c = client();
  const Headers csv_type{{"Content-Type", "text/csv"}};
  const auto before = journal_count();
  const auto imported =
      c.request("POST", "/api/v1/measurement-imports?name=line1.csv", csv(12), auth_ + csv_type);
  ASSERT_EQ(imported.status, 201) << imported.body;
  const auto run = imported.json();
  EXPECT_EQ(run["rows_done"], 12);
  EXPECT_EQ(run["total_rows"], 12);
  EXPECT_EQ(run["status"], "completed");
  EXPECT_EQ(run["source_name"], "line1.csv");
  EXPECT_EQ(journal_count(), before + 1);  // one batch entry for 12 rows
  const auto id = run["id"].get<std::string>();
  EXPECT_EQ(imported.header("Location"), "/api/v1/measurement-imports/" + id);
  EXPECT_EQ(c.get("/api/v1/measurement-imports/" + id, auth_).json()["rows_done"], 12);

  const auto again =
      c.request("POST", "/api/v1/measurement-imports?name=line1.csv", csv(12), auth_ + csv_type);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["id"], id);
  EXPECT_EQ(journal_count(), before + 1);

  const auto page = c.get("/api/v1/process-measurements?lot=L1&limit=4", auth_);
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.json()["items"].size(), 4u);
  EXPECT_EQ(page.json()["items"][0]["lot"], "L1");
  const auto next = page.json()["next"].get<std::string>();
  const auto rest = c.get("/api/v1/process-measurements?lot=L1&limit=4&after=" + next, auth_);
  EXPECT_EQ(rest.json()["items"].size(), 2u);
  EXPECT_TRUE(rest.json()["next"].is_null());

  const auto row = page.json()["items"][1]["id"].get<std::string>();
  const auto proof = c.get("/api/v1/process-measurements/" + row + "/proof", auth_);
  ASSERT_EQ(proof.status, 200) << proof.body;
  EXPECT_EQ(proof.json()["verified"], true);
  EXPECT_EQ(proof.json()["tree_size"], 12);
  // 12 leaves: a complete tree of 8 on the left (paths of 4), one of 4 on the right (3).
  EXPECT_EQ(proof.json()["path"].size(), proof.json()["leaf_index"].get<int>() < 8 ? 4u : 3u);
  EXPECT_EQ(c.get("/api/v1/process-measurements/nope/proof", auth_).status, 404);
}

TEST_F(HttpMeasurements, ABadFileIsRefusedWithEveryBadRowAndRolesApply) {
  auto c = client();
  const Headers csv_type{{"Content-Type", "text/csv"}};
  const auto before = journal_count();
  const auto bad = c.request("POST", "/api/v1/measurement-imports",
                             "product_id,lot,characteristic,value,unit,measured_at\n" + product_ +
                                 ",L1,diameter,abc,mm,2026-11-25T09:00:00Z\n",
                             auth_ + csv_type);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["issues"][0]["row"], 2);
  EXPECT_EQ(bad.json()["issues"][0]["column"], "value");
  EXPECT_EQ(bad.json()["written"], false);
  EXPECT_EQ(journal_count(), before);

  const auto json_body = c.request("POST", "/api/v1/measurement-imports", csv(1),
                                   auth_ + Headers{{"Content-Type", "application/json"}});
  EXPECT_EQ(json_body.status, 415);

  add_member("org-a", "aud@a.example", Role::auditor);
  const auto auditor = bearer(token("aud@a.example", "org-a"));
  EXPECT_EQ(c.request("POST", "/api/v1/measurement-imports", csv(1), auditor + csv_type).status, 403);
  EXPECT_EQ(c.get("/api/v1/process-measurements", auditor).status, 200);
  add_member("org-a", "par@a.example", Role::partner);
  EXPECT_EQ(c.get("/api/v1/process-measurements", bearer(token("par@a.example", "org-a"))).status,
            403);
}

}  // namespace
}  // namespace riskloop::testing
