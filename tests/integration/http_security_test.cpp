// Security findings of issue 11 over HTTP: cross-organization accounts, login redirects and CSRF,
// reading bodies only after authentication, cookies, proxies, error texts and headers.
#include <unistd.h>

#include <cstdlib>

#include "http/client_address.hpp"
#include "http/page_access.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "tests/integration/http_fixture.hpp"
#include "web/web_routes.hpp"

namespace riskloop::testing {
namespace {

// On SQLite, and on PostgreSQL when RISKLOOP_TEST_POSTGRES_URL names a server (each test in a
// schema of its own).
class HttpSecurity : public OnEveryEngine<HttpTest> {
 protected:
  void SetUp() override {
    if (without_server()) GTEST_SKIP() << "RISKLOOP_TEST_POSTGRES_URL is not set (make test sets it)";
    HttpTest::SetUp();
    restart(web_options());
  }
  // The server with the web UI (login form, account and admin pages) besides the API.
  http::ServerOptions web_options() const {
    auto options = default_options();
    options.extra_routes = web::add_web_routes;
    return options;
  }
};

using http::Call;
using http::Response;

TEST_P(HttpSecurity, AnExistingAccountIsInvitedAndJoinsOnlyWhenItAccepts) {
  const auto admin_a = login("admin@a.example");
  auto c = client();
  // Org A's admin "adds" Org B's admin: an invitation, not a membership.
  const auto added =
      c.post("/api/v1/users", {{"email", "admin@b.example"}, {"role", "engineer"}},
             with_cookie(admin_a));
  ASSERT_EQ(added.status, 202) << added.body;
  const auto invitation = added.json();
  EXPECT_EQ(invitation["status"], "pending");
  const std::string id = invitation["id"];
  const auto listed = c.get("/api/v1/invitations", with_cookie(admin_a));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["items"].size(), 1u);

  // Org A's admin cannot change the account, invited or not.
  const auto b_admin = login("admin@b.example");
  const std::string bob = b_admin.body["user"]["id"];
  EXPECT_EQ(c.post("/api/v1/users/" + bob + "/password", {{"new_password", "taken over at last"}},
                   with_cookie(admin_a))
                .status,
            404);

  // The invitee sees it and accepts; then Org A's admin still may not set the password.
  const auto mine = c.get("/api/v1/me/invitations", with_cookie(b_admin));
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json()["items"].size(), 1u);
  EXPECT_EQ(mine.json()["items"][0]["organization"]["slug"], "org-a");
  EXPECT_EQ(c.post("/api/v1/me/invitations/" + id + "/accept", nullptr, with_cookie(admin_a))
                .status,
            404);
  const auto accepted =
      c.post("/api/v1/me/invitations/" + id + "/accept", nullptr, with_cookie(b_admin));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "accepted");
  const auto pw = c.post("/api/v1/users/" + bob + "/password",
                         {{"new_password", "taken over at last"}}, with_cookie(admin_a));
  EXPECT_EQ(pw.status, 403) << pw.body;
  EXPECT_NE(pw.json()["detail"].get<std::string>().find("another organization"),
            std::string::npos);
  const auto off = c.request("PATCH", "/api/v1/users/" + bob, R"({"status":"disabled"})",
                             with_cookie(admin_a) + if_match(1));
  EXPECT_EQ(off.status, 403) << off.body;
  EXPECT_EQ(login("admin@b.example", "org-a").body["role"], "engineer");
}

TEST_P(HttpSecurity, TheAccountPageListsInvitationsToAcceptOrDecline) {
  auto op = app_->auth().operator_principal("test", org_a_, "admin@a.example");
  ASSERT_TRUE(op);
  const auto inv = app_->accounts().add_member(*op, {"admin@b.example", "", "", Role::auditor});
  ASSERT_TRUE(inv && inv->invitation);
  const auto b = login("admin@b.example");
  auto c = client();
  const auto page = c.get("/account/password", {{"Cookie", b.cookie}});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Org A"), std::string::npos);
  EXPECT_NE(page.body.find("/account/invitations/" + inv->invitation->header.id + "/decline"),
            std::string::npos);
  const auto declined = c.request(
      "POST", "/account/invitations/" + inv->invitation->header.id + "/decline",
      "_csrf=" + b.csrf,
      {{"Cookie", b.cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_NE(declined.body.find("You declined the invitation."), std::string::npos);
  EXPECT_EQ(declined.body.find("/account/invitations/"), std::string::npos);
}


// --- the login form: redirects after login, CSRF -------------------------------------------

// The login page's CSRF cookie ("rl_login_csrf=...") and the token its form carries.
struct LoginForm {
  std::string cookie;
  std::string token;
};

LoginForm open_login_page(HttpClient& c) {
  const auto page = c.get("/login");
  EXPECT_EQ(page.status, 200);
  LoginForm f;
  for (const auto& set : page.all("Set-Cookie"))
    if (set.find("rl_login_csrf=") != std::string::npos) f.cookie = set.substr(0, set.find(';'));
  f.token = f.cookie.substr(f.cookie.find('=') + 1);
  EXPECT_FALSE(f.token.empty());
  EXPECT_NE(page.body.find("name=\"_csrf\" value=\"" + f.token + "\""), std::string::npos);
  return f;
}

HttpResponse post_login(HttpClient& c, const LoginForm& f, const std::string& next,
                        const std::string& csrf) {
  return c.request("POST", "/login",
                   "email=admin%40a.example&password=correct+horse+battery+staple&next=" + next +
                       "&_csrf=" + csrf,
                   {{"Cookie", f.cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
}

TEST_P(HttpSecurity, OnlyLocalPathsAreRedirectTargets) {
  EXPECT_TRUE(http::is_local_path("/risk-files/1?tab=hazards"));
  for (const char* bad : {"", "dashboard", "//evil.example", "/\\evil.example", "/\t/evil.example",
                          "/x\r\nSet-Cookie: a=b", "/a\\b", "https://evil.example", "/a b"})
    EXPECT_FALSE(http::is_local_path(bad)) << bad;
  auto c = client();
  const auto form = open_login_page(c);
  for (const char* next : {"/%09/evil.example", "//evil.example", "/%5Cevil.example",
                           "/x%0D%0ASet-Cookie:%20evil=1", "https://evil.example"}) {
    const auto r = post_login(c, form, next, form.token);
    ASSERT_EQ(r.status, 303) << next << ": " << r.body;
    EXPECT_EQ(r.header("Location"), "/dashboard") << next;
    for (const auto& set : r.all("Set-Cookie")) EXPECT_EQ(set.find("evil"), std::string::npos);
  }
  EXPECT_EQ(post_login(c, form, "/products%3Fpage%3D2", form.token).header("Location"),
            "/products?page=2");
}

TEST_P(HttpSecurity, TheLoginFormNeedsItsCsrfToken) {
  auto c = client();
  const auto form = open_login_page(c);
  // Without the token, or with another one, nobody is logged in.
  for (const std::string& csrf : {std::string(), std::string("forged-token-forged-token-forged")}) {
    const auto r = post_login(c, form, "/dashboard", csrf);
    EXPECT_EQ(r.status, 403) << r.body;
    for (const auto& set : r.all("Set-Cookie")) EXPECT_EQ(set.find("rl_session="), std::string::npos);
  }
  // A form posted from another site carries no token cookie at all.
  const auto cross = c.request("POST", "/login",
                               "email=admin%40a.example&password=correct+horse+battery+staple"
                               "&_csrf=" + form.token,
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(cross.status, 403);
  const auto ok = post_login(c, form, "/dashboard", form.token);
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.all("Set-Cookie").size(), 2u);  // the session, and the used token cleared
}

Response header_with_newline(Call&) {
  Response r;
  r.status = 303;
  r.headers.push_back({"Location", "/x\r\nSet-Cookie: evil=1"});
  return r;
}

TEST_P(HttpSecurity, AResponseWithAControlCharacterInAHeaderIsNeverSent) {
  auto options = default_options();
  options.extra_routes = [](http::RouteTable& routes) {
    routes.add({.method = http::Method::get, .pattern = "/test/bad-header",
                .operation_id = "testBadHeader", .tag = "test", .handler = &header_with_newline,
                .access = http::Access::open});
  };
  restart(options);
  const auto r = client().get("/test/bad-header");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.header("Set-Cookie"), "");
  EXPECT_EQ(r.header("Location"), "");
  EXPECT_NE(r.body.find(r.header("X-Request-Id")), std::string::npos);
}


// --- authentication before the body ---------------------------------------------------------

TEST_P(HttpSecurity, UnauthenticatedRequestsAreAnsweredBeforeTheirBodyIsRead) {
  auto c = client();
  c.connect();
  // 50 MB announced, none sent: the answer comes from the headers alone.
  c.send_bytes("POST /api/v1/measurement-imports HTTP/1.1\r\nHost: x\r\n"
               "Content-Type: text/csv\r\nContent-Length: 50000000\r\n\r\n");
  const auto r = c.read_response();
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_TRUE(c.closed_by_server(std::chrono::seconds(5)));

  // The web UI sends the browser to the login page, also without reading the form.
  auto web = client();
  web.connect();
  web.send_bytes("POST /admin/users HTTP/1.1\r\nHost: x\r\n"
                 "Content-Type: application/x-www-form-urlencoded\r\n"
                 "Content-Length: 40000000\r\n\r\n");
  const auto page = web.read_response();
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.header("Location").rfind("/login", 0), 0u);
}

TEST_P(HttpSecurity, PublicRoutesTakeOnlySmallBodies) {
  nlohmann::json big = {{"email", "admin@a.example"},
                        {"password", std::string(100 * 1024, 'x')}};
  const auto r = client().post("/api/v1/auth/login", big);
  EXPECT_EQ(r.status, 413) << r.body;
  // An authenticated route still takes the usual size.
  const auto s = login("admin@a.example");
  const auto product = client().post(
      "/api/v1/products",
      {{"name", "Stent"}, {"family", "F"}, {"model", "M"}, {"description", std::string(80 * 1024, 'd')}},
      with_cookie(s));
  EXPECT_NE(product.status, 413) << product.body;
}


// --- cookies, proxies ----------------------------------------------------------------------

TEST_P(HttpSecurity, SecureCookiesUseTheHostPrefix) {
  auto options = web_options();
  options.secure_cookies = true;
  restart(options);
  auto c = client();
  const auto r = c.post("/api/v1/auth/login", {{"email", "admin@a.example"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto set = r.header("Set-Cookie");
  EXPECT_EQ(set.rfind("__Host-rl_session=", 0), 0u) << set;
  EXPECT_NE(set.find("; Secure"), std::string::npos);
  EXPECT_NE(set.find("; Path=/"), std::string::npos);
  EXPECT_EQ(set.find("Domain"), std::string::npos);
  const std::string cookie = set.substr(0, set.find(';'));
  EXPECT_EQ(c.get("/api/v1/auth/whoami", {{"Cookie", cookie}}).status, 200);
  // The same secret under the plain name (which any host could set) is not a session.
  const std::string plain = "rl_session=" + cookie.substr(cookie.find('=') + 1);
  EXPECT_EQ(c.get("/api/v1/auth/whoami", {{"Cookie", plain}}).status, 401);
  // The login form's token cookie is a __Host- cookie as well.
  const auto page = c.get("/login");
  EXPECT_EQ(page.header("Set-Cookie").rfind("__Host-rl_login_csrf=", 0), 0u);
}

TEST_P(HttpSecurity, ForwardedAddressesCountOnlyFromATrustedProxy) {
  const std::vector<std::string> proxy = {"10.0.0.2"};
  EXPECT_EQ(http::client_address("10.0.0.2", "", "203.0.113.7, 198.51.100.9", proxy),
            "198.51.100.9");
  EXPECT_EQ(http::client_address("10.0.0.2", "for=192.0.2.1, for=\"[2001:db8::1]:4711\"", "", proxy),
            "2001:db8::1");
  EXPECT_EQ(http::client_address("10.0.0.2", "for=192.0.2.60:8080;proto=https", "", proxy),
            "192.0.2.60");
  EXPECT_EQ(http::client_address("::ffff:10.0.0.2", "", "198.51.100.9", proxy), "198.51.100.9");
  // Anyone else's headers are ignored, and so is a value that is not an address.
  EXPECT_EQ(http::client_address("10.0.0.3", "for=192.0.2.1", "198.51.100.9", proxy), "10.0.0.3");
  EXPECT_EQ(http::client_address("10.0.0.2", "", "unknown", proxy), "10.0.0.2");
  EXPECT_FALSE(http::check_ip_address("proxy.example", "--trusted-proxy"));

  // Over HTTP: the test client is the proxy; the address throttle sees the forwarded client.
  auto options = web_options();
  options.trusted_proxies = {"127.0.0.1"};
  restart(options);
  auto c = client();
  for (int i = 0; i < 20; ++i)
    c.post("/api/v1/auth/login",
           {{"email", "nobody" + std::to_string(i) + "@x.example"}, {"password", "wrong wrong wrong"}},
           {{"X-Forwarded-For", "203.0.113.50"}});
  const auto locked = c.post("/api/v1/auth/login",
                             {{"email", "admin@a.example"}, {"password", kPassword}},
                             {{"X-Forwarded-For", "203.0.113.50"}});
  EXPECT_EQ(locked.status, 429) << locked.body;
  const auto other = c.post("/api/v1/auth/login",
                            {{"email", "admin@a.example"}, {"password", kPassword}},
                            {{"X-Forwarded-For", "203.0.113.51"}});
  EXPECT_EQ(other.status, 200) << other.body;
}

// --- what errors show ----------------------------------------------------------------------

Response storage_failure(Call&) {
  return http::problem(Error{ErrorCode::storage,
                             "database is locked: /var/lib/riskloop/riskloop.db (SQLITE_BUSY)", {}});
}

Response page_storage_failure(Call& c) {
  return http::page_problem(
      Error{ErrorCode::storage, "could not connect to server: /run/postgresql/.s.PGSQL.5432", {}},
      c.htmx(), c.request.request_id);
}

TEST_P(HttpSecurity, ServerFailuresShowOnlyTheRequestId) {
  auto options = default_options();
  options.extra_routes = [](http::RouteTable& routes) {
    routes.add({.method = http::Method::get, .pattern = "/test/storage", .operation_id = "testStorage",
                .tag = "test", .handler = &storage_failure, .access = http::Access::open});
    routes.add({.method = http::Method::get, .pattern = "/test/storage-page",
                .operation_id = "testStoragePage", .tag = "test", .handler = &page_storage_failure,
                .access = http::Access::open});
  };
  restart(options);
  auto c = client();
  for (const char* url : {"/test/storage", "/test/storage-page"}) {
    const auto r = c.get(url);
    EXPECT_EQ(r.status, 503) << url;
    EXPECT_EQ(r.body.find("/var/lib"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("/run/postgresql"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("SQLITE"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("the server log has the details (request id " + r.header("X-Request-Id")),
              std::string::npos)
        << r.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, HttpSecurity, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace riskloop::testing
