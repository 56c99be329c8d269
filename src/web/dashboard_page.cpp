// The dashboard: my open tasks (reviews due, gates blocked, controls awaiting verification), the
// products with their risk files' state per stage, and recent journal activity.
#include <map>

#include "core/risk/gate.hpp"
#include "web/journal_view.hpp"
#include "web/labels.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

constexpr int kFiles = 100;        // files looked at for tasks
constexpr std::size_t kTasks = 50;  // per kind of task

// The first stage whose gate has not been passed.
risk::Stage next_gate(const risk::RiskFileSnapshot& s) {
  for (std::size_t i = 0; i < EnumNames<risk::Stage>::names.size(); ++i) {
    const auto stage = static_cast<risk::Stage>(i);
    if (std::none_of(s.gate_decisions.begin(), s.gate_decisions.end(), [&](const auto& g) {
          return g.stage == stage && g.outcome == risk::GateOutcome::passed;
        }))
      return stage;
  }
  return risk::Stage::post_launch;
}

Response dashboard(Call& c) {
  auto d = base_data(c, "dashboard");
  const auto now = c.app().clock().now();
  List reviews, gates, controls;
  if (auto due = c.app().files().due(c.principal)) {
    for (const auto& item : *due) {
      if (reviews.size() >= kTasks) break;
      Data t;
      t.set("url", "/files/" + item.risk_file_id + "?tab=reviews");
      t.set("title", item.title);
      t.set("reason", item.reason);
      reviews.push_back(t);
    }
  }
  const auto files = RL_WEB_TRY(c, c.app().files().list(c.principal, {.limit = kFiles}));
  std::map<Id, List> files_by_product;
  for (const auto& f : files) {
    auto a = c.app().files().assess(c.principal, f.header.id);
    if (!a) continue;
    Data row;
    row.set("id", f.header.id);
    row.set("title", f.title);
    List stage_cells;
    const auto next = next_gate(a->snapshot);
    std::size_t blocking = 0;
    if (a->policy)
      if (auto compiled = risk::CompiledPolicy::compile(*a->policy)) {
        const auto reasons = risk::check_gate(a->snapshot, *compiled, next, now);
        blocking = reasons.size();
        if (!reasons.empty() && gates.size() < kTasks) {
          Data t;
          t.set("url", "/files/" + f.header.id + "?tab=gates");
          t.set("title", f.title);
          t.set("reason", label_of(next) + " gate: " +
                              counted(reasons.size(), "blocking reason", "blocking reasons") +
                              ", first: " + reasons.front().message);
          gates.push_back(t);
        }
      }
    for (std::size_t i = 0; i < EnumNames<risk::Stage>::names.size(); ++i) {
      const auto stage = static_cast<risk::Stage>(i);
      Data cell;
      const bool passed = static_cast<int>(stage) < static_cast<int>(next) ||
                          (stage == next && blocking == 0 &&
                           std::any_of(a->snapshot.gate_decisions.begin(),
                                       a->snapshot.gate_decisions.end(), [&](const auto& g) {
                                         return g.stage == stage &&
                                                g.outcome == risk::GateOutcome::passed;
                                       }));
      if (passed) {
        cell.set("text", std::string("✔ passed"));
        cell.set("badge", std::string("ok"));
      } else if (stage == next) {
        cell.set("text", blocking == 0 ? std::string("ready for the gate")
                                       : "✖ " + std::to_string(blocking) + " blocking");
        cell.set("badge", std::string(blocking == 0 ? "ok" : "bad"));
      } else {
        cell.set("text", std::string("not yet"));
        cell.set("badge", std::string("neutral"));
      }
      stage_cells.push_back(cell);
    }
    row.set("stages", stage_cells);
    files_by_product[f.product_id].push_back(row);
    for (const auto& ctl : a->snapshot.controls) {
      if (ctl.verified() || controls.size() >= kTasks) continue;
      Data t;
      t.set("url", "/files/" + f.header.id + "?tab=controls");
      t.set("title", ctl.title);
      t.set("reason", f.title + ": implementation " + label_of(ctl.implementation_verification) +
                          ", effectiveness " + label_of(ctl.effectiveness_verification));
      controls.push_back(t);
    }
  }
  d.set("review_tasks", reviews);
  d.set("gate_tasks", gates);
  d.set("control_tasks", controls);
  d.set("no_tasks", flag(reviews.empty() && gates.empty() && controls.empty()));

  List products;
  for (const auto& p : RL_WEB_TRY(c, c.app().products().list(c.principal, {.limit = 200}))) {
    Data e;
    e.set("id", p.header.id);
    e.set("name", p.name);
    e.set("model", p.model);
    e.set("product_url", "/products/" + p.header.id);
    const auto it = files_by_product.find(p.header.id);
    e.set("files", it == files_by_product.end() ? List{} : it->second);
    e.set("no_files", flag(it == files_by_product.end()));
    products.push_back(e);
  }
  d.set("products", products);
  List stage_names;
  for (const auto n : EnumNames<risk::Stage>::names) {
    Data s;
    s.set("label", words(n));
    stage_names.push_back(s);
  }
  d.set("stage_names", stage_names);

  if (c.principal.role != Role::partner) {
    EntryReader reader(c);
    List activity;
    if (auto recent = newest_entries(c, {}, 0, 12))
      for (const auto& e : *recent) activity.push_back(reader.entry(e));
    d.set("activity", activity);
    d.set("show_activity", flag(true));
  }
  return page(c, "dashboard", "Dashboard", d);
}

}  // namespace

void add_dashboard_routes(http::RouteTable& routes) {
  routes.add({.method = http::Method::get, .pattern = "/dashboard",
              .operation_id = "webDashboard", .tag = "web", .handler = &dashboard,
              .access = http::Access::page});
}

}  // namespace riskloop::web
