// The one-pass encoder of the write path (app/record_encoding.hpp) against the reference
// encodings: for every journaled record type, the same SQL row as store::to_row and the same
// bytes as formats::canonical_payload, so journal hashes do not depend on which path wrote them.
#include <gtest/gtest.h>

#include "app/record_encoding.hpp"
#include "app/record_types.hpp"
#include "store/record_sql.hpp"

namespace riskloop::app {
namespace {

using namespace std::chrono_literals;

// Fills every field with a value that exercises its encoding: text that needs escaping, negative
// and fractional numbers, times with milliseconds, the last name of each enum, lists of two.
// `salt` varies the values between fields and list elements.
struct Filler {
  int salt = 0;

  template <class X>
  void operator()(std::string_view name, X& v, unsigned = kPlain) {
    ++salt;
    fill(v, name);
  }

  template <class X>
  void fill(X& v, std::string_view name) {
    if constexpr (is_optional<X>::value) {
      typename X::value_type inner{};
      fill(inner, name);
      v = std::move(inner);
    } else if constexpr (is_vector<X>::value) {
      v.resize(2);
      for (auto& item : v) {
        ++salt;
        fill(item, name);
      }
    } else if constexpr (NestedField<X>) {
      X::fields(*this, v);
    } else if constexpr (std::is_same_v<X, std::string>) {
      v = std::string(name) + " \"q\" \\ / \b\f\n\r\t \x01 \x1f \x7f é 支 😀 " +
          std::to_string(salt);
    } else if constexpr (std::is_same_v<X, bool>) {
      v = salt % 2 == 0;
    } else if constexpr (std::is_same_v<X, double>) {
      v = (salt % 2 ? -1.0 : 1.0) * (0.1 + 0.2) * salt + 1e-7;
    } else if constexpr (std::is_integral_v<X>) {
      v = X(salt % 3 == 0 ? -salt * 1000003 : salt);
    } else if constexpr (std::is_same_v<X, Timestamp>) {
      v = Timestamp{1764000000123ms + std::chrono::milliseconds(salt * 86400007LL)};
    } else if constexpr (NamedEnum<X>) {
      const auto count = EnumNames<X>::names.size();
      v = static_cast<X>((count - 1 + std::size_t(salt)) % count);
    } else {
      static_assert(sizeof(X) == 0, "no sample value for this field type");
    }
  }
};

template <Record T>
T populated() {
  T rec{};
  Filler f;
  visit_record<T>(f, rec);
  return rec;
}

template <Record T>
void expect_same_encoding(const T& rec, const char* which) {
  SCOPED_TRACE(std::string(T::entity) + ", " + which);
  const auto encoded = encode_record(rec);
  EXPECT_EQ(encoded.payload, formats::canonical_payload(rec));
  EXPECT_EQ(encoded.row, store::to_row(rec));
}

TEST(RecordEncoding, SameRowAndPayloadAsTheReferenceForEveryRecordType) {
  int types = 0;
  for_each_record_type([&]<Record T>() {
    ++types;
    expect_same_encoding(T{}, "defaults");
    expect_same_encoding(populated<T>(), "every field set");
  });
  EXPECT_GE(types, 20);
}

TEST(RecordEncoding, SameTimesFromBeforeTheYear0ToAfter9999) {
  Product p = populated<Product>();
  for (const auto t : {Timestamp{}, Timestamp{-1ms}, Timestamp{-62167219200001ms},
                       Timestamp{-62135596800000ms}, Timestamp{253402300800000ms}}) {
    p.header.created_at = p.header.updated_at = t;
    expect_same_encoding(p, format_timestamp(t).c_str());
  }
}

}  // namespace
}  // namespace riskloop::app
