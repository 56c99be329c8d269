// Appends journal entries: numbering and hash chaining per docs/journal.md.
#pragma once

#include <optional>
#include <utility>

#include "core/journal_entry.hpp"
#include "store/tx.hpp"

namespace riskloop::app {

// The hash input of docs/journal.md section 3 for `e` (prev_hash and seq included, hash ignored).
std::string journal_hash_input(const JournalEntry& e);
// lowercase hex SHA-256 of journal_hash_input(e).
std::string journal_hash(const JournalEntry& e);

// The last entry's seq and hash, as a writer that appends several entries in one transaction
// remembers it between appends.
using JournalHead = std::optional<std::pair<std::int64_t, std::string>>;

// Fills seq, prev_hash and hash from the current head, then stores the entry. `e.payload` must be
// canonical JSON. With `head`, the head is read once and then carried along (valid only while
// the caller is the transaction's only writer, as a Recorder is).
Status append_entry(store::Tx& tx, JournalEntry e, JournalHead* head = nullptr);

// One journal entry as a canonical JSON line (the export format, docs/journal.md section 6).
std::string journal_entry_json(const JournalEntry& e);

}  // namespace riskloop::app
