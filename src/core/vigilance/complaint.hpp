// Complaints (ISO 13485 8.2.2; the complaint records of 21 CFR 820.35(a) under the QMSR): what
// was reported about a product on the market, by whom, from which country, about which device
// (UDI, lot, serial), what happened to the patient, whether the device can be investigated, and
// the investigation up to its closure. A declared record type owned by its product. The date the
// complaint was received is the awareness date that starts every reporting clock
// (docs/vigilance.md).
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

enum class ReporterRole {
  healthcare_professional,
  patient,
  distributor,
  sales_representative,
  company_employee,
  regulator,
  other,
};
enum class PatientOutcome { not_known, none, no_consequence, injury, serious_injury, death };
enum class DeviceAvailability { not_known, available, returned, not_available };
enum class ComplaintStatus { received, investigating, closed };

inline constexpr FieldLimit kComplaintLimits[] = {
    {.field = "product_id", .required = true},
    {.field = "received_on", .required = true},
    {.field = "reporter_name", .required = true},
    {.field = "reporter_contact", .max_length = 300},
    {.field = "country", .required = true, .max_length = 2},
    {.field = "udi", .max_length = 300},
    {.field = "lot", .max_length = 80},
    {.field = "serial", .max_length = 80},
    {.field = "description", .required = true, .multiline = true},
    {.field = "findings", .multiline = true},
    {.field = "root_cause", .multiline = true},
};
inline constexpr IndexDecl kComplaintIndexes[] = {
    {.first = "product_id", .second = "received_on"},
    {.first = "received_on"},
    {.first = "country"},
    {.first = "status"},
    {.first = "patient_outcome"},
    {.first = "lot"}};
inline constexpr std::string_view kComplaintColumns[] = {
    "received_on", "product_id", "country", "patient_outcome", "lot", "status"};

struct Complaint {
  static constexpr std::string_view entity = "complaint";
  static constexpr std::string_view table = "complaints";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{
      .path = "complaints",
      .title = "complaint",
      .plural = "complaints",
      .owner = Owner::product,
      .limits = kComplaintLimits,
      .indexes = kComplaintIndexes,
      .list_columns = kComplaintColumns,
      .permissions = {.create = Permission::write_vigilance,
                      .update = Permission::write_vigilance,
                      .removable = false},  // a complaint file is kept, closed or not
  };

  RecordHeader header;
  Id product_id;
  std::optional<Timestamp> received_on;  // the awareness date: every reporting clock starts here
  std::string reporter_name;
  ReporterRole reporter_role = ReporterRole::other;
  std::string reporter_contact;  // address, phone or e-mail, as given
  std::string country;           // where the event happened: ISO 3166-1 alpha-2
  std::string udi;               // as scanned or printed
  std::string lot;
  std::string serial;
  std::optional<Timestamp> event_date;
  std::string description;
  bool patient_involved = false;
  PatientOutcome patient_outcome = PatientOutcome::not_known;
  DeviceAvailability device_availability = DeviceAvailability::not_known;
  ComplaintStatus status = ComplaintStatus::received;
  std::string findings;    // what the investigation found
  std::string root_cause;
  std::optional<Timestamp> closed_on;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("product_id", s.product_id);
    v("received_on", s.received_on);
    v("reporter_name", s.reporter_name);
    v("reporter_role", s.reporter_role);
    v("reporter_contact", s.reporter_contact);
    v("country", s.country);
    v("udi", s.udi);
    v("lot", s.lot);
    v("serial", s.serial);
    v("event_date", s.event_date);
    v("description", s.description);
    v("patient_involved", s.patient_involved);
    v("patient_outcome", s.patient_outcome);
    v("device_availability", s.device_availability);
    v("status", s.status);
    v("findings", s.findings);
    v("root_cause", s.root_cause);
    v("closed_on", s.closed_on);
  }
};

// True when the outcome for the patient makes the event serious (a death or a serious injury).
inline bool is_serious(const Complaint& c) {
  return c.patient_outcome == PatientOutcome::serious_injury ||
         c.patient_outcome == PatientOutcome::death;
}

// Beyond the declared limits: the country is a country code; an outcome for a patient means a
// patient was involved; the event cannot come after the complaint about it; a closed complaint
// has its findings and closing date, not before it was received.
inline Status validate(const Complaint& c) {
  RL_CHECK(check_jurisdiction(c.country, "/country"));
  const bool outcome = c.patient_outcome != PatientOutcome::not_known &&
                       c.patient_outcome != PatientOutcome::none;
  if (outcome && !c.patient_involved)
    return fail(ErrorCode::validation,
                "must be true when an outcome for the patient is given", "/patient_involved");
  if (c.event_date && c.received_on && *c.event_date > *c.received_on)
    return fail(ErrorCode::validation, "must not be after the date the complaint was received",
                "/event_date");
  if (c.status == ComplaintStatus::closed) {
    if (c.findings.find_first_not_of(" \t\r\n") == std::string::npos)
      return fail(ErrorCode::validation, "are required to close a complaint", "/findings");
    if (!c.closed_on)
      return fail(ErrorCode::validation, "is required to close a complaint", "/closed_on");
  }
  if (c.closed_on && c.status != ComplaintStatus::closed)
    return fail(ErrorCode::validation, "is set only when the complaint is closed", "/closed_on");
  if (c.closed_on && c.received_on && *c.closed_on < *c.received_on)
    return fail(ErrorCode::validation, "must not be before the date the complaint was received",
                "/closed_on");
  return {};
}

}  // namespace riskloop::vigilance

namespace riskloop {

template <>
struct EnumNames<vigilance::ReporterRole> {
  static constexpr std::array<std::string_view, 7> names = {
      "healthcare_professional", "patient",   "distributor", "sales_representative",
      "company_employee",        "regulator", "other"};
};

template <>
struct EnumNames<vigilance::PatientOutcome> {
  static constexpr std::array<std::string_view, 6> names = {
      "not_known", "none", "no_consequence", "injury", "serious_injury", "death"};
};

template <>
struct EnumNames<vigilance::DeviceAvailability> {
  static constexpr std::array<std::string_view, 4> names = {"not_known", "available", "returned",
                                                            "not_available"};
};

template <>
struct EnumNames<vigilance::ComplaintStatus> {
  static constexpr std::array<std::string_view, 3> names = {"received", "investigating",
                                                            "closed"};
};

}  // namespace riskloop
