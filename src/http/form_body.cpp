// Form body parsing (WHATWG URL-encoded form data; RFC 7578 multipart/form-data).
#include "http/form_body.hpp"

#include <cctype>

#include "core/text_rules.hpp"
#include "http/router.hpp"

namespace riskloop::http {
namespace {

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view media_type(std::string_view content_type) {
  return trim(content_type.substr(0, content_type.find(';')));
}

// The value of parameter `name` in a header value such as `form-data; name="a"; filename="b"`.
std::optional<std::string> header_parameter(std::string_view value, std::string_view name) {
  std::size_t at = value.find(';');
  while (at != std::string_view::npos) {
    auto rest = value.substr(at + 1);
    const auto next = rest.find(';');
    auto param = trim(rest.substr(0, next));
    // A quoted value may itself contain ';': take it to its closing quote.
    const auto eq = param.find('=');
    if (eq != std::string_view::npos && equals_ignoring_case(trim(param.substr(0, eq)), name)) {
      auto v = trim(rest.substr(rest.find('=') + 1));
      if (!v.empty() && v.front() == '"') {
        std::string out;
        for (std::size_t i = 1; i < v.size(); ++i) {
          if (v[i] == '\\' && i + 1 < v.size()) {
            out.push_back(v[++i]);
          } else if (v[i] == '"') {
            return out;
          } else {
            out.push_back(v[i]);
          }
        }
        return std::nullopt;
      }
      return std::string(trim(v.substr(0, v.find(';'))));
    }
    at = next == std::string_view::npos ? std::string_view::npos : at + 1 + next;
  }
  return std::nullopt;
}

Result<FormFields> parse_urlencoded(std::string_view body, std::size_t max_fields) {
  std::vector<FormField> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    if (out.size() == max_fields)
      return fail(ErrorCode::malformed, "the form has more than " + std::to_string(max_fields) +
                                            " fields");
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value) return fail(ErrorCode::malformed, "the form is not valid percent-encoding");
    out.push_back({std::move(*name), std::move(*value), {}});
  }
  return FormFields(std::move(out));
}

Result<FormFields> parse_multipart(std::string_view content_type, std::string_view body,
                                   std::size_t max_fields) {
  const auto boundary = header_parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70)
    return fail(ErrorCode::malformed, "the multipart body has no valid boundary parameter");
  const std::string delimiter = "--" + *boundary;
  const auto broken = [] {
    return fail(ErrorCode::malformed, "the multipart body is not well formed");
  };
  auto at = body.find(delimiter);
  if (at == std::string_view::npos) return broken();
  std::vector<FormField> out;
  for (;;) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") break;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return broken();
    at += 2;
    const auto head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos) return broken();
    const auto head = body.substr(at, head_end - at);
    const auto content_start = head_end + 4;
    const auto next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return broken();
    if (out.size() == max_fields)
      return fail(ErrorCode::malformed, "the form has more than " + std::to_string(max_fields) +
                                            " fields");
    FormField field;
    bool named = false;
    std::size_t line_start = 0;
    while (line_start <= head.size()) {
      const auto line_end = std::min(head.find("\r\n", line_start), head.size());
      const auto line = head.substr(line_start, line_end - line_start);
      if (istarts_with(line, "content-disposition:")) {
        const auto value = line.substr(line.find(':') + 1);
        if (auto n = header_parameter(value, "name")) {
          field.name = std::move(*n);
          named = true;
        }
        if (auto f = header_parameter(value, "filename")) field.filename = std::move(*f);
      }
      line_start = line_end + 2;
    }
    if (!named) return broken();
    field.value = std::string(body.substr(content_start, next - content_start));
    out.push_back(std::move(field));
    at = next + 2;
  }
  return FormFields(std::move(out));
}

}  // namespace

const std::string& FormFields::get(std::string_view name) const {
  static const std::string empty;
  for (auto f = fields_.rbegin(); f != fields_.rend(); ++f)
    if (f->name == name) return f->value;
  return empty;
}

bool FormFields::has(std::string_view name) const {
  for (const auto& f : fields_)
    if (f.name == name) return true;
  return false;
}

std::vector<std::string> FormFields::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& f : fields_)
    if (f.name == name) out.push_back(f.value);
  return out;
}

const FormField* FormFields::file(std::string_view name) const {
  for (const auto& f : fields_)
    if (f.name == name && !f.filename.empty()) return &f;
  return nullptr;
}

bool is_form_content_type(std::string_view content_type) {
  const auto media = media_type(content_type);
  return equals_ignoring_case(media, "application/x-www-form-urlencoded") ||
         equals_ignoring_case(media, "multipart/form-data");
}

Result<FormFields> parse_form(std::string_view content_type, std::string_view body,
                              std::size_t max_fields) {
  const auto media = media_type(content_type);
  if (equals_ignoring_case(media, "application/x-www-form-urlencoded"))
    return parse_urlencoded(body, max_fields);
  if (equals_ignoring_case(media, "multipart/form-data")) return parse_multipart(content_type, body, max_fields);
  return fail(ErrorCode::malformed, "Content-Type " + std::string(media) +
                                        " is not a form; send application/x-www-form-urlencoded "
                                        "or multipart/form-data");
}

}  // namespace riskloop::http
