// One entry of the hash-chained journal (format: docs/journal.md).
#pragma once

#include <cstdint>
#include <string>

#include "core/record.hpp"

namespace riskloop {

struct JournalEntry {
  std::int64_t seq = 0;
  Timestamp at{};
  std::string actor;      // "user:<id>", "token:<id>" or "cli:<login>"
  Id org_id;              // "" for global records
  std::string entity;     // Record::entity
  Id entity_id;
  std::string op;         // "create", "update" or "delete"
  std::string payload;    // canonical JSON of the record's state
  std::string prev_hash;  // 64 hex digits
  std::string hash;       // 64 hex digits
};

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace riskloop
