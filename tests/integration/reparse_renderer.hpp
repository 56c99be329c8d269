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

// A template's English text: {{#t}}English{{/t}} marks a text to translate, and in English the
// text is itself.
inline std::string english(std::string_view text) {
  std::string out(text);
  for (const std::string_view mark : {"{{#t}}", "{{/t}}"})
    for (auto at = out.find(mark); at != std::string::npos; at = out.find(mark, at))
      out.erase(at, mark.size());
  return out;
}

class ReparsingContext final : public kainjow::mustache::context<std::string> {
 public:
  using kainjow::mustache::context<std::string>::context;
  const web::Data* get_partial(const std::string& name) const override {
    static const std::map<std::string, web::Data, std::less<>> partials = [] {
      std::map<std::string, web::Data, std::less<>> out;
      for (const auto& t : web::embedded_templates())
        out.emplace(std::string(t.name), web::Data(english(t.content)));
      return out;
    }();
    if (const auto it = partials.find(name); it != partials.end()) return &it->second;
    return kainjow::mustache::context<std::string>::get_partial(name);
  }
};

inline std::string render_reparsing(std::string_view name, const web::Data& data) {
  kainjow::mustache::mustache tmpl{english(*web::find_template(name))};
  tmpl.set_custom_escape([](const std::string& s) { return formats::html_escaped(s); });
  ReparsingContext ctx(&data);
  std::ostringstream out;
  tmpl.render(ctx, out);
  return std::move(out).str();
}

// A page: the layout with `name` as its {{> content}}.
inline std::string render_page_reparsing(std::string_view name, web::Data data) {
  data.set("content", web::Data(english(*web::find_template(name))));
  return render_reparsing("layout", data);
}

}  // namespace riskloop::testing
