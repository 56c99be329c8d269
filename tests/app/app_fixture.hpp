// A fresh SQLite store and App per test, with a hand-driven clock and predictable ids.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "app/app.hpp"
#include "app/record_types.hpp"

namespace riskloop::testing {

class ManualClock final : public Clock {
 public:
  Timestamp now() const override { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }
  Timestamp now_ = *parse_timestamp("2026-11-25T09:00:00.000Z");
};

// Time-ordered ids like UUIDv7, but predictable: "id-000001", "id-000002", ...
class CountingIds final : public IdSource {
 public:
  std::string next_id() override {
    char buf[16];
    std::snprintf(buf, sizeof buf, "id-%06d", ++n_);
    return buf;
  }

 private:
  int n_ = 0;
};

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("riskloop-app-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    auto s = store::Store::open({.url = "sqlite:" + db_path(), .declared_tables = app::declared_tables()});
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    app_ = std::make_unique<app::App>(*store_, clock_, ids_,
                                      app::AppOptions{.password_cost = app::PasswordCost::minimal});
    op_ = *app_->auth().operator_principal("tester", "", "");
    auto boot = app_->accounts().bootstrap(op_, {"Acme Medical", "acme"},
                                           {"admin@acme.example", "Ada Admin", kPassword, Role::admin});
    ASSERT_TRUE(boot) << boot.error().message;
    org_ = boot->organization.header.id;
    op_.org_id = org_;
    admin_ = login("admin@acme.example");
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string db_path() const { return (dir_ / "test.db").string(); }

  app::Principal login(const std::string& email, const std::string& org = "") {
    auto r = app_->auth().login({email, kPassword, org}, "127.0.0.1");
    EXPECT_TRUE(r) << email << ": " << r.error().message;
    return r ? r->principal : app::Principal{};
  }

  // Adds a member with `role` to the operator's current organization and logs them in.
  app::Principal member(const std::string& email, Role role) {
    auto m = app_->accounts().add_member(op_, {email, "Member " + email, kPassword, role});
    EXPECT_TRUE(m) << m.error().message;
    return login(email);
  }

  std::int64_t journal_count() {
    std::int64_t n = 0;
    EXPECT_TRUE(store_->read([&](store::Tx& tx) -> Status {
      n = RL_TRY(tx.journal_count());
      return {};
    }));
    return n;
  }

  static constexpr const char* kPassword = "correct horse battery staple";
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  ManualClock clock_;
  CountingIds ids_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::App> app_;
  app::Principal op_;
  app::Principal admin_;
  Id org_;
};

}  // namespace riskloop::testing
