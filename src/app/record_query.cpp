// Cursor texts and the list of queryable fields (app/record_query.hpp).
#include "app/record_query.hpp"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

namespace riskloop::app {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// RFC 4648 section 5 (URL- and file-name-safe), without padding.
std::string base64url(std::string_view in) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const unsigned char c : in) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) out += kAlphabet[(bits >> (count -= 6)) & 0x3F];
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 0x3F];
  return out;
}

std::optional<std::string> from_base64url(std::string_view in) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : in) {
    const auto v = kAlphabet.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    bits = (bits << 6) | std::uint32_t(v);
    count += 6;
    if (count >= 8) out += char((bits >> (count -= 8)) & 0xFF);
  }
  return out;
}

}  // namespace

std::string encode_cursor(const store::Cursor& c) {
  nlohmann::json key = nullptr;
  if (const auto* i = std::get_if<std::int64_t>(&c.key)) key = *i;
  else if (const auto* d = std::get_if<double>(&c.key)) key = *d;
  else if (const auto* s = std::get_if<std::string>(&c.key)) key = *s;
  else if (const auto* b = std::get_if<bool>(&c.key)) key = *b;
  return base64url(nlohmann::json::array({key, c.id}).dump());
}

Result<store::Cursor> decode_cursor(std::string_view text) {
  const auto bad = [] {
    return fail(ErrorCode::validation,
                "is not a cursor of this list: pass the `next` value of the previous page as it is",
                "after");
  };
  const auto raw = from_base64url(text);
  if (!raw) return bad();
  const auto j = nlohmann::json::parse(*raw, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array() || j.size() != 2 || !j[1].is_string()) return bad();
  store::Cursor c;
  c.id = j[1].get<std::string>();
  const auto& k = j[0];
  if (k.is_number_integer()) c.key = k.get<std::int64_t>();
  else if (k.is_number()) c.key = k.get<double>();
  else if (k.is_string()) c.key = k.get<std::string>();
  else if (k.is_boolean()) c.key = k.get<bool>();
  else if (!k.is_null()) return bad();
  return c;
}

namespace detail {

std::string query_fields_list(std::span<const IndexDecl> indexes) {
  // Each field once, even when it leads several indexes (a name may contain another: lot, lot_size).
  std::vector<std::string_view> fields{"id"};
  for (const auto& i : indexes)
    if (std::find(fields.begin(), fields.end(), i.first) == fields.end()) fields.push_back(i.first);
  std::string out;
  for (const auto f : fields) out += (out.empty() ? "" : ", ") + std::string(f);
  return out;
}

}  // namespace detail

}  // namespace riskloop::app
