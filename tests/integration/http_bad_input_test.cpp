// Hostile and broken requests: each gets the right 4xx with a precise message or field, and
// nothing changes in the store or the journal.
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpBadInput : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auth_ = bearer(token("admin@a.example", "org-a"));
    const auto r = client().post("/api/v1/products", {{"name", "Existing"}}, auth_);
    ASSERT_EQ(r.status, 201);
    existing_ = "/api/v1/products/" + r.json()["id"].get<std::string>();
    journal_before_ = journal_count();
  }
  void TearDown() override {
    // Whatever the test sent, the journal and the products are as before.
    EXPECT_EQ(journal_count(), journal_before_);
    auto c = client();
    const auto list = c.get("/api/v1/products", auth_);
    EXPECT_EQ(list.json()["items"].size(), 1u) << list.body;
    const auto p = c.get(existing_, auth_);
    EXPECT_EQ(p.json()["name"], "Existing");
    EXPECT_EQ(p.json()["version"], 1);
    HttpTest::TearDown();
  }

  // Expects a problem with this status and code; returns its body.
  nlohmann::json expect_problem(const HttpResponse& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    const auto body = r.json();
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["code"], code);
    EXPECT_EQ(body["type"], "urn:riskloop:problem:" + code);
    EXPECT_TRUE(body["title"].is_string());
    EXPECT_TRUE(body["detail"].is_string());
    return body;
  }

  HttpResponse post_raw(const std::string& body, const std::string& type = "application/json") {
    auto c = client();
    return c.request("POST", "/api/v1/products", body, auth_ + Headers{{"Content-Type", type}});
  }

  Headers auth_;
  std::string existing_;
  std::int64_t journal_before_ = 0;
};

TEST_F(HttpBadInput, MalformedJson) {
  const auto p = expect_problem(post_raw(R"({"name": "x",)"), 400, "malformed");
  EXPECT_NE(p["detail"].get<std::string>().find("invalid JSON at byte"), std::string::npos) << p;
  expect_problem(post_raw("{'name': 'x'}"), 400, "malformed");
  expect_problem(post_raw(R"({"name": "x"} trailing)"), 400, "malformed");
  const auto empty = expect_problem(post_raw(""), 400, "malformed");
  EXPECT_NE(empty["detail"].get<std::string>().find("empty"), std::string::npos);
}

TEST_F(HttpBadInput, WrongTypes) {
  auto p = expect_problem(post_raw(R"({"name": 5})"), 422, "validation");
  EXPECT_EQ(p["field"], "/name");
  EXPECT_EQ(p["detail"], "must be a string, not an integer");
  p = expect_problem(post_raw(R"({"name": "ok", "model": null})"), 422, "validation");
  EXPECT_EQ(p["field"], "/model");
  p = expect_problem(post_raw(R"(["name"])"), 422, "validation");
  EXPECT_EQ(p["field"], "/");
  // PATCH decodes onto the current state with the same strictness.
  auto c = client();
  p = expect_problem(
      c.request("PATCH", existing_, R"({"description": {"a": 1}})", auth_ + if_match(1)), 422,
      "validation");
  EXPECT_EQ(p["field"], "/description");
}

TEST_F(HttpBadInput, UnknownFields) {
  const auto p = expect_problem(post_raw(R"({"name": "x", "colour": "red"})"), 422, "validation");
  EXPECT_EQ(p["field"], "/colour");
  EXPECT_NE(p["detail"].get<std::string>().find("allowed: "), std::string::npos);
  // Fields the server sets are not accepted from clients either.
  expect_problem(post_raw(R"({"name": "x", "org_id": "someone-else"})"), 422, "validation");
  expect_problem(post_raw(R"({"name": "x", "version": 7})"), 422, "validation");
}

TEST_F(HttpBadInput, RulesOfTheApplication) {
  const auto p = expect_problem(post_raw(R"({"name": ""})"), 422, "validation");
  EXPECT_EQ(p["field"], "/name");
}

TEST_F(HttpBadInput, OversizeBody) {
  const std::string big = R"({"name": "x", "description": ")" + std::string(1 << 20, 'a') + "\"}";
  const auto r = post_raw(big);
  const auto p = expect_problem(r, 413, "too_large");
  EXPECT_EQ(p["detail"], "the request body is larger than 1048576 bytes");
  EXPECT_TRUE(r.closed);

  // Chunked bodies are counted as they arrive.
  const std::string chunk(64 * 1024, 'a');
  std::string raw =
      "POST /api/v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth_[0].second +
      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  for (int i = 0; i < 20; ++i) raw += size + chunk + "\r\n";
  raw += "0\r\n\r\n";
  auto c = client();
  const auto answer = c.raw(raw);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413 ", 0), 0u) << answer.substr(0, 200);
}

TEST_F(HttpBadInput, InvalidUtf8) {
  const auto p = expect_problem(post_raw("{\"name\": \"bad \xC3\x28 text\"}"), 400, "malformed");
  EXPECT_EQ(p["detail"], "the request body is not valid UTF-8");
  expect_problem(post_raw("{\"name\": \"\xED\xA0\x80\"}"), 400, "malformed");  // a surrogate
}

TEST_F(HttpBadInput, DeepNesting) {
  std::string deep = R"({"name": )";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}";
  const auto p = expect_problem(post_raw(deep), 400, "malformed");
  EXPECT_NE(p["detail"].get<std::string>().find("deeper than 32"), std::string::npos) << p;
  // 100 000 levels must not exhaust the server's stack either.
  expect_problem(post_raw(std::string(100000, '[')), 400, "malformed");
}

TEST_F(HttpBadInput, NonJsonContentTypes) {
  auto p = expect_problem(post_raw(R"({"name": "x"})", "text/plain"), 415, "malformed");
  EXPECT_NE(p["detail"].get<std::string>().find("text/plain"), std::string::npos);
  expect_problem(post_raw("name=x", "application/x-www-form-urlencoded"), 415, "malformed");
  expect_problem(post_raw(R"({"name": "x"})", "application/json; charset=latin1"), 415,
                 "malformed");
  auto c = client();
  // No Content-Type at all (the client adds one only when none is given, so send it raw).
  const auto raw =
      c.raw("POST /api/v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth_[0].second +
            "\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"name\":\"x\"}");
  EXPECT_EQ(raw.rfind("HTTP/1.1 415 ", 0), 0u) << raw;
  // application/json with charset=utf-8 is fine (and gets through to the rules: empty name).
  expect_problem(post_raw(R"({"name": ""})", "application/json; charset=UTF-8"), 422, "validation");
}

TEST_F(HttpBadInput, BadIfMatch) {
  auto c = client();
  for (const char* v : {"1", "\"one\"", "*", "\"1\", \"2\""}) {
    const auto p = expect_problem(
        c.request("PATCH", existing_, R"({"name": "y"})", auth_ + Headers{{"If-Match", v}}), 400,
        "malformed");
    EXPECT_EQ(p["parameter"], "If-Match") << v;
  }
  expect_problem(c.request("PATCH", existing_, R"({"name": "y"})", auth_ + if_match(9)), 412,
                 "precondition_failed");
}

TEST_F(HttpBadInput, CsrfLessCookiePosts) {
  const auto s = login("admin@a.example");
  auto c = client();
  expect_problem(c.post("/api/v1/products", {{"name", "x"}}, with_cookie(s, false)), 403,
                 "forbidden");
  expect_problem(
      c.request("PATCH", existing_, R"({"name":"y"})", with_cookie(s, false) + if_match(1)), 403,
      "forbidden");
  expect_problem(c.request("DELETE", existing_, {}, with_cookie(s, false) + if_match(1)), 403,
                 "forbidden");
  expect_problem(c.post("/api/v1/tokens", {{"name", "x"}}, with_cookie(s, false)), 403,
                 "forbidden");
}

TEST_F(HttpBadInput, BrokenHttp) {
  auto c = client();
  auto answer = c.raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << answer;
  answer = c.raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 431 ", 0), 0u) << answer.substr(0, 100);
  answer = c.raw(
      "GET http://elsewhere/api/v1/products HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << answer;
  answer = c.raw("POST /api/v1/products HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << answer;
  // The server is still fine.
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_F(HttpBadInput, MalformedPathsAndIds) {
  auto c = client();
  expect_problem(c.get("/api/v1/products/%zz", auth_), 404, "not_found");
  expect_problem(c.get("/api/v1/products/'%20OR%20'1'='1", auth_), 404, "not_found");
  expect_problem(c.get("/api/v1/products/" + std::string(3000, 'x'), auth_), 404, "not_found");
  expect_problem(c.get("/api/v1/products/", auth_), 404, "not_found");
}

}  // namespace
}  // namespace riskloop::testing
