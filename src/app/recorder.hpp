// Journaled writes: the only way use cases change records. Each create/update/remove writes the
// record and its journal entry in the caller's transaction, so both land or neither does.
#pragma once

#include <algorithm>
#include <type_traits>

#include "app/journal_writer.hpp"
#include "app/principal.hpp"
#include "app/record_encoding.hpp"
#include "app/text_normalization.hpp"
#include "core/accounts.hpp"
#include "formats/json/record_json.hpp"
#include "store/tx.hpp"

namespace riskloop::app {

class Recorder {
 public:
  Recorder(store::Tx& tx, const Principal& who, Timestamp now) : tx_(tx), who_(who), now_(now) {}

  store::Tx& tx() { return tx_; }
  const Principal& who() const { return who_; }
  Timestamp now() const { return now_; }

  // Sets id, org (from the principal for organization records), version 1 and times; stores it.
  template <Record T>
  Status create(T& rec, Id id) {
    rec.header.id = std::move(id);
    if constexpr (T::scope == Scope::organization) {
      if (rec.header.org_id.empty()) rec.header.org_id = who_.org_id;
    }
    rec.header.version = 1;
    rec.header.created_at = rec.header.updated_at = now_;
    normalize_text(rec);
    auto encoded = encode_record(rec);  // row and payload in one pass over the fields
    RL_CHECK(tx_.insert_row<T>(encoded.row));
    return journal(rec, "create", std::move(encoded.payload));
  }

  // Stores `rec` as the next version of what the caller read (rec.header.version is that version).
  template <Record T>
  Status update(T& rec) {
    const auto expected = rec.header.version;
    rec.header.version = expected + 1;
    rec.header.updated_at = now_;
    normalize_text(rec);
    auto encoded = encode_record(rec);
    RL_CHECK(tx_.update_row<T>(rec.header, std::move(encoded.row), expected));
    return journal(rec, "update", std::move(encoded.payload));
  }

  template <Record T>
  Status remove(const T& rec) {
    RL_CHECK(tx_.remove(rec));
    return journal(rec, "delete", formats::canonical_payload(rec));
  }

 private:
  template <Record T>
  Status journal(const T& rec, std::string_view op, std::string payload) {
    if constexpr (std::is_same_v<T, User>) {
      // An account is global, but each organization it belongs to must see what happens to it
      // in its own journal: one entry per organization (same payload), or one global entry.
      auto orgs = RL_TRY(tx_.user_org_ids(rec.header.id));
      if (!who_.org_id.empty() && std::find(orgs.begin(), orgs.end(), who_.org_id) == orgs.end())
        orgs.push_back(who_.org_id);
      if (orgs.empty()) orgs.emplace_back();
      for (const auto& org : orgs) RL_CHECK(append(rec, op, org, payload));
      return {};
    } else {
      return append(rec, op, rec.header.org_id, std::move(payload));
    }
  }

  template <Record T>
  Status append(const T& rec, std::string_view op, const Id& org_id, std::string payload) {
    return append_entry(tx_, {.at = now_,
                              .actor = who_.actor,
                              .org_id = org_id,
                              .entity = std::string(T::entity),
                              .entity_id = rec.header.id,
                              .op = std::string(op),
                              .payload = std::move(payload)},
                        &head_);
  }

  store::Tx& tx_;
  const Principal& who_;
  Timestamp now_;
  JournalHead head_;  // carried between this recorder's appends
};

// Checks the caller's version against the stored one (If-Match): precondition failure if they
// differ. `expected` absent means the caller did not say, which is allowed only where noted.
Status check_version(std::string_view entity, const Id& id, std::int64_t stored,
                     std::optional<std::int64_t> expected);

}  // namespace riskloop::app
