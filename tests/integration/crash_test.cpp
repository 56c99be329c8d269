// Crash recovery of the served database: clients write products continuously while the server is
// killed with SIGKILL at random moments and restarted, at least 20 times. Afterwards every write
// that was acknowledged with 2xx must be there, and `riskloop verify` must pass.
//
// Usage: http_crash_test <path of the riskloop binary>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "app/record_types.hpp"
#include "app/app.hpp"
#include "tests/integration/http_client.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using riskloop::testing::HttpClient;

namespace {

constexpr int kMinKills = 20;
constexpr int kClients = 4;
// For the kill cycles. An optimized build reaches its kills in about 15 s; a sanitizer build starts
// the server several times slower and needs most of it.
constexpr auto kBudget = 75s;

struct Child {
  pid_t pid = -1;
  int out = -1;  // its stdout
};

// Starts `argv` with stdout on a pipe.
Child spawn(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Reads one line from `fd`, waiting at most `timeout`; "" on timeout or end of file.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return {};
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char c;
    if (::read(fd, &c, 1) != 1) return {};
    if (c == '\n') return line;
    line.push_back(c);
  }
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  return out;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

unsigned short free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

struct Server {
  Child child;
  unsigned short port = 0;
};

// Starts `riskloop serve` and waits for its "listening on" line.
Server start_server(const std::string& binary, const std::string& db, unsigned short port) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    Server s{spawn({binary, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(port),
                    "--threads", "2"}),
             port};
    const auto line = read_line(s.child.out, 10s);
    if (line.find("listening on") != std::string::npos) return s;
    // Not started (most likely the port was taken meanwhile): try another one.
    ::kill(s.child.pid, SIGKILL);
    wait_exit(s.child.pid);
    ::close(s.child.out);
    std::cerr << "server did not start on port " << port << " (" << line << "); retrying\n";
    port = free_port();
  }
  throw std::runtime_error("the server does not start");
}

void stop_server(Server& s, int signal) {
  ::kill(s.child.pid, signal);
  wait_exit(s.child.pid);
  ::close(s.child.out);
}

std::string make_database(const fs::path& dir) {
  const std::string db = (dir / "crash.db").string();
  auto store = riskloop::store::Store::open(
      {.url = "sqlite:" + db, .declared_tables = riskloop::app::declared_tables()});
  if (!store) throw std::runtime_error(store.error().message);
  riskloop::app::SystemClock clock;
  riskloop::app::UuidV7Source ids;
  riskloop::app::App app(**store, clock, ids,
                         {.password_cost = riskloop::app::PasswordCost::minimal});
  auto op = app.auth().operator_principal("crash-test", "", "");
  auto boot = app.accounts().bootstrap(
      *op, {"Crash Test", "crash"},
      {"admin@crash.example", "Admin", "correct horse battery staple", riskloop::Role::admin});
  if (!boot) throw std::runtime_error(boot.error().message);
  auto who = app.auth().operator_principal("crash-test", boot->organization.header.id,
                                           "admin@crash.example");
  auto token = app.accounts().create_token(*who, {"crash test", 30});
  if (!token) throw std::runtime_error(token.error().message);
  return token->secret;  // the store closes here: the server owns the database from now on
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " RISKLOOP_BINARY\n";
    return 2;
  }
  const std::string binary = argv[1];
  ::signal(SIGPIPE, SIG_IGN);
  const fs::path dir = fs::temp_directory_path() / ("riskloop-crash-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "crash.db").string();
  const std::string secret = make_database(dir);
  const riskloop::testing::Headers auth = {{"Authorization", "Bearer " + secret}};

  std::atomic<bool> done{false};
  std::atomic<unsigned short> port{0};
  std::mutex acked_mutex;
  std::vector<std::pair<std::string, std::string>> acked;  // id, name
  std::atomic<int> unexpected{0};

  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t)
    clients.emplace_back([&, t] {
      int seq = 0;
      while (!done) {
        const unsigned short p = port;
        if (p == 0) {
          std::this_thread::sleep_for(5ms);
          continue;
        }
        try {
          HttpClient c(p);
          while (!done && port == p) {
            const std::string name = "crash " + std::to_string(t) + "-" + std::to_string(++seq);
            const auto r = c.post("/api/v1/products",
                                  {{"name", name}, {"description", "written under fire"}}, auth);
            if (r.status / 100 == 2) {
              std::lock_guard lock(acked_mutex);
              acked.emplace_back(r.json()["id"].get<std::string>(), name);
            } else {
              ++unexpected;
              std::cerr << "unexpected answer " << r.status << ": " << r.body << '\n';
            }
          }
        } catch (const std::exception&) {
          std::this_thread::sleep_for(5ms);  // the server is down: wait for the next one
        }
      }
    });

  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> alive_ms(30, 400);
  unsigned short listen_port = free_port();
  int kills = 0;
  const auto started = std::chrono::steady_clock::now();
  while (kills < kMinKills + 5 && std::chrono::steady_clock::now() - started < kBudget) {
    auto server = start_server(binary, db, listen_port);
    listen_port = server.port;
    port = server.port;
    std::this_thread::sleep_for(std::chrono::milliseconds(alive_ms(rng)));
    stop_server(server, SIGKILL);
    port = 0;
    ++kills;
  }
  done = true;
  for (auto& c : clients) c.join();

  // Every acknowledged write is there, exactly as written.
  auto server = start_server(binary, db, listen_port);
  int missing = 0;
  {
    HttpClient c(server.port);
    for (const auto& [id, name] : acked) {
      const auto r = c.get("/api/v1/products/" + id, auth);
      if (r.status != 200 || r.json()["name"] != name) {
        ++missing;
        std::cerr << "acknowledged product " << id << " (" << name << "): " << r.status << ' '
                  << r.body << '\n';
      }
    }
  }
  stop_server(server, SIGTERM);

  const auto verify = spawn({binary, "verify", "--db", db});
  const auto verify_out = read_all(verify.out);
  ::close(verify.out);
  const int verify_exit = wait_exit(verify.pid);

  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "crash test: " << kills << " kills in " << seconds << " s, " << acked.size()
            << " acknowledged writes, " << missing << " missing, " << unexpected
            << " unexpected answers; riskloop verify exited " << verify_exit << ": " << verify_out;
  const bool ok = kills >= kMinKills && !acked.empty() && missing == 0 && unexpected == 0 &&
                  verify_exit == 0 && verify_out.rfind("verified ", 0) == 0;
  if (ok)
    fs::remove_all(dir);
  else
    std::cout << "database kept at " << db << '\n';
  std::cout << (ok ? "1 passed, 0 failed" : "0 passed, 1 failed") << std::endl;
  return ok ? 0 : 1;
}
