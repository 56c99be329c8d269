// The vigilance reference data over HTTP, on SQLite and on PostgreSQL: a rule table imported as
// CSV (twice: nothing written the second time), due dates with a holiday, registrations owned by
// their product (a partner sees those of shared products only), and bad requests.
#include <gtest/gtest.h>

#include "tests/integration/http_fixture.hpp"
#include "web/web_routes.hpp"

namespace riskloop::testing {
namespace {

constexpr const char* kRules =
    "jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,citation,verified\n"
    "US,21 CFR 803,Death or serious injury,awareness,30,calendar days,803.50,yes\n"
    "US,21 CFR 803,Requires remedial action,awareness,5,work days,803.53,yes\n"
    "US,21 CFR 803,Trend,awareness,,as soon as possible,none,no\n";

class HttpVigilance : public OnEveryEngine<HttpTest> {
 protected:
  void SetUp() override {
    if (without_server()) GTEST_SKIP() << "RISKLOOP_TEST_POSTGRES_URL is not set (make test sets it)";
    HttpTest::SetUp();
    admin_ = bearer(token("admin@a.example", "org-a"));
  }
  HttpResponse import(const std::string& csv, const std::string& query = "?rule_set=t1") {
    return client().request("POST", "/api/v1/reporting-rules/import" + query, csv,
                            admin_ + Headers{{"Content-Type", "text/csv"}});
  }
  Headers admin_;
};

TEST_P(HttpVigilance, RulesImportOnceAndGiveDueDates) {
  auto r = import(kRules);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["created"], 3);
  r = import(kRules);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["unchanged"], 3);
  EXPECT_EQ(r.json()["created"], 0);

  auto c = client();
  const std::string due = "/api/v1/reporting-rules/due?jurisdiction=US&aware=2026-12-03T15:00:00.000Z";
  r = c.get(due, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json()["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["citation"], "803.53");
  EXPECT_EQ(items[0]["due"], "2026-12-10T23:59:59.999Z");
  EXPECT_EQ(items[1]["due"], "2027-01-02T23:59:59.999Z");
  EXPECT_TRUE(items[2]["due"].is_null());
  EXPECT_NE(items[2]["why_no_due"].get<std::string>().find("no fixed period"), std::string::npos);

  ASSERT_EQ(c.post("/api/v1/holidays", {{"country", "US"}, {"date", "2026-12-08"}, {"name", "X"}},
                   admin_).status, 201);
  EXPECT_EQ(c.get(due, admin_).json()["items"][0]["due"], "2026-12-11T23:59:59.999Z");
  // The same holiday twice is a conflict, not a server error.
  const auto twice =
      c.post("/api/v1/holidays", {{"country", "US"}, {"date", "2026-12-08"}, {"name", "Y"}}, admin_);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json()["detail"], "a holiday with the same country and date already exists");
  EXPECT_EQ(twice.json()["field"], "/country");
}

TEST_P(HttpVigilance, BadTablesAndQueriesSayWhatAndWhere) {
  auto r = import("jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,"
                  "citation\nUS,803,Death,aware,30,fortnights,803.50\n");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("row 2, column \"deadline_unit\""),
            std::string::npos);
  EXPECT_EQ(import(kRules, "").status, 422);  // no rule set named
  EXPECT_EQ(client()
                .request("POST", "/api/v1/reporting-rules/import?rule_set=x", kRules,
                         admin_ + Headers{{"Content-Type", "application/json"}})
                .status,
            415);
  auto c = client();
  r = c.get("/api/v1/reporting-rules/due?jurisdiction=US&aware=yesterday", admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["parameter"], "aware");
  r = c.get("/api/v1/reporting-rules/due?jurisdiction=usa&aware=2026-12-03T15:00:00.000Z", admin_);
  EXPECT_EQ(r.status, 422);
  // Rules are the organization's: an engineer reads them, only admins import.
  add_member("org-a", "eng@a.example", Role::engineer);
  const auto engineer = bearer(token("eng@a.example", "org-a"));
  EXPECT_EQ(client()
                .request("POST", "/api/v1/reporting-rules/import?rule_set=t1", kRules,
                         engineer + Headers{{"Content-Type", "text/csv"}})
                .status,
            403);
  EXPECT_EQ(c.get("/api/v1/reporting-rules/due?jurisdiction=US&aware=2026-12-03T15:00:00.000Z",
                  engineer).status,
            200);
}

TEST_P(HttpVigilance, RegistrationsBelongToTheirProduct) {
  auto c = client();
  const std::string product =
      c.post("/api/v1/products", {{"name", "Stent"}}, admin_).json()["id"];
  auto r = c.post("/api/v1/registrations",
                  {{"product_id", product}, {"country", "CN"}, {"authority", "nmpa"},
                   {"status", "registered"}, {"registration_number", "国械注准20193130123"},
                   {"registered_on", "2019-06-01T00:00:00.000Z"}},
                  admin_);
  ASSERT_EQ(r.status, 201) << r.body;
  r = c.post("/api/v1/registrations",
             {{"product_id", product}, {"country", "CN"}, {"authority", "nmpa"},
              {"status", "registered"}},
             admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["field"], "/registration_number");
  // Another organization's product does not exist here.
  const std::string other =
      client().post("/api/v1/products", {{"name", "B's"}},
                    bearer(token("admin@b.example", "org-b"))).json()["id"];
  r = c.post("/api/v1/registrations",
             {{"product_id", other}, {"country", "US"}, {"authority", "fda"}}, admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["field"], "/product_id");
  r = c.get("/api/v1/registrations?country=CN", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["items"].size(), 1u);
}

TEST_P(HttpVigilance, PagesNameTheProductAndOfferItByName) {
  auto c = client();
  const std::string product =
      c.post("/api/v1/products", {{"name", "Corvane SX stent"}}, admin_).json()["id"];
  ASSERT_EQ(c.post("/api/v1/complaints",
                   {{"product_id", product}, {"received_on", "2026-12-01T08:00:00.000Z"},
                    {"reporter_name", "Nurse"}, {"country", "CN"}, {"description", "x"}},
                   admin_).status,
            201);
  auto options = default_options();
  options.extra_routes = web::add_web_routes;
  restart(options);
  const auto session = login("admin@a.example", "org-a");
  const auto page = client().get("/complaints", with_cookie(session, false));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Corvane SX stent"), std::string::npos) << "the product by name";
  EXPECT_NE(page.body.find("<select"), std::string::npos) << "the product chosen from a list";
  EXPECT_NE(page.body.find("value=\"" + product + "\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, HttpVigilance, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace riskloop::testing
