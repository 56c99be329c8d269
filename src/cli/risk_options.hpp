// What the risk commands (policy, file, gate, assess, report, export, import) share: the
// stage names of the command line, JSON input files, signing with a password from standard input,
// and reading and writing the files they are given.
#pragma once

#include <string>
#include <string_view>

#include "cli/command_context.hpp"
#include "core/risk/frame.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::cli {

// "design", "manufacturing", "post-launch" (the API's "post_launch" is accepted too).
inline constexpr const char* kStageNames = "design, manufacturing or post-launch";
CommandResult<risk::Stage> stage_from_name(const std::string& name, const std::string& location);
// "post-launch" for people; the other stages as named.
std::string stage_label(risk::Stage stage);

// The bytes of a file the command was given (`location` names its option in errors).
CommandResult<std::string> read_input_file(const std::string& path, const std::string& location);
// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over `path`,
// so an interrupted command never leaves a half-written file under the name asked for.
CommandStatus write_output_file(const std::string& path, std::string_view bytes,
                                const std::string& location);

// Decodes the JSON object in file `path` onto `target` (members absent keep their value; unknown
// members are errors naming the file and the member's JSON pointer).
template <class T>
CommandStatus decode_json_file(const std::string& path, const std::string& location, T& target) {
  const auto text = RL_TRY(read_input_file(path, location));
  auto json = formats::parse_json_body(text);
  if (!json) return fail(json.error().code, json.error().message, path);
  if (auto decoded = formats::decode_fields(*json, target); !decoded)
    return fail(decoded.error().code, decoded.error().message,
                path + " " + decoded.error().location);
  return {};
}

// The signature of the person named by --as: their password read from standard input (not
// echoed at a terminal). Signing needs a person; the local operator alone cannot sign.
CommandResult<SignatureInput> read_signature(const OrgArgs& org, SignatureMeaning meaning);

}  // namespace riskloop::cli
