// The HTTP API server: JSON over HTTP/1.1 for the UI, scripts and ERP/MES integrations.
//
//   http::Server server(app, {.port = 0});
//   RL_CHECK(server.start());           // listening on server.port() when this returns
//   ...
//   server.stop();                      // stop accepting; requests in flight finish
//   server.wait();                      // returns when they have
//
// One coroutine per connection (keep-alive, HTTP/1.1). Reads run on the io threads; writes run
// on a separate pool so io threads never wait for the store's fsync and concurrent writes are
// committed together. The routes and their rules are served as OpenAPI 3.1 at
// /api/v1/openapi.json, generated from the route table (router.hpp).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace riskloop::app {
class App;
}

namespace riskloop::http {

class RouteTable;

inline unsigned default_io_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

struct ServerOptions {
  // Address to listen on. The default keeps the server local; put a TLS-terminating proxy in
  // front of it to serve a network.
  std::string address = "127.0.0.1";
  unsigned short port = 8080;               // 0: any free port, see Server::port()
  unsigned threads = default_io_threads();  // io threads (accept, parse, reads)
  // Threads running write handlers. Each write blocks in the store's group commit, so this bounds
  // how many writes can share one commit.
  unsigned write_threads = 32;
  std::size_t body_limit = 1 << 20;         // bytes; larger bodies get 413
  // Routes open to anyone (login, unknown paths) read at most this much: an unauthenticated
  // client cannot make the server read and parse large bodies.
  std::size_t public_body_limit = 64 << 10;
  std::size_t large_body_limit = 64 << 20;  // for routes that declare large bodies (imports)
  std::size_t header_limit = 16 << 10;      // request line and header fields; larger get 431
  // From a request's first byte to its last, and for writing a response; slow clients are cut off.
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
  // Keep-alive: how long an idle connection waits for its next request.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  // stop(): how long requests in flight may take before their connections are closed.
  std::chrono::milliseconds shutdown_grace{std::chrono::seconds(30)};
  int json_max_depth = 32;  // deeper request bodies get 400
  // Mark the cookies Secure and name them with the "__Host-" prefix (__Host-rl_session). Set this
  // when a TLS-terminating proxy serves the API over HTTPS (the server itself speaks plain HTTP);
  // `riskloop serve` sets it unless it listens on a loopback address.
  bool secure_cookies = false;
  // Reverse proxies (IP addresses) whose Forwarded / X-Forwarded-For header names the client.
  // From any other peer those headers are ignored: the socket address is the client's.
  std::vector<std::string> trusted_proxies;
  // Adds routes besides the JSON API (the web UI's pages and static files). They are served like
  // the API's but left out of the OpenAPI document.
  std::function<void(RouteTable&)> extra_routes;
};

class Server {
 public:
  Server(app::App& app, ServerOptions options);
  // Stops and waits if still running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Fails with `conflict` if the address is in use,
  // `validation` if it is not an IP address, `internal` otherwise.
  [[nodiscard]] Status start();
  // The bound port (the chosen one when options.port was 0); 0 before start().
  unsigned short port() const;
  // Graceful: closes the listening socket and idle connections; requests in flight finish and
  // get their responses (with Connection: close). Safe to call from any thread, more than once.
  void stop();
  // Returns when every thread has finished (after stop(), or never without it).
  void wait();

 private:
  friend Status serve_until_signal(app::App&, ServerOptions,
                                   const std::function<void(unsigned short)>&);
  void close_all_connections();  // the grace period is over (or a second signal came)

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs a server until SIGINT or SIGTERM, then stops gracefully and returns; the caller closes the
// store afterwards. A second signal cuts the grace period short. `on_listening` (optional) is
// called once the server accepts connections, with the bound port (for "listening on ..." lines).
[[nodiscard]] Status serve_until_signal(
    app::App& app, ServerOptions options,
    const std::function<void(unsigned short)>& on_listening = {});

}  // namespace riskloop::http
