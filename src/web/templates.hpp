// Mustache templates (web/templates/*.mustache, embedded): {{name}} escapes through
// formats::append_html; every template is also a partial ({{> name}}).
//
// Every template is parsed once, on first use of any (or by check_templates() at start-up), with
// the embedded partials it names written in place, so a render walks a parsed tree and never
// parses text. Parsed templates are shared read-only by every thread.
#pragma once

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "core/error.hpp"

namespace riskloop::web {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

// Parses every embedded template, alone and inside the layout. Fails naming the template (and
// the partial, if that is where the fault is) when one does not parse or includes itself.
// `riskloop serve` calls it before listening; a test calls it for every build.
[[nodiscard]] Status check_templates();

// Renders template `name` with `data`. A missing or broken template is a programming error: it
// throws std::logic_error, which the router turns into a 500 and logs.
std::string render_template(std::string_view name, const Data& data);

// Renders the layout with template `name` as its {{> content}}: a whole page.
std::string render_in_layout(std::string_view name, const Data& data);

// Data helpers: a boolean section value and a list from a range.
inline Data flag(bool on) { return on ? Data(Data::type::bool_true) : Data(Data::type::bool_false); }

}  // namespace riskloop::web
