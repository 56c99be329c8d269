// Client addresses behind trusted proxies (see client_address.hpp).
#include "http/client_address.hpp"

#include <boost/asio/ip/address.hpp>

#include "core/text_rules.hpp"

namespace riskloop::http {
namespace {

// The address in its canonical text (IPv4-mapped IPv6 addresses as IPv4), or "" if not one.
std::string canonical(std::string_view text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return {};
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  return a.to_string();
}

std::string_view last_element(std::string_view list) {
  const auto comma = list.rfind(',');
  return trim_blanks(comma == std::string_view::npos ? list : list.substr(comma + 1));
}

// The node of a Forwarded element's for= parameter: "192.0.2.60", "\"[2001:db8::1]:4711\"".
std::string forwarded_for(std::string_view element) {
  while (!element.empty()) {
    const auto semi = element.find(';');
    const auto pair = trim_blanks(element.substr(0, semi));
    element = semi == std::string_view::npos ? std::string_view{} : element.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || !equals_ignoring_case(trim_blanks(pair.substr(0, eq)), "for"))
      continue;
    auto node = trim_blanks(pair.substr(eq + 1));
    if (node.size() >= 2 && node.front() == '"' && node.back() == '"')
      node = node.substr(1, node.size() - 2);
    if (!node.empty() && node.front() == '[') {
      const auto close = node.find(']');
      return close == std::string_view::npos ? std::string() : std::string(node.substr(1, close - 1));
    }
    // IPv4 with a port: "192.0.2.60:4711" (a bare IPv6 address has several colons).
    if (const auto colon = node.find(':'); colon != std::string_view::npos &&
                                           node.find(':', colon + 1) == std::string_view::npos)
      node = node.substr(0, colon);
    return std::string(node);
  }
  return {};
}

}  // namespace

std::string client_address(std::string_view peer, std::string_view forwarded,
                           std::string_view x_forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  const auto socket = canonical(peer);
  bool trusted = false;
  for (const auto& proxy : trusted_proxies) trusted = trusted || (!socket.empty() && canonical(proxy) == socket);
  if (!trusted) return socket.empty() ? std::string(peer) : socket;
  std::string said;
  if (!trim_blanks(forwarded).empty())
    said = canonical(forwarded_for(last_element(forwarded)));
  else if (!trim_blanks(x_forwarded_for).empty())
    said = canonical(last_element(x_forwarded_for));
  return said.empty() ? socket : said;
}

Status check_ip_address(std::string_view text, std::string_view location) {
  if (!canonical(text).empty()) return {};
  return fail(ErrorCode::validation, "\"" + std::string(text) + "\" is not an IP address",
              std::string(location));
}

}  // namespace riskloop::http
