// The signed decisions of a risk file and its reviews: benefit-risk (ISO 14971 7.4), overall
// residual risk (8), stage gates with every blocking reason, and risk management reviews (9).
// Each decision is signed in a dialog: the password again and the meaning of the signature
// (21 CFR 11.50, 11.200); signatures show printed name, UTC time and meaning.
#include <algorithm>

#include "web/item_kinds.hpp"
#include "web/labels.hpp"
#include "web/risk_file_view.hpp"
#include "web/screen_routes.hpp"
#include "web/signature_form.hpp"

namespace riskloop::web {
namespace {

// Where a person fixes what a finding names: the tab that shows the item, at its row where the
// tab has one ("" when the finding names no item the screens show).
std::string finding_url(const Id& file, const risk::Finding& f) {
  struct Place {
    std::string_view entity, tab, row;
  };
  static constexpr Place kPlaces[] = {
      {"hazard", "hazards", "hazard-"},        {"hazardous_situation", "situations", "situation-"},
      {"harm", "harms", "harm-"},              {"situation_harm", "risks", "risk-"},
      {"risk_control", "controls", "control-"}, {"control_link", "controls", ""},
      {"residual_estimate", "controls", "residual-"}, {"benefit_risk", "benefit-risk", ""},
      {"overall_residual_risk", "overall", ""}, {"risk_review", "reviews", ""},
      {"risk_file", "plan", ""},               {"risk_policy", "plan", ""},
  };
  for (const auto& p : kPlaces)
    if (p.entity == f.entity) {
      std::string url = "/files/" + file + "?tab=" + std::string(p.tab);
      if (!p.row.empty() && !f.item_id.empty()) url += "#" + std::string(p.row) + f.item_id;
      return url;
    }
  return {};
}

FormSpec decision_spec(const FailedForm* failed, std::string_view form, std::string_view prefix) {
  FormSpec spec{.id_prefix = std::string(prefix)};
  apply_failed(spec, failed, form);
  return spec;
}

void set_failed(Data& d, const FailedForm* failed, std::string_view form) {
  d.set("dialog_open", flag(failed && failed->form == form));
  d.set("decision_error", flag(false));
  if (failed && failed->form == form)
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("decision_error", g);
}

// After a signed decision failed: a wrong e-mail or password goes under its field.
void record_decision_error(FieldErrors& errors, const Error& e) {
  if (!record_signature_error(errors, e)) add_error(errors, e);
}

}  // namespace

risk::Stage next_gate_stage(const FileView& v) {
  for (std::size_t i = 0; i < EnumNames<risk::Stage>::names.size(); ++i) {
    const auto stage = static_cast<risk::Stage>(i);
    const bool passed = std::any_of(
        v.snapshot().gate_decisions.begin(), v.snapshot().gate_decisions.end(),
        [&](const auto& g) { return g.stage == stage && g.outcome == risk::GateOutcome::passed; });
    if (!passed) return stage;
  }
  return risk::Stage::post_launch;
}

void benefit_risk_tab(Call& c, const FileView& v, const FailedForm* failed, Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  Choices candidates;
  List open;
  for (std::size_t i = 0; i < v.assessment.risks.size(); ++i) {
    const auto& a = v.assessment.risks[i];
    if (a.retired || !a.current() || a.current()->acceptable()) continue;
    candidates.emplace_back(snap.situation_harms[i].header.id, v.index->pair_name(i));
    Data r;
    r.set("name", v.index->pair_name(i));
    set_evaluation(r, "current", v, a.current());
    r.set("accepted", flag(a.benefit_risk_accepted));
    open.push_back(r);
  }
  d.set("candidates", open);
  d.set("no_candidates", flag(candidates.empty()));
  List decisions;
  for (auto it = snap.benefit_risks.rbegin(); it != snap.benefit_risks.rend(); ++it) {
    Data r;
    const auto pair = v.index->pair(it->situation_harm_id);
    r.set("risk", pair == risk::RiskFileIndex::npos ? it->situation_harm_id : v.index->pair_name(pair));
    r.set("outcome", label_of(it->outcome));
    r.set("outcome_badge", std::string(it->outcome == risk::BenefitRiskOutcome::accepted ? "ok" : "bad"));
    r.set("benefits", it->benefits);
    r.set("rationale", it->rationale);
    r.set("decided_at", display_time(it->decided_at));
    r.set("signatures", signatures_of(v, risk::BenefitRisk::entity, it->header.id));
    decisions.push_back(r);
  }
  d.set("decisions", decisions);
  d.set("no_decisions", flag(snap.benefit_risks.empty()));
  auto spec = decision_spec(failed, "benefit_risk", "br");
  spec.choices.emplace("situation_harm_id", candidates);
  d.set("decision_fields", form_fields(risk::BenefitRiskInput{}, spec));
  d.set("signature", signature_part(c, failed, "benefit_risk", "br"));
  set_failed(d, failed, "benefit_risk");
}

void overall_tab(Call& c, const FileView& v, const FailedForm* failed, Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  List decisions;
  for (auto it = snap.overall_residual_risks.rbegin(); it != snap.overall_residual_risks.rend();
       ++it) {
    Data r;
    r.set("conclusion", label_of(it->conclusion));
    r.set("conclusion_badge",
          std::string(it->conclusion == risk::OverallConclusion::acceptable ? "ok" : "bad"));
    r.set("method", it->method);
    r.set("benefits", it->benefits);
    r.set("significant", it->significant_residual_risks);
    r.set("disclosure", it->disclosure_reference);
    r.set("rationale", it->rationale);
    r.set("decided_at", display_time(it->decided_at));
    r.set("changed", flag(v.assessment.changed_since(*it)));
    r.set("signatures", signatures_of(v, risk::OverallResidualRisk::entity, it->header.id));
    r.set("latest", flag(it == snap.overall_residual_risks.rbegin()));
    decisions.push_back(r);
  }
  d.set("decisions", decisions);
  d.set("no_decisions", flag(snap.overall_residual_risks.empty()));
  risk::OverallResidualRiskInput draft;
  if (v.assessment.policy) draft.method = v.assessment.policy->overall_residual_criteria;
  d.set("decision_fields", form_fields(draft, decision_spec(failed, "overall", "orr")));
  d.set("signature", signature_part(c, failed, "overall", "orr"));
  set_failed(d, failed, "overall");
}

void gates_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d) {
  const auto& snap = v.snapshot();
  const auto stage = enum_from_name<risk::Stage>(s.stage).value_or(next_gate_stage(v));
  List stages;
  for (std::size_t i = 0; i < EnumNames<risk::Stage>::names.size(); ++i) {
    const auto st = static_cast<risk::Stage>(i);
    Data e;
    e.set("value", std::string(name_of(st)));
    e.set("label", label_of(st));
    e.set("current", flag(st == stage));
    stages.push_back(e);
  }
  d.set("gate_stages", stages);
  d.set("gate_stage", label_of(stage));
  d.set("gate_stage_value", std::string(name_of(stage)));
  List reasons;
  if (auto found = c.app().files().check_gate(c.principal, snap.file.header.id, stage)) {
    // Every reason, a page at a time: a large file can have thousands.
    const auto p = slice(found->size(), s.page, 100);
    set_pager(d, p, s, snap.file.header.id);
    d.set("reasons_start", std::to_string(p.begin + 1));
    for (std::size_t i = p.begin; i < p.end; ++i) {
      const auto& f = (*found)[i];
      Data r;
      r.set("code", words(name_of(f.code)));
      r.set("message", f.message);
      r.set("entity", words(f.entity));
      r.set("url", finding_url(snap.file.header.id, f));
      reasons.push_back(r);
    }
    d.set("reason_count", counted(found->size(), "blocking reason", "blocking reasons"));
    d.set("gate_clear", flag(found->empty()));
  } else {
    d.set("gate_failed", found.error().message);
  }
  d.set("reasons", reasons);
  List decisions;
  for (auto it = snap.gate_decisions.rbegin(); it != snap.gate_decisions.rend(); ++it) {
    Data r;
    r.set("stage", label_of(it->stage));
    r.set("outcome", label_of(it->outcome));
    r.set("outcome_badge", std::string(it->outcome == risk::GateOutcome::passed ? "ok" : "bad"));
    r.set("blocking", counted(static_cast<std::size_t>(std::max<std::int64_t>(it->blocking_reasons, 0)),
                              "blocking reason", "blocking reasons"));
    r.set("rationale", it->rationale);
    r.set("decided_at", display_time(it->decided_at));
    r.set("changed", flag(v.assessment.changed_since(*it)));
    r.set("signatures", signatures_of(v, risk::GateDecision::entity, it->header.id));
    decisions.push_back(r);
  }
  d.set("decisions", decisions);
  d.set("no_decisions", flag(snap.gate_decisions.empty()));
  risk::GateDecisionInput draft{.stage = stage};
  auto spec = decision_spec(failed, "gate", "gate");
  spec.omit = {"stage"};
  d.set("decision_fields", form_fields(draft, spec));
  d.set("signature", signature_part(c, failed, "gate", "gate"));
  set_failed(d, failed, "gate");
}

void reviews_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  const auto& id = snap.file.header.id;
  List rows;
  for (const auto& r : snap.reviews) {
    Data e;
    e.set("id", r.header.id);
    e.set("status", label_of(r.status));
    e.set("status_badge", std::string(r.status == risk::ReviewStatus::closed ? "ok" : "warn"));
    e.set("scheduled_for", date_value(r.scheduled_for));
    e.set("held_at", date_value(r.held_at));
    std::string attendees;
    for (const auto& a : r.attendees) attendees += (attendees.empty() ? "" : "; ") + a;
    e.set("attendees", attendees);
    e.set("conclusions", r.conclusions);
    e.set("confirms", std::string(r.confirms_release() ? "✔ confirms release" : "✖ does not confirm release"));
    if (is_failed_edit(failed, "reviews", r.header.id)) {
      auto spec = item_form_spec("reviews", v, "edit");
      apply_failed(spec, failed, failed->form);
      e.set("editing", edit_row("reviews", id, r.header.id, r.header.version,
                                input_of<risk::ReviewInput>(r), spec, 6, s.to_query()));
    } else {
      e.set("editing", flag(false));
    }
    rows.push_back(e);
  }
  d.set("rows", rows);
  d.set("no_rows", flag(rows.empty()));
  auto spec = item_form_spec("reviews", v, "new-review");
  apply_failed(spec, failed, "add:reviews");
  d.set("review_fields", form_fields(risk::ReviewInput{}, spec));
  d.set("open_review", flag(failed && failed->form == "add:reviews"));
  if (failed && failed->form == "add:reviews")
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("review_error", g);
}

namespace {

template <class Input, class Decide>
Response signed_decision(Call& c, std::string_view form, Input in, Decide decide,
                         std::string_view notice) {
  const auto file_id = c.param(0);
  FailedForm failed{.form = std::string(form)};
  SignatureInput sig;
  const bool read = read_form(c.form, in, failed.errors);
  read_signature(c, sig, failed.errors);
  if (read && failed.errors.empty()) {
    auto done = decide(file_id, in, sig);
    if (done) return after_file_write(c, file_id, notice);
    if (done.error().code == ErrorCode::forbidden) return error_response(c, done.error());
    record_decision_error(failed.errors, done.error());
  }
  return after_failed_form(c, file_id, std::move(failed));
}

Response decide_benefit_risk(Call& c) {
  return signed_decision(
      c, "benefit_risk", risk::BenefitRiskInput{},
      [&](const Id& id, const auto& in, const auto& sig) {
        return c.app().files().decide_benefit_risk(c.principal, id, in, sig);
      },
      "The benefit-risk decision was signed and recorded.");
}

Response decide_overall(Call& c) {
  return signed_decision(
      c, "overall", risk::OverallResidualRiskInput{},
      [&](const Id& id, const auto& in, const auto& sig) {
        return c.app().files().decide_overall_residual(c.principal, id, in, sig);
      },
      "The overall residual risk evaluation was signed and recorded.");
}

Response decide_gate(Call& c) {
  risk::GateDecisionInput in;
  if (const auto st = enum_from_name<risk::Stage>(c.form.get("stage"))) in.stage = *st;
  return signed_decision(
      c, "gate", in,
      [&](const Id& id, const auto& input, const auto& sig) {
        return c.app().files().decide_gate(c.principal, id, input, sig);
      },
      "The gate decision was signed and recorded.");
}

}  // namespace

void add_decision_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::post, .pattern = "/files/{id}/benefit-risk",
              .operation_id = "webDecideBenefitRisk", .tag = "web",
              .handler = &decide_benefit_risk, .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/overall",
              .operation_id = "webDecideOverall", .tag = "web", .handler = &decide_overall,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
  routes.add({.method = Method::post, .pattern = "/files/{id}/gates",
              .operation_id = "webDecideGate", .tag = "web", .handler = &decide_gate,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
}

}  // namespace riskloop::web
