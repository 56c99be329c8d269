// Reading the journal newest first (the app layer pages it oldest first, from a sequence number),
// and how entries read: who (by name), when (UTC), what.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/journal_reader.hpp"
#include "web/page.hpp"

namespace riskloop::web {

// The newest `n` entries matching `filter` with seq below `before` (0: no bound), newest first.
Result<std::vector<JournalEntry>> newest_entries(Call& c, app::JournalFilter filter,
                                                 std::int64_t before, std::size_t n);

// Display names by actor ("user:<id>" -> "Mei Chen"); empty for partners.
std::map<std::string, std::string> actor_names(Call& c);

// {seq, at, actor, entity, entity_id, op, summary, history_url} of one entry.
Data entry_data(const JournalEntry& e, const std::map<std::string, std::string>& names);

}  // namespace riskloop::web
