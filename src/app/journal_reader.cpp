// Journal pages for the API and the full export.
#include "app/journal_reader.hpp"

#include <algorithm>

#include "store/tx.hpp"

namespace riskloop::app {

Result<std::vector<JournalEntry>> JournalReader::page(const Principal& who,
                                                      const JournalFilter& f) {
  if (!who.local_operator && who.role == Role::partner)
    return fail(ErrorCode::forbidden, "partners may not read the journal");
  std::vector<JournalEntry> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    out = RL_TRY(tx.journal_page({.org_id = who.org_id,
                                  .entity = f.entity,
                                  .entity_id = f.entity_id,
                                  .actor = f.actor,
                                  .refers_to = f.refers_to,
                                  .after_seq = f.after_seq,
                                  .limit = std::clamp(f.limit, 1, ctx_.options.max_page_size)}));
    return {};
  }));
  return out;
}

Status JournalReader::export_all(const Principal& who,
                                 const std::function<Status(const JournalEntry&)>& sink) {
  if (!who.local_operator)
    return fail(ErrorCode::forbidden, "the full journal export is for local operators");
  // One snapshot for the whole export, read in pages to bound memory.
  return ctx_.store.read([&](store::Tx& tx) -> Status {
    std::int64_t after = 0;
    for (;;) {
      const auto page = RL_TRY(tx.journal_page({.after_seq = after, .limit = 5000}));
      if (page.empty()) return {};
      for (const auto& e : page) RL_CHECK(sink(e));
      after = page.back().seq;
    }
  });
}

}  // namespace riskloop::app
