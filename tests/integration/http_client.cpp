// The test client over Boost.Beast (synchronous).
#include "tests/integration/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <strings.h>

#include <optional>
#include <system_error>

namespace riskloop::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {
bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}
}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequal(k, name)) return v;
  return {};
}

std::vector<std::string> HttpResponse::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : headers)
    if (iequal(k, name)) out.push_back(v);
  return out;
}

nlohmann::json HttpResponse::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

struct HttpClient::Impl {
  asio::io_context io;
  std::string host;
  unsigned short port;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  int connects = 0;

  void connect() {
    stream.emplace(io);
    buffer.clear();
    stream->expires_after(std::chrono::seconds(10));
    stream->connect(tcp::endpoint(asio::ip::make_address(host), port));
    stream->expires_never();
    ++connects;
  }
  HttpResponse read(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(256u << 20);
    parser.skip(head);  // the answer to HEAD has a Content-Length but no body
    stream->expires_after(std::chrono::seconds(60));
    bhttp::read(*stream, buffer, parser);
    stream->expires_never();
    auto& res = parser.get();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res)
      out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.body = std::move(res.body());
    out.closed = !res.keep_alive();
    return out;
  }
};

HttpClient::HttpClient(unsigned short port, std::string host) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::request(std::string_view method, std::string_view target, std::string body,
                                 const Headers& headers) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(beast::string_view(method.data(), method.size()));
  req.target(beast::string_view(target.data(), target.size()));
  req.version(11);
  req.set(bhttp::field::host, impl_->host);
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    req.insert(k, v);
    if (iequal(k, "Content-Type")) has_type = true;
  }
  if (!body.empty() && !has_type) req.set(bhttp::field::content_type, "application/json");
  req.body() = std::move(body);
  req.prepare_payload();
  // One retry on a fresh connection: the server may have closed an idle one.
  for (int attempt = 0;; ++attempt) {
    try {
      if (!impl_->stream) impl_->connect();
      bhttp::write(*impl_->stream, req);
      auto res = impl_->read(method == "HEAD");
      if (res.closed) impl_->stream.reset();
      return res;
    } catch (const boost::system::system_error& e) {
      impl_->stream.reset();
      if (attempt == 1) throw std::system_error(e.code(), e.what());
    }
  }
}

std::string HttpClient::raw(std::string_view bytes, std::chrono::milliseconds timeout) {
  connect();
  send_bytes(bytes);
  std::string out;
  impl_->stream->expires_after(timeout);
  char chunk[4096];
  for (;;) {
    beast::error_code ec;
    const auto n = impl_->stream->read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) break;
  }
  impl_->stream.reset();
  return out;
}

void HttpClient::connect() {
  impl_->connect();
}

void HttpClient::send_bytes(std::string_view bytes) {
  asio::write(*impl_->stream, asio::buffer(bytes.data(), bytes.size()));
}

HttpResponse HttpClient::read_response() {
  return impl_->read();
}

bool HttpClient::closed_by_server(std::chrono::milliseconds timeout) {
  if (!impl_->stream) return true;
  impl_->stream->expires_after(timeout);
  char c;
  beast::error_code ec;
  impl_->stream->read_some(asio::buffer(&c, 1), ec);
  impl_->stream->expires_never();
  const bool closed = ec == asio::error::eof || ec == asio::error::connection_reset;
  // A timeout closes the stream too (Beast's tcp_stream), so it can't be used afterwards either.
  if (ec) impl_->stream.reset();
  return closed;
}

void HttpClient::close() {
  impl_->stream.reset();
}

int HttpClient::connects() const {
  return impl_->connects;
}

}  // namespace riskloop::testing
