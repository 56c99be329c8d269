// What the operational risk register's pages have of their own (web/record_pages.hpp gives the
// rest): the score likelihood × impact with its badge, the overdue mark on the due date, and the
// affected products chosen from the organization's products by name.
#pragma once

#include "core/risk/operational_risk.hpp"
#include "web/record_pages.hpp"

namespace riskloop::web {

template <>
struct RecordPagesHooks<risk::OperationalRisk> {
  static std::vector<DerivedColumn> derived_columns() { return {{"score", "impact"}}; }
  // 1-7 low, 8-14 medium, 15-25 high.
  static Cell derived_cell(Call&, const risk::OperationalRisk& r, std::string_view);
  static std::optional<Cell> cell(Call& c, const risk::OperationalRisk& r, std::string_view field);
  static void add_choices(Call& c, FormSpec& spec);
};

}  // namespace riskloop::web
