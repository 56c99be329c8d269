// The canonical JSON writer. Deliberately small and independent of any library's dump() so the
// encoding can't change under us with a library upgrade.
#include "formats/json/canonical_json.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace riskloop::formats {

void append_canonical_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto needs_escape = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F || c == '"' || c == '\\';
  };
  out.push_back('"');
  // Runs of characters that stand for themselves are copied whole: most text has no escapes.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!needs_escape(c)) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        const char escaped[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xF]};
        out.append(escaped, sizeof escaped);
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

void append_canonical_double(std::string& out, double value) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, res.ptr);
}

namespace {

void write(std::string& out, const nlohmann::json& v) {
  using T = nlohmann::json::value_t;
  switch (v.type()) {
    case T::null: out += "null"; break;
    case T::boolean: out += v.get<bool>() ? "true" : "false"; break;
    case T::number_integer: out += std::to_string(v.get<std::int64_t>()); break;
    case T::number_unsigned: out += std::to_string(v.get<std::uint64_t>()); break;
    case T::number_float: append_canonical_double(out, v.get<double>()); break;
    case T::string: append_canonical_string(out, v.get_ref<const std::string&>()); break;
    case T::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : v) {
        if (!first) out.push_back(',');
        first = false;
        write(out, item);
      }
      out.push_back(']');
      break;
    }
    case T::object: {
      // nlohmann's default object is a std::map, already ordered by byte-wise key comparison;
      // sort explicitly anyway so the encoding does not depend on that choice.
      std::vector<std::pair<std::string_view, const nlohmann::json*>> members;
      for (auto it = v.begin(); it != v.end(); ++it) members.emplace_back(it.key(), &it.value());
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : members) {
        if (!first) out.push_back(',');
        first = false;
        append_canonical_string(out, key);
        out.push_back(':');
        write(out, *value);
      }
      out.push_back('}');
      break;
    }
    default: out += "null"; break;  // binary and discarded values never occur in our data
  }
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
  std::string out;
  write(out, value);
  return out;
}

}  // namespace riskloop::formats
