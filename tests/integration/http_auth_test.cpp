// Authentication over HTTP: sessions with hardened cookies, CSRF, bearer tokens, throttling.
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpAuth : public HttpTest {};

const nlohmann::json kProduct = {{"name", "Stent"}, {"family", "Coronary"}, {"model", "S-1"}};

TEST_F(HttpAuth, LoginWhoamiLogout) {
  auto c = client();
  const auto r =
      c.post("/api/v1/auth/login", {{"email", "admin@a.example"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto cookie = r.header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("rl_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_NE(cookie.find("; Max-Age="), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // off unless behind a TLS proxy
  const auto body = r.json();
  EXPECT_EQ(body["user"]["email"], "admin@a.example");
  EXPECT_EQ(body["organization"]["slug"], "org-a");
  EXPECT_EQ(body["role"], "admin");
  ASSERT_TRUE(body["csrf_token"].is_string());
  EXPECT_FALSE(body.dump().find("password") != std::string::npos);

  Session s{cookie.substr(0, cookie.find(';')), body["csrf_token"], body};
  const auto who = c.get("/api/v1/auth/whoami", with_cookie(s, false));
  ASSERT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(who.json()["user"]["email"], "admin@a.example");
  EXPECT_EQ(who.json()["csrf_token"], s.csrf);

  // Logging out changes state: it needs the CSRF token too.
  EXPECT_EQ(c.post("/api/v1/auth/logout", nullptr, with_cookie(s, false)).status, 403);
  const auto out = c.request("POST", "/api/v1/auth/logout", {}, with_cookie(s));
  ASSERT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.header("Set-Cookie").find("rl_session=; Max-Age=0"), std::string::npos);
  const auto after = c.get("/api/v1/auth/whoami", with_cookie(s, false));
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.json()["code"], "unauthenticated");
}

TEST_F(HttpAuth, SecureCookiesBehindATlsProxy) {
  auto options = default_options();
  options.secure_cookies = true;
  restart(options);
  const auto r =
      client().post("/api/v1/auth/login", {{"email", "admin@a.example"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("Set-Cookie").find("; Secure"), std::string::npos);
  EXPECT_EQ(r.header("Set-Cookie").rfind("__Host-rl_session=", 0), 0u);
}

TEST_F(HttpAuth, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  auto c = client();
  const auto wrong = c.post("/api/v1/auth/login",
                            {{"email", "admin@a.example"}, {"password", "wrong password!!"}});
  const auto unknown = c.post("/api/v1/auth/login",
                              {{"email", "nobody@a.example"}, {"password", "wrong password!!"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json()["detail"], unknown.json()["detail"]);
  EXPECT_EQ(wrong.header("Set-Cookie"), "");
  EXPECT_EQ(wrong.header("Content-Type"), "application/problem+json");
}

TEST_F(HttpAuth, RepeatedFailuresAreThrottledWithRetryAfter) {
  auto c = client();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(c.post("/api/v1/auth/login",
                     {{"email", "admin@a.example"}, {"password", "wrong password!!"}})
                  .status,
              401);
  const auto locked =
      c.post("/api/v1/auth/login", {{"email", "admin@a.example"}, {"password", kPassword}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.json()["code"], "rate_limited");
  EXPECT_EQ(locked.header("Retry-After"), "900");
}

TEST_F(HttpAuth, CookieWritesNeedTheCsrfToken) {
  const auto s = login("admin@a.example");
  auto c = client();
  const auto before = journal_count();

  const auto none = c.post("/api/v1/products", kProduct, with_cookie(s, false));
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(none.json()["code"], "forbidden");
  EXPECT_NE(none.json()["detail"].get<std::string>().find("X-CSRF-Token"), std::string::npos);

  const auto wrong =
      c.post("/api/v1/products", kProduct, {{"Cookie", s.cookie}, {"X-CSRF-Token", "guess"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.json()["detail"],
            "the X-CSRF-Token header does not match this session's CSRF token");
  EXPECT_EQ(journal_count(), before);

  // Reads need none; a write with the token goes through.
  EXPECT_EQ(c.get("/api/v1/products", with_cookie(s, false)).status, 200);
  EXPECT_EQ(c.post("/api/v1/products", kProduct, with_cookie(s)).status, 201);
  EXPECT_EQ(journal_count(), before + 1);
}

TEST_F(HttpAuth, BearerWritesNeedNoCsrfToken) {
  const auto r =
      client().post("/api/v1/products", kProduct, bearer(token("admin@a.example", "org-a")));
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_F(HttpAuth, TokenCreateUseRevoke) {
  auto c = client();
  const auto s = login("admin@a.example");
  // Tokens always expire, within a year.
  for (const auto& body : {nlohmann::json{{"name", "ERP export"}},
                           nlohmann::json{{"name", "ERP export"}, {"expires_in_days", 366}}}) {
    const auto refused = c.post("/api/v1/tokens", body, with_cookie(s));
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["field"], "/expires_in_days");
  }
  const auto created = c.post("/api/v1/tokens", {{"name", "ERP export"}, {"expires_in_days", 365}},
                              with_cookie(s));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto secret = created.json()["secret"].get<std::string>();
  const auto id = created.json()["id"].get<std::string>();
  EXPECT_EQ(secret.rfind("rl_", 0), 0u);
  EXPECT_FALSE(created.json().contains("token_hash"));

  const auto listed = c.get("/api/v1/tokens", bearer(secret));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find(secret), std::string::npos);  // shown once only
  EXPECT_EQ(listed.body.find("token_hash"), std::string::npos);

  const auto revoked = c.request("DELETE", "/api/v1/tokens/" + id, {}, with_cookie(s));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(revoked.json()["revoked_at"].is_string());

  const auto after = c.get("/api/v1/products", bearer(secret));
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.json()["detail"], "the API token was revoked");
  EXPECT_EQ(after.header("WWW-Authenticate"), "Bearer realm=\"riskloop\", error=\"invalid_token\"");
}

TEST_F(HttpAuth, MissingExpiredAndForgedCredentialsAre401) {
  auto c = client();
  const auto before = journal_count();
  const auto missing = c.post("/api/v1/products", kProduct);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.header("WWW-Authenticate"), "Bearer realm=\"riskloop\"");
  EXPECT_EQ(missing.json()["code"], "unauthenticated");

  const auto forged =
      c.post("/api/v1/products", kProduct, bearer("rl_forgedforgedforgedforgedforgedforgedforge"));
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(forged.json()["detail"], "the API token is not valid");

  const auto basic = c.get("/api/v1/products", {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  EXPECT_EQ(basic.status, 401);
  EXPECT_NE(basic.json()["detail"].get<std::string>().find("Bearer"), std::string::npos);

  const auto cookie = c.get("/api/v1/products", {{"Cookie", "rl_session=forged"}});
  EXPECT_EQ(cookie.status, 401);

  auto who = app_->auth().operator_principal("test", org_a_, "admin@a.example");
  ASSERT_TRUE(who);
  const auto t = app_->accounts().create_token(*who, {"short", 1});
  ASSERT_TRUE(t);
  EXPECT_EQ(c.get("/api/v1/products", bearer(t->secret)).status, 200);
  clock_.advance(std::chrono::hours(25));
  const auto expired = c.post("/api/v1/products", kProduct, bearer(t->secret));
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.json()["detail"], "the API token has expired");

  const auto journal_after_token = journal_count();
  EXPECT_EQ(journal_after_token, before + 1);  // only the token's creation
}

TEST_F(HttpAuth, IdleSessionsExpire) {
  const auto s = login("admin@a.example");
  auto c = client();
  EXPECT_EQ(c.get("/api/v1/auth/whoami", with_cookie(s)).status, 200);
  clock_.advance(std::chrono::minutes(31));
  const auto r = c.get("/api/v1/auth/whoami", with_cookie(s));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["detail"], "your session has expired; log in again");
}

TEST_F(HttpAuth, SwitchOrganization) {
  // The admin of A also becomes an engineer in B.
  auto op = app_->auth().operator_principal("test", org_b_, "");
  ASSERT_TRUE(op);
  ASSERT_TRUE(app_->accounts().add_member(*op, {"admin@a.example", "", "", Role::engineer}));
  const auto s = login("admin@a.example", "org-a");
  auto c = client();
  const auto moved =
      c.post("/api/v1/auth/switch-organization", {{"organization_id", org_b_}}, with_cookie(s));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["organization"]["slug"], "org-b");
  EXPECT_EQ(moved.json()["role"], "engineer");
  EXPECT_EQ(c.get("/api/v1/auth/whoami", with_cookie(s)).json()["organization"]["id"], org_b_);

  const auto nowhere = c.post("/api/v1/auth/switch-organization",
                              {{"organization_id", "no-such-org"}}, with_cookie(s));
  EXPECT_EQ(nowhere.status, 404);
  const auto empty =
      c.post("/api/v1/auth/switch-organization", nlohmann::json::object(), with_cookie(s));
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.json()["field"], "/organization_id");
}

TEST_F(HttpAuth, LoginBodiesAreStrict) {
  auto c = client();
  const auto r =
      c.post("/api/v1/auth/login",
             {{"email", "admin@a.example"}, {"password", kPassword}, {"remember", true}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["field"], "/remember");
  EXPECT_EQ(r.header("Set-Cookie"), "");
}

}  // namespace
}  // namespace riskloop::testing
