// Reading the journal newest first (the app layer pages it oldest first, from a sequence number),
// and how entries read: who (by name), when (UTC), what.
#pragma once

#include <map>
#include <utility>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/journal_reader.hpp"
#include "web/page.hpp"

namespace riskloop::web {

// The newest `n` entries matching `filter` with seq below `before` (0: no bound), newest first.
Result<std::vector<JournalEntry>> newest_entries(Call& c, app::JournalFilter filter,
                                                 std::int64_t before, std::size_t n);

// How entries read for people: who by name, which record by its name (or, for a record that joins
// others such as a control link or a residual estimate, by what it joins), and for an update which
// fields changed. Names come from the records' journaled payloads, read once per page.
class EntryReader {
 public:
  explicit EntryReader(Call& c);

  // {seq, at, actor, entity, entity_id, op, op_badge, summary, history_url, changes, ...}.
  Data entry(const JournalEntry& e);
  // The record's name for people ("" when it has none): its title, name or e-mail, or what it joins.
  std::string record_name(std::string_view entity, const std::string& id);
  // The organization's members by actor ("user:<id>" -> display name or e-mail).
  const std::map<std::string, std::string>& actors() const { return actors_; }

 private:
  std::string name_from(std::string_view entity, const nlohmann::json& payload, int depth);
  std::string name_of(std::string_view entity, const std::string& id, int depth);
  // The stored ref of a risk file item ("" for other records or when not readable), cached.
  std::string current_ref(std::string_view entity, const std::string& id);
  // Every entry of one record, oldest first (cached for the page).
  const std::vector<JournalEntry>& history(const std::string& entity, const std::string& id);

  Call& c_;
  std::map<std::string, std::string> actors_;  // "user:<id>" -> display name
  std::map<std::pair<std::string, std::string>, std::vector<JournalEntry>> histories_;
  std::map<std::pair<std::string, std::string>, std::string> refs_;
};

// The fields of `payload` that differ from `before` ({field, old, has_old, new}), labelled for
// record type `entity`; header fields (version, times, organization) are left out. Values longer
// than `max_chars` (0: no limit) are cut with "…".
List changed_fields(std::string_view entity, const nlohmann::json& before,
                    const nlohmann::json& payload, std::size_t max_chars = 0);

}  // namespace riskloop::web
