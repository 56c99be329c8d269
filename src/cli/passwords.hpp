// Where the passwords of new users come from (environment, standard input or generated), and how
// generated secrets are shown: once, on standard output, with a note that they are not kept.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_context.hpp"

namespace riskloop::cli {

struct PasswordChoice {
  std::string password;
  bool generated = false;  // true: the caller must show it once
};

// One line of standard input (without its line end), not echoed when it is a terminal. Empty
// input is an error naming `location`.
CommandResult<std::string> read_password_stdin(const std::string& location);
// The value of environment variable `name` if set and not empty.
std::optional<std::string> password_from_env(const char* name);
// A random password: 32 random bytes, URL-safe base64 (43 characters).
std::string generate_password();

// Standard input if `from_stdin`, else environment variable `env` (if given and set), else
// generated.
CommandResult<PasswordChoice> choose_password(bool from_stdin, const char* env,
                                              const std::string& location);

// Prints one "<label>: <secret>" line each, then a note that they are shown only this once.
struct ShownSecret {
  std::string label;
  std::string secret;
};
void print_secrets_once(std::ostream& out, const std::vector<ShownSecret>& secrets);

}  // namespace riskloop::cli
