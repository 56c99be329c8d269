// `riskloop verify`: recomputes the journal chain and cross-checks current rows against it
// (docs/journal.md section 4).
#include <map>

#include "app/journal_reader.hpp"
#include "app/journal_writer.hpp"
#include "app/record_types.hpp"
#include "formats/record_json.hpp"
#include "formats/sha256.hpp"

namespace riskloop::app {

namespace {

struct LastState {
  std::int64_t seq = 0;
  std::string payload_digest;
  bool deleted = false;
  bool seen_row = false;
};

using Key = std::pair<std::string, std::string>;  // entity, id

struct Finding {
  std::int64_t seq = 0;  // 0 when no journal entry is involved
  std::string entity;
  std::string problem;
};

// Keeps the finding with the lowest sequence number (entries before rows without entries).
void note(std::optional<Finding>& first, Finding f) {
  const auto rank = [](const Finding& x) { return x.seq == 0 ? INT64_MAX : x.seq; };
  if (!first || rank(f) < rank(*first)) first = std::move(f);
}

}  // namespace

Result<VerifyReport> JournalReader::verify() {
  VerifyReport report;
  std::optional<Finding> first;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    std::map<Key, LastState> last;
    std::string prev(kGenesisHash);
    std::int64_t expected_seq = 1;

    // 1-2: numbering and chain. The first broken link ends the walk: nothing after it can be
    // trusted to be ordered.
    for (bool more = true; more && !first;) {
      const auto page = RL_TRY(tx.journal_page({.after_seq = expected_seq - 1, .limit = 5000}));
      more = !page.empty();
      for (const auto& e : page) {
        const std::string who = e.entity + " " + e.entity_id;
        if (e.seq != expected_seq) {
          note(first, {expected_seq, who,
                       "entries are not numbered without gaps: expected " +
                           std::to_string(expected_seq) + ", found " + std::to_string(e.seq)});
          break;
        }
        if (e.prev_hash != prev) {
          note(first, {e.seq, who, "its previous-hash link does not match the entry before it"});
          break;
        }
        if (journal_hash(e) != e.hash) {
          note(first, {e.seq, who, "its hash does not match its content"});
          break;
        }
        auto& state = last[{e.entity, e.entity_id}];
        state.seq = e.seq;
        state.payload_digest = formats::sha256_hex(e.payload);
        state.deleted = e.op == "delete";
        prev = e.hash;
        ++report.entries;
        ++expected_seq;
      }
    }
    report.head_hash = report.entries ? prev : "";
    if (first) return {};

    // 3-4: every current row equals its last journaled state.
    Status scanned;
    for_each_record_type([&]<class T>() {
      if (!scanned) return;
      std::string after;
      for (;;) {
        auto rows = tx.scan<T>(after, 2000);
        if (!rows) {
          scanned = tl::unexpected(rows.error());
          return;
        }
        if (rows->empty()) break;
        for (const auto& row : *rows) {
          ++report.records_checked;
          const std::string who = std::string(T::entity) + " " + row.header.id;
          const auto it = last.find({std::string(T::entity), row.header.id});
          if (it == last.end()) {
            note(first, {0, who, "the stored record has no journal entry"});
            continue;
          }
          it->second.seen_row = true;
          if (it->second.deleted)
            note(first, {it->second.seq, who, "the journal says it was deleted, but it is stored"});
          else if (formats::sha256_hex(formats::canonical_payload(row)) != it->second.payload_digest)
            note(first, {it->second.seq, who, "the stored record differs from its last journaled state"});
        }
        after = rows->back().header.id;
      }
      for (const auto& [key, state] : last)
        if (key.first == T::entity && !state.seen_row && !state.deleted)
          note(first, {state.seq, key.first + " " + key.second,
                       "the journal says it exists, but it is not stored"});
    });
    return scanned;
  }));
  report.ok = !first;
  if (first) {
    report.bad_seq = first->seq;
    report.bad_entity = first->entity;
    report.problem = first->problem;
  }
  return report;
}

}  // namespace riskloop::app
