// `riskloop verify`: recomputes the journal chain and cross-checks current rows against it
// (docs/journal.md section 4).
#include <map>
#include <unordered_map>

#include "app/journal_reader.hpp"
#include "app/journal_writer.hpp"
#include "app/record_types.hpp"
#include "formats/digest/bulk_row_hash.hpp"
#include "formats/json/record_json.hpp"
#include "store/bulk_rows.hpp"

namespace riskloop::app {

namespace {

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

// Section 4 item 5: the rows of one batch, streamed in leaf order (one page in memory), hash to the
// root of its journal entry `seq`. Reports the first bad row of the batch.
template <BulkRecord T>
Status check_batch(store::Tx& tx, const BulkBatch& batch, std::int64_t seq,
                   std::optional<Finding>& first, VerifyReport& report) {
  const std::string batch_name = "bulk_batch " + batch.header.id;
  formats::MerkleRootBuilder tree;
  std::int64_t expected = 0;
  for (std::int64_t from = 0;;) {
    const auto page = RL_TRY(store::batch_rows<T>(tx, batch.header.id, from, 5000));
    if (page.empty()) break;
    for (const auto& row : page) {
      ++report.bulk_rows_checked;
      // Named only for a finding: a million rows build no message.
      const auto who = [&] { return std::string(T::entity) + " " + row.id; };
      const auto where = [&] {
        return "row " + std::to_string(row.source_row) + " of " + batch.source_name + " (leaf " +
               std::to_string(row.placement.leaf_index) + " of batch " + batch.header.id + ")";
      };
      if (row.placement.leaf_index > expected) {
        note(first, {seq, batch_name,
                     "its row at leaf " + std::to_string(expected) +
                         " is missing: deleted after the batch was journaled"});
        return {};
      }
      if (row.placement.leaf_index < expected || expected >= batch.row_count) {
        note(first, {seq, who(),
                     where() + ": added to the batch after it was journaled with " +
                         std::to_string(batch.row_count) + " rows"});
        return {};
      }
      if (row.org_id != batch.header.org_id) {
        note(first, {seq, who(), where() + ": stored in another organization than its batch"});
        return {};
      }
      const auto leaf = formats::bulk_leaf_hash(row);
      if (formats::digest_hex(leaf) != row.placement.leaf_hash) {
        note(first,
             {seq, who(), where() + ": the stored row differs from the one its batch journaled"});
        return {};
      }
      tree.add(leaf);
      ++expected;
    }
    from = page.back().placement.leaf_index + 1;
  }
  if (expected < batch.row_count) {
    note(first, {seq, batch_name,
                 "its rows from leaf " + std::to_string(expected) +
                     " on are missing: deleted after the batch was journaled"});
  } else if (formats::digest_hex(tree.root()) != batch.merkle_root) {
    note(first, {seq, batch_name,
                 "the Merkle root of its stored rows differs from its journal entry (rows and "
                 "their leaf hashes were changed together)"});
  }
  ++report.batches_checked;
  return {};
}

// The last journal entry of each of `rows`, by id (a page's worth: memory stays constant).
template <Record T>
Result<std::unordered_map<std::string, JournalEntry>> last_entries(store::Tx& tx,
                                                                   const std::vector<T>& rows) {
  std::vector<Id> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.header.id);
  std::unordered_map<std::string, JournalEntry> out;
  for (auto& e : RL_TRY(tx.last_journal_entries(T::entity, ids))) out[e.entity_id] = std::move(e);
  return out;
}

// Clears the fields a migration filled in without journaling them (kBackfilled).
struct BackfilledCleared {
  bool any = false;
  template <class X>
  void operator()(std::string_view, X& v, unsigned flags = kPlain) {
    if constexpr (std::is_same_v<X, std::string>) {
      if ((flags & kBackfilled) && !v.empty()) {
        v.clear();
        any = true;
      }
    }
  }
};

// Section 4 item 3: the stored row equals its last journaled state, or differs from it only by
// values a migration filled in that the entry, written before, has none of (docs/journal.md).
template <Record T>
bool matches_journal(const T& row, const std::string& payload) {
  if (formats::canonical_payload(row) == payload) return true;
  T before = row;
  BackfilledCleared c;
  visit_record<T>(c, before);
  return c.any && formats::canonical_payload(before) == payload;
}

// Section 4 items 3-4 for one record type: every stored row equals its last journaled state,
// and every record the journal says exists is stored. Reads a page of rows and their last
// entries at a time.
template <Record T>
Status check_records(store::Tx& tx, std::optional<Finding>& first, VerifyReport& report) {
  const std::string entity(T::entity);
  for (std::string after;;) {
    const auto rows = RL_TRY(tx.scan<T>(after, 2000));
    if (rows.empty()) break;
    const auto last = RL_TRY(last_entries(tx, rows));
    for (const auto& row : rows) {
      ++report.records_checked;
      const std::string who = entity + " " + row.header.id;
      const auto it = last.find(row.header.id);
      if (it == last.end())
        note(first, {0, who, "the stored record has no journal entry"});
      else if (it->second.op == "delete")
        note(first, {it->second.seq, who, "the journal says it was deleted, but it is stored"});
      else if (!matches_journal(row, it->second.payload))
        note(first, {it->second.seq, who, "the stored record differs from its last journaled state"});
    }
    after = rows.back().header.id;
  }
  if (const auto missing = RL_TRY(tx.first_journaled_without_row(entity, T::table)))
    note(first, {missing->seq, entity + " " + missing->entity_id,
                 "the journal says it exists, but it is not stored"});
  return {};
}

// Every batch of every bulk type, then rows that no batch covers.
Status check_bulk_rows(store::Tx& tx, std::optional<Finding>& first, VerifyReport& report) {
  std::map<std::string, std::int64_t, std::less<>> seen;  // rows read, by bulk type
  std::string after;
  for (;;) {
    const auto batches = RL_TRY(tx.scan<BulkBatch>(after, 1000));
    if (batches.empty()) break;
    const auto last = RL_TRY(last_entries(tx, batches));
    for (const auto& batch : batches) {
      const auto it = last.find(batch.header.id);
      if (it == last.end() || it->second.op == "delete") continue;  // a finding of step 3/4
      bool known = false;
      Status checked;
      for_each_bulk_record_type([&]<class T>() {
        if (batch.record_type != T::entity) return;
        known = true;
        const auto before = report.bulk_rows_checked;
        checked = check_batch<T>(tx, batch, it->second.seq, first, report);
        seen[std::string(T::entity)] += report.bulk_rows_checked - before;
      });
      RL_CHECK(checked);
      if (!known)
        note(first, {it->second.seq, "bulk_batch " + batch.header.id,
                     "its record type \"" + batch.record_type + "\" is not a bulk record type"});
    }
    after = batches.back().header.id;
  }
  // Rows outside every stored batch: counted cheaply, named only when there are some.
  Status orphans;
  for_each_bulk_record_type([&]<class T>() {
    if (!orphans) return;
    orphans = [&]() -> Status {
      const auto counted = RL_TRY(tx.sql().query("SELECT count(*) FROM " + std::string(T::table)));
      const auto stored = store::sql_int(counted.at(0).at(0));
      if (stored == seen[std::string(T::entity)]) return {};
      if (const auto row = RL_TRY(store::first_row_without_batch<T>(tx)))
        note(first, {0, std::string(T::entity) + " " + row->id,
                     "row " + std::to_string(row->source_row) + ": its batch " +
                         row->placement.batch_id + " is not a journaled batch of its organization"});
      return {};
    }();
  });
  return orphans;
}

}  // namespace

Result<VerifyReport> JournalReader::verify() {
  VerifyReport report;
  std::optional<Finding> first;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
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
        prev = e.hash;
        ++report.entries;
        ++expected_seq;
      }
    }
    report.head_hash = report.entries ? prev : "";
    if (first) return {};

    // 3-4: every current row equals its last journaled state.
    Status checked;
    for_each_record_type([&]<class T>() {
      if (checked) checked = check_records<T>(tx, first, report);
    });
    RL_CHECK(checked);
    return check_bulk_rows(tx, first, report);
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
