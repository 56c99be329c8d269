// Parsing of JSON request bodies with precise errors.
#include <string>

#include "core/text_rules.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::formats {

namespace detail {

std::string json_type_name(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

}  // namespace detail

namespace {

// Nesting depth of the document, ignoring brackets inside strings. Cheap, and it runs before the
// recursive parser so a hostile body can't exhaust the stack.
int nesting_depth(std::string_view text, std::size_t& where) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        max_depth = depth;
        where = i;
      }
    } else if (c == ']' || c == '}') --depth;
  }
  return max_depth;
}

}  // namespace

Result<nlohmann::json> parse_json_body(std::string_view text, int max_depth) {
  if (text.empty()) return fail(ErrorCode::malformed, "the request body is empty; a JSON object is expected", "/");
  if (!is_valid_utf8(text)) return fail(ErrorCode::malformed, "the request body is not valid UTF-8", "/");
  std::size_t deep_at = 0;
  if (nesting_depth(text, deep_at) > max_depth)
    return fail(ErrorCode::malformed,
                "JSON nesting is deeper than " + std::to_string(max_depth) + " levels (at byte " +
                    std::to_string(deep_at) + ")",
                "/");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based position of the error.
    return fail(ErrorCode::malformed,
                "invalid JSON at byte " + std::to_string(e.byte) + ": " +
                    std::string(e.what()).substr(std::string(e.what()).rfind(':') + 2),
                "/");
  } catch (const nlohmann::json::out_of_range& e) {
    // A number no double can hold, such as 1e999 (found by fuzzing: it used to escape as an
    // exception). The library's text names the number; it is cut so a huge one is not echoed.
    std::string what = e.what();
    what = what.substr(what.find(']') + 2);
    if (what.size() > 80) what = what.substr(0, 77) + "...";
    return fail(ErrorCode::malformed, "invalid JSON: " + what, "/");
  }
}

}  // namespace riskloop::formats
