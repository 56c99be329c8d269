// The controls tab: risk controls with their verification (implementation and effectiveness),
// adding a control to a risk, linking it to more risks, and residual estimates after control.
#include "core/risk/probability.hpp"
#include "web/item_kinds.hpp"
#include "web/labels.hpp"
#include "web/message_catalogue.hpp"
#include "web/risk_file_view.hpp"
#include "web/screen_routes.hpp"
#include "web/statement_view.hpp"

namespace riskloop::web {
namespace {

std::string_view verification_badge(risk::VerificationResult r) {
  switch (r) {
    case risk::VerificationResult::pass:
      return "ok";
    case risk::VerificationResult::fail:
      return "bad";
    case risk::VerificationResult::pending:
      return "warn";
  }
  return "neutral";
}

std::string_view verification_mark(risk::VerificationResult r) {
  return r == risk::VerificationResult::pass ? "✔ passed"
         : r == risk::VerificationResult::fail ? "✖ failed"
                                              : "… pending";
}

}  // namespace

void controls_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed,
                  Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  const auto& id = snap.file.header.id;
  const auto p = slice(snap.controls.size(), s.page);
  set_pager(d, p, s, id);
  List rows;
  for (std::size_t i = p.begin; i < p.end; ++i) {
    const auto& ctl = snap.controls[i];
    Data r;
    r.set("id", ctl.header.id);
    set_item_state(r, "controls", ctl);
    r.set("title", ctl.title);
    r.set("option", tr(risk::option_label(ctl.option)));
    r.set("implementation", std::string(verification_mark(ctl.implementation_verification)));
    r.set("implementation_badge", std::string(verification_badge(ctl.implementation_verification)));
    r.set("implementation_evidence", ctl.implementation_evidence);
    r.set("effectiveness", std::string(verification_mark(ctl.effectiveness_verification)));
    r.set("effectiveness_badge", std::string(verification_badge(ctl.effectiveness_verification)));
    r.set("effectiveness_evidence", ctl.effectiveness_evidence);
    r.set("new_risks_reviewed", std::string(ctl.new_risks_reviewed ? "✔ yes" : "✖ no"));
    List linked;
    for (const auto pair : v.index->pairs_of_control(i)) {
      Data l;
      l.set("name_short", statement(v.index->pair_name(pair)));
      linked.push_back(l);
    }
    r.set("risks", linked);
    if (is_failed_edit(failed, "controls", ctl.header.id)) {
      auto spec = item_form_spec("controls", v, "edit");
      apply_failed(spec, failed, failed->form);
      r.set("editing", edit_row("controls", id, ctl.header.id, ctl.header.version,
                                input_of<risk::RiskControlInput>(ctl), spec, 8, s.to_query()));
    } else {
      r.set("editing", flag(false));
    }
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("no_rows", flag(rows.empty()));

  // Residual estimates, by risk.
  List residuals;
  for (const auto& r : snap.residual_estimates) {
    Data e;
    e.set("id", r.header.id);
    const auto pair = v.index->pair(r.situation_harm_id);
    const auto risk_name =
        pair == risk::RiskFileIndex::npos ? r.situation_harm_id : v.index->pair_name(pair);
    e.set("risk", risk_name);
    e.set("risk_short", statement(risk_name));
    e.set("estimate", r.probability_not_estimable
                          ? "probability not estimable; consequences: " + r.consequences
                          : "P1 " + risk::format_probability(r.p1) + ", P2 " +
                                risk::format_probability(r.p2));
    std::optional<risk::Evaluation> ev;
    if (v.policy)
      if (auto done = risk::evaluate(*v.policy, risk::to_estimate(r, false))) ev = *done;
    set_evaluation(e, "evaluation", v, ev);
    // Provisional while it relies on a control whose verification has not passed.
    const bool provisional = pair != risk::RiskFileIndex::npos &&
                             v.assessment.risks.size() > pair &&
                             v.assessment.risks[pair].residual_provisional;
    e.set("provisional", flag(provisional));
    e.set("rationale", r.rationale);
    if (is_failed_edit(failed, "residuals", r.header.id)) {
      auto spec = item_form_spec("residuals", v, "edit");
      apply_failed(spec, failed, failed->form);
      e.set("editing", edit_row("residuals", id, r.header.id, r.header.version,
                                risk::input_of_record(r), spec, 5, s.to_query()));
    } else {
      e.set("editing", flag(false));
    }
    residuals.push_back(e);
  }
  d.set("residuals", residuals);
  d.set("no_residuals", flag(snap.residual_estimates.empty()));

  // Forms: a new control (linked to one risk), a further link, a residual estimate.
  auto control_spec = item_form_spec("controls", v, "new");
  apply_failed(control_spec, failed, "add_control");
  control_spec.omit = {"mission"};
  d.set("control_fields", form_fields(risk::RiskControlInput{}, control_spec));
  auto link_spec = item_form_spec("control-links", v, "link");
  link_spec.name_prefix = "";
  apply_failed(link_spec, failed, "add:control-links");
  d.set("new_control_risk", form_fields(risk::ControlLinkInput{}, [&] {
          auto only_risk = link_spec;
          only_risk.omit = {"control_id"};
          only_risk.id_prefix = "new-control";
          return only_risk;
        }()));
  d.set("link_fields", form_fields(risk::ControlLinkInput{}, link_spec));
  auto residual_spec = item_form_spec("residuals", v, "residual");
  apply_failed(residual_spec, failed, "add:residuals");
  d.set("residual_fields", form_fields(risk::ResidualEstimateInput{}, residual_spec));
  // Only risks with controls and no estimate yet are offered; the others are revised in place.
  const auto awaiting = residual_spec.choices.find("situation_harm_id");
  d.set("no_risk_awaits_residual",
        flag(awaiting != residual_spec.choices.end() && awaiting->second.empty()));
  d.set("has_controls", flag(!snap.controls.empty()));
  if (failed && (failed->form == "add_control" || failed->form == "add:control-links" ||
                 failed->form == "add:residuals")) {
    d.set("open_" + std::string(failed->form == "add_control" ? "control"
                                : failed->form == "add:residuals" ? "residual"
                                                                  : "link"),
          flag(true));
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("controls_error", g);
  }
}

namespace {

// POST /files/{id}/controls: the control and its link to the risk it reduces.
Response add_control(Call& c) {
  const auto file_id = c.param(0);
  FailedForm failed{.form = "add_control"};
  risk::RiskControlInput in;
  risk::ControlLinkInput link;
  if (read_form(c.form, in, failed.errors)) {
    if (auto ok = risk::validate(in); !ok) add_error(failed.errors, ok.error());
  }
  link.situation_harm_id = c.form.get("situation_harm_id");
  if (link.situation_harm_id.empty())
    failed.errors.emplace("situation_harm_id", "choose the risk this control reduces");
  if (!failed.errors.empty()) return after_failed_form(c, file_id, std::move(failed));
  const auto created = RL_WEB_TRY(c, c.app().controls().create(c.principal, file_id, in));
  link.control_id = created.header.id;
  if (auto linked = c.app().control_links().create(c.principal, file_id, link); !linked)
    return error_response(c, linked.error());
  return after_file_write(c, file_id, "Control \"" + in.title + "\" was added.");
}

}  // namespace

void add_control_routes(http::RouteTable& routes) {
  routes.add({.method = http::Method::post, .pattern = "/files/{id}/controls",
              .operation_id = "webAddControl", .tag = "web", .handler = &add_control,
              .access = http::Access::page, .exec = http::Exec::write_pool,
              .permission = Permission::write_risk});
}

}  // namespace riskloop::web
