// The operational risk register's own part of its pages (web/operational_risk_pages.hpp).
#include "web/operational_risk_pages.hpp"

#include <algorithm>

#include "app/operational_risks.hpp"
#include "web/product_owned_pages.hpp"

namespace riskloop::web {

Cell RecordPagesHooks<risk::OperationalRisk>::derived_cell(Call&, const risk::OperationalRisk& r,
                                                           std::string_view) {
  const auto score = r.score();
  return {.text = std::to_string(score) + (score >= 15 ? " high" : score >= 8 ? " medium" : " low"),
          .badge = score >= 15 ? "bad" : score >= 8 ? "warn" : "ok"};
}

std::optional<Cell> RecordPagesHooks<risk::OperationalRisk>::cell(Call& c,
                                                                  const risk::OperationalRisk& r,
                                                                  std::string_view field) {
  if (field == "due_date" && risk::is_overdue(r, c.app().clock().now()))
    return Cell{.text = date_value(r.due_date), .mark = "overdue"};
  if (field == "affected_product_ids") {
    // Names, not ids; an id the caller cannot see stays an id.
    const auto products = product_choices(c);
    std::string text;
    for (const auto& id : r.affected_product_ids) {
      const auto it = std::find_if(products.begin(), products.end(),
                                   [&](const auto& p) { return p.first == id; });
      text += (text.empty() ? "" : ", ") + (it == products.end() ? id : it->second);
    }
    return Cell{.text = std::move(text)};
  }
  return std::nullopt;
}

void RecordPagesHooks<risk::OperationalRisk>::add_choices(Call& c, FormSpec& spec) {
  spec.choices.emplace("affected_product_ids", product_choices(c));
}

}  // namespace riskloop::web
