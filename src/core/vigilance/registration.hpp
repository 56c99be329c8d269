// Marketing authorizations: one record per product and country (or the EU) where the product is
// registered, planned or withdrawn. Vigilance reads them to know which authorities an event must
// be judged for (docs/vigilance.md). A declared record type owned by its product: partners see
// the registrations of the products shared with them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record_declaration.hpp"
#include "core/vigilance/jurisdiction.hpp"

namespace riskloop::vigilance {

enum class Authority {
  fda,               // United States, FDA (CDRH)
  eu_notified_body,  // European Union: a notified body; vigilance through EUDAMED
  nmpa,              // China, National Medical Products Administration
  drap,              // Pakistan, Drug Regulatory Authority
  health_canada,
  tga,    // Australia, Therapeutic Goods Administration
  pmda,   // Japan, PMDA / MHLW
  anvisa, // Brazil
  mfds,   // Republic of Korea
  cdsco,  // India
  other,
};
enum class RegistrationStatus { planned, submitted, registered, suspended, withdrawn, expired };

inline constexpr FieldLimit kRegistrationLimits[] = {
    {.field = "product_id", .required = true},
    {.field = "country", .required = true, .max_length = 2},
    {.field = "risk_class", .max_length = 40},
    {.field = "notes", .multiline = true},
};
inline constexpr IndexDecl kRegistrationIndexes[] = {
    {.first = "product_id", .second = "country"},
    {.first = "country"},
    {.first = "authority"},
    {.first = "status"},
    {.first = "registration_number"},
    {.first = "expires_on"}};
inline constexpr std::string_view kRegistrationColumns[] = {
    "product_id", "country", "authority", "registration_number", "risk_class", "status",
    "expires_on"};

struct Registration {
  static constexpr std::string_view entity = "registration";
  static constexpr std::string_view table = "registrations";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{
      .path = "registrations",
      .title = "registration",
      .plural = "registrations",
      .owner = Owner::product,
      .limits = kRegistrationLimits,
      .indexes = kRegistrationIndexes,
      .list_columns = kRegistrationColumns,
      .permissions = {.create = Permission::write_products,
                      .update = Permission::write_products,
                      .removable = false},  // a registration ends as withdrawn or expired
  };

  RecordHeader header;
  Id product_id;
  std::string country;  // ISO 3166-1 alpha-2 ("CN", "US"), or "EU"
  Authority authority = Authority::other;
  std::string authority_name;       // e.g. the notified body "TÜV SÜD Product Service (0123)"
  std::string registration_number;  // e.g. "国械注准20193130123", "P170012"
  std::string risk_class;           // in that jurisdiction's terms: "III", "Class 3", "PMA"
  RegistrationStatus status = RegistrationStatus::planned;
  std::optional<Timestamp> submitted_on;
  std::optional<Timestamp> registered_on;
  std::optional<Timestamp> expires_on;
  std::string notes;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("product_id", s.product_id);
    v("country", s.country);
    v("authority", s.authority);
    v("authority_name", s.authority_name);
    v("registration_number", s.registration_number);
    v("risk_class", s.risk_class);
    v("status", s.status);
    v("submitted_on", s.submitted_on);
    v("registered_on", s.registered_on);
    v("expires_on", s.expires_on);
    v("notes", s.notes);
  }
};

// Beyond the declared limits: the country is a jurisdiction code; a registered (or suspended,
// withdrawn, expired) product has its number and registration date; it cannot expire before it
// was registered.
inline Status validate(const Registration& r) {
  RL_CHECK(check_jurisdiction(r.country, "/country"));
  const bool was_registered = r.status != RegistrationStatus::planned &&
                              r.status != RegistrationStatus::submitted;
  const auto blank = [](const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
  };
  if (was_registered && blank(r.registration_number))
    return fail(ErrorCode::validation, "is required once the product is registered",
                "/registration_number");
  if (was_registered && !r.registered_on)
    return fail(ErrorCode::validation, "is required once the product is registered",
                "/registered_on");
  if (r.status == RegistrationStatus::submitted && !r.submitted_on)
    return fail(ErrorCode::validation, "is required for a submitted application", "/submitted_on");
  if (r.registered_on && r.expires_on && *r.expires_on <= *r.registered_on)
    return fail(ErrorCode::validation, "must be after the registration date", "/expires_on");
  return {};
}

}  // namespace riskloop::vigilance

namespace riskloop {

template <>
struct EnumNames<vigilance::Authority> {
  static constexpr std::array<std::string_view, 11> names = {
      "fda",  "eu_notified_body", "nmpa",   "drap",  "health_canada", "tga",
      "pmda", "anvisa",           "mfds",   "cdsco", "other"};
};

template <>
struct EnumNames<vigilance::RegistrationStatus> {
  static constexpr std::array<std::string_view, 6> names = {
      "planned", "submitted", "registered", "suspended", "withdrawn", "expired"};
};

}  // namespace riskloop
