// Statements (hazardous situations, harms and their descriptions: up to 1,000 characters) in the
// dense tables of the risk file page: shortened, with the full text on hover and for screen
// readers (template statement). Reports show them whole and do not use this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "web/templates.hpp"

namespace riskloop::web {

// About two lines of a table cell.
inline constexpr std::size_t kShortStatement = 160;

// `text` when it has at most `limit` characters (code points); else its first `limit` at most,
// cut after the last word that fits when that keeps most of them, and "…".
std::string shorten(std::string_view text, std::size_t limit = kShortStatement);

// The data of the statement template: {full, short, shortened}. Use as
// {{#title_short}}{{> statement}}{{/title_short}} where the row sets title_short.
Data statement(std::string_view text, std::size_t limit = kShortStatement);

}  // namespace riskloop::web
