// Passwords for new users and the once-only display of secrets.
#include "cli/passwords.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/auth.hpp"

namespace riskloop::cli {

namespace {

// Turns off echo on a terminal for as long as it lives (no effect when stdin is a pipe or file).
class NoEcho {
 public:
  NoEcho() : active_(isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!active_) return;
    std::cerr << "Password: " << std::flush;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~NoEcho() {
    if (!active_) return;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    std::cerr << '\n';
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_;
};

}  // namespace

CommandResult<std::string> read_password_stdin(const std::string& location) {
  std::string line;
  {
    NoEcho quiet;
    if (!std::getline(std::cin, line) && line.empty())
      return fail(ErrorCode::validation, "no password on standard input", location);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty())
    return fail(ErrorCode::validation, "the password on standard input is empty", location);
  return line;
}

std::optional<std::string> password_from_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string generate_password() {
  return app::random_secret("");
}

CommandResult<PasswordChoice> choose_password(bool from_stdin, const char* env,
                                              const std::string& location) {
  if (from_stdin) return PasswordChoice{RL_TRY(read_password_stdin(location)), false};
  if (env != nullptr) {
    if (auto value = password_from_env(env)) return PasswordChoice{std::move(*value), false};
  }
  return PasswordChoice{generate_password(), true};
}

void print_secrets_once(std::ostream& out, const std::vector<ShownSecret>& secrets) {
  if (secrets.empty()) return;
  for (const auto& s : secrets) out << s.label << ": " << s.secret << '\n';
  out << (secrets.size() == 1 ? "This secret is" : "These secrets are")
      << " shown only this once and stored only as a hash: keep "
      << (secrets.size() == 1 ? "it" : "them") << " in a password manager now.\n";
}

}  // namespace riskloop::cli
