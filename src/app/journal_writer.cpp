// The journal chain: hash input, hashing and appending.
#include "app/journal_writer.hpp"

#include "formats/json/canonical_json.hpp"
#include "formats/digest/sha256.hpp"

namespace riskloop::app {

namespace {

void member(std::string& out, std::string_view key, std::string_view text) {
  formats::append_canonical_string(out, key);
  out.push_back(':');
  formats::append_canonical_string(out, text);
  out.push_back(',');
}

// Keys in byte order: actor, at, entity, entity_id, (hash), op, org_id, payload, prev_hash, seq.
// The members before the payload's value ...
std::string encode_head(const JournalEntry& e, bool with_hash) {
  std::string out = "{";
  member(out, "actor", e.actor);
  member(out, "at", format_timestamp(e.at));
  member(out, "entity", e.entity);
  member(out, "entity_id", e.entity_id);
  if (with_hash) member(out, "hash", e.hash);
  member(out, "op", e.op);
  member(out, "org_id", e.org_id);
  out += "\"payload\":";
  return out;
}

// ... and after it.
std::string encode_tail(const JournalEntry& e) {
  std::string out = ",";
  member(out, "prev_hash", e.prev_hash);
  out += "\"seq\":" + std::to_string(e.seq) + "}";
  return out;
}

std::string encode(const JournalEntry& e, bool with_hash) {
  return encode_head(e, with_hash) + e.payload + encode_tail(e);
}

}  // namespace

std::string journal_hash_input(const JournalEntry& e) { return encode(e, false); }

std::string journal_hash(const JournalEntry& e) {
  // The bytes of journal_hash_input(e), hashed piece by piece: the payload is not copied.
  return formats::sha256_hex({encode_head(e, false), e.payload, encode_tail(e)});
}

std::string journal_entry_json(const JournalEntry& e) { return encode(e, true); }

Status append_entry(store::Tx& tx, JournalEntry e, JournalHead* cached) {
  JournalHead head;
  if (cached && *cached) {
    head = *cached;
  } else {
    head = RL_TRY(tx.journal_head());
  }
  e.seq = head ? head->first + 1 : 1;
  e.prev_hash = head ? head->second : std::string(kGenesisHash);
  e.hash = journal_hash(e);
  RL_CHECK(tx.append_journal(e));
  if (cached) *cached = std::make_pair(e.seq, e.hash);
  return {};
}

}  // namespace riskloop::app
