// Template rendering with our escaping and partials resolved from the embedded set.
#include "web/templates.hpp"

#include <map>
#include <sstream>
#include <stdexcept>

#include "formats/html_escape.hpp"
#include "web/assets.hpp"

namespace riskloop::web {
namespace {

// Looks partials up among the embedded templates first, then in the data (the layout's
// {{> content}}). The data cannot come first: kainjow takes any value of the same name as the
// partial, so a section flag such as {{#tab_plan}}{{> tab_plan}}{{/tab_plan}} would hide the
// template and render nothing.
class TemplateContext final : public kainjow::mustache::context<std::string> {
 public:
  using kainjow::mustache::context<std::string>::context;

  const Data* get_partial(const std::string& name) const override {
    if (const auto it = partials_.find(name); it != partials_.end()) return &it->second;
    return kainjow::mustache::context<std::string>::get_partial(name);
  }

  static inline const std::map<std::string, Data, std::less<>> partials_ = [] {
    std::map<std::string, Data, std::less<>> out;
    for (const auto& t : embedded_templates())
      out.emplace(std::string(t.name), Data(std::string(t.content)));
    return out;
  }();
};

}  // namespace

std::string render_template(std::string_view name, const Data& data) {
  const auto* text = find_template(name);
  if (!text) throw std::logic_error("no template named " + std::string(name));
  kainjow::mustache::mustache tmpl{std::string(*text)};
  if (!tmpl.is_valid())
    throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return formats::html_escaped(s); });
  TemplateContext ctx(&data);
  std::ostringstream out;
  tmpl.render(ctx, out);
  if (!tmpl.is_valid())
    throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  return std::move(out).str();
}

}  // namespace riskloop::web
