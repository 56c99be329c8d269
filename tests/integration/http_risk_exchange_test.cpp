// Hazard sheets and the report over HTTP: import with a bad row refused with its row and column
// and nothing written, dry run, partial import, Idempotency-Key, export -> import round trip, and
// the report showing the journal head.
#include "tests/integration/http_risk_fixture.hpp"

namespace riskloop::testing {
namespace {

constexpr char kCsvType[] = "text/csv";
constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Two good chains and, on row 3, a severity the 5-level policy does not have.
constexpr char kSheetWithBadRow[] =
    "hazard_ref,hazard,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2\n"
    "H1,Imported hazard,S1,Imported situation,0.001,M1,Imported harm,3,0.1\n"
    "H2,Second hazard,S2,Second situation,0.001,M2,Second harm,9x,0.1\n"
    "H3,Third hazard,S3,Third situation,0.001,M3,Third harm,Serious,0.1\n";

class HttpRiskExchange : public HttpRiskTest {
 protected:
  void SetUp() override {
    HttpRiskTest::SetUp();
    policy_ = approved_policy();
    file_ = risk_file(policy_);
    base_ = "/api/v1/risk-files/" + file_;
  }

  HttpResponse import(const std::string& file, const std::string& query, const std::string& body,
                      const std::string& type = kCsvType, const Headers& extra = {}) {
    auto c = client();
    return c.request("POST", "/api/v1/risk-files/" + file + "/import" + query, body,
                     auth_ + Headers{{"Content-Type", type}} + extra);
  }

  std::size_t hazards_of(const std::string& file) {
    return client().get("/api/v1/risk-files/" + file + "/hazards", auth_).json()["items"].size();
  }

  nlohmann::json policy_;
  std::string file_, base_;
};

TEST_F(HttpRiskExchange, ABadRowRefusesTheImportAndNamesRowAndColumn) {
  const auto before = journal_count();
  const auto r = import(file_, "", kSheetWithBadRow);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  const auto report = r.json();
  EXPECT_EQ(report["rows_read"], 3);
  EXPECT_EQ(report["rows_accepted"], 2);
  EXPECT_EQ(report["rejected_rows"], nlohmann::json::array({3}));
  ASSERT_EQ(report["issues"].size(), 1u) << r.body;
  EXPECT_EQ(report["issues"][0]["row"], 3);
  EXPECT_EQ(report["issues"][0]["column"], "severity");
  EXPECT_NE(report["issues"][0]["message"].get<std::string>().find("9x"), std::string::npos);
  EXPECT_FALSE(report["written"]);
  EXPECT_EQ(report["records_written"], 0);
  EXPECT_EQ(journal_count(), before);
  EXPECT_EQ(hazards_of(file_), 0u);

  // A dry run reports the same and writes nothing either; a clean dry run is 200.
  const auto dry = import(file_, "?dry_run=true", kSheetWithBadRow);
  EXPECT_EQ(dry.status, 422);
  EXPECT_EQ(dry.json()["issues"], report["issues"]);
  const std::string good(kSheetWithBadRow, std::string(kSheetWithBadRow).find("H2,"));
  const auto clean = import(file_, "?dry_run=true", good);
  EXPECT_EQ(clean.status, 200) << clean.body;
  EXPECT_FALSE(clean.json()["written"]);
  EXPECT_EQ(journal_count(), before);

  // Partial: the good rows are written, the bad one reported.
  const auto partial = import(file_, "?partial=true", kSheetWithBadRow);
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_TRUE(partial.json()["written"]);
  EXPECT_EQ(partial.json()["records_written"], 10);  // 2 x (hazard, situation, harm, 2 links)
  EXPECT_EQ(partial.json()["issues"].size(), 1u);
  EXPECT_EQ(hazards_of(file_), 2u);
  EXPECT_EQ(journal_count(), before + 10);
}

TEST_F(HttpRiskExchange, BadRequestsAreRefusedBeforeReadingTheSheet) {
  auto c = client();
  EXPECT_EQ(import(file_, "", kSheetWithBadRow, "application/json").status, 415);
  EXPECT_EQ(import(file_, "", kSheetWithBadRow, "application/x-www-form-urlencoded").status, 415);
  EXPECT_EQ(import(file_, "?format=xlsx", kSheetWithBadRow).status, 415);  // says csv
  EXPECT_EQ(import(file_, "?format=ods", kSheetWithBadRow).json()["parameter"], "format");
  EXPECT_EQ(import(file_, "?partial=yes", kSheetWithBadRow).json()["parameter"], "partial");
  const auto not_xlsx = import(file_, "", "not a zip", kXlsxType);
  EXPECT_EQ(not_xlsx.status, 400) << not_xlsx.body;
  EXPECT_EQ(c.get(base_ + "/export?format=pdf", auth_).json()["parameter"], "format");
  EXPECT_EQ(import("no-such-file", "", kSheetWithBadRow).status, 404);
}

TEST_F(HttpRiskExchange, IdempotencyKeyReturnsTheFirstAnswer) {
  const std::string sheet(kSheetWithBadRow, std::string(kSheetWithBadRow).find("H2,"));
  const Headers key{{"Idempotency-Key", "import-7f3a"}};
  const auto first = import(file_, "", sheet, kCsvType, key);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto after_first = journal_count();
  const auto again = import(file_, "", sheet, kCsvType, key);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(journal_count(), after_first);
  EXPECT_EQ(hazards_of(file_), 1u);
  // The same key for another request is a mistake, not a replay.
  const auto other = import(file_, "?dry_run=true", sheet, kCsvType, key);
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.json()["parameter"], "Idempotency-Key");
  // Without the key, the same sheet is imported again.
  EXPECT_EQ(import(file_, "", sheet).status, 200);
  EXPECT_EQ(hazards_of(file_), 2u);
}

TEST_F(HttpRiskExchange, ExportImportRoundTripAndReport) {
  chain(file_, "Thrombosis");
  chain(file_, "Restenosis");
  auto c = client();
  for (const auto* format : {"csv", "xlsx"}) {
    const auto exported = c.get(base_ + "/export?format=" + format, auth_);
    ASSERT_EQ(exported.status, 200) << exported.body;
    EXPECT_EQ(exported.header("Content-Type"),
              std::string(format) == "csv" ? "text/csv; charset=utf-8" : kXlsxType);
    EXPECT_EQ(exported.header("Content-Disposition"),
              "attachment; filename=\"hazard-sheet-" + file_ + "." + format + "\"");

    const auto copy = risk_file(policy_, std::string("Copy via ") + format);
    const auto imported = import(copy, std::string("?format=") + format, exported.body,
                                 std::string(format) == "csv" ? kCsvType : kXlsxType);
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.json()["rows_read"], 2);
    EXPECT_EQ(imported.json()["records_written"], 10);
    EXPECT_EQ(hazards_of(copy), 2u);
    const auto again = c.get("/api/v1/risk-files/" + copy + "/export?format=csv", auth_);
    const auto lines = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };
    if (std::string(format) == "csv") {
      EXPECT_EQ(lines(again.body), lines(exported.body));
    }
  }

  std::string head;
  ASSERT_TRUE(store_->read([&](store::Tx& tx) -> Status {
    head = RL_TRY(tx.journal_head())->second;
    return {};
  }));
  const auto html = c.get(base_ + "/report?format=html", auth_);
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(html.body.find(head), std::string::npos) << "no journal head " << head;
  EXPECT_NE(html.body.find("Stent file"), std::string::npos);
  EXPECT_EQ(c.get(base_ + "/report", auth_).status, 200);
  EXPECT_EQ(c.get("/api/v1/risk-files/no-such-file/report", auth_).status, 404);
}

}  // namespace
}  // namespace riskloop::testing
