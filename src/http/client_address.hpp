// The client's address behind a reverse proxy: the socket peer, unless that peer is a proxy the
// operator trusts (riskloop serve --trusted-proxy), which says whom it forwards for.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace riskloop::http {

// The address login throttling and the log use. `peer` is the socket's remote address. Only when
// it is one of `trusted_proxies` is the last `for=` of `forwarded` (RFC 7239) or else the last
// entry of `x_forwarded_for` taken: the proxy appends the address it saw, and entries before it
// came from the client and may be forged. A value that is not an IP address is ignored (the
// peer is used).
std::string client_address(std::string_view peer, std::string_view forwarded,
                           std::string_view x_forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// `validation` naming `location` unless `text` is an IPv4 or IPv6 address.
Status check_ip_address(std::string_view text, std::string_view location);

}  // namespace riskloop::http
