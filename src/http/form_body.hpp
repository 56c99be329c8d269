// HTML form bodies: application/x-www-form-urlencoded and multipart/form-data (file uploads), as
// the web UI's plain forms and htmx requests send them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace riskloop::http {

struct FormField {
  std::string name;
  std::string value;     // decoded text, or a file's bytes
  std::string filename;  // set for file parts of a multipart body
};

// The fields of a form in the order sent; a name may repeat (multiple selects, checkboxes).
class FormFields {
 public:
  FormFields() = default;
  explicit FormFields(std::vector<FormField> fields) : fields_(std::move(fields)) {}

  // The last value of `name`, or "" when absent. The last one, because a checkbox is sent after
  // the hidden field of the same name that stands for "unchecked" (value="false"): a ticked box
  // sends both, and the box must win.
  const std::string& get(std::string_view name) const;
  bool has(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string> all(std::string_view name) const;
  // The first file part named `name`, or nullptr.
  const FormField* file(std::string_view name) const;
  const std::vector<FormField>& fields() const { return fields_; }

 private:
  std::vector<FormField> fields_;
};

// True when `content_type` is one of the two form media types.
bool is_form_content_type(std::string_view content_type);

// Parses `body` by its content type. Malformed encodings, a multipart body without its boundary
// or with a broken part, and more than `max_fields` fields are `malformed` errors.
Result<FormFields> parse_form(std::string_view content_type, std::string_view body,
                              std::size_t max_fields = 10000);

}  // namespace riskloop::http
