// Field error bookkeeping and value formatting for generated forms.
#include "web/form_view.hpp"

#include "core/risk/probability.hpp"

namespace riskloop::web {

void add_error(FieldErrors& errors, const Error& error) {
  std::string_view loc = error.location;
  std::string key;
  std::string message = error.message;
  if (!loc.empty() && loc.front() == '/') {
    loc.remove_prefix(1);
    const auto slash = loc.find('/');
    key = std::string(loc.substr(0, slash));
    // Deeper locations (an entry of a list) are named in the message.
    if (slash != std::string_view::npos) message = "entry " + std::string(loc.substr(slash + 1)) +
                                                   ": " + message;
  } else if (!loc.empty()) {
    message = std::string(loc) + ": " + message;
  }
  errors.emplace(std::move(key), std::move(message));
}

std::string general_error(const FieldErrors& errors) {
  const auto it = errors.find("");
  return it == errors.end() ? std::string() : it->second;
}

namespace form_view_detail {

std::string format_probability_text(double v) {
  return risk::format_probability(v, risk::ProbabilityText::exact);  // re-saved unchanged
}

}  // namespace form_view_detail

}  // namespace riskloop::web
