// Reading the journal: pages for the API and UI, the full export, and verification.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/principal.hpp"
#include "core/journal_entry.hpp"

namespace riskloop::app {

struct JournalFilter {
  std::string entity;
  std::string entity_id;
  std::string actor;
  Id refers_to;  // entries about this record, or of records naming it (e.g. a risk file's items)
  std::int64_t after_seq = 0;
  int limit = 100;
};

struct VerifyReport {
  bool ok = false;
  std::int64_t entries = 0;
  std::string head_hash;          // of the last entry ("" when the journal is empty)
  std::int64_t records_checked = 0;
  std::int64_t batches_checked = 0;  // bulk batches whose rows were rehashed
  std::int64_t bulk_rows_checked = 0;
  std::int64_t bad_seq = 0;       // first failing entry (0 if the failure is not tied to one)
  std::string bad_entity;         // "product 0197…"
  std::string problem;            // what is wrong, in words
};

class JournalReader {
 public:
  explicit JournalReader(AppContext& ctx) : ctx_(ctx) {}

  // Entries of the principal's organization (auditors included; partners may not read it).
  Result<std::vector<JournalEntry>> page(const Principal& who, const JournalFilter& filter);
  // Every entry in order (local operators only), handed to `sink` one at a time.
  Status export_all(const Principal& who, const std::function<Status(const JournalEntry&)>& sink);
  // docs/journal.md section 4.
  Result<VerifyReport> verify();

 private:
  AppContext& ctx_;
};

}  // namespace riskloop::app
