// The server itself: health, the OpenAPI document, keep-alive and timeouts, concurrent writes,
// and graceful shutdown.
#include <future>
#include <set>
#include <thread>

#include "http/router.hpp"
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

class HttpServer : public HttpTest {};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST_F(HttpServer, HealthNeedsNoAuthentication) {
  const auto r = client().get("/healthz");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json(), nlohmann::json({{"status", "ok"}}));
  EXPECT_EQ(r.header("Content-Type"), "application/json");
}

TEST_F(HttpServer, OpenApiDescribesEveryRoute) {
  const auto r = client().get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  const auto doc = r.json();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> operation_ids;
  const auto table = http::api_routes();
  for (const auto& route : table.routes()) {
    const std::string path(route.spec.pattern);
    const auto method = lower(http::method_name(route.spec.method));
    SCOPED_TRACE(method + " " + path);
    ASSERT_TRUE(doc["paths"].contains(path));
    ASSERT_TRUE(doc["paths"][path].contains(method));
    const auto& op = doc["paths"][path][method];
    EXPECT_FALSE(op["summary"].get<std::string>().empty());
    EXPECT_TRUE(operation_ids.insert(op["operationId"].get<std::string>()).second)
        << "duplicate operationId";
    EXPECT_TRUE(op["responses"].contains(std::to_string(route.spec.status)));
    if (!route.spec.body.name.empty()) {
      EXPECT_EQ(op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/" + std::string(route.spec.body.name));
    }
    for (const auto name : route.param_names) {
      bool found = false;
      for (const auto& p : op["parameters"]) found |= p["name"] == name && p["in"] == "path";
      EXPECT_TRUE(found) << name;
    }
  }
  // Every reference resolves.
  std::function<void(const nlohmann::json&)> check_refs = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        const auto ref = j["$ref"].get<std::string>();
        const std::string prefix = "#/components/schemas/";
        ASSERT_EQ(ref.rfind(prefix, 0), 0u);
        EXPECT_TRUE(doc["components"]["schemas"].contains(ref.substr(prefix.size()))) << ref;
      }
      for (const auto& [k, v] : j.items()) check_refs(v);
    } else if (j.is_array()) {
      for (const auto& v : j) check_refs(v);
    }
  };
  check_refs(doc);
  // Schemas come from the field lists: inputs are strict, secrets never appear.
  const auto& schemas = doc["components"]["schemas"];
  EXPECT_EQ(schemas["ProductInput"]["additionalProperties"], false);
  EXPECT_TRUE(schemas["ProductInput"]["properties"].contains("name"));
  EXPECT_FALSE(schemas["ApiToken"]["properties"].contains("token_hash"));
  EXPECT_FALSE(schemas["Member"]["properties"].contains("password_hash"));
}

TEST_F(HttpServer, KeepAliveAndPipelining) {
  auto c = client();
  for (int i = 0; i < 20; ++i) ASSERT_EQ(c.get("/healthz").status, 200);
  EXPECT_EQ(c.connects(), 1);
  // Two requests in one write: two answers, in order.
  const auto answer = client().raw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n");
  const auto first = answer.find("HTTP/1.1 200 ");
  const auto second = answer.find("HTTP/1.1 404 ");
  EXPECT_EQ(first, 0u) << answer;
  EXPECT_NE(second, std::string::npos) << answer;
  // HTTP/1.0 closes unless asked to keep alive.
  const auto old = client().raw("GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_NE(old.find("Connection: close"), std::string::npos) << old;
}

TEST_F(HttpServer, AnUnknownPageIsAPageAndAnUnknownApiPathIsAProblem) {
  auto c = client();
  const auto page = c.get("/files/no-such-file/nonsense");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.header("Content-Type").rfind("text/html", 0), 0u) << page.header("Content-Type");
  EXPECT_NE(page.body.find("There is no page at /files/no-such-file/nonsense."), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("href=\"/static/app.css\""), std::string::npos);
  const auto api = c.get("/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/problem+json");
}

TEST_F(HttpServer, IdleAndSlowConnectionsAreClosed) {
  auto options = default_options();
  options.idle_timeout = std::chrono::milliseconds(200);
  options.request_timeout = std::chrono::milliseconds(300);
  restart(options);
  auto idle = client();
  ASSERT_EQ(idle.get("/healthz").status, 200);
  EXPECT_TRUE(idle.closed_by_server(std::chrono::seconds(3)));

  auto slow = client();
  slow.connect();
  slow.send_bytes("GET /healthz HTTP/1.1\r\nHo");  // and never the rest
  EXPECT_TRUE(slow.closed_by_server(std::chrono::seconds(3)));
}

TEST_F(HttpServer, ExpectContinue) {
  auto c = client();
  c.connect();
  const auto secret = token("admin@a.example", "org-a");
  const std::string body = R"({"name":"Continued"})";
  c.send_bytes("POST /api/v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret +
               "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n");
  const auto interim = c.read_response();
  EXPECT_EQ(interim.status, 100);
  c.send_bytes(body);
  EXPECT_EQ(c.read_response().status, 201);
}

TEST_F(HttpServer, ConcurrentWritesAreAllCommittedAndJournaled) {
  const auto secret = token("admin@a.example", "org-a");
  const auto before = journal_count();
  constexpr int kThreads = 8, kEach = 15;
  std::vector<std::future<int>> done;
  for (int t = 0; t < kThreads; ++t)
    done.push_back(std::async(std::launch::async, [&, t] {
      HttpClient c(port());
      int ok = 0;
      for (int i = 0; i < kEach; ++i)
        ok += c.post("/api/v1/products",
                     {{"name", "P" + std::to_string(t) + "-" + std::to_string(i)}}, bearer(secret))
                  .status == 201;
      return ok;
    }));
  int ok = 0;
  for (auto& f : done) ok += f.get();
  EXPECT_EQ(ok, kThreads * kEach);
  EXPECT_EQ(journal_count(), before + kThreads * kEach);
  const auto report = app_->journal().verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
}

TEST_F(HttpServer, GracefulStopFinishesTheRequestInFlight) {
  const auto secret = token("admin@a.example", "org-a");
  auto idle = client();
  ASSERT_EQ(idle.get("/healthz").status, 200);  // an idle keep-alive connection

  // A request whose body is still arriving when stop() is called.
  auto busy = client();
  busy.connect();
  const std::string body = R"({"name":"Finished during shutdown"})";
  busy.send_bytes("POST /api/v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret +
                  "\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto started = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_TRUE(idle.closed_by_server(std::chrono::seconds(2)));          // idle ones close at once
  EXPECT_THROW(HttpClient(port()).get("/healthz"), std::system_error);  // no longer accepting
  busy.send_bytes(body.substr(10));
  const auto r = busy.read_response();
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.closed);  // Connection: close
  server_->wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));

  auto who = app_->auth().operator_principal("test", org_a_, "");
  ASSERT_TRUE(who);
  const auto products = app_->products().list(*who, {});
  ASSERT_TRUE(products);
  ASSERT_EQ(products->size(), 1u);
  EXPECT_EQ(products->front().name, "Finished during shutdown");
}

TEST_F(HttpServer, StartFailsClearlyWhenThePortIsTaken) {
  auto options = default_options();
  options.port = port();
  http::Server second(*app_, options);
  const auto r = second.start();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_NE(r.error().message.find(std::to_string(port())), std::string::npos) << r.error().message;

  options.address = "not-an-address";
  http::Server third(*app_, options);
  EXPECT_EQ(third.start().error().code, ErrorCode::validation);
}

}  // namespace
}  // namespace riskloop::testing
