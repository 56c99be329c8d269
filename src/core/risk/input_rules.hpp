// Field rules shared by the inputs of risk records: references by id, titles, long texts, lists.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace riskloop::risk {

// A reference to another record: 1 to 100 characters, one line.
Status check_id(std::string_view location, std::string_view id);
// A one-line title or name: 1 to `max_length` characters, not only white space.
Status check_title(std::string_view location, std::string_view title, std::size_t max_length = 200);
// Hazardous situations and harms are statements ("Air enters the line when the set is primed
// without ..."), as long as real hazard lists write them: one line of up to 1,000 characters.
inline constexpr std::size_t kStatementLength = 1000;
Status check_statement(std::string_view location, std::string_view statement);
// Free text over several lines, up to 10 000 characters; `required` forbids empty text.
Status check_long_text(std::string_view location, std::string_view text, bool required = false);
// A list of one-line entries (names, ids): each 1 to 200 characters, no entry twice. The error
// points at the entry, e.g. "/analysts/2".
Status check_entries(std::string_view location, const std::vector<std::string>& entries);
// True when `text` holds something other than white space.
bool has_content(std::string_view text);

}  // namespace riskloop::risk
