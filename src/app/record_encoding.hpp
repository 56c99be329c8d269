// A record's two stored forms from one pass over its fields: the SQL row (store/record_sql.hpp's
// to_row) and the canonical JSON journal payload (formats/record_json.hpp's canonical_payload).
// The journaled write path (app/recorder.hpp) encodes every record it writes, so this is the hot
// path of a bulk import; the reference functions stay the specification, and a unit test checks
// that both give the same bytes for every record type.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "formats/json/canonical_json.hpp"
#include "formats/json/record_json.hpp"
#include "store/sql_value.hpp"

namespace riskloop::app {

struct EncodedRecord {
  store::SqlRow row;    // == store::to_row(rec)
  std::string payload;  // == formats::canonical_payload(rec)
};

namespace detail {

struct FieldNames {
  std::vector<std::string_view> names;
  template <class X>
  void operator()(std::string_view name, const X&, unsigned = kPlain) {
    names.push_back(name);
  }
};

// A record type's payload keys, worked out once: each field's key as canonical JSON followed by
// ':', and the fields in the byte order of their keys (the order of canonical_payload).
struct PayloadKeys {
  std::vector<std::string> keys;       // by field index
  std::vector<std::size_t> key_order;  // field indices
  std::size_t keys_size = 0;           // total length of `keys`
};

template <Record T>
const PayloadKeys& payload_keys() {
  static const PayloadKeys keys = [] {
    FieldNames f;
    const T probe{};
    visit_record<T>(f, probe);
    PayloadKeys k;
    for (const auto name : f.names) {
      std::string key;
      formats::append_canonical_string(key, name);
      key.push_back(':');
      k.keys_size += key.size();
      k.keys.push_back(std::move(key));
    }
    k.key_order.resize(f.names.size());
    std::iota(k.key_order.begin(), k.key_order.end(), std::size_t{0});
    std::sort(k.key_order.begin(), k.key_order.end(),
              [&](std::size_t a, std::size_t b) { return f.names[a] < f.names[b]; });
    return k;
  }();
  return keys;
}

// Appends each field's SQL value to `row` and its canonical value to `values`, back to back,
// remembering where each ends. Times are formatted once for both.
struct RowAndPayloadWriter {
  store::SqlRow& row;
  std::string& values;
  std::vector<std::size_t>& ends;
  std::vector<bool>& left_out;  // by field: not in the payload (an empty field added later)

  template <class X>
  void operator()(std::string_view, const X& v, unsigned flags = kPlain) {
    bool omit = false;
    if constexpr (std::is_same_v<X, std::string>) omit = (flags & kAddedLater) && v.empty();
    left_out.push_back(omit);
    if constexpr (std::is_same_v<X, Timestamp>) {
      time(v);
    } else if constexpr (std::is_same_v<X, std::optional<Timestamp>>) {
      if (v) {
        time(*v);
      } else {
        row.emplace_back();
        values += "null";
      }
    } else {
      row.push_back(store::to_sql(v));
      formats::detail::append_canonical_value(values, v, flags);
    }
    ends.push_back(values.size());
  }

  void time(Timestamp t) {
    std::string text = format_timestamp(t);
    formats::append_canonical_string(values, text);
    row.emplace_back(std::move(text));
  }
};

}  // namespace detail

template <Record T>
EncodedRecord encode_record(const T& rec) {
  const auto& keys = detail::payload_keys<T>();
  EncodedRecord out;
  out.row.reserve(keys.keys.size());
  // Scratch space kept per thread: a bulk import encodes tens of thousands of records.
  thread_local std::string values;
  thread_local std::vector<std::size_t> ends;
  thread_local std::vector<bool> left_out;
  values.clear();
  ends.clear();
  left_out.clear();
  detail::RowAndPayloadWriter w{out.row, values, ends, left_out};
  visit_record<T>(w, rec);

  out.payload.reserve(2 + keys.keys_size + keys.keys.size() + values.size());
  out.payload.push_back('{');
  bool first = true;
  for (const auto field : keys.key_order) {
    if (left_out[field]) continue;
    if (!first) out.payload.push_back(',');
    first = false;
    out.payload += keys.keys[field];
    const std::size_t begin = field == 0 ? 0 : ends[field - 1];
    out.payload.append(values, begin, ends[field] - begin);
  }
  out.payload.push_back('}');
  return out;
}

}  // namespace riskloop::app
