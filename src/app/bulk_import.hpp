// Writing and proving bulk rows, generic over the bulk record type (core/bulk_record.hpp).
//
// An import runs batch by batch. Each batch is one transaction holding its rows, its batch
// journal entry (a BulkBatch record with the Merkle root over the rows) and the run's new
// progress, so a crash at any moment leaves whole batches or none. The run is keyed by the
// source file's SHA-256: importing the same file again continues after the last committed batch,
// and once complete it is a no-op that says so.
//
// Rows are read from their source a batch at a time, never all at once. A second thread reads,
// numbers and hashes batch n+1 while batch n is written; the writing (transactions, journal
// order) stays on the calling thread, one batch after the other.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
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

// The rows of one source, in source order, with source_row set.
template <BulkRecord T>
struct BulkRowSource {
  std::int64_t total = 0;
  // Replaces `out` with the next `count` rows (count <= rows left). Called from the import's
  // second thread, one call at a time.
  std::function<Status(std::vector<T>& out, std::int64_t count)> read;
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

// Makes items one at a time on a second thread, at most one ahead of the consumer: the next is
// made while the caller works on the current one. `make` runs on that thread only; stopping
// (destruction) waits for the item being made.
template <class Item>
class AheadByOne {
 public:
  explicit AheadByOne(std::function<Item()> make) : make_(std::move(make)) {
    thread_ = std::thread([this] { run(); });
  }
  ~AheadByOne() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  AheadByOne(const AheadByOne&) = delete;
  AheadByOne& operator=(const AheadByOne&) = delete;

  Item next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_.has_value(); });
    Item out = std::move(*ready_);
    ready_.reset();
    changed_.notify_all();
    return out;
  }

 private:
  void run() {
    for (;;) {
      Item item = make_();
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || !ready_.has_value(); });
      if (stop_) return;
      ready_ = std::move(item);
      changed_.notify_all();
      changed_.wait(lock, [&] { return stop_ || !ready_.has_value(); });
      if (stop_) return;
    }
  }

  std::function<Item()> make_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Item> ready_;
  bool stop_ = false;
  std::thread thread_;
};

// A batch read and hashed, ready to be written.
template <BulkRecord T>
struct PreparedBatch {
  Status status;
  Id batch_id;
  std::vector<T> rows;
  std::string merkle_root;
};


}  // namespace detail

// Writes the rows of `rows` (ids, org and placement are assigned here) as batches, continuing a
// run of the same source. Fails with `conflict` when another import of the same file is writing
// at the same time.
template <BulkRecord T>
Result<BulkImportResult> import_bulk_rows(AppContext& ctx, const Principal& who,
                                          const BulkSource& source, const BulkRowSource<T>& rows,
                                          const BulkImportOptions& options) {
  BulkImportResult result;
  const std::string type(T::entity);
  const auto total = rows.total;
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

  // Batches are read and hashed on the second thread, which alone takes ids while it runs.
  const std::int64_t batch_rows = std::max<std::int64_t>(1, options.batch_rows);
  const std::int64_t resume_at = result.run.rows_done;
  std::int64_t prepared_to = 0;  // the second thread's alone, as is `leaves`
  std::vector<formats::Digest> leaves;
  const auto prepare = [&, resume_at]() -> detail::PreparedBatch<T> {
    detail::PreparedBatch<T> batch;
    try {
      if (prepared_to < resume_at) {
        std::vector<T> skipped;  // rows of the batches committed before: read past them
        while (prepared_to < resume_at && batch.status) {
          const std::int64_t n = std::min(batch_rows, resume_at - prepared_to);
          batch.status = rows.read(skipped, n);
          prepared_to += n;
        }
        if (!batch.status) return batch;
      }
      const std::int64_t n = std::min(batch_rows, total - prepared_to);
      if (n <= 0) return batch;
      batch.status = rows.read(batch.rows, n);
      if (!batch.status) return batch;
      if (std::int64_t(batch.rows.size()) != n) {
        batch.status = fail(ErrorCode::internal, "the source gave " +
                                                     std::to_string(batch.rows.size()) +
                                                     " rows for a batch of " + std::to_string(n));
        return batch;
      }
      prepared_to += n;
      batch.batch_id = ctx.ids.next_id();
      leaves.clear();
      for (std::size_t i = 0; i < batch.rows.size(); ++i) {
        T& row = batch.rows[i];
        row.id = ctx.ids.next_id();
        row.org_id = who.org_id;
        leaves.push_back(formats::bulk_leaf_hash(row));
        row.placement = {batch.batch_id, std::int64_t(i), formats::digest_hex(leaves.back())};
      }
      batch.merkle_root = formats::digest_hex(formats::merkle_root(leaves));
    } catch (const std::exception& e) {
      batch.status = fail(ErrorCode::internal, std::string("cannot prepare a batch: ") + e.what());
    }
    return batch;
  };
  detail::AheadByOne<detail::PreparedBatch<T>> batches(prepare);

  while (result.run.rows_done < total) {
    const std::int64_t start = result.run.rows_done;
    auto batch = batches.next();
    RL_CHECK(batch.status);
    const auto n = std::int64_t(batch.rows.size());
    ImportRun run;
    RL_CHECK(ctx.store.transaction([&](store::Tx& tx) -> Status {
      run = RL_TRY(tx.get<ImportRun>(who.org_id, result.run.header.id));
      if (run.rows_done != start)
        return fail(ErrorCode::conflict,
                    "another import of this file is running (" + std::to_string(run.rows_done) +
                        " of " + std::to_string(total) + " rows done); try again when it ends");
      BulkBatch entry;
      entry.record_type = type;
      entry.import_run_id = run.header.id;
      entry.source_name = source.name;
      entry.source_sha256 = source.sha256;
      entry.first_row = batch.rows.front().source_row;
      entry.last_row = batch.rows.back().source_row;
      entry.row_count = n;
      entry.merkle_root = batch.merkle_root;
      // The rows' strings move into the statement's parameters: read first_row above.
      RL_CHECK(store::insert_bulk_rows<T>(tx, std::span<T>(batch.rows)));
      Recorder recorder(tx, who, ctx.clock.now());
      RL_CHECK(recorder.create(entry, batch.batch_id));
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
