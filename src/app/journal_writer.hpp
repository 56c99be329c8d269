// Appends journal entries: numbering and hash chaining per docs/journal.md.
#pragma once

#include "core/journal_entry.hpp"
#include "store/tx.hpp"

namespace riskloop::app {

// The hash input of docs/journal.md section 3 for `e` (prev_hash and seq included, hash ignored).
std::string journal_hash_input(const JournalEntry& e);
// lowercase hex SHA-256 of journal_hash_input(e).
std::string journal_hash(const JournalEntry& e);

// Fills seq, prev_hash and hash from the current head, then stores the entry. `e.payload` must be
// canonical JSON.
Status append_entry(store::Tx& tx, JournalEntry e);

// One journal entry as a canonical JSON line (the export format, docs/journal.md section 6).
std::string journal_entry_json(const JournalEntry& e);

}  // namespace riskloop::app
