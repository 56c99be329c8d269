// The approved supplier list (ISO 13485 7.4.1, 21 CFR 820.50): who supplies what, how critical it
// is, whether the supplier is approved, and when it is evaluated next. A declared record type:
// this file is all of it, besides its labels and a line in app/record_types.hpp.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record_declaration.hpp"

namespace riskloop::quality {

enum class SupplierCriticality { critical, major, minor };
enum class SupplierStatus { pending, approved, conditional, disqualified };

inline constexpr FieldLimit kSupplierLimits[] = {
    {.field = "name", .required = true},
    {.field = "country", .required = true, .max_length = 2},
    {.field = "supplied_items", .required = true},
    {.field = "conditions", .multiline = true},
    {.field = "notes", .multiline = true},
};
inline constexpr IndexDecl kSupplierIndexes[] = {
    {.first = "name"},   {.first = "country"}, {.first = "criticality"},
    {.first = "status"}, {.first = "next_evaluation_due"}, {.first = "certificate_expires"}};
inline constexpr std::string_view kSupplierColumns[] = {"name", "country", "criticality", "status",
                                                        "next_evaluation_due"};

struct Supplier {
  static constexpr std::string_view entity = "supplier";
  static constexpr std::string_view table = "suppliers";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{
      .path = "suppliers",
      .title = "supplier",
      .plural = "suppliers",
      .limits = kSupplierLimits,
      .indexes = kSupplierIndexes,
      .list_columns = kSupplierColumns,
      .permissions = {.create = Permission::write_products,
                      .update = Permission::write_products,
                      .removable = false},  // a supplier leaves the list by being disqualified
  };

  RecordHeader header;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2, e.g. "DE"
  std::vector<std::string> supplied_items;
  SupplierCriticality criticality = SupplierCriticality::major;
  SupplierStatus status = SupplierStatus::pending;
  std::string certificate;  // e.g. "ISO 13485:2016, certificate 12 345 6789"
  std::optional<Timestamp> certificate_expires;
  std::optional<Timestamp> approved_on;
  std::optional<Timestamp> next_evaluation_due;
  std::string conditions;  // what a conditional approval requires
  std::string notes;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("country", s.country);
    v("supplied_items", s.supplied_items);
    v("criticality", s.criticality);
    v("status", s.status);
    v("certificate", s.certificate);
    v("certificate_expires", s.certificate_expires);
    v("approved_on", s.approved_on);
    v("next_evaluation_due", s.next_evaluation_due);
    v("conditions", s.conditions);
    v("notes", s.notes);
  }
};

// Beyond the declared limits: the country is two capital letters; an approved or conditionally
// approved supplier has its approval date and next evaluation; a conditional approval says its
// conditions.
inline Status validate(const Supplier& s) {
  if (s.country.size() != 2 || s.country[0] < 'A' || s.country[0] > 'Z' || s.country[1] < 'A' ||
      s.country[1] > 'Z')
    return fail(ErrorCode::validation,
                "must be an ISO 3166 country code of two capital letters, like DE or CN", "/country");
  if (s.status == SupplierStatus::approved || s.status == SupplierStatus::conditional) {
    if (!s.approved_on)
      return fail(ErrorCode::validation, "is required for an approved supplier", "/approved_on");
    if (!s.next_evaluation_due)
      return fail(ErrorCode::validation, "is required for an approved supplier",
                  "/next_evaluation_due");
  }
  if (s.status == SupplierStatus::conditional &&
      s.conditions.find_first_not_of(" \t\r\n") == std::string::npos)
    return fail(ErrorCode::validation, "is required for a conditional approval", "/conditions");
  return {};
}

}  // namespace riskloop::quality

namespace riskloop {

template <>
struct EnumNames<quality::SupplierCriticality> {
  static constexpr std::array<std::string_view, 3> names = {"critical", "major", "minor"};
};

template <>
struct EnumNames<quality::SupplierStatus> {
  static constexpr std::array<std::string_view, 4> names = {"pending", "approved", "conditional",
                                                            "disqualified"};
};

}  // namespace riskloop
