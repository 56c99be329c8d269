// Writing and proving bulk rows, generic over the bulk record type (core/bulk_record.hpp).
//
// An import runs batch by batch. Each batch is one transaction holding its rows, its batch
// journal entry (a BulkBatch record with the Merkle root over the rows) and the run's new
// progress, so a crash at any moment leaves whole batches or none. The run is keyed by the
// source file's SHA-256: importing the same file again continues after the last committed batch,
// and once complete it is a no-op that says so.
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app_context.hpp"
#include "app/principal.hpp"
#include "app/recorder.hpp"
#include "core/bulk_batch.hpp"
#include "formats/digest/bulk_row_hash.hpp"
#include "store/bulk_rows.hpp"

namespace riskloop::app {

struct BulkSource {
  std::string name;    // file name as the importer gave it
  std::string sha256;  // lower-case hex of the whole file
};

struct BulkImportOptions {
  // Rows per batch (one transaction and one journal entry each).
  std::int64_t batch_rows = 10000;
  // Called after each committed batch with the run's progress; an error stops the import there
  // (the committed batches stay, and the next run of the same file continues after them).
  std::function<Status(const ImportRun&)> after_batch;
};

struct BulkImportResult {
  ImportRun run;
  bool already_complete = false;  // the file had been imported completely before: nothing written
  std::int64_t rows_written = 0;  // by this call
  std::int64_t batches_written = 0;
};

// An inclusion proof of one bulk row in its batch (docs/journal.md section 7.3).
struct BulkProof {
  std::string entity;
  Id id;
  Id batch_id;
  std::int64_t source_row = 0;
  std::int64_t leaf_index = 0;
  std::int64_t tree_size = 0;          // the batch's row count, as journaled
  std::string leaf_hash;               // recomputed from the stored row
  std::vector<std::string> path;       // audit path, nearest sibling first
  std::string root;                    // the Merkle root in the batch's journal entry
  std::int64_t journal_seq = 0;        // that entry
  std::string journal_hash;
  bool verified = false;
  std::string problem;                 // why not, when not verified

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("entity", s.entity);
    v("id", s.id);
    v("batch_id", s.batch_id);
    v("source_row", s.source_row);
    v("leaf_index", s.leaf_index);
    v("tree_size", s.tree_size);
    v("leaf_hash", s.leaf_hash);
    v("path", s.path);
    v("root", s.root);
    v("journal_seq", s.journal_seq);
    v("journal_hash", s.journal_hash);
    v("verified", s.verified);
    v("problem", s.problem);
  }
};

namespace detail {

Result<std::optional<ImportRun>> find_import_run(store::Tx& tx, const Id& org,
                                                 std::string_view record_type,
                                                 const std::string& sha256);
// The create entry of a batch (seq, hash, journaled root); not_found when the journal has none.
struct BatchEntry {
  std::int64_t seq = 0;
  std::string hash;
  std::string root;
  std::int64_t row_count = 0;
};
Result<BatchEntry> batch_entry(store::Tx& tx, const Id& org, const Id& batch_id);

}  // namespace detail

// Writes `rows` (in source order, source_row set; ids, org and placement are assigned here) as
// batches, continuing a run of the same source. Fails with `conflict` when another import of the
// same file is writing at the same time.
template <BulkRecord T>
Result<BulkImportResult> import_bulk_rows(AppContext& ctx, const Principal& who,
                                          const BulkSource& source, std::span<T> rows,
                                          const BulkImportOptions& options) {
  BulkImportResult result;
  const std::string type(T::entity);
  const auto total = static_cast<std::int64_t>(rows.size());
  for (int attempt = 0;; ++attempt) {
    auto found = ctx.store.transaction([&](store::Tx& tx) -> Status {
      if (auto run = RL_TRY(detail::find_import_run(tx, who.org_id, type, source.sha256))) {
        result.run = std::move(*run);
        return {};
      }
      ImportRun run;
      run.header = {.id = ctx.ids.next_id(), .org_id = who.org_id, .version = 1,
                    .created_at = ctx.clock.now(), .updated_at = ctx.clock.now()};
      run.record_type = type;
      run.source_name = source.name;
      run.source_sha256 = source.sha256;
      run.actor = who.actor;
      run.total_rows = total;
      RL_CHECK(tx.insert(run));
      result.run = std::move(run);
      return {};
    });
    // Two first imports of one file at once: the loser finds the winner's run.
    if (!found && found.error().code == ErrorCode::conflict && attempt == 0) continue;
    RL_CHECK(found);
    break;
  }
  if (result.run.status == ImportStatus::completed) {
    result.already_complete = true;
    return result;
  }
  if (result.run.total_rows != total)
    return fail(ErrorCode::internal, "import run " + result.run.header.id + " counts " +
                                         std::to_string(result.run.total_rows) +
                                         " rows, but the same file now reads as " +
                                         std::to_string(total));

  const std::int64_t batch_rows = std::max<std::int64_t>(1, options.batch_rows);
  std::vector<formats::Digest> leaves;
  while (result.run.rows_done < total) {
    const std::int64_t start = result.run.rows_done;
    const std::int64_t n = std::min(batch_rows, total - start);
    const auto batch = rows.subspan(std::size_t(start), std::size_t(n));
    ImportRun run;
    RL_CHECK(ctx.store.transaction([&](store::Tx& tx) -> Status {
      run = RL_TRY(tx.get<ImportRun>(who.org_id, result.run.header.id));
      if (run.rows_done != start)
        return fail(ErrorCode::conflict,
                    "another import of this file is running (" + std::to_string(run.rows_done) +
                        " of " + std::to_string(total) + " rows done); try again when it ends");
      const Id batch_id = ctx.ids.next_id();
      leaves.clear();
      for (std::size_t i = 0; i < batch.size(); ++i) {
        T& row = batch[i];
        row.id = ctx.ids.next_id();
        row.org_id = who.org_id;
        leaves.push_back(formats::bulk_leaf_hash(row));
        row.placement = {batch_id, std::int64_t(i), formats::digest_hex(leaves.back())};
      }
      RL_CHECK(store::insert_bulk_rows<T>(tx, batch));
      BulkBatch entry;
      entry.record_type = type;
      entry.import_run_id = run.header.id;
      entry.source_name = source.name;
      entry.source_sha256 = source.sha256;
      entry.first_row = batch.front().source_row;
      entry.last_row = batch.back().source_row;
      entry.row_count = n;
      entry.merkle_root = formats::digest_hex(formats::merkle_root(leaves));
      Recorder recorder(tx, who, ctx.clock.now());
      RL_CHECK(recorder.create(entry, batch_id));
      const auto stored_version = run.header.version;
      run.rows_done += n;
      run.batches_done += 1;
      if (run.rows_done == total) run.status = ImportStatus::completed;
      run.header.version = stored_version + 1;
      run.header.updated_at = ctx.clock.now();
      return tx.update(run, stored_version);
    }));
    result.run = run;
    result.rows_written += n;
    result.batches_written += 1;
    if (options.after_batch) RL_CHECK(options.after_batch(result.run));
  }
  return result;
}

// The inclusion proof of row `id` of the principal's organization, checked against the root in
// its batch's journal entry. A row that does not verify is a proof with `verified` false and the
// reason, not an error.
template <BulkRecord T>
Result<BulkProof> prove_bulk_row(store::Tx& tx, const Id& org, const Id& id) {
  const T row = RL_TRY(store::get_bulk_row<T>(tx, org, id));
  BulkProof proof;
  proof.entity = std::string(T::entity);
  proof.id = id;
  proof.batch_id = row.placement.batch_id;
  proof.source_row = row.source_row;
  proof.leaf_index = row.placement.leaf_index;
  const auto leaf = formats::bulk_leaf_hash(row);
  proof.leaf_hash = formats::digest_hex(leaf);
  const auto entry = detail::batch_entry(tx, org, row.placement.batch_id);
  if (!entry) {
    if (entry.error().code != ErrorCode::not_found) return tl::unexpected(entry.error());
    proof.problem = "its batch " + row.placement.batch_id + " has no journal entry";
    return proof;
  }
  proof.journal_seq = entry->seq;
  proof.journal_hash = entry->hash;
  proof.root = entry->root;
  proof.tree_size = entry->row_count;

  // The batch's leaves from its stored rows (at most one batch in memory).
  std::vector<formats::Digest> leaves;
  for (std::int64_t from = 0;;) {
    const auto page = RL_TRY(store::batch_rows<T>(tx, row.placement.batch_id, from, 5000));
    if (page.empty()) break;
    for (const auto& r : page) leaves.push_back(formats::bulk_leaf_hash(r));
    from = page.back().placement.leaf_index + 1;
  }
  const auto index = std::size_t(row.placement.leaf_index);
  if (index < leaves.size())
    for (const auto& d : formats::merkle_inclusion_proof(leaves, index))
      proof.path.push_back(formats::digest_hex(d));
  std::vector<formats::Digest> path;
  for (const auto& p : proof.path) path.push_back(*formats::digest_from_hex(p));
  const auto root = formats::digest_from_hex(proof.root);
  proof.verified = root && proof.tree_size >= 0 &&
                   formats::merkle_verify_inclusion(leaf, index, std::size_t(proof.tree_size),
                                                    path, *root);
  if (!proof.verified)
    proof.problem = leaves.size() != std::size_t(proof.tree_size)
                        ? "its batch stores " + std::to_string(leaves.size()) +
                              " rows, but the journal entry counts " +
                              std::to_string(proof.tree_size) + "; run riskloop verify"
                        : "the row or its batch differs from what the journal entry covers; run "
                          "riskloop verify";
  return proof;
}

}  // namespace riskloop::app
