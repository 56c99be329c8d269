// The operational (enterprise) risk register: mission B of the 1+2+3+4 frame, outside ISO 14971
// (ISO 13485 4.1.2 b, 7.4.1): suppliers, regulation, capacity, cybersecurity, key people.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record_declaration.hpp"
#include "core/risk/frame.hpp"

namespace riskloop::risk {

enum class OperationalCategory {
  supplier,
  regulatory_change,
  production_capacity,
  cybersecurity,
  key_personnel,
  other,
};

enum class OperationalStatus { open, in_treatment, monitoring, closed };

inline constexpr FieldLimit kOperationalRiskLimits[] = {
    {.field = "title", .required = true},
    {.field = "description", .multiline = true},
    {.field = "owner", .required = true},
    {.field = "likelihood", .min = 1, .max = 5},
    {.field = "impact", .min = 1, .max = 5},
    {.field = "treatment", .multiline = true},
};
inline constexpr IndexDecl kOperationalRiskIndexes[] = {
    {.first = "status"}, {.first = "category"}, {.first = "due_date"}, {.first = "stage"}};
inline constexpr std::string_view kOperationalRiskColumns[] = {
    "title", "category", "owner", "likelihood", "impact", "status", "due_date"};

struct OperationalRisk {
  static constexpr std::string_view entity = "operational_risk";
  static constexpr std::string_view table = "operational_risks";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{
      .path = "operational-risks",
      .title = "operational risk",
      .plural = "operational risks",
      .limits = kOperationalRiskLimits,
      .indexes = kOperationalRiskIndexes,
      .list_columns = kOperationalRiskColumns,
  };
  // Every entry of this register belongs to the operational mission.
  static constexpr Mission mission = Mission::operational;

  RecordHeader header;
  std::string title;
  std::string description;
  OperationalCategory category = OperationalCategory::other;
  std::string owner;            // the person accountable (user id or printed name)
  std::int64_t likelihood = 1;  // 1 (rare) .. 5 (almost certain)
  std::int64_t impact = 1;      // 1 (negligible) .. 5 (severe)
  std::string treatment;        // what is done about it
  std::optional<Timestamp> due_date;
  OperationalStatus status = OperationalStatus::open;
  std::vector<std::string> affected_product_ids;
  Stage stage = Stage::design;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("title", s.title);
    v("description", s.description);
    v("category", s.category);
    v("owner", s.owner);
    v("likelihood", s.likelihood);
    v("impact", s.impact);
    v("treatment", s.treatment);
    v("due_date", s.due_date);
    v("status", s.status);
    v("affected_product_ids", s.affected_product_ids);
    v("stage", s.stage);
  }

  std::int64_t score() const { return likelihood * impact; }  // 1 .. 25
};

// Beyond the declared limits: a risk in treatment needs its treatment text and a due date.
Status validate(const OperationalRisk& risk);

// Not closed and past its due date at `now`.
bool is_overdue(const OperationalRisk& risk, Timestamp now);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::OperationalCategory> {
  static constexpr std::array<std::string_view, 6> names = {
      "supplier",      "regulatory_change", "production_capacity",
      "cybersecurity", "key_personnel",     "other"};
};

template <>
struct EnumNames<risk::OperationalStatus> {
  static constexpr std::array<std::string_view, 4> names = {"open", "in_treatment", "monitoring",
                                                            "closed"};
};

}  // namespace riskloop
