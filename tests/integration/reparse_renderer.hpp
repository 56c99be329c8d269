// How templates were rendered before they were parsed once: the template text parsed at every
// render, partials (embedded templates, then the data's {{> content}}) parsed again at every use.
// Kept for the test that the parsed-once output is byte-identical, and for the page bench.
#pragma once

#include <map>
#include <sstream>
#include <string>

#include "formats/report/html_escape.hpp"
#include "web/assets.hpp"
#include "web/templates.hpp"

namespace riskloop::testing {

class ReparsingContext final : public kainjow::mustache::context<std::string> {
 public:
  using kainjow::mustache::context<std::string>::context;
  const web::Data* get_partial(const std::string& name) const override {
    static const std::map<std::string, web::Data, std::less<>> partials = [] {
      std::map<std::string, web::Data, std::less<>> out;
      for (const auto& t : web::embedded_templates())
        out.emplace(std::string(t.name), web::Data(std::string(t.content)));
      return out;
    }();
    if (const auto it = partials.find(name); it != partials.end()) return &it->second;
    return kainjow::mustache::context<std::string>::get_partial(name);
  }
};

inline std::string render_reparsing(std::string_view name, const web::Data& data) {
  kainjow::mustache::mustache tmpl{std::string(*web::find_template(name))};
  tmpl.set_custom_escape([](const std::string& s) { return formats::html_escaped(s); });
  ReparsingContext ctx(&data);
  std::ostringstream out;
  tmpl.render(ctx, out);
  return std::move(out).str();
}

// A page: the layout with `name` as its {{> content}}.
inline std::string render_page_reparsing(std::string_view name, web::Data data) {
  data.set("content", web::Data(std::string(*web::find_template(name))));
  return render_reparsing("layout", data);
}

}  // namespace riskloop::testing
