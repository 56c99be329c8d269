// One batch of bulk rows and the run that imports a source file batch by batch.
//
// A BulkBatch is an ordinary journaled record: its `create` entry is the batch journal entry,
// naming the source, the row range and the Merkle root over the rows (docs/journal.md section 7).
// An ImportRun is progress, not evidence: it is not journaled (every figure in it can be rebuilt
// from the batch entries) and is updated in the same transaction as each batch it counts.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/record.hpp"

namespace riskloop {

struct BulkBatch {
  static constexpr std::string_view entity = "bulk_batch";
  static constexpr std::string_view table = "bulk_batches";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  std::string record_type;    // the rows' entity, e.g. "process_measurement"
  Id import_run_id;
  std::string source_name;    // file name as given by the importer
  std::string source_sha256;  // of the whole file
  std::int64_t first_row = 0; // source row numbers (header = 1) of the first and last row
  std::int64_t last_row = 0;
  std::int64_t row_count = 0;
  std::string merkle_root;    // lower-case hex RFC 6962 tree head over the rows in leaf order

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("record_type", s.record_type);
    v("import_run_id", s.import_run_id);
    v("source_name", s.source_name);
    v("source_sha256", s.source_sha256);
    v("first_row", s.first_row);
    v("last_row", s.last_row);
    v("row_count", s.row_count);
    v("merkle_root", s.merkle_root);
  }
};

enum class ImportStatus { running, completed };

// One file imported into one organization: (org, record type, file SHA-256) is unique, so the
// same file imported again continues this run or finds it completed.
struct ImportRun {
  static constexpr std::string_view entity = "import_run";
  static constexpr std::string_view table = "import_runs";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  std::string record_type;
  std::string source_name;
  std::string source_sha256;
  std::string actor;             // who started it (journal actor form)
  std::int64_t total_rows = 0;
  std::int64_t rows_done = 0;    // rows in committed batches: the next batch starts here
  std::int64_t batches_done = 0;
  ImportStatus status = ImportStatus::running;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("record_type", s.record_type);
    v("source_name", s.source_name);
    v("source_sha256", s.source_sha256);
    v("actor", s.actor);
    v("total_rows", s.total_rows);
    v("rows_done", s.rows_done);
    v("batches_done", s.batches_done);
    v("status", s.status);
  }
};

template <>
struct EnumNames<ImportStatus> {
  static constexpr std::array<std::string_view, 2> names = {"running", "completed"};
};

}  // namespace riskloop
