// Bulk rows in journaled batches, on every Store engine: batch entries and Merkle roots, proofs,
// resuming an interrupted import, refusing a bad file, and verify finding tampered rows.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "app/record_types.hpp"
#include "app/app.hpp"
#include "formats/digest/bulk_row_hash.hpp"
#include "formats/digest/merkle_tree.hpp"
#include "tests/app/app_fixture.hpp"

namespace riskloop::testing {
namespace {

namespace fs = std::filesystem;

// Engines under test; PostgreSQL runs when RISKLOOP_TEST_POSTGRES_URL names a server.
std::vector<std::string> engines() { return {"sqlite", "postgresql"}; }

class BulkImport : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == "sqlite") {
      dir_ = fs::temp_directory_path() /
             ("riskloop-bulk-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
      fs::create_directories(dir_);
      url = "sqlite:" + (dir_ / "test.db").string();
    } else {
      const char* configured = std::getenv("RISKLOOP_TEST_POSTGRES_URL");
      if (!configured || !*configured)
        GTEST_SKIP() << "RISKLOOP_TEST_POSTGRES_URL is not set (make test sets it)";
      // A schema per test, as each SQLite test gets a new file.
      const std::string server = configured;
      schema_ = "bulk_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++);
      auto admin = store::Store::open({.url = server});
      ASSERT_TRUE(admin) << admin.error().message;
      admin_ = std::move(*admin);
      ASSERT_TRUE(on_server("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
      ASSERT_TRUE(on_server("CREATE SCHEMA " + schema_));
      url = server + (server.find('?') == std::string::npos ? "?" : "&") +
            "options=-csearch_path%3D" + schema_ + "&application_name=" + schema_;
    }
    auto s = store::Store::open({.url = url, .declared_tables = app::declared_tables()});
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    app_ = std::make_unique<app::App>(*store_, clock_, ids_,
                                      app::AppOptions{.password_cost = app::PasswordCost::minimal});
    op_ = *app_->auth().operator_principal("tester", "", "");
    auto boot = app_->accounts().bootstrap(
        op_, {"Acme Medical", "acme"},
        {"admin@acme.example", "Ada Admin", "correct horse battery staple", Role::admin});
    ASSERT_TRUE(boot) << boot.error().message;
    op_.org_id = boot->organization.header.id;
    auto product = app_->products().create(op_, {.name = "Stent"});
    ASSERT_TRUE(product) << product.error().message;
    product_ = product->header.id;
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    if (admin_) {
      EXPECT_TRUE(on_server("DROP SCHEMA " + schema_ + " CASCADE"));
    }
  }

  Status on_server(const std::string& sql) {
    return admin_->transaction([&](store::Tx& tx) { return tx.sql().execute(sql).map([](auto) {}); });
  }
  Status sql(const std::string& text) {
    return store_->transaction([&](store::Tx& tx) { return tx.sql().execute(text).map([](auto) {}); });
  }
  std::int64_t count(const std::string& query) {
    std::int64_t n = -1;
    EXPECT_TRUE(store_->read([&](store::Tx& tx) -> Status {
      n = store::sql_int(RL_TRY(tx.sql().query(query)).at(0).at(0));
      return {};
    }));
    return n;
  }

  // `rows` measurements of lots L1, L2, L3 in turn, values 10.0, 10.1, ...
  std::string csv(int rows) const {
    std::string out = "product_id,lot,characteristic,value,unit,measured_at,station,operator\n";
    for (int i = 0; i < rows; ++i)
      out += product_ + ",L" + std::to_string(1 + i % 3) + ",strut thickness," +
             std::to_string(10 + i / 10.0) + ",um,2026-11-25T09:" + (i % 60 < 10 ? "0" : "") +
             std::to_string(i % 60) + ":00Z,gauge 1,op" + std::to_string(i % 2) + "\n";
    return out;
  }

  app::VerifyReport verify() {
    auto report = app_->journal().verify();
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : app::VerifyReport{};
  }

  static inline int counter_ = 0;
  fs::path dir_;
  std::string schema_;
  std::unique_ptr<store::Store> admin_;
  ManualClock clock_;
  CountingIds ids_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::App> app_;
  app::Principal op_;
  Id product_;
};

TEST_P(BulkImport, WritesOneJournalEntryPerBatchWithTheMerkleRootOfItsRows) {
  const auto before = count("SELECT count(*) FROM journal");
  const auto imported =
      app_->measurements().import_csv(op_, "line3.csv", csv(25), {.batch_rows = 10});
  ASSERT_TRUE(imported) << imported.error().message;
  ASSERT_TRUE(imported->ok()) << imported->issues.front().describe();
  const auto& result = *imported->result;
  EXPECT_EQ(result.rows_written, 25);
  EXPECT_EQ(result.batches_written, 3);
  EXPECT_EQ(result.run.status, ImportStatus::completed);
  EXPECT_EQ(count("SELECT count(*) FROM journal"), before + 3);
  EXPECT_EQ(count("SELECT count(*) FROM journal WHERE entity = 'bulk_batch' AND op = 'create'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM process_measurements"), 25);

  // Each batch's journaled root is the RFC 6962 root of its rows in leaf order, recomputed here.
  ASSERT_TRUE(store_->read([&](store::Tx& tx) -> Status {
    const auto batches = RL_TRY(tx.list<BulkBatch>(op_.org_id, {}));
    EXPECT_EQ(batches.size(), 3u);
    std::int64_t first = 2;
    for (const auto& b : batches) {
      const auto rows = RL_TRY(store::batch_rows<ProcessMeasurement>(tx, b.header.id, 0, 100));
      std::vector<formats::Digest> leaves;
      for (const auto& r : rows) leaves.push_back(formats::bulk_leaf_hash(r));
      EXPECT_EQ(formats::digest_hex(formats::merkle_root(leaves)), b.merkle_root);
      EXPECT_EQ(b.row_count, std::int64_t(rows.size()));
      EXPECT_EQ(b.first_row, first);  // file rows: the header is row 1
      EXPECT_EQ(b.last_row, first + b.row_count - 1);
      EXPECT_EQ(b.source_sha256, formats::sha256_hex(csv(25)));
      first += b.row_count;
      const auto entries =
          RL_TRY(tx.journal_page({.entity = "bulk_batch", .entity_id = b.header.id}));
      EXPECT_EQ(entries.size(), 1u);
      EXPECT_NE(entries.at(0).payload.find("\"merkle_root\":\"" + b.merkle_root + "\""),
                std::string::npos);
    }
    return {};
  }));
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.batches_checked, 3);
  EXPECT_EQ(report.bulk_rows_checked, 25);
}

TEST_P(BulkImport, EveryRowHasAProofAgainstItsBatchEntry) {
  ASSERT_TRUE(app_->measurements().import_csv(op_, "a.csv", csv(13), {.batch_rows = 7}));
  const auto rows = app_->measurements().list(op_, {.limit = 100});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 13u);
  for (const auto& row : *rows) {
    const auto proof = app_->measurements().proof(op_, row.id);
    ASSERT_TRUE(proof) << proof.error().message;
    EXPECT_TRUE(proof->verified) << row.id << ": " << proof->problem;
    EXPECT_EQ(proof->leaf_hash, row.placement.leaf_hash);
    EXPECT_EQ(proof->tree_size, row.placement.batch_id == rows->front().placement.batch_id ? 7 : 6);
    EXPECT_GT(proof->journal_seq, 0);
    EXPECT_FALSE(proof->path.empty());
  }
  // A changed row no longer proves.
  const auto& victim = rows->at(3);
  ASSERT_TRUE(sql("UPDATE process_measurements SET value = 99.5 WHERE id = '" + victim.id + "'"));
  const auto broken = app_->measurements().proof(op_, victim.id);
  ASSERT_TRUE(broken);
  EXPECT_FALSE(broken->verified);
  const auto missing = app_->measurements().proof(op_, "no-such-row");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(BulkImport, AnInterruptedImportContinuesAfterItsLastBatchAndDuplicatesNothing) {
  const std::string file = csv(35);
  int batches = 0;
  app::BulkImportOptions crash{.batch_rows = 10};
  crash.after_batch = [&](const ImportRun&) -> Status {
    if (++batches == 2) return fail(ErrorCode::storage, "injected failure after batch 2");
    return {};
  };
  const auto first = app_->measurements().import_csv(op_, "m.csv", file, crash);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().message, "injected failure after batch 2");
  EXPECT_EQ(count("SELECT count(*) FROM process_measurements"), 20);
  EXPECT_EQ(count("SELECT rows_done FROM import_runs"), 20);
  EXPECT_EQ(count("SELECT count(*) FROM import_runs WHERE status = 'running'"), 1);
  EXPECT_TRUE(verify().ok);  // whole batches only

  const auto again = app_->measurements().import_csv(op_, "m.csv", file, {.batch_rows = 10});
  ASSERT_TRUE(again) << again.error().message;
  ASSERT_TRUE(again->result);
  EXPECT_FALSE(again->result->already_complete);
  EXPECT_EQ(again->result->rows_written, 15);
  EXPECT_EQ(again->result->batches_written, 2);
  EXPECT_EQ(again->result->run.rows_done, 35);
  EXPECT_EQ(count("SELECT count(*) FROM process_measurements"), 35);
  EXPECT_EQ(count("SELECT count(DISTINCT source_row) FROM process_measurements"), 35);
  EXPECT_EQ(count("SELECT min(source_row) FROM process_measurements"), 2);
  EXPECT_EQ(count("SELECT max(source_row) FROM process_measurements"), 36);
  EXPECT_EQ(count("SELECT count(*) FROM import_runs"), 1);

  const auto entries = count("SELECT count(*) FROM journal");
  const auto third = app_->measurements().import_csv(op_, "m.csv", file, {.batch_rows = 10});
  ASSERT_TRUE(third);
  EXPECT_TRUE(third->result->already_complete);
  EXPECT_EQ(third->result->rows_written, 0);
  EXPECT_EQ(count("SELECT count(*) FROM journal"), entries);
  EXPECT_EQ(count("SELECT count(*) FROM process_measurements"), 35);
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.bulk_rows_checked, 35);
}

TEST_P(BulkImport, ABadFileWritesNothingAndNamesEveryBadRow) {
  const auto before = count("SELECT count(*) FROM journal");
  const std::string file =
      "product_id,lot,characteristic,value,unit,measured_at\n" + product_ +
      ",L1,width,1.5,mm,2026-11-25T09:00:00Z\n" + product_ +
      ",L1,width,1.5x,mm,2026-11-25T09:00:00Z\n" + product_ +
      ",,width,2,mm,yesterday\n"
      "P-404,L1,width,2,mm,2026-11-25T09:00:00.250Z\n";
  const auto imported = app_->measurements().import_csv(op_, "bad.csv", file);
  ASSERT_TRUE(imported) << imported.error().message;
  ASSERT_FALSE(imported->ok());
  EXPECT_FALSE(imported->result);
  std::vector<std::string> described;
  for (const auto& i : imported->issues) described.push_back(i.describe());
  EXPECT_EQ(described,
            (std::vector<std::string>{
                "row 3, column \"value\": \"1.5x\" is not a finite decimal number such as 12.5",
                "row 4, column \"lot\": is empty; a value is required",
                "row 4, column \"measured_at\": \"yesterday\" is not a UTC time such as "
                "2026-11-25T09:00:00Z",
                "row 5, column \"product_id\": \"P-404\" is not a product of this organization"}));
  EXPECT_EQ(count("SELECT count(*) FROM journal"), before);
  EXPECT_EQ(count("SELECT count(*) FROM process_measurements"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM import_runs"), 0);

  const auto no_column = app_->measurements().import_csv(op_, "x.csv", "lot,value\nL1,2\n");
  ASSERT_TRUE(no_column);
  ASSERT_FALSE(no_column->ok());
  EXPECT_EQ(no_column->issues.front().describe(),
            "row 1, column \"product_id\": the required column is missing");
}

TEST_P(BulkImport, VerifyNamesAChangedAnAddedAndADeletedRow) {
  ASSERT_TRUE(app_->measurements().import_csv(op_, "v.csv", csv(12), {.batch_rows = 5}));
  ASSERT_TRUE(verify().ok);
  const auto rows = *app_->measurements().list(op_, {.limit = 100});
  std::vector<Id> batch_ids;  // in import order
  for (const auto& r : rows)
    if (r.placement.leaf_index == 0) batch_ids.push_back(r.placement.batch_id);
  ASSERT_EQ(batch_ids.size(), 3u);
  const ProcessMeasurement* victim = nullptr;
  for (const auto& r : rows)
    if (r.placement.batch_id == batch_ids[0] && r.placement.leaf_index == 2) victim = &r;
  ASSERT_TRUE(victim);
  const std::string where = "row " + std::to_string(victim->source_row) +
                            " of v.csv (leaf 2 of batch " + batch_ids[0] + ")";

  // Changed: named with its file row, leaf and batch.
  ASSERT_TRUE(sql("UPDATE process_measurements SET station = 'gauge 9' WHERE id = '" + victim->id + "'"));
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_entity, "process_measurement " + victim->id);
  EXPECT_EQ(report.problem, where + ": the stored row differs from the one its batch journaled");
  EXPECT_GT(report.bad_seq, 0);
  ASSERT_TRUE(sql("UPDATE process_measurements SET station = 'gauge 1' WHERE id = '" + victim->id + "'"));
  ASSERT_TRUE(verify().ok);

  // Added after the last leaf of the second batch.
  ASSERT_TRUE(sql("INSERT INTO process_measurements SELECT 'extra', org_id, source_row, product_id, "
                  "lot, characteristic, value, unit, measured_at, station, operator, batch_id, 5, "
                  "leaf_hash FROM process_measurements WHERE batch_id = '" + batch_ids[1] +
                  "' AND leaf_index = 4"));
  report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_entity, "process_measurement extra");
  EXPECT_NE(report.problem.find("added to the batch after it was journaled with 5 rows"),
            std::string::npos) << report.problem;
  ASSERT_TRUE(sql("DELETE FROM process_measurements WHERE id = 'extra'"));

  // Deleted: the batch names the missing leaf.
  ASSERT_TRUE(sql("DELETE FROM process_measurements WHERE id = '" + victim->id + "'"));
  report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_entity, "bulk_batch " + batch_ids[0]);
  EXPECT_EQ(report.problem, "its row at leaf 2 is missing: deleted after the batch was journaled");
}

TEST_P(BulkImport, ARowWithoutABatchIsAFinding) {
  ASSERT_TRUE(app_->measurements().import_csv(op_, "o.csv", csv(4), {.batch_rows = 4}));
  const auto rows = *app_->measurements().list(op_, {.limit = 100});
  ASSERT_TRUE(sql("INSERT INTO process_measurements SELECT 'orphan', org_id, 99, product_id, lot, "
                  "characteristic, value, unit, measured_at, station, operator, 'no-batch', 0, "
                  "leaf_hash FROM process_measurements WHERE id = '" + rows.front().id + "'"));
  const auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_entity, "process_measurement orphan");
  EXPECT_EQ(report.problem,
            "row 99: its batch no-batch is not a journaled batch of its organization");
}

TEST_P(BulkImport, RolesDecideWhoImportsAndWhoReads) {
  auto auditor = app_->accounts().add_member(
      op_, {"aud@acme.example", "Audrey", "correct horse battery staple", Role::auditor});
  ASSERT_TRUE(auditor);
  auto partner = app_->accounts().add_member(
      op_, {"par@acme.example", "Pat", "correct horse battery staple", Role::partner});
  ASSERT_TRUE(partner);
  const auto as = [&](const char* email) {
    return *app_->auth().operator_principal("tester", op_.org_id, email);
  };
  const auto denied = app_->measurements().import_csv(as("aud@acme.example"), "r.csv", csv(2));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  ASSERT_TRUE(app_->measurements().import_csv(op_, "r.csv", csv(2)));
  EXPECT_TRUE(app_->measurements().list(as("aud@acme.example"), {}));
  const auto partner_list = app_->measurements().list(as("par@acme.example"), {});
  ASSERT_FALSE(partner_list);
  EXPECT_EQ(partner_list.error().code, ErrorCode::forbidden);
}

TEST_P(BulkImport, ListsPageByKeyWithFilters) {
  ASSERT_TRUE(app_->measurements().import_csv(op_, "p.csv", csv(30), {.batch_rows = 8}));
  std::set<std::string> seen;
  app::MeasurementQuery q{.lot = "L2", .limit = 4};
  for (;;) {
    const auto page = app_->measurements().list(op_, q);
    ASSERT_TRUE(page) << page.error().message;
    for (const auto& m : *page) {
      EXPECT_EQ(m.lot, "L2");
      EXPECT_TRUE(seen.insert(m.id).second);
    }
    if (page->size() < 4u) break;
    q.after = page->back().id;
  }
  EXPECT_EQ(seen.size(), 10u);
  const auto none = app_->measurements().list(op_, {.characteristic = "diameter"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

// The importer asks its source for one batch at a time and reads at most one batch ahead of what
// is committed, so a file of any length is never held whole; the rows and proofs are those of
// the rows read.
TEST_P(BulkImport, ReadsItsSourceOneBatchAtATimeAtMostOneAhead) {
  constexpr std::int64_t kRows = 47, kBatch = 5;
  std::int64_t given = 0, largest_read = 0, most_ahead = 0;
  app::BulkRowSource<ProcessMeasurement> source{
      .total = kRows,
      .read = [&](std::vector<ProcessMeasurement>& out, std::int64_t n) -> Status {
        largest_read = std::max(largest_read, n);
        out.assign(std::size_t(n), {});
        for (auto& m : out) {
          m.source_row = 2 + given;
          m.product_id = product_;
          m.lot = "L" + std::to_string(given % 4);
          m.characteristic = "length";
          m.value = double(given);
          m.unit = "mm";
          ++given;
        }
        return {};
      }};
  app::BulkImportOptions options{.batch_rows = kBatch};
  options.after_batch = [&](const ImportRun& run) -> Status {
    most_ahead = std::max(most_ahead, given - run.rows_done);
    return {};
  };
  app::AppContext ctx{*store_, clock_, ids_, {}};
  const auto imported =
      app::import_bulk_rows(ctx, op_, {"gen.csv", std::string(64, 'a')}, source, options);
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->rows_written, kRows);
  EXPECT_EQ(imported->batches_written, 10);
  EXPECT_EQ(largest_read, kBatch);
  EXPECT_LE(most_ahead, 2 * kBatch);  // the batch being written and the one read ahead
  EXPECT_EQ(count("SELECT count(*) FROM process_measurements"), kRows);
  EXPECT_EQ(count("SELECT CAST(sum(value) AS BIGINT) FROM process_measurements"), kRows * (kRows - 1) / 2);
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.bulk_rows_checked, kRows);
}

// A source that fails part way stops the import after the batches before it, whole.
TEST_P(BulkImport, ASourceFailingPartWayKeepsTheBatchesBeforeIt) {
  std::int64_t given = 0;
  app::BulkRowSource<ProcessMeasurement> source{
      .total = 30,
      .read = [&](std::vector<ProcessMeasurement>& out, std::int64_t n) -> Status {
        if (given >= 20) return fail(ErrorCode::storage, "the file went away");
        out.assign(std::size_t(n), {});
        for (auto& m : out) {
          m.source_row = 2 + given++;
          m.product_id = product_;
          m.lot = "L1";
          m.characteristic = "length";
          m.unit = "mm";
        }
        return {};
      }};
  app::AppContext ctx{*store_, clock_, ids_, {}};
  const auto imported = app::import_bulk_rows(ctx, op_,
                                              {"gone.csv", std::string(64, 'b')}, source,
                                              {.batch_rows = 10});
  ASSERT_FALSE(imported);
  EXPECT_EQ(imported.error().message, "the file went away");
  EXPECT_EQ(count("SELECT count(*) FROM process_measurements"), 20);
  EXPECT_EQ(count("SELECT rows_done FROM import_runs"), 20);
  EXPECT_TRUE(verify().ok);
}

INSTANTIATE_TEST_SUITE_P(Engines, BulkImport, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::testing
