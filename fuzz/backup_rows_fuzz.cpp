// Restoring a backup reads every stored row of the copied database into its record type and
// rehashes it (riskloop restore -> verify). SQLite parses the file itself; what riskloop parses
// is each row's values: times, enum names, numbers and the JSON text of list fields. The input
// is one row: a byte choosing the record type, then values, each a tag byte and its data
// (0 null, 1 integer: 8 bytes, 2 real: 8 bytes, 3 text: 2-byte length then the bytes, 4 bool).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "app/record_types.hpp"
#include "core/time.hpp"
#include "formats/json/record_json.hpp"
#include "store/record_sql.hpp"

namespace {

using riskloop::store::SqlRow;
using riskloop::store::SqlValue;

SqlRow decode_row(std::string_view in) {
  SqlRow row;
  const auto take = [&](std::size_t n) {
    const auto part = in.substr(0, n);
    in.remove_prefix(part.size());
    return part;
  };
  while (!in.empty() && row.size() < 64) {
    const auto tag = static_cast<unsigned char>(take(1)[0]) % 5;
    if (tag == 1 || tag == 2) {
      char raw[8] = {};
      const auto bytes = take(8);
      std::memcpy(raw, bytes.data(), bytes.size());
      if (tag == 1) {
        std::int64_t v = 0;
        std::memcpy(&v, raw, sizeof v);
        row.emplace_back(v);
      } else {
        double v = 0;
        std::memcpy(&v, raw, sizeof v);
        row.emplace_back(v);
      }
    } else if (tag == 3) {
      const auto len = take(2);
      std::size_t n = len.empty() ? 0 : static_cast<unsigned char>(len[0]);
      if (len.size() == 2) n |= static_cast<std::size_t>(static_cast<unsigned char>(len[1])) << 8;
      row.emplace_back(std::string(take(n)));
    } else if (tag == 4) {
      const auto b = take(1);
      row.emplace_back(!b.empty() && (b[0] & 1));
    } else {
      row.emplace_back(std::monostate{});
    }
  }
  return row;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const unsigned types = [] {
    unsigned n = 0;
    riskloop::app::for_each_record_type([&]<class T>() { ++n; });
    return n;
  }();
  const unsigned choice = static_cast<unsigned char>(input[0]) % types;
  const auto row = decode_row(input.substr(1));
  unsigned index = 0;
  riskloop::app::for_each_record_type([&]<class T>() {
    if (index++ != choice) return;
    const auto rec = riskloop::store::from_row<T>(row);
    if (rec) (void)riskloop::formats::canonical_payload(*rec);
  });
  // The journal's own columns: its time is parsed the same way.
  for (const auto& value : row)
    if (const auto* text = std::get_if<std::string>(&value)) (void)riskloop::parse_timestamp(*text);
  return 0;
}
