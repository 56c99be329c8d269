// Template parsing (once) and rendering with our escaping (see templates.hpp).
//
// kainjow parses a partial's text again at every {{> name}} it renders, and the layout's
// {{> content}} came as text in the data, so every page used to be parsed on every request.
// Writing the embedded partials in place before parsing gives the same output (kainjow renders a
// partial into the line it appears on, exactly as if its text were there) from a tree parsed
// once.
#include "web/templates.hpp"

#include <array>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "formats/report/html_escape.hpp"
#include "http/request_language.hpp"
#include "web/assets.hpp"
#include "web/message_catalogue.hpp"

namespace riskloop::web {
namespace {

using Mustache = kainjow::mustache::mustache;

constexpr std::string_view kLayout = "layout";
constexpr std::string_view kContentTag = "{{> content}}";

// `name`'s text with every {{> partial}} naming an embedded template replaced by that template's
// text (recursively). Other partials ({{> content}}) stay for the caller.
Result<std::string> expand(std::string_view name, std::vector<std::string_view>& stack) {
  const auto* text = find_template(name);
  if (!text) return fail(ErrorCode::internal, "no template named " + std::string(name));
  for (const auto open : stack)
    if (open == name)
      return fail(ErrorCode::internal,
                  "template " + std::string(stack.front()) + " includes partial " +
                      std::string(name) + " within itself; recursive partials are not supported");
  stack.push_back(name);
  std::string out;
  std::string_view rest = *text;
  for (;;) {
    const auto tag = rest.find("{{>");
    if (tag == std::string_view::npos) break;
    const auto end = rest.find("}}", tag);
    if (end == std::string_view::npos) break;  // the parser reports the unclosed tag
    auto partial = rest.substr(tag + 3, end - tag - 3);
    while (!partial.empty() && partial.front() == ' ') partial.remove_prefix(1);
    while (!partial.empty() && partial.back() == ' ') partial.remove_suffix(1);
    out.append(rest.substr(0, tag));
    if (find_template(partial)) {
      auto inner = expand(partial, stack);
      if (!inner) return tl::unexpected(inner.error());
      out += *inner;
    } else {
      out.append(rest.substr(tag, end + 2 - tag));
    }
    rest.remove_prefix(end + 2);
  }
  out.append(rest);
  stack.pop_back();
  return out;
}

Result<std::unique_ptr<Mustache>> parse(const std::string& what, const std::string& text) {
  auto tmpl = std::make_unique<Mustache>(text);
  if (!tmpl->is_valid())
    return fail(ErrorCode::internal, "template " + what + " does not parse: " +
                                         tmpl->error_message());
  tmpl->set_custom_escape([](const std::string& s) { return formats::html_escaped(s); });
  return tmpl;
}

struct ParsedTemplates {
  std::map<std::string, std::unique_ptr<Mustache>, std::less<>> alone;
  std::map<std::string, std::unique_ptr<Mustache>, std::less<>> in_layout;
};

// `text` with every {{#t}}English{{/t}} replaced by the text in `language` (tr): the templates
// of each language are translated before they are parsed, so a render costs nothing more.
Result<std::string> localize(const std::string& what, std::string_view text, Language language) {
  constexpr std::string_view kOpen = "{{#t}}", kClose = "{{/t}}";
  std::string out;
  for (;;) {
    const auto open = text.find(kOpen);
    if (open == std::string_view::npos) break;
    const auto close = text.find(kClose, open);
    if (close == std::string_view::npos)
      return fail(ErrorCode::internal, "template " + what + ": {{#t}} without {{/t}}");
    out.append(text.substr(0, open));
    out += tr(language, text.substr(open + kOpen.size(), close - open - kOpen.size()));
    text.remove_prefix(close + kClose.size());
  }
  out.append(text);
  return out;
}

Result<ParsedTemplates> parse_all(Language language) {
  ParsedTemplates out;
  std::vector<std::string_view> stack;
  auto expanded_layout = expand(kLayout, stack);
  if (!expanded_layout) return tl::unexpected(expanded_layout.error());
  const auto layout = RL_TRY(localize(std::string(kLayout), *expanded_layout, language));
  const auto content_at = layout.find(kContentTag);
  for (const auto& t : embedded_templates()) {
    const std::string name(t.name);
    auto expanded = expand(t.name, stack);
    if (!expanded) return tl::unexpected(expanded.error());
    auto text = localize(name, *expanded, language);
    if (!text) return tl::unexpected(text.error());
    out.alone.emplace(name, RL_TRY(parse(name, *text)));
    if (content_at != std::string::npos && name != kLayout) {
      auto page = layout;
      page.replace(content_at, kContentTag.size(), *text);
      out.in_layout.emplace(name, RL_TRY(parse(name + " (in the layout)", page)));
    }
  }
  return out;
}

// Parsed on first use, once per language, by whichever thread comes first (function-local
// statics); a render uses the request's language.
const Result<ParsedTemplates>& parsed(Language language) {
  static const std::array<Result<ParsedTemplates>, kLanguages.size()> templates = [] {
    return std::array{parse_all(Language::en), parse_all(Language::zh_hans)};
  }();
  static_assert(kLanguages.size() == 2 && kLanguages[1] == Language::zh_hans);
  return templates[static_cast<std::size_t>(language)];
}

const Result<ParsedTemplates>& parsed() { return parsed(http::request_language()); }

std::string render(const std::map<std::string, std::unique_ptr<Mustache>, std::less<>>& set,
                   std::string_view name, const Data& data) {
  const auto& all = parsed();
  if (!all) throw std::logic_error(all.error().message);
  const auto it = set.find(name);
  if (it == set.end()) throw std::logic_error("no template named " + std::string(name));
  // Rendering only reads the parsed tree; the context (and its line buffer) is per call.
  kainjow::mustache::context<std::string> ctx(&data);
  std::ostringstream out;
  it->second->render(ctx, out);
  return std::move(out).str();
}

}  // namespace

Status check_templates() {
  for (const auto language : kLanguages)
    if (const auto& all = parsed(language); !all) return tl::unexpected(all.error());
  return {};
}

std::string render_template(std::string_view name, const Data& data) {
  const auto& all = parsed();
  if (!all) throw std::logic_error(all.error().message);
  return render(all->alone, name, data);
}

std::string render_in_layout(std::string_view name, const Data& data) {
  const auto& all = parsed();
  if (!all) throw std::logic_error(all.error().message);
  return render(all->in_layout, name, data);
}

}  // namespace riskloop::web
