// riskloop serve: runs the HTTP server on the database until SIGTERM or SIGINT.
#include <charconv>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "http/client_address.hpp"
#include "http/server.hpp"
#include "http/server_log.hpp"
#include "web/templates.hpp"
#include "web/web_routes.hpp"

namespace riskloop::cli {
namespace {

struct ServeArgs {
  DatabaseArgs database;
  std::string listen = "127.0.0.1:8080";
  unsigned threads = http::default_io_threads();
  std::string log_format = "text";
  // Neither: secure unless the server listens on a loopback address (then it is reached over
  // plain HTTP on this machine, and Secure cookies would never come back).
  bool secure_cookies = false;
  bool no_secure_cookies = false;
  std::vector<std::string> trusted_proxies;
};

bool is_loopback(const std::string& address) {
  return address == "::1" || address.rfind("127.", 0) == 0 || address == "localhost";
}

// "HOST:PORT", with IPv6 hosts in brackets: "[::1]:8080".
CommandStatus parse_listen(const std::string& text, http::ServerOptions& options) {
  const auto colon = text.rfind(':');
  const auto bad = [&](const std::string& why) {
    return fail(ErrorCode::validation,
                "\"" + text + "\" " + why + " (expected HOST:PORT, e.g. 127.0.0.1:8080)",
                "--listen");
  };
  if (colon == std::string::npos || colon == 0) return bad("has no host");
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad("has an unclosed [");
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535)
    return bad("has no port number between 0 and 65535");
  options.address = host;
  options.port = static_cast<unsigned short>(port);
  return {};
}

CommandStatus run_serve(const ServeArgs& args) {
  http::ServerOptions options;
  RL_CHECK(parse_listen(args.listen, options));
  options.threads = args.threads;
  for (const auto& proxy : args.trusted_proxies)
    RL_CHECK(http::check_ip_address(proxy, "--trusted-proxy"));
  options.trusted_proxies = args.trusted_proxies;
  options.secure_cookies = args.secure_cookies ||
                           (!args.no_secure_cookies && !is_loopback(options.address));
  options.extra_routes = web::add_web_routes;  // the web UI, next to the JSON API
  http::LogFormat log_format{};
  if (!http::parse_log_format(args.log_format, log_format))
    return fail(ErrorCode::validation, "\"" + args.log_format + "\" is not text or json",
                "--log-format");
  // Request lines and server errors go to stderr; stdout keeps the lines scripts wait for.
  http::configure_server_log(log_format);
  // A template that does not parse stops start-up here, naming it, not a page at run time.
  RL_CHECK(web::check_templates());
  auto open = RL_TRY(open_app(args.database.db, false));
  // Sessions and throttle rows left by an earlier run go now (then at most once a minute, at
  // logins).
  RL_CHECK(open->app().auth().purge_expired(open->app().clock().now()));
  const std::string host = args.listen.substr(0, args.listen.rfind(':'));
  RL_CHECK(http::serve_until_signal(open->app(), options, [&](unsigned short port) {
    // Scripts and tests wait for this line: print it whole and flush at once.
    std::cout << "riskloop listening on http://" << host << ':' << port << std::endl;
    http::log_event(spdlog::level::info, "listening",
                    {{"address", host}, {"port", std::to_string(port), true}});
  }));
  http::log_event(spdlog::level::info, "stopped", {});
  std::cout << "riskloop stopped" << std::endl;
  return {};
}

}  // namespace

void add_serve_command(CLI::App& root, Selection& selection) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = root.add_subcommand("serve", "serve the web UI and JSON API until SIGTERM or SIGINT");
  add_database_option(cmd, args->database);
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->envname("RISKLOOP_LISTEN")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "request threads (default: one per CPU)")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  cmd->add_option("--log-format", args->log_format,
                  "server log on stderr: text (for people) or json (one object per line, for "
                  "log collectors)")
      ->envname("RISKLOOP_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  auto* secure = cmd->add_flag(
      "--secure-cookies", args->secure_cookies,
      "mark cookies Secure and name them __Host-... (default: on unless listening on a loopback "
      "address; then serve over HTTPS through a TLS proxy)");
  cmd->add_flag("--no-secure-cookies", args->no_secure_cookies,
                "plain cookies even on a network address (only for plain-HTTP test set-ups)")
      ->excludes(secure);
  cmd->add_option("--trusted-proxy", args->trusted_proxies,
                  "IP address of a reverse proxy whose Forwarded / X-Forwarded-For header names "
                  "the client (repeatable; from other peers those headers are ignored)");
  on_selected(cmd, selection, "serve", [args] { return run_serve(*args); });
}

}  // namespace riskloop::cli
