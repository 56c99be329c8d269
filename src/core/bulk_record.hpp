// Bulk records: rows imported by the million (process measurements, implants, adverse events)
// that are not journaled one by one. Rows are written in batches; one journal entry per batch
// (core/bulk_batch.hpp) holds the Merkle root over the batch's rows (docs/journal.md section 7).
//
// A bulk record type lists its own fields like any record (core/record.hpp) and is append-only:
// it has no version and is never updated. Every row carries its place in a batch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/record.hpp"

namespace riskloop {

// Where a row sits: its batch, its leaf index in the batch's tree (0..n-1, the file's order) and
// the leaf hash of its canonical row. The placement is not part of the hashed row.
struct BulkPlacement {
  Id batch_id;
  std::int64_t leaf_index = 0;
  std::string leaf_hash;  // lower-case hex SHA-256(0x00 || canonical row)
};

template <class T>
concept BulkRecord = requires(T& t) {
  { T::entity } -> std::convertible_to<std::string_view>;  // e.g. "process_measurement"
  { T::table } -> std::convertible_to<std::string_view>;
  { t.id } -> std::same_as<Id&>;
  { t.org_id } -> std::same_as<Id&>;
  { t.source_row } -> std::same_as<std::int64_t&>;  // the row's number in its source file
  { t.placement } -> std::same_as<BulkPlacement&>;
};

// Visits the hashed content of a row: id, org_id, then the type's own fields.
template <BulkRecord T, class V, class Self>
void visit_bulk_content(V& v, Self& s) {
  v("id", s.id);
  v("org_id", s.org_id);
  T::fields(v, s);
}

// Visits every stored column: the content, then the placement.
template <BulkRecord T, class V, class Self>
void visit_bulk_row(V& v, Self& s) {
  visit_bulk_content<T>(v, s);
  v("batch_id", s.placement.batch_id);
  v("leaf_index", s.placement.leaf_index);
  v("leaf_hash", s.placement.leaf_hash);
}

}  // namespace riskloop
