// A real server on 127.0.0.1 (port chosen by the OS) over a fresh SQLite store per test, with two
// organizations, and helpers to log in, make tokens and count journal entries.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "http/server.hpp"
#include "store/store.hpp"
#include "tests/integration/http_client.hpp"

namespace riskloop::testing {

inline constexpr char kPassword[] = "correct horse battery staple";

// Real time plus an offset the test can advance (expiry of sessions and tokens).
class TestClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now()) +
           std::chrono::milliseconds(offset_ms_.load());
  }
  void advance(std::chrono::milliseconds d) { offset_ms_ += d.count(); }

 private:
  std::atomic<std::int64_t> offset_ms_{0};
};

struct Session {
  std::string cookie;  // "rl_session=..."
  std::string csrf;
  nlohmann::json body;  // the login answer
};

inline Headers bearer(const std::string& secret) {
  return {{"Authorization", "Bearer " + secret}};
}
inline Headers with_cookie(const Session& s, bool csrf = true) {
  Headers h{{"Cookie", s.cookie}};
  if (csrf) h.emplace_back("X-CSRF-Token", s.csrf);
  return h;
}
inline Headers operator+(Headers a, const Headers& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
inline Headers if_match(std::int64_t version) {
  return {{"If-Match", "\"" + std::to_string(version) + "\""}};
}

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The database the test's store opens (a fresh SQLite file in dir_ unless overridden).
  virtual std::string store_url();

  // Restarts the server with other options (same store).
  void restart(http::ServerOptions options);
  http::ServerOptions default_options() const;

  HttpClient client() { return HttpClient(server_->port()); }
  unsigned short port() const { return server_->port(); }

  // Logs in over HTTP; fails the test unless it succeeds.
  Session login(const std::string& email, const std::string& org = "");
  // An API token for a member, made through the application (quicker than over HTTP).
  std::string token(const std::string& email, const std::string& org_slug);
  // Adds a member to an organization (through the application); returns the user id.
  std::string add_member(const std::string& org_slug, const std::string& email, Role role);

  std::int64_t journal_count();
  std::string org_id(const std::string& slug);

  std::filesystem::path dir_;
  std::string store_url_;  // what store_url() returned
  TestClock clock_;
  app::UuidV7Source ids_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<http::Server> server_;
  std::string org_a_, org_b_;  // ids of "org-a" and "org-b"
  static inline std::atomic<int> counter_{0};
};

// A fixture `Base` (HttpTest or one derived from it) run on SQLite, and on PostgreSQL when
// RISKLOOP_TEST_POSTGRES_URL names a server, each test in a schema of its own that is dropped
// afterwards. Instantiate with ::testing::Values("sqlite", "postgresql").
template <class Base>
class OnEveryEngine : public Base, public ::testing::WithParamInterface<std::string> {
 protected:
  std::string store_url() override {
    if (this->GetParam() == "sqlite") return Base::store_url();
    const std::string server = std::getenv("RISKLOOP_TEST_POSTGRES_URL");
    schema_ = "http_test_" + std::to_string(::getpid()) + "_" + std::to_string(this->counter_++);
    auto admin = store::Store::open({.url = server});
    EXPECT_TRUE(admin) << admin.error().message;
    if (!admin) return server;
    admin_ = std::move(*admin);
    EXPECT_TRUE(on_server("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
    EXPECT_TRUE(on_server("CREATE SCHEMA " + schema_));
    return server + (server.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
  }
  Status on_server(const std::string& sql) {
    return admin_->transaction([&](store::Tx& tx) { return tx.sql().execute(sql).map([](auto) {}); });
  }
  // True when this is the PostgreSQL run and no server is configured: the test is skipped.
  bool without_server() const {
    if (this->GetParam() != "postgresql") return false;
    const char* configured = std::getenv("RISKLOOP_TEST_POSTGRES_URL");
    return !configured || !*configured;
  }
  void TearDown() override {
    if (this->store_url_.empty()) return;  // skipped before anything was set up
    Base::TearDown();
    if (admin_) {
      EXPECT_TRUE(on_server("DROP SCHEMA " + schema_ + " CASCADE"));
    }
  }

  std::string schema_;
  std::unique_ptr<store::Store> admin_;
};

}  // namespace riskloop::testing
