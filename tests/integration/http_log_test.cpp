// The server log: one JSON object per request with id, user, method, route pattern, status and
// duration; the request id echoed to the client (taken from a sane X-Request-Id, else made);
// and no secret of the request in the log.
#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <thread>

#include "http/server_log.hpp"
#include "tests/integration/http_fixture.hpp"

namespace riskloop::testing {
namespace {

// Keeps every line written, for the test to read while the server writes.
class LineSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    lines_.emplace_back(msg.payload.data(), msg.payload.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;
};

class HttpLog : public HttpTest {
 protected:
  void SetUp() override {
    sink_ = std::make_shared<LineSink>();
    http::configure_server_log(http::LogFormat::json, sink_);
    HttpTest::SetUp();
  }
  void TearDown() override {
    HttpTest::TearDown();
    http::configure_server_log(http::LogFormat::text);
  }

  // The request line with this id; the server writes it just after the response, so wait a bit.
  nlohmann::json request_line(const std::string& id) {
    for (int i = 0; i < 200; ++i) {
      for (const auto& line : sink_->lines()) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
        if (j.is_object() && j.value("msg", "") == "request" && j.value("request_id", "") == id)
          return j;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "no request line with id " << id;
    return {};
  }

  std::shared_ptr<LineSink> sink_;
};

TEST_F(HttpLog, EachRequestIsOneJsonLineWithItsRouteStatusUserAndId) {
  const auto secret = token("admin@a.example", "org-a");
  auto c = client();
  const auto created = c.post("/api/v1/products", {{"name", "Stent"}},
                              bearer(secret) + Headers{{"X-Request-Id", "trace-42.a"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("X-Request-Id"), "trace-42.a");
  const auto id = created.json()["id"].get<std::string>();

  const auto line = request_line("trace-42.a");
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["method"], "POST");
  EXPECT_EQ(line["route"], "/api/v1/products");
  EXPECT_EQ(line["status"], 201);
  EXPECT_TRUE(line["duration_ms"].is_number());
  EXPECT_GE(line["duration_ms"].get<double>(), 0.0);
  EXPECT_TRUE(line["user"].get<std::string>().starts_with("token:")) << line;
  EXPECT_TRUE(parse_timestamp(line["time"].get<std::string>())) << line;

  // A path with an id is logged as its route pattern.
  const auto read = c.get("/api/v1/products/" + id, bearer(secret));
  ASSERT_EQ(read.status, 200);
  const auto generated = read.header("X-Request-Id");
  EXPECT_EQ(generated.size(), 32u) << "a request without an id gets a new one";
  const auto read_line = request_line(generated);
  EXPECT_EQ(read_line["route"], "/api/v1/products/{id}");
  EXPECT_EQ(read_line["status"], 200);

  // An unauthenticated request: user "-", its status; an unusable incoming id is replaced.
  const auto refused = c.get("/api/v1/products", {{"X-Request-Id", "has spaces and \"quotes\""}});
  EXPECT_EQ(refused.status, 401);
  const auto replaced = refused.header("X-Request-Id");
  EXPECT_EQ(replaced.size(), 32u);
  const auto refused_line = request_line(replaced);
  EXPECT_EQ(refused_line["user"], "-");
  EXPECT_EQ(refused_line["status"], 401);

  // No path without a route leaks into the log, and no secret ever does.
  EXPECT_EQ(c.get("/no/such/0197abc", bearer(secret)).status, 404);
  for (const auto& l : sink_->lines()) {
    EXPECT_EQ(l.find(secret), std::string::npos) << l;
    EXPECT_EQ(l.find("Bearer"), std::string::npos) << l;
    EXPECT_EQ(l.find("0197abc"), std::string::npos) << l;
    EXPECT_EQ(l.find("Stent"), std::string::npos) << "request bodies are never logged: " << l;
  }
}

TEST_F(HttpLog, LoginPasswordsAndCookiesNeverReachTheLog) {
  const auto s = login("admin@a.example");
  auto c = client();
  const auto r = c.get("/api/v1/products", with_cookie(s) + Headers{{"X-Request-Id", "cookie-1"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(request_line("cookie-1")["user"].get<std::string>().starts_with("user:"));
  const auto cookie_value = s.cookie.substr(s.cookie.find('=') + 1);
  for (const auto& l : sink_->lines()) {
    EXPECT_EQ(l.find(kPassword), std::string::npos) << l;
    EXPECT_EQ(l.find(cookie_value), std::string::npos) << l;
    EXPECT_EQ(l.find(s.csrf), std::string::npos) << l;
  }
}

}  // namespace
}  // namespace riskloop::testing
