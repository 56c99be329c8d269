// Options and files shared by the risk commands (see risk_options.hpp).
#include "cli/risk_options.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/durable_file.hpp"
#include "cli/passwords.hpp"

namespace riskloop::cli {

CommandResult<risk::Stage> stage_from_name(const std::string& name, const std::string& location) {
  std::string text = name;
  for (auto& ch : text)
    if (ch == '-') ch = '_';
  if (const auto stage = enum_from_name<risk::Stage>(text)) return *stage;
  return fail(ErrorCode::validation, "\"" + name + "\" is not one of " + std::string(kStageNames),
              location);
}

std::string stage_label(risk::Stage stage) {
  std::string out(name_of(stage));
  for (auto& ch : out)
    if (ch == '_') ch = '-';
  return out;
}

CommandResult<std::string> read_input_file(const std::string& path, const std::string& location) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::not_found, "cannot open " + path, location);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return fail(ErrorCode::storage, "cannot read " + path, location);
  return bytes.str();
}

CommandStatus write_output_file(const std::string& path, std::string_view bytes,
                                const std::string& location) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) return fail(ErrorCode::storage, "cannot create " + partial, location);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(partial, ec);
      return fail(ErrorCode::storage, "cannot write " + partial, location);
    }
  }
  if (auto synced = sync_file(partial); !synced) {
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    return tl::unexpected(CommandError(synced.error()));
  }
  RL_CHECK(replace_durably(partial, path));
  return {};
}

CommandResult<SignatureInput> read_signature(const OrgArgs& org, SignatureMeaning meaning) {
  if (org.as.empty())
    return usage_error("signing needs a person: name yourself with --as EMAIL", "--as");
  SignatureInput sig;
  sig.password = RL_TRY(read_password_stdin("--password-stdin"));
  sig.meaning = meaning;
  return sig;
}

}  // namespace riskloop::cli
