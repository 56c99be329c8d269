// Products over HTTP: CRUD with ETag/If-Match, pagination, representation rules.
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpProducts : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auth_ = bearer(token("admin@a.example", "org-a"));
  }
  Headers auth_;
};

TEST_F(HttpProducts, CrudWithEtagsAndIfMatch) {
  auto c = client();
  const auto created =
      c.post("/api/v1/products",
             {{"name", "Firehawk"}, {"family", "Coronary stents"}, {"model", "FH-3.0x18"}}, auth_);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json()["id"].get<std::string>();
  EXPECT_EQ(created.header("ETag"), "\"1\"");
  EXPECT_EQ(created.header("Location"), "/api/v1/products/" + id);
  EXPECT_EQ(created.json()["org_id"], org_a_);
  const auto url = "/api/v1/products/" + id;

  const auto got = c.get(url, auth_);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.header("ETag"), "\"1\"");
  EXPECT_EQ(got.json()["model"], "FH-3.0x18");

  // PUT replaces every field: family and model are gone.
  const auto put = c.request("PUT", url, R"({"name":"Firehawk Liberty"})", auth_ + if_match(1));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.header("ETag"), "\"2\"");
  EXPECT_EQ(put.json()["family"], "");

  // PATCH changes only what is sent.
  const auto patch =
      c.request("PATCH", url, R"({"description":"Drug-eluting"})", auth_ + if_match(2));
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(patch.json()["name"], "Firehawk Liberty");
  EXPECT_EQ(patch.json()["description"], "Drug-eluting");
  EXPECT_EQ(patch.json()["version"], 3);

  const auto before = journal_count();
  const auto stale = c.request("PUT", url, R"({"name":"Lost update"})", auth_ + if_match(1));
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.json()["code"], "precondition_failed");
  const auto no_match = c.request("PATCH", url, R"({"name":"x"})", auth_);
  EXPECT_EQ(no_match.status, 428);
  EXPECT_EQ(no_match.json()["parameter"], "If-Match");
  EXPECT_EQ(c.request("DELETE", url, {}, auth_).status, 428);
  const auto weak = c.request("DELETE", url, {}, auth_ + Headers{{"If-Match", "W/\"3\""}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(journal_count(), before);
  EXPECT_EQ(c.get(url, auth_).json()["name"], "Firehawk Liberty");

  EXPECT_EQ(c.request("DELETE", url, {}, auth_ + if_match(3)).status, 204);
  const auto gone = c.get(url, auth_);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.json()["code"], "not_found");
}

TEST_F(HttpProducts, CursorPagination) {
  auto c = client();
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    const auto r = c.post("/api/v1/products", {{"name", "P" + std::to_string(i)}}, auth_);
    ASSERT_EQ(r.status, 201);
    ids.push_back(r.json()["id"]);
  }
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> seen;
  std::string target = "/api/v1/products?limit=3";
  for (int pages = 0; pages < 10; ++pages) {
    const auto r = c.get(target, auth_);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    EXPECT_LE(body["items"].size(), 3u);
    for (const auto& item : body["items"]) seen.push_back(item["id"]);
    if (body["next"].is_null()) break;
    target = "/api/v1/products?limit=3&after=" + body["next"].get<std::string>();
  }
  EXPECT_EQ(seen, ids);

  for (const char* bad : {"0", "-1", "abc", "501", "2x"}) {
    const auto r = c.get(std::string("/api/v1/products?limit=") + bad, auth_);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.json()["parameter"], "limit");
  }
  EXPECT_EQ(c.get("/api/v1/products?after=%zz", auth_).status, 400);
}

TEST_F(HttpProducts, SqlMetaCharactersAreStoredVerbatim) {
  auto c = client();
  const std::vector<std::string> names = {"Robert'); DROP TABLE products;--",
                                          "\" OR \"1\"=\"1",
                                          "100% _wild_ \\ card",
                                          "a;b -- c /* d */",
                                          "Ünïcödé ✓ 支架",
                                          "$1 $2 ?"};
  for (const auto& name : names) {
    const auto created =
        c.post("/api/v1/products", {{"name", name}, {"description", "x'\nline 2"}}, auth_);
    ASSERT_EQ(created.status, 201) << name << ": " << created.body;
    const auto got = c.get("/api/v1/products/" + created.json()["id"].get<std::string>(), auth_);
    EXPECT_EQ(got.json()["name"], name);
    EXPECT_EQ(got.json()["description"], "x'\nline 2");
  }
  EXPECT_EQ(c.get("/api/v1/products", auth_).json()["items"].size(), names.size());
}

TEST_F(HttpProducts, HeadIsGetWithoutBody) {
  auto c = client();
  const auto r = c.request("HEAD", "/api/v1/products", {}, auth_);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_NE(r.header("Content-Length"), "0");
}

TEST_F(HttpProducts, UnknownRoutesAndMethods) {
  auto c = client();
  const auto missing = c.get("/api/v1/nothing-here", auth_);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(missing.json()["status"], 404);
  const auto method = c.request("POST", "/api/v1/products/some-id", "{}", auth_);
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.header("Allow"), "GET, PUT, PATCH, DELETE");
  EXPECT_EQ(c.request("OPTIONS", "/api/v1/products", {}, auth_).status, 405);
}

TEST_F(HttpProducts, EveryResponseCarriesTheSecurityHeaders) {
  auto c = client();
  for (const auto& r :
       {c.get("/api/v1/products", auth_), c.get("/nope"), c.get("/healthz"),
        c.post("/api/v1/products", {{"name", 1}}, auth_), c.get("/api/v1/products")}) {
    EXPECT_EQ(r.header("Content-Security-Policy"),
              "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
              "form-action 'self'; base-uri 'none'");
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(r.header("Cache-Control"), "no-store");
    EXPECT_FALSE(r.header("Date").empty());
  }
}

}  // namespace
}  // namespace riskloop::testing
