// HTML form bodies: the first line of the input is the Content-Type (urlencoded, or multipart
// with its boundary), the rest the body, as parse_form receives them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/form_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const auto content_type = input.substr(0, newline);
  const auto body = input.substr(newline + 1);
  if (!riskloop::http::is_form_content_type(content_type)) return 0;
  const auto form = riskloop::http::parse_form(content_type, body, 1000);
  if (!form) return 0;
  for (const auto& field : form->fields()) {
    (void)form->get(field.name);
    (void)form->file(field.name);
  }
  return 0;
}
