// The engines every Store contract test runs on, and a fresh database per test: a new SQLite file,
// or a new schema on the PostgreSQL server named by RISKLOOP_TEST_POSTGRES_URL.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/record_types.hpp"
#include "core/accounts.hpp"
#include "core/product.hpp"
#include "store/store.hpp"

namespace riskloop::store {

namespace fs = std::filesystem;  // tests only

// Engines under test. The PostgreSQL cases run when RISKLOOP_TEST_POSTGRES_URL names a server
// (make test starts one) and are skipped otherwise; the list itself is fixed, because ctest learns
// it when the tests are built, not when they run.
inline std::vector<std::string> engines() { return {"sqlite", "postgresql"}; }

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Tables of declared record types the suite needs besides the migrated ones.
  virtual std::vector<TableSchema> declared_tables() const { return app::declared_tables(); }
  // Options of the store each test starts with (upgrade tests start at an older migration).
  virtual StoreOptions options() const {
    return {.url = url_, .declared_tables = declared_tables()};
  }
  // Two organizations, inserted without journal entries (the store is tested, not the journal).
  virtual bool seed_organizations() const { return true; }

  void SetUp() override {
    if (GetParam() == "sqlite") {
      dir_ = fs::temp_directory_path() /
             ("riskloop-contract-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
      fs::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "test.db").string();
    } else {
      const char* configured = std::getenv("RISKLOOP_TEST_POSTGRES_URL");
      if (!configured || !*configured)
        GTEST_SKIP() << "RISKLOOP_TEST_POSTGRES_URL is not set (make test sets it)";
      // Each test gets a schema of its own, as each SQLite test gets a new file: the journal
      // cannot be emptied, and ctest runs tests in parallel processes on the same database.
      const std::string server = configured;
      schema_ = "contract_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++);
      auto admin = Store::open({.url = server});
      ASSERT_TRUE(admin) << admin.error().message;
      admin_ = std::move(*admin);
      ASSERT_TRUE(on_server("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
      ASSERT_TRUE(on_server("CREATE SCHEMA " + schema_));
      url_ = server + (server.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_ + "&application_name=" + schema_;
    }
    auto s = Store::open(options());
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    if (!seed_organizations()) return;
    org_a_ = make_org("a");
    org_b_ = make_org("b");
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    if (admin_) {
      EXPECT_TRUE(on_server("DROP SCHEMA " + schema_ + " CASCADE"));
    }
  }

  Status on_server(const std::string& sql) {
    return admin_->transaction([&](Tx& tx) { return tx.sql().execute(sql).map([](auto) {}); });
  }

  Id make_org(const std::string& slug) {
    Organization o;
    o.header.id = "org-" + slug;
    o.name = "Org " + slug;
    o.slug = slug;
    EXPECT_TRUE(store_->transaction([&](Tx& tx) { return tx.insert(o); }));
    return o.header.id;
  }

  Product product(const Id& org, const std::string& id, const std::string& name) {
    Product p;
    p.header.id = id;
    p.header.org_id = org;
    p.name = name;
    return p;
  }

  static inline int counter_ = 0;
  fs::path dir_;
  std::string url_;
  std::string schema_;
  std::unique_ptr<Store> admin_;  // PostgreSQL: the server's default schema, to make and drop ours
  std::unique_ptr<Store> store_;
  Id org_a_, org_b_;
};

}  // namespace riskloop::store
