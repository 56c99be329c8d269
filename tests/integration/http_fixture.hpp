// A real server on 127.0.0.1 (port chosen by the OS) over a fresh SQLite store per test, with two
// organizations, and helpers to log in, make tokens and count journal entries.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
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

}  // namespace riskloop::testing
