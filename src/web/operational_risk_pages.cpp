// The operational risk register's pages (/operational-risks): the generic pages of a declared
// record type (web/record_pages.hpp) and what is the register's own: the score likelihood × impact
// with its badge, the overdue mark on the due date, and the affected products chosen from the
// organization's products.
#include "app/operational_risks.hpp"
#include "core/risk/operational_risk.hpp"
#include "web/record_pages.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

// The organization's products the caller may see: {id, name}.
Choices product_choices(Call& c) {
  Choices out;
  if (auto list = c.app().products().list(c.principal, {.limit = 500}))
    for (const auto& p : *list) out.emplace_back(p.header.id, p.name);
  return out;
}

}  // namespace

template <>
struct RecordPagesHooks<risk::OperationalRisk> {
  static std::vector<DerivedColumn> derived_columns() { return {{"score", "impact"}}; }

  // 1-7 low, 8-14 medium, 15-25 high.
  static Cell derived_cell(Call&, const risk::OperationalRisk& r, std::string_view) {
    const auto score = r.score();
    return {.text = std::to_string(score) +
                    (score >= 15 ? " high" : score >= 8 ? " medium" : " low"),
            .badge = score >= 15 ? "bad" : score >= 8 ? "warn" : "ok"};
  }

  static std::optional<Cell> cell(Call& c, const risk::OperationalRisk& r, std::string_view field) {
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

  static void add_choices(Call& c, FormSpec& spec) {
    spec.choices.emplace("affected_product_ids", product_choices(c));
  }
};

void add_operational_routes(http::RouteTable& routes) {
  add_record_pages<risk::OperationalRisk, [](app::App& app) -> app::OperationalRisks& {
    return app.operational_risks();
  }>(routes);
}

}  // namespace riskloop::web
