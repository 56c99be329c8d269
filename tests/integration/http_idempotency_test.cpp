// Idempotency-Key across nodes: two servers, each with its own Store::open on one database (two
// stateless nodes), share the answers. A retried import creates its records once and gets the
// same status and body back; a reused key with another body is refused; a retry while the first
// request is still running gets 409; a stored answer expires. On SQLite, and on PostgreSQL when
// RISKLOOP_TEST_POSTGRES_URL names a server (each test in a schema of its own).
#include <unistd.h>

#include <cstdlib>

#include "app/record_types.hpp"
#include "tests/integration/http_risk_fixture.hpp"

namespace riskloop::testing {
namespace {

constexpr char kCsvType[] = "text/csv";
constexpr char kSheet[] =
    "hazard_ref,hazard,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2\n"
    "H1,Imported hazard,S1,Imported situation,0.001,M1,Imported harm,3,0.1\n";
constexpr char kOtherSheet[] =
    "hazard_ref,hazard,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2\n"
    "H9,Other hazard,S9,Other situation,0.001,M9,Other harm,3,0.1\n";

class HttpIdempotency : public OnEveryEngine<HttpRiskTest> {
 protected:
  void SetUp() override {
    if (without_server()) GTEST_SKIP() << "RISKLOOP_TEST_POSTGRES_URL is not set (make test sets it)";
    HttpRiskTest::SetUp();
    file_ = risk_file(approved_policy());
    // The second node: its own store, application and server on the same database.
    auto s = store::Store::open({.url = store_url_, .declared_tables = app::declared_tables()});
    ASSERT_TRUE(s) << s.error().message;
    store2_ = std::move(*s);
    app2_ = std::make_unique<app::App>(*store2_, clock_, ids2_,
                                       app::AppOptions{.password_cost = app::PasswordCost::minimal});
    server2_ = std::make_unique<http::Server>(*app2_, default_options());
    auto started = server2_->start();
    ASSERT_TRUE(started) << started.error().message;
  }
  void TearDown() override {
    if (store_url_.empty()) return;  // skipped before anything was set up
    if (server2_) {
      server2_->stop();
      server2_->wait();
    }
    server2_.reset();
    app2_.reset();
    store2_.reset();
    OnEveryEngine::TearDown();
  }

  std::string path() const { return "/api/v1/risk-files/" + file_ + "/import"; }

  HttpResponse import_on(unsigned short node_port, const std::string& body,
                         const std::string& key) {
    HttpClient c(node_port);
    return c.request("POST", path(), body,
                     auth_ + Headers{{"Content-Type", kCsvType}, {"Idempotency-Key", key}});
  }

  std::size_t hazards() {
    return client().get("/api/v1/risk-files/" + file_ + "/hazards", auth_).json()["items"].size();
  }

  std::int64_t stored_keys() {
    std::int64_t n = -1;
    EXPECT_TRUE(store_->read([&](store::Tx& tx) -> Status {
      const auto rows = RL_TRY(tx.sql().query("SELECT count(*) FROM idempotency_keys"));
      n = store::sql_int(rows.at(0).at(0));
      return {};
    }));
    return n;
  }

  std::string file_;
  app::UuidV7Source ids2_;
  std::unique_ptr<store::Store> store2_;
  std::unique_ptr<app::App> app2_;
  std::unique_ptr<http::Server> server2_;
};

TEST_P(HttpIdempotency, ARetryOnAnotherNodeReplaysTheFirstAnswerAndWritesNothing) {
  const auto first = import_on(port(), kSheet, "import-0001");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("Idempotent-Replayed"), "");
  const auto journal_after_first = journal_count();
  EXPECT_EQ(hazards(), 1u);

  // The retry lands on the other node (a load balancer chose it): same status, same body.
  const auto retry = import_on(server2_->port(), kSheet, "import-0001");
  EXPECT_EQ(retry.status, first.status);
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.header("Content-Type"), first.header("Content-Type"));
  EXPECT_EQ(retry.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(journal_count(), journal_after_first);
  EXPECT_EQ(hazards(), 1u);

  // The same key with another body is refused on either node, and nothing is written.
  for (const auto node : {port(), server2_->port()}) {
    const auto reused = import_on(node, kOtherSheet, "import-0001");
    EXPECT_EQ(reused.status, 422) << reused.body;
    EXPECT_EQ(reused.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(reused.json()["parameter"], "Idempotency-Key");
  }
  EXPECT_EQ(hazards(), 1u);

  // A new key is a new import.
  EXPECT_EQ(import_on(server2_->port(), kOtherSheet, "import-0002").status, 200);
  EXPECT_EQ(hazards(), 2u);
}

TEST_P(HttpIdempotency, TheOpenApiDocumentNamesTheHeaderOnTheRoutesThatHonourIt) {
  const auto doc = client().get("/api/v1/openapi.json").json();
  std::size_t with_header = 0;
  for (const auto& [path, operations] : doc["paths"].items())
    for (const auto& [method, op] : operations.items()) {
      bool named = false;
      for (const auto& p : op.value("parameters", nlohmann::json::array()))
        named = named || (p["name"] == "Idempotency-Key" && p["in"] == "header");
      if (!named) continue;
      ++with_header;
      EXPECT_EQ(method, "post") << path;
      EXPECT_TRUE(op["responses"].contains("409")) << path;
      EXPECT_NE(op["responses"]["422"]["description"].get<std::string>().find("Idempotency-Key"),
                std::string::npos)
          << path;
    }
  EXPECT_TRUE(doc["paths"]["/api/v1/risk-files/{id}/import"]["post"].contains("parameters"));
  EXPECT_EQ(with_header, 2u);  // the hazard sheet and measurement imports
}

TEST_P(HttpIdempotency, ARefusedImportIsReplayedWithItsStatus) {
  const std::string bad = std::string(kSheet).replace(std::string(kSheet).find(",3,"), 3, ",9x,");
  const auto first = import_on(port(), bad, "bad-sheet");
  ASSERT_EQ(first.status, 422) << first.body;
  const auto retry = import_on(server2_->port(), bad, "bad-sheet");
  EXPECT_EQ(retry.status, 422);
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(hazards(), 0u);
}

TEST_P(HttpIdempotency, ARetryWhileTheFirstRequestRunsIsAConflict) {
  // The first request holds the key on node 2 (claimed, still running).
  auto who = app2_->auth().token(auth_.front().second.substr(std::string("Bearer ").size()));
  ASSERT_TRUE(who) << who.error().message;
  const auto p = path();
  const app::IdempotentRequest running{"slow-import", "POST", p, "", kSheet};
  auto claim = app2_->idempotency().claim(*who, running);
  ASSERT_TRUE(claim) << claim.error().message;
  ASSERT_EQ(claim->outcome, app::IdempotencyKeys::Outcome::fresh);

  const auto retry = import_on(port(), kSheet, "slow-import");
  EXPECT_EQ(retry.status, 409) << retry.body;
  EXPECT_EQ(retry.header("Retry-After"), "1");
  EXPECT_NE(retry.json()["detail"].get<std::string>().find("still being processed"),
            std::string::npos);
  EXPECT_EQ(hazards(), 0u);

  // The first request gave up without an answer: the retry now runs it.
  ASSERT_TRUE(app2_->idempotency().release(*who, running));
  const auto again = import_on(port(), kSheet, "slow-import");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(hazards(), 1u);
}

TEST_P(HttpIdempotency, AnswersExpireAndArePurged) {
  ASSERT_EQ(import_on(port(), kSheet, "old-key").status, 200);
  EXPECT_EQ(stored_keys(), 1);
  clock_.advance(std::chrono::hours(25));  // past the 24 h retention
  // The key is free again: the same request runs as new (and purges the old row first).
  const auto later = import_on(server2_->port(), kSheet, "old-key");
  EXPECT_EQ(later.status, 200);
  EXPECT_EQ(later.header("Idempotent-Replayed"), "");
  EXPECT_EQ(hazards(), 2u);
  clock_.advance(std::chrono::hours(25));
  auto purged = app_->idempotency().purge_expired();
  ASSERT_TRUE(purged) << purged.error().message;
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(stored_keys(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, HttpIdempotency, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::testing
