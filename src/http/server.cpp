// The server: accept loop, one coroutine per connection (keep-alive, timeouts), the hand-off of
// writes to the write pool, response serialization, and graceful shutdown.
//
// Threading: one io_context per io thread, each run by exactly one thread, so a connection's
// coroutine and its socket live on one thread and need no strand or lock. The acceptor deals new
// connections out round-robin. Write handlers run on `write_pool` because Store::transaction
// blocks until its group commit is on disk; the connection's coroutine waits for the result
// without blocking its io thread.
#include "http/server.hpp"

#include <atomic>
#include <csignal>
#include <ctime>
#include <mutex>
#include <optional>
#include <unordered_set>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "app/app.hpp"
#include "http/client_address.hpp"
#include "http/problem.hpp"
#include "http/request_auth.hpp"
#include "http/router.hpp"
#include "http/server_log.hpp"

namespace riskloop::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 8 * 1024;
// A connection keeps a large buffer only while it needs one.
constexpr std::size_t kBufferKeep = 64 * 1024;
constexpr std::size_t kDrainLimit = 8u << 20;

// Sent on every response: the API is never to be framed, sniffed, cached or given a referrer.
// A response may set a Content-Security-Policy of its own instead of this one (the report viewed
// in the browser: inline styles, nothing else, in a sandbox).
constexpr std::string_view kDefaultCsp =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'\r\n";
constexpr std::string_view kFixedHeaders =
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n";
// Unless the response sets its own (static files of the web UI may be cached).
constexpr std::string_view kDefaultCacheControl = "Cache-Control: no-store\r\n";

// The Date header, formatted at most once a second per thread.
std::string_view http_date() {
  thread_local std::time_t cached_second = -1;
  thread_local char text[40];
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached_second = now;
  }
  return text;
}

Method method_of(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::get;
    case bhttp::verb::head:
      return Method::head;
    case bhttp::verb::post:
      return Method::post;
    case bhttp::verb::put:
      return Method::put;
    case bhttp::verb::patch:
      return Method::patch;
    case bhttp::verb::delete_:
      return Method::del;
    case bhttp::verb::options:
      return Method::options;
    default:
      return Method::other;
  }
}

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

// Status line and headers into `out` (reused per connection); the body is written from the
// Response itself, so it is never copied.
void serialize_head(std::string& out, const Response& r, bool keep_alive, unsigned version) {
  out.clear();
  out += "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += view(bhttp::obsolete_reason(static_cast<bhttp::status>(r.status)));
  out += "\r\n";
  if (r.status != 204 && r.status != 304) {
    out += "Content-Type: ";
    out += r.content_type;
    out += "\r\nContent-Length: ";
    out += std::to_string(r.body.size());
    out += "\r\n";
  }
  bool cache_control = false;
  bool csp = false;
  for (const auto& h : r.headers) {
    out += h.name;
    out += ": ";
    out += h.value;
    out += "\r\n";
    cache_control = cache_control || h.name == "Cache-Control";
    csp = csp || h.name == "Content-Security-Policy";
  }
  if (!csp) out += kDefaultCsp;
  out += kFixedHeaders;
  if (!cache_control) out += kDefaultCacheControl;
  out += "Date: ";
  out += http_date();
  out += "\r\n";
  if (!keep_alive)
    out += "Connection: close\r\n";
  else if (version == 10)
    out += "Connection: keep-alive\r\n";
  out += "\r\n";
}

// The name of the first header whose value holds CR, LF or another control character, or "".
// Such a value would reach the client as headers of its own (response splitting).
std::string_view unsafe_header(const Response& r) {
  for (const auto& h : r.headers)
    for (const unsigned char c : h.value)
      if (c < 0x20 || c == 0x7f) return h.name;
  return {};
}

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

bool is_protocol_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

struct Connection {
  beast::tcp_stream* stream = nullptr;
  bool idle = false;  // waiting for the next request: stop() may close it
  // The last response was sent before the request was read to its end (413, 431, 400). Closing
  // at once would reset the connection and the client might never see that response.
  bool unread_input = false;
};

struct Worker {
  asio::io_context context{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::thread thread;
  std::unordered_set<Connection*> connections;  // touched only on this worker's thread
};

}  // namespace

struct Server::Impl {
  Impl(app::App& app, ServerOptions options) : service{app, std::move(options), api_routes(), {}} {
    service.openapi_json = openapi_document(service.routes).dump();
    if (service.options.extra_routes) service.options.extra_routes(service.routes);
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(tcp::socket socket, Worker& worker);
  asio::awaitable<void> serve_requests(beast::tcp_stream& stream, Connection& conn,
                                       const std::string& peer);
  asio::awaitable<bool> respond(beast::tcp_stream& stream, std::string& head, const Response& r,
                                bool head_only, bool keep_alive, unsigned version);
  void connection_finished();

  Service service;
  // Declared before what uses their contexts, so they are destroyed after it.
  std::vector<std::unique_ptr<Worker>> workers;
  std::optional<asio::thread_pool> write_pool;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> grace_timer;
  unsigned short port = 0;
  bool started = false;
  std::atomic<bool> stopping{false};
  std::atomic<int> active{0};
  std::mutex wait_mutex;
  bool joined = false;
};

asio::awaitable<void> Server::Impl::accept_loop() {
  std::size_t next = 0;
  asio::steady_timer backoff(workers[0]->context);
  for (;;) {
    Worker& worker = *workers[next++ % workers.size()];
    auto [ec, socket] = co_await acceptor->async_accept(worker.context, kAwait);
    if (stopping || !acceptor->is_open()) co_return;
    if (ec) {
      // Out of file descriptors, or a client gone before accept: pause, then keep serving.
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(kAwait);
      continue;
    }
    ++active;
    asio::co_spawn(worker.context, serve(std::move(socket), worker), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::serve(tcp::socket socket, Worker& worker) {
  beast::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  std::string peer;
  if (const auto ep = socket.remote_endpoint(ec); !ec) peer = ep.address().to_string();
  beast::tcp_stream stream(std::move(socket));
  Connection conn{&stream};
  worker.connections.insert(&conn);
  try {
    co_await serve_requests(stream, conn, peer);
  } catch (const std::exception& e) {
    log_event(spdlog::level::err, "connection error", {{"cause", e.what()}});
  }
  worker.connections.erase(&conn);
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (conn.unread_input && !ec) {
    // Lingering close: discard what the client still sends, for a bounded time and size.
    std::array<char, 8192> scratch;
    std::size_t drained = 0;
    stream.expires_after(std::chrono::seconds(2));
    while (drained < kDrainLimit) {
      auto [rec, n] = co_await stream.async_read_some(asio::buffer(scratch), kAwait);
      if (rec) break;
      drained += n;
    }
  }
  stream.socket().close(ec);
  connection_finished();
}

void Server::Impl::connection_finished() {
  if (--active == 0 && stopping)
    asio::post(workers[0]->context, [this] {
      if (grace_timer) grace_timer->cancel();
    });
}

asio::awaitable<bool> Server::Impl::respond(beast::tcp_stream& stream, std::string& head,
                                            const Response& r, bool head_only, bool keep_alive,
                                            unsigned version) {
  serialize_head(head, r, keep_alive, version);
  const std::array<asio::const_buffer, 2> buffers{
      asio::buffer(head), head_only ? asio::const_buffer() : asio::buffer(r.body)};
  stream.expires_after(service.options.request_timeout);
  auto [ec, n] = co_await asio::async_write(stream, buffers, kAwait);
  co_return !ec;
}

asio::awaitable<void> Server::Impl::serve_requests(beast::tcp_stream& stream, Connection& conn,
                                                   const std::string& peer) {
  const ServerOptions& o = service.options;
  beast::flat_buffer buffer;
  std::string head;
  head.reserve(1024);
  for (bool first = true;; first = false) {
    if (buffer.size() == 0) {
      if (stopping) co_return;
      if (buffer.capacity() > kBufferKeep) buffer.shrink_to_fit();
      // Waiting for a request's first byte is idle time; stop() cancels it.
      conn.idle = true;
      stream.expires_after(first ? o.request_timeout : o.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(kReadChunk), kAwait);
      conn.idle = false;
      if (ec) co_return;  // closed by the client, timed out, or cancelled by stop()
      buffer.commit(n);
    }

    // Header and body must arrive within request_timeout of the first byte.
    stream.expires_after(o.request_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(o.header_limit));
    parser.body_limit(boost::none);  // set per route once the header says which route
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kAwait);
    const auto started = std::chrono::steady_clock::now();
    if (hec) {
      if (!is_protocol_error(hec)) co_return;  // closed, reset or timed out: nobody to answer
      conn.unread_input = true;
      // Named, not a temporary in the co_await expression: g++ 12 mishandles those.
      const Response error =
          hec == bhttp::error::header_limit
              ? problem(431, Error{ErrorCode::too_large,
                                   "the request header is larger than " +
                                       std::to_string(o.header_limit) + " bytes",
                                   {}})
              : problem(Error{ErrorCode::malformed,
                              "the request is not valid HTTP/1.1 (" + hec.message() + ")",
                              {}});
      const auto id = request_id_for({});
      auto answered = error;
      answered.headers.push_back({"X-Request-Id", id});
      co_await respond(stream, head, answered, false, false, 11);
      log_request({id, "-", "-", "-", answered.status, elapsed_ms(started)});
      co_return;
    }

    auto& req = parser.get();
    RequestView rv;
    rv.method = method_of(req.method());
    const auto target = view(req.target());
    const auto question = target.find('?');
    rv.path = target.substr(0, question);
    if (question != std::string_view::npos) rv.query = target.substr(question + 1);
    rv.authorization = view(req[bhttp::field::authorization]);
    rv.cookie = view(req[bhttp::field::cookie]);
    rv.csrf_token = view(req["X-CSRF-Token"]);
    rv.content_type = view(req[bhttp::field::content_type]);
    if (const auto it = req.find(bhttp::field::if_match); it != req.end()) {
      rv.if_match = view(it->value());
      rv.has_if_match = true;
    }
    const std::string client = client_address(peer, view(req[bhttp::field::forwarded]),
                                              view(req["X-Forwarded-For"]), o.trusted_proxies);
    rv.peer_address = client;
    rv.hx_request = view(req["HX-Request"]);
    rv.hx_current_url = view(req["HX-Current-URL"]);
    rv.if_none_match = view(req[bhttp::field::if_none_match]);
    rv.accept_language = view(req[bhttp::field::accept_language]);
    rv.idempotency_key = view(req["Idempotency-Key"]);
    const std::string request_id = request_id_for(view(req["X-Request-Id"]));
    rv.request_id = request_id;
    const RouteMatch match = service.routes.match(rv.method, rv.path);

    // Authentication from the headers (session cookie, bearer token) before any of the body is
    // read: a caller who may not use the route gets 401 (or the login page) at once.
    const bool needs_caller = match.route && match.route->spec.access != Access::open;
    std::optional<Result<Caller>> caller;
    if (needs_caller) {
      // Writes authenticate on the write pool, as their handlers run: checking a session may
      // write (its sliding expiry), which must not block an io thread.
      auto authenticate_here = [&]() -> Result<Caller> {
        try {
          return authenticate(service.app, rv, o.secure_cookies);
        } catch (const std::exception& e) {
          log_event(spdlog::level::err, "authentication failed",
                    {{"request_id", request_id}, {"cause", e.what()}});
          return fail(ErrorCode::internal, "internal error; the server log has the details "
                                           "(request id " + request_id + ")");
        }
      };
      if (match.route->spec.exec == Exec::write_pool) {
        auto on_pool = [&]() -> asio::awaitable<Result<Caller>> { co_return authenticate_here(); };
        caller = co_await asio::co_spawn(*write_pool, on_pool, asio::use_awaitable);
      } else {
        caller = authenticate_here();
      }
      rv.caller = &*caller;
    }
    const bool refused = caller && !*caller && caller->error().code == ErrorCode::unauthenticated;

    const std::size_t limit = !needs_caller                 ? o.public_body_limit
                              : match.route->spec.large_body ? o.large_body_limit
                                                            : o.body_limit;
    Response response;
    std::string actor;
    bool body_read = false;
    if (refused) {
      // Answered from the headers alone; an unread body means the connection can't be reused.
      conn.unread_input = !parser.is_done();
      body_read = parser.is_done();
      response = dispatch(service, match, rv, &actor);
    } else if (const auto length = parser.content_length(); length && *length > limit) {
      // The body is not read, so the connection can't be reused.
      conn.unread_input = true;
    } else {
      parser.body_limit(limit);  // chunked bodies are counted as they arrive
      if (!parser.is_done() && beast::iequals(req[bhttp::field::expect], "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        auto [cec, cn] = co_await asio::async_write(stream, asio::buffer(kContinue), kAwait);
        if (cec) co_return;
      }
      if (!parser.is_done()) {
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kAwait);
        if (bec && !is_protocol_error(bec)) co_return;
        if (bec == bhttp::error::body_limit) {
          conn.unread_input = true;
        } else if (bec) {
          conn.unread_input = true;
          response = problem(Error{
              ErrorCode::malformed, "the request body cannot be read (" + bec.message() + ")", {}});
        } else {
          body_read = true;
        }
      } else {
        body_read = true;
      }
    }

    if (refused) {
      // answered above
    } else if (body_read) {
      rv.body = req.body();
      if (rv.path.empty() || rv.path.front() != '/') {
        response = problem(Error{ErrorCode::malformed, "the request target must be a path", {}});
      } else if (match.route && match.route->spec.exec == Exec::write_pool) {
        auto on_pool = [&]() -> asio::awaitable<Response> {
          co_return dispatch(service, match, rv, &actor);
        };
        response = co_await asio::co_spawn(*write_pool, on_pool, asio::use_awaitable);
      } else {
        response = dispatch(service, match, rv, &actor);
      }
    } else if (response.body.empty()) {
      response =
          problem(Error{ErrorCode::too_large,
                        "the request body is larger than " + std::to_string(limit) + " bytes",
                        {}});
    }

    if (const auto bad = unsafe_header(response); !bad.empty()) {
      // Never sent: the cause goes to the log, the client gets a 500 with the request id.
      log_event(spdlog::level::err, "response refused",
                {{"request_id", request_id},
                 {"route", std::string(match.route ? match.route->spec.pattern : "-")},
                 {"cause", "header " + std::string(bad) + " holds a control character"}});
      response = problem(Error{ErrorCode::internal,
                               "internal error; the server log has the details (request id " +
                                   request_id + ")",
                               {}});
    }
    response.headers.push_back({"X-Request-Id", request_id});
    const bool keep_alive = body_read && req.keep_alive() && !stopping;
    const bool ok = co_await respond(stream, head, response, rv.method == Method::head, keep_alive,
                                     req.version());
    // The route pattern, never the raw path: paths hold ids, and the log is for operators.
    log_request({request_id, actor.empty() ? std::string_view("-") : std::string_view(actor),
                 method_name(rv.method),
                 match.route ? match.route->spec.pattern : std::string_view("-"), response.status,
                 elapsed_ms(started)});
    if (!ok || !keep_alive) co_return;
  }
}

Server::Server(app::App& app, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {}

Server::~Server() {
  if (impl_->started) {
    stop();
    wait();
  }
}

Status Server::start() {
  Impl& s = *impl_;
  if (s.started) return fail(ErrorCode::conflict, "the server is already started");
  const auto& o = s.service.options;
  beast::error_code ec;
  const auto address = asio::ip::make_address(o.address, ec);
  if (ec)
    return fail(ErrorCode::validation, "\"" + o.address + "\" is not an IP address", "address");
  for (const auto& proxy : o.trusted_proxies) RL_CHECK(check_ip_address(proxy, "trusted proxy"));

  const unsigned threads = std::max(1u, o.threads);
  for (unsigned i = 0; i < threads; ++i) s.workers.push_back(std::make_unique<Worker>());
  s.acceptor.emplace(s.workers[0]->context);
  const tcp::endpoint endpoint(address, o.port);
  const std::string where = o.address + ":" + std::to_string(o.port);
  if (s.acceptor->open(endpoint.protocol(), ec); ec)
    return fail(ErrorCode::internal, "cannot open a socket for " + where + ": " + ec.message());
  if (s.acceptor->set_option(asio::socket_base::reuse_address(true), ec); ec)
    return fail(ErrorCode::internal, "cannot set up " + where + ": " + ec.message());
  if (s.acceptor->bind(endpoint, ec); ec)
    return fail(ec == asio::error::address_in_use ? ErrorCode::conflict : ErrorCode::internal,
                "cannot listen on " + where + ": " + ec.message());
  if (s.acceptor->listen(asio::socket_base::max_listen_connections, ec); ec)
    return fail(ErrorCode::internal, "cannot listen on " + where + ": " + ec.message());
  s.port = s.acceptor->local_endpoint().port();

  s.write_pool.emplace(std::max(1u, o.write_threads));
  asio::co_spawn(s.workers[0]->context, s.accept_loop(), asio::detached);
  for (auto& w : s.workers) {
    w->guard.emplace(w->context.get_executor());
    w->thread = std::thread([ctx = &w->context] {
      for (;;) {
        try {
          ctx->run();
          return;
        } catch (const std::exception& e) {
          log_event(spdlog::level::err, "io thread error", {{"cause", e.what()}});
        }
      }
    });
  }
  s.started = true;
  return {};
}

unsigned short Server::port() const {
  return impl_->port;
}

void Server::stop() {
  Impl& s = *impl_;
  if (!s.started || s.stopping.exchange(true)) return;
  Worker& first = *s.workers[0];
  asio::post(first.context, [this, &s, &first] {
    beast::error_code ec;
    s.acceptor->close(ec);
    // Requests in flight get shutdown_grace to finish; the timer is cancelled when the last
    // connection ends (connection_finished), so an idle server stops at once.
    if (s.active > 0) {
      s.grace_timer.emplace(first.context);
      s.grace_timer->expires_after(s.service.options.shutdown_grace);
      s.grace_timer->async_wait([this](const beast::error_code& e) {
        if (!e) close_all_connections();
      });
    }
  });
  for (auto& w : s.workers) {
    asio::post(w->context, [worker = w.get()] {
      for (auto* conn : worker->connections)
        if (conn->idle) conn->stream->cancel();
      worker->guard.reset();
    });
  }
}

void Server::close_all_connections() {
  for (auto& w : impl_->workers) {
    asio::post(w->context, [worker = w.get()] {
      for (auto* conn : worker->connections) {
        beast::error_code ec;
        conn->stream->socket().cancel(ec);
        conn->stream->socket().close(ec);
      }
    });
  }
}

void Server::wait() {
  Impl& s = *impl_;
  std::lock_guard lock(s.wait_mutex);
  if (!s.started || s.joined) return;
  for (auto& w : s.workers)
    if (w->thread.joinable()) w->thread.join();
  // Writes still running finish before the caller may close the store.
  if (s.write_pool) s.write_pool->join();
  s.joined = true;
}

Status serve_until_signal(app::App& app, ServerOptions options,
                          const std::function<void(unsigned short)>& on_listening) {
  asio::io_context signal_context(1);
  // Installed before the server starts, so an early signal is never the default (fatal) one.
  asio::signal_set signals(signal_context, SIGINT, SIGTERM);
  Server server(app, std::move(options));
  RL_CHECK(server.start());
  if (on_listening) on_listening(server.port());

  std::function<void(const beast::error_code&, int)> on_signal = [&](const beast::error_code& ec,
                                                                     int) {
    if (ec) return;
    if (!server.impl_->stopping) {
      server.stop();
      signals.async_wait(on_signal);  // a second signal: don't wait for the grace period
    } else {
      server.close_all_connections();
    }
  };
  signals.async_wait(on_signal);
  std::thread signal_thread([&] { signal_context.run(); });
  server.wait();
  asio::post(signal_context, [&] { signals.cancel(); });
  signal_thread.join();
  return {};
}

}  // namespace riskloop::http
