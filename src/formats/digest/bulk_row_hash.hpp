// The canonical encoding of a bulk row and its Merkle leaf hash (docs/journal.md section 7): the
// canonical JSON of the row's content (core/bulk_record.hpp: id, org_id and its own fields; not
// its placement), hashed as an RFC 6962 leaf.
#pragma once

#include <string>

#include "core/bulk_record.hpp"
#include "formats/digest/merkle_tree.hpp"
#include "formats/json/record_json.hpp"

namespace riskloop::formats {

template <BulkRecord T>
std::string canonical_bulk_row(const T& row) {
  detail::CanonicalWriter w;
  visit_bulk_content<T>(w, row);
  return w.finish();
}

template <BulkRecord T>
Digest bulk_leaf_hash(const T& row) {
  return merkle_leaf_hash(canonical_bulk_row(row));
}

}  // namespace riskloop::formats
