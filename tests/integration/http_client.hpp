// A small synchronous HTTP/1.1 client for the integration tests: keep-alive, reconnect when the
// server closed the connection, and raw byte access for malformed-request tests.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace riskloop::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  Headers headers;  // in order received, names as sent
  std::string body;
  bool closed = false;  // the server closed the connection after this response

  // The first header with this name (case-insensitive), "" if none.
  std::string header(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
  nlohmann::json json() const;  // the body parsed; null if it is not JSON
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port, std::string host = "127.0.0.1");
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // Sends one request on the kept-alive connection (connecting first when needed). Adds Host and
  // Content-Length; a non-empty body gets Content-Type application/json unless `headers` name one.
  // Throws std::system_error when the server can't be reached.
  HttpResponse request(std::string_view method, std::string_view target, std::string body = {},
                       const Headers& headers = {});
  HttpResponse get(std::string_view target, const Headers& headers = {}) {
    return request("GET", target, {}, headers);
  }
  HttpResponse post(std::string_view target, const nlohmann::json& body,
                    const Headers& headers = {}) {
    return request("POST", target, body.dump(), headers);
  }

  // Raw bytes out, then reads until the server closes or `timeout` passes; returns what came back.
  std::string raw(std::string_view bytes,
                  std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // For tests of partial requests: connect, send bytes, and read one response later.
  void connect();
  void send_bytes(std::string_view bytes);
  HttpResponse read_response();
  // True when the server has closed this connection (reads EOF within `timeout`).
  bool closed_by_server(std::chrono::milliseconds timeout);
  void close();

  int connects() const;  // how many TCP connections were opened so far

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace riskloop::testing
