// What makes a type a stored, journaled record, and how its fields are listed once for every use.
//
// A record type lists its fields in one static member template:
//
//   template <class V, class Self> static void fields(V& v, Self& s) {
//     v("id", s.id); v("name", s.name); v("token_hash", s.token_hash, kSecret);
//   }
//
// The same list drives the JSON codec (API output), the SQL row mapping (store), the canonical
// journal payload and `riskloop verify`. Supported field types (core/field_types.hpp): std::string,
// std::int64_t, double, bool, Timestamp, named enums (enum_names.hpp), std::optional of those, and
// lists: std::vector of a scalar or of a plain struct with its own static fields() list (stored as
// one JSON column, shown as a JSON array).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace riskloop {

using Id = std::string;

enum class Scope {
  global,        // not owned by one organization (organizations, user identities)
  organization,  // owned by exactly one organization; every query names it
};

enum FieldFlags : unsigned {
  kPlain = 0,
  // Stored, but never shown by the API; the journal holds its SHA-256 digest instead of the value.
  kSecret = 1u << 0,
  // Added to the record type after records of it were journaled: the canonical journal payload
  // leaves the field out while it is empty, so entries written before it existed still match
  // their rows (docs/journal.md). Text fields only.
  kAddedLater = 1u << 1,
  // Given to existing rows by a migration that could not journal it (an added-later text field
  // filled in for records written before it existed, such as an item's ref): `riskloop verify`
  // accepts a row holding a value its last journal entry does not have yet, as long as the entry
  // has no value for it at all. The value enters the journal with the record's next change.
  kBackfilled = 1u << 2,
};

// Common header of every record. Version starts at 1 and grows by one on every update; it is the
// ETag of the API and the optimistic-concurrency check of the store.
struct RecordHeader {
  Id id;
  Id org_id;  // empty for Scope::global
  std::int64_t version = 1;
  Timestamp created_at{};
  Timestamp updated_at{};
};

template <class T>
concept Record = requires(T& t) {
  { T::entity } -> std::convertible_to<std::string_view>;  // journal entity name, e.g. "product"
  { T::table } -> std::convertible_to<std::string_view>;   // SQL table name, e.g. "products"
  { T::scope } -> std::convertible_to<Scope>;
  { t.header } -> std::same_as<RecordHeader&>;
};

// Visits the header fields then the record's own fields. Column and JSON key names come from here.
template <Record T, class V, class Self>
void visit_record(V& v, Self& s) {
  v("id", s.header.id);
  if constexpr (T::scope == Scope::organization) v("org_id", s.header.org_id);
  v("version", s.header.version);
  v("created_at", s.header.created_at);
  v("updated_at", s.header.updated_at);
  T::fields(v, s);
}

}  // namespace riskloop
