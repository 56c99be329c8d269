// The integration-test fixture (see http_fixture.hpp).
#include "tests/integration/http_fixture.hpp"

#include <unistd.h>

#include "app/record_types.hpp"

namespace riskloop::testing {

void HttpTest::SetUp() {
  dir_ = std::filesystem::temp_directory_path() /
         ("riskloop-http-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  store_url_ = store_url();
  auto s = store::Store::open({.url = store_url_, .declared_tables = app::declared_tables()});
  ASSERT_TRUE(s) << s.error().message;
  store_ = std::move(*s);
  app_ = std::make_unique<app::App>(*store_, clock_, ids_,
                                    app::AppOptions{.password_cost = app::PasswordCost::minimal});
  auto op = app_->auth().operator_principal("test", "", "");
  ASSERT_TRUE(op);
  for (const auto& [name, slug, email] : {std::tuple{"Org A", "org-a", "admin@a.example"},
                                          std::tuple{"Org B", "org-b", "admin@b.example"}}) {
    auto boot = app_->accounts().bootstrap(
        *op, {name, slug}, {email, std::string("Admin of ") + name, kPassword, Role::admin});
    ASSERT_TRUE(boot) << boot.error().message;
    (std::string(slug) == "org-a" ? org_a_ : org_b_) = boot->organization.header.id;
  }
  server_ = std::make_unique<http::Server>(*app_, default_options());
  auto started = server_->start();
  ASSERT_TRUE(started) << started.error().message;
}

std::string HttpTest::store_url() {
  return "sqlite:" + (dir_ / "test.db").string();
}

void HttpTest::TearDown() {
  if (server_) {
    server_->stop();
    server_->wait();
  }
  server_.reset();
  app_.reset();
  store_.reset();
  std::filesystem::remove_all(dir_);
}

http::ServerOptions HttpTest::default_options() const {
  return {.port = 0, .threads = 2, .write_threads = 8};
}

void HttpTest::restart(http::ServerOptions options) {
  server_->stop();
  server_->wait();
  server_ = std::make_unique<http::Server>(*app_, std::move(options));
  auto started = server_->start();
  ASSERT_TRUE(started) << started.error().message;
}

Session HttpTest::login(const std::string& email, const std::string& org) {
  nlohmann::json body = {{"email", email}, {"password", kPassword}};
  if (!org.empty()) body["organization"] = org;
  auto c = client();
  const auto r = c.post("/api/v1/auth/login", body);
  EXPECT_EQ(r.status, 200) << r.body;
  Session s;
  const auto set_cookie = r.header("Set-Cookie");
  s.cookie = set_cookie.substr(0, set_cookie.find(';'));
  s.body = r.json();
  if (s.body.contains("csrf_token") && s.body["csrf_token"].is_string())
    s.csrf = s.body["csrf_token"].get<std::string>();
  return s;
}

std::string HttpTest::token(const std::string& email, const std::string& org_slug) {
  auto who = app_->auth().operator_principal("test", org_id(org_slug), email);
  EXPECT_TRUE(who) << who.error().message;
  auto t = app_->accounts().create_token(*who, {"test token", 30});
  EXPECT_TRUE(t) << t.error().message;
  return t ? t->secret : std::string();
}

std::string HttpTest::add_member(const std::string& org_slug, const std::string& email, Role role) {
  auto op = app_->auth().operator_principal("test", org_id(org_slug), "");
  EXPECT_TRUE(op);
  auto m = app_->accounts().add_member(*op, {email, "Member " + email, kPassword, role});
  EXPECT_TRUE(m) << m.error().message;
  return m ? m->user.header.id : std::string();
}

std::int64_t HttpTest::journal_count() {
  std::int64_t n = -1;
  const auto ok = store_->read([&](store::Tx& tx) -> Status {
    n = RL_TRY(tx.journal_count());
    return {};
  });
  EXPECT_TRUE(ok);
  return n;
}

std::string HttpTest::org_id(const std::string& slug) {
  if (slug == "org-a") return org_a_;
  if (slug == "org-b") return org_b_;
  ADD_FAILURE() << "unknown organization " << slug;
  return {};
}

}  // namespace riskloop::testing
