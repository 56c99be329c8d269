// Mustache templates (web/templates/*.mustache, embedded): {{name}} escapes through
// formats::append_html; every template is also a partial ({{> name}}).
#pragma once

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

namespace riskloop::web {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

// Renders template `name` with `data`. A missing or broken template is a programming error: it
// throws std::logic_error, which the router turns into a 500 and logs.
std::string render_template(std::string_view name, const Data& data);

// Data helpers: a boolean section value and a list from a range.
inline Data flag(bool on) { return on ? Data(Data::type::bool_true) : Data(Data::type::bool_false); }

}  // namespace riskloop::web
