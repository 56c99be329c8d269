// A record type declared once: besides its field list (core/record.hpp), a declared type states
// who owns it, the limits of its fields, the indexes that queries may use, the columns of its
// list, and the permission each verb needs. From that one declaration come its tables on both
// engines (store/declared_schema.hpp), its use cases (app/record_service.hpp), its JSON API
// (http/record_routes.hpp), its CLI verbs and its web pages.
//
//   struct Supplier {
//     static constexpr std::string_view entity = "supplier", table = "suppliers";
//     static constexpr Scope scope = Scope::organization;
//     static constexpr RecordDeclaration declaration{
//         .path = "suppliers", .title = "supplier", .plural = "suppliers",
//         .limits = kSupplierLimits, .indexes = kSupplierIndexes, .list_columns = kSupplierColumns};
//     RecordHeader header;
//     std::string name; ...
//     template <class V, class Self> static void fields(V& v, Self& s) { v("name", s.name); ... }
//   };
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/record.hpp"
#include "core/role.hpp"

namespace riskloop {

// Who a record belongs to, besides its organization. A product- or file-owned record names its
// owner in a field (`product_id`, `risk_file_id`) that must refer to a record of the same
// organization, and partners see it only where the product is shared with them.
enum class Owner { organization, product, risk_file };

// Limits of one field, checked on every create and update before the type's own rules.
struct FieldLimit {
  std::string_view field;
  bool required = false;           // text: not blank; optional: present; list: not empty
  bool multiline = false;          // text over several lines (default: one line)
  std::size_t max_length = 0;      // text (or each text of a list), in characters; 0 = the
                                   // default: 200 for one line, 10,000 for several
  std::optional<std::int64_t> min;  // whole numbers
  std::optional<std::int64_t> max;
};

// One index: up to three fields, queried left to right. A query may filter and order only by
// fields that lead an index (or by id and the header times).
struct IndexDecl {
  std::string_view first;
  std::string_view second = {};
  std::string_view third = {};
  bool unique = false;
};

// The permission each verb needs (core/role.hpp); partners never see organization-owned types.
struct VerbPermissions {
  Permission read = Permission::read;
  Permission create = Permission::write_risk;
  Permission update = Permission::write_risk;
  Permission remove = Permission::write_risk;
  bool removable = true;  // false: delete is not offered at all (records are retired instead)
};

struct RecordDeclaration {
  std::string_view path;    // URL segment and CLI noun: "operational-risks"
  std::string_view title;   // one record, in words: "operational risk"
  std::string_view plural;  // several, in words: "operational risks"
  Owner owner = Owner::organization;
  std::span<const FieldLimit> limits;
  std::span<const IndexDecl> indexes;
  std::span<const std::string_view> list_columns;
  VerbPermissions permissions;
};

template <class T>
concept DeclaredRecord = Record<T> && requires {
  { T::declaration } -> std::convertible_to<RecordDeclaration>;
};

// True when `field` leads one of T's indexes, or is the id.
template <DeclaredRecord T>
constexpr bool is_query_field(std::string_view field) {
  if (field == "id") return true;
  for (const auto& index : T::declaration.indexes)
    if (index.first == field) return true;
  return false;
}

}  // namespace riskloop
