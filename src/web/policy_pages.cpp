// Risk policies (ISO 14971 4.2, 4.4 d/e): the list of versions, one version's scales and
// acceptability matrix, editing a draft, approving it with an electronic signature, starting a new
// draft, and moving a risk file to another approved version after a preview of what changes.
#include <charconv>

#include <nlohmann/json.hpp>

#include "core/field_copy.hpp"
#include "core/risk/migration_record.hpp"
#include "core/risk/policy.hpp"
#include "core/risk/probability.hpp"
#include "web/form_view.hpp"
#include "web/journal_view.hpp"
#include "web/labels.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"
#include "web/signature_form.hpp"

namespace riskloop::web {
namespace {

using risk::Acceptability;
using risk::RiskPolicy;
using risk::RiskPolicyInput;

constexpr int kAll = 500;

std::string badge_of(Acceptability a) {
  switch (a) {
    case Acceptability::acceptable: return "ok";
    case Acceptability::investigate: return "warn";
    case Acceptability::unacceptable: return "bad";
  }
  return "neutral";
}

std::string version_label(const RiskPolicy& p) {
  return p.name + " (version " + std::to_string(p.policy_version) + ")";
}

// "1e-6 ≤ p < 1e-5"; the last level also holds p = 1.
std::string range_text(const risk::ProbabilityLevel& l, bool last) {
  return risk::format_probability(l.min) + " ≤ p " + (last ? "≤ " : "< ") +
         risk::format_probability(l.max);
}

// Only risk managers and admins change policies; others get no form at all.
Status may_change(const Call& c) {
  if (can(c, Permission::sign_risk)) return {};
  return fail(ErrorCode::forbidden, "your role may read risk policies but not change them");
}

std::optional<std::int64_t> version_field(const Call& c) {
  const auto& v = c.form.get("version");
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return out;
}

// --- the list ---------------------------------------------------------------------------------

Response list(Call& c) {
  auto d = base_data(c, "policies");
  const auto policies = RL_WEB_TRY(c, c.app().policies().list(c.principal, {.limit = kAll}));
  List rows;
  for (const auto& p : policies) {
    Data r;
    r.set("id", p.header.id);
    r.set("name", p.name);
    r.set("version", std::to_string(p.policy_version));
    r.set("status", label_of(p.status));
    r.set("status_badge", std::string(p.status == risk::PolicyStatus::approved ? "ok" : "warn"));
    r.set("scales", std::to_string(p.severity_levels.size()) + " severity × " +
                        std::to_string(p.probability_levels.size()) + " probability levels, " +
                        label_of(p.probability_basis));
    r.set("approved_at", display_time(p.approved_at));
    rows.push_back(r);
  }
  d.set("policies", rows);
  d.set("no_policies", flag(policies.empty()));
  return page(c, "policies", "Risk policies", d);
}

Response create(Call& c) {
  RL_WEB_CHECK(c, may_change(c));
  const auto p = RL_WEB_TRY(c, c.app().policies().create(c.principal, std::nullopt));
  return redirect(c, "/policies/" + p.header.id);
}

// --- one version ------------------------------------------------------------------------------

// The signature of an approved version, from the journal (signatures are journaled records).
List approval_signatures(Call& c, const RiskPolicy& p) {
  List out;
  if (p.status != risk::PolicyStatus::approved) return out;
  auto entries = newest_entries(c, {.entity = "signature"}, 0, 200);
  if (!entries) return out;
  for (const auto& e : *entries) {
    const auto s = nlohmann::json::parse(e.payload, nullptr, false);
    if (!s.is_object() || s.value("signed_entity", "") != RiskPolicy::entity ||
        s.value("signed_id", "") != p.header.id)
      continue;
    Data r;
    r.set("printed_name", s.value("printed_name", ""));
    const auto at = parse_timestamp(s.value("signed_at", ""));
    r.set("signed_at", at ? display_time(*at) : s.value("signed_at", ""));
    r.set("meaning", words(s.value("meaning", "")));
    r.set("signed_version", std::to_string(s.value("signed_version", std::int64_t{0})));
    r.set("digest", s.value("signed_digest", "").substr(0, 16));
    out.push_back(r);
  }
  return out;
}

std::string cell_key(std::int64_t severity, std::int64_t probability) {
  return "cell." + std::to_string(severity) + "." + std::to_string(probability);
}

// The form values of a draft: what was sent (after a failed save) or what is stored.
struct DraftForm {
  const http::FormFields* submitted = nullptr;
  const FieldErrors* errors = nullptr;

  std::string value(const std::string& key, const std::string& stored) const {
    return submitted && submitted->has(key) ? submitted->get(key) : stored;
  }
  Data error(const std::string& key) const {
    if (errors)
      if (const auto it = errors->find(key); it != errors->end()) return Data(it->second);
    return flag(false);
  }
};

// An input field of the draft editor (template policy_input), labelled for screen readers.
Data input_field(const DraftForm& f, const std::string& key, const std::string& id,
                 const std::string& label, const std::string& stored, bool multiline = false,
                 bool hide_label = false) {
  Data d;
  d.set("name", key);
  d.set("id", id);
  d.set("label", label);
  d.set("value", f.value(key, stored));
  d.set("error", f.error(key));
  d.set("multiline", flag(multiline));
  d.set("hide_label", flag(hide_label));
  return d;
}

// `signing`: the approval dialog's failed attempt (open again, with its errors), if any.
Response policy_page(Call& c, const RiskPolicy& p, const DraftForm& form,
                     const FailedForm* signing, int status) {
  auto d = base_data(c, "policies");
  const bool editable = p.status == risk::PolicyStatus::draft && can(c, Permission::sign_risk);
  d.set("id", p.header.id);
  d.set("name", p.name);
  d.set("heading", version_label(p));
  d.set("version", std::to_string(p.header.version));
  d.set("status", label_of(p.status));
  d.set("status_badge", std::string(p.status == risk::PolicyStatus::approved ? "ok" : "warn"));
  d.set("basis", label_of(p.probability_basis));
  d.set("is_draft", flag(p.status == risk::PolicyStatus::draft));
  d.set("editable", flag(editable));
  d.set("can_revise", flag(p.status == risk::PolicyStatus::approved &&
                           can(c, Permission::sign_risk)));
  d.set("overall_criteria", p.overall_residual_criteria);
  d.set("not_estimable_criteria", p.not_estimable_criteria);
  if (p.approved_at) d.set("approved_at", display_time(p.approved_at));
  if (query(c, "saved") == "1") d.set("flash", std::string("The draft was saved."));
  d.set("signatures", approval_signatures(c, p));

  List severities;
  for (const auto& l : p.severity_levels) {
    Data r;
    const auto n = std::to_string(l.rank);
    r.set("rank", n);
    r.set("name", l.name);
    r.set("description", l.description);
    r.set("name_field", input_field(form, "sev." + n + ".name", "sev-" + n + "-name",
                                    "Name of severity level " + n, l.name, false, true));
    r.set("description_field",
          input_field(form, "sev." + n + ".description", "sev-" + n + "-description",
                      "Description of severity level " + n, l.description, true, true));
    severities.push_back(r);
  }
  d.set("severities", severities);

  List probabilities;
  for (std::size_t i = 0; i < p.probability_levels.size(); ++i) {
    const auto& l = p.probability_levels[i];
    Data r;
    const auto n = std::to_string(l.rank);
    r.set("rank", n);
    r.set("name", l.name);
    r.set("range", range_text(l, i + 1 == p.probability_levels.size()));
    r.set("range_error", form.error("prob." + n + ".range"));
    r.set("description", l.description);
    r.set("name_field", input_field(form, "prob." + n + ".name", "prob-" + n + "-name",
                                    "Name of probability level " + n, l.name, false, true));
    r.set("description_field",
          input_field(form, "prob." + n + ".description", "prob-" + n + "-description",
                      "Description of probability level " + n, l.description, true, true));
    probabilities.push_back(r);
  }
  d.set("probabilities", probabilities);

  // Most severe row first, least probable column first, as the heat maps draw it.
  List rows;
  for (auto s = p.severity_levels.rbegin(); s != p.severity_levels.rend(); ++s) {
    Data row;
    row.set("severity", std::to_string(s->rank) + " " + s->name);
    List cells;
    for (const auto& pr : p.probability_levels) {
      Acceptability stored = Acceptability::unacceptable;
      for (const auto& cell : p.acceptability_matrix)
        if (cell.severity_rank == s->rank && cell.probability_rank == pr.rank)
          stored = cell.acceptability;
      const auto key = cell_key(s->rank, pr.rank);
      const auto current = form.value(key, std::string(name_of(stored)));
      const auto shown = enum_from_name<Acceptability>(current).value_or(stored);
      Data cell;
      cell.set("key", key);
      cell.set("id", "cell-" + std::to_string(s->rank) + "-" + std::to_string(pr.rank));
      cell.set("severity_rank", std::to_string(s->rank));
      cell.set("probability_rank", std::to_string(pr.rank));
      cell.set("label", "Severity " + s->name + ", probability " + pr.name);
      cell.set("word", label_of(shown));
      cell.set("badge", badge_of(shown));
      cell.set("options", enum_options(shown));
      cell.set("error", form.error(key));
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  List columns;
  for (const auto& pr : p.probability_levels) {
    Data col;
    col.set("label", std::to_string(pr.rank) + " " + pr.name);
    columns.push_back(col);
  }
  d.set("matrix_columns", columns);
  d.set("matrix_rows", rows);

  d.set("name_field", input_field(form, "name", "policy-name", "Policy name", p.name));
  d.set("overall_field",
        input_field(form, "overall_residual_criteria", "policy-overall",
                    "Method and criteria for the overall residual risk (4.4 e)",
                    p.overall_residual_criteria, true));
  d.set("not_estimable_field",
        input_field(form, "not_estimable_criteria", "policy-not-estimable",
                    "Criteria when the probability cannot be estimated (4.4 d)",
                    p.not_estimable_criteria, true));
  d.set("form_error", flag(false));
  if (form.errors)
    if (const auto g = general_error(*form.errors); !g.empty()) d.set("form_error", g);

  d.set("signature", signature_part(c, signing, "approve", "pol"));
  d.set("dialog_open", flag(signing != nullptr));
  return page(c, "policy", version_label(p), d, status);
}

Response show(Call& c) {
  const auto p = RL_WEB_TRY(c, c.app().policies().get(c.principal, c.param(0)));
  return policy_page(c, p, {}, nullptr, 200);
}

// "/severity_levels/2/name" -> "sev.3.name"; matrix entries name their cell; others their field.
std::string error_key(const RiskPolicyInput& in, std::string_view loc) {
  auto segment = [&loc]() {
    if (!loc.empty() && loc.front() == '/') loc.remove_prefix(1);
    const auto slash = loc.find('/');
    auto s = loc.substr(0, slash);
    loc = slash == std::string_view::npos ? std::string_view{} : loc.substr(slash);
    return std::string(s);
  };
  const auto top = segment();
  if (top == "severity_levels" || top == "probability_levels" || top == "acceptability_matrix") {
    const auto index = segment();
    const auto field = segment();
    std::size_t i = 0;
    const auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), i);
    if (ec != std::errc() || end != index.data() + index.size()) return {};
    const std::string n = std::to_string(i + 1);
    if (top == "severity_levels")
      return field == "name" || field == "description" ? "sev." + n + "." + field : "";
    if (top == "probability_levels")
      return field == "name" || field == "description" ? "prob." + n + "." + field
                                                       : "prob." + n + ".range";
    if (i < in.acceptability_matrix.size())
      return cell_key(in.acceptability_matrix[i].severity_rank,
                      in.acceptability_matrix[i].probability_rank);
    return {};
  }
  if (top == "name" || top == "overall_residual_criteria" || top == "not_estimable_criteria")
    return top;
  return {};
}

Response update(Call& c) {
  RL_WEB_CHECK(c, may_change(c));
  const auto p = RL_WEB_TRY(c, c.app().policies().get(c.principal, c.param(0)));
  auto in = input_of<RiskPolicyInput>(p);
  FieldErrors errors;
  auto text = [&](const std::string& key, std::string& target) {
    if (c.form.has(key)) target = form_detail::unix_lines(c.form.get(key));
  };
  text("name", in.name);
  text("overall_residual_criteria", in.overall_residual_criteria);
  text("not_estimable_criteria", in.not_estimable_criteria);
  for (auto& l : in.severity_levels) {
    text("sev." + std::to_string(l.rank) + ".name", l.name);
    text("sev." + std::to_string(l.rank) + ".description", l.description);
  }
  for (auto& l : in.probability_levels) {
    text("prob." + std::to_string(l.rank) + ".name", l.name);
    text("prob." + std::to_string(l.rank) + ".description", l.description);
  }
  for (auto& cell : in.acceptability_matrix) {
    const auto key = cell_key(cell.severity_rank, cell.probability_rank);
    if (!c.form.has(key)) continue;
    if (const auto a = enum_from_name<Acceptability>(c.form.get(key)))
      cell.acceptability = *a;
    else
      errors.emplace(key, "must be one of " + allowed_names<Acceptability>());
  }
  if (errors.empty()) {
    auto updated = c.app().policies().update(c.principal, p.header.id, in, version_field(c));
    if (updated) return redirect(c, "/policies/" + p.header.id + "?saved=1");
    const auto& e = updated.error();
    if (e.code != ErrorCode::validation && e.code != ErrorCode::precondition &&
        e.code != ErrorCode::conflict)
      return error_response(c, e);
    errors.emplace(error_key(in, e.location), e.message);
  }
  return policy_page(c, p, {.submitted = &c.form, .errors = &errors}, nullptr, 422);
}

Response approve(Call& c) {
  RL_WEB_CHECK(c, may_change(c));
  const auto p = RL_WEB_TRY(c, c.app().policies().get(c.principal, c.param(0)));
  SignatureInput sig;
  FailedForm signing{.form = "approve"};
  if (!read_signature(c, sig, signing.errors)) return policy_page(c, p, {}, &signing, 422);
  auto approved = c.app().policies().approve(c.principal, p.header.id, sig, version_field(c));
  if (approved) return redirect(c, "/policies/" + p.header.id);
  const auto& e = approved.error();
  if (record_signature_error(signing.errors, e))
    return policy_page(c, p, {}, &signing, http_status(e.code));
  FieldErrors errors;
  errors.emplace(error_key(input_of<RiskPolicyInput>(p), e.location), e.message);
  return policy_page(c, p, {.errors = &errors}, nullptr, http_status(e.code));
}

Response revise(Call& c) {
  RL_WEB_CHECK(c, may_change(c));
  const auto p = RL_WEB_TRY(c, c.app().policies().get(c.principal, c.param(0)));
  const auto next = RL_WEB_TRY(c, c.app().policies().revise(c.principal, p.policy_id));
  return redirect(c, "/policies/" + next.header.id);
}

// --- moving a risk file to another version ----------------------------------------------------

// "<policy_id>:<version>" as the target select sends it.
std::optional<std::pair<Id, std::int64_t>> parse_target(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::int64_t v = 0;
  const auto digits = text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size() || v < 1) return std::nullopt;
  return std::pair{Id(text.substr(0, colon)), v};
}

Response migration_page(Call& c, const std::string& target, const FieldErrors& errors,
                        int status) {
  const auto file = RL_WEB_TRY(c, c.app().files().get(c.principal, c.param(0)));
  auto d = base_data(c, "products");
  d.set("file_id", file.header.id);
  d.set("file_title", file.title);
  d.set("file_version", std::to_string(file.header.version));
  const auto policies = RL_WEB_TRY(c, c.app().policies().list(c.principal, {.limit = kAll}));
  std::string current = "version " + std::to_string(file.policy_version);
  List options;
  bool found = false;
  for (const auto& p : policies) {
    if (p.policy_id == file.policy_id && p.policy_version == file.policy_version)
      current = version_label(p);
    if (p.status != risk::PolicyStatus::approved) continue;
    if (p.policy_id == file.policy_id && p.policy_version == file.policy_version) continue;
    const auto value = p.policy_id + ":" + std::to_string(p.policy_version);
    Data o;
    o.set("value", value);
    o.set("label", version_label(p));
    o.set("selected", flag(value == target));
    if (value == target) {
      found = true;
      d.set("target_label", version_label(p));
    }
    options.push_back(o);
  }
  d.set("current_policy", current);
  d.set("targets", options);
  d.set("no_targets", flag(options.empty()));
  d.set("target", target);
  d.set("previewed", flag(false));
  if (found) {
    const auto t = parse_target(target);
    const auto changes = RL_WEB_TRY(
        c, c.app().files().preview_migration(c.principal, file.header.id, t->first, t->second));
    List rows;
    for (const auto& ch : changes) {
      Data r;
      r.set("kind", label_of(ch.kind));
      r.set("description", ch.description);
      r.set("old_badge", badge_of(ch.old_acceptability));
      r.set("old", label_of(ch.old_acceptability));
      r.set("new_badge", ch.new_acceptability ? badge_of(*ch.new_acceptability) : "neutral");
      r.set("new", ch.new_acceptability ? label_of(*ch.new_acceptability)
                                        : std::string("not evaluated"));
      rows.push_back(r);
    }
    d.set("previewed", flag(true));
    d.set("changes", rows);
    d.set("change_count", std::to_string(changes.size()));
    d.set("no_changes", flag(changes.empty()));
  } else if (!target.empty()) {
    d.set("target_error", std::string("choose one of the approved versions in the list"));
  }
  const auto error = [&](const char* key) {
    const auto it = errors.find(key);
    return it == errors.end() ? flag(false) : Data(it->second);
  };
  d.set("rationale", c.form.get("rationale"));
  d.set("rationale_error", error("rationale"));
  d.set("password_error", error("password"));
  d.set("form_error", error(""));
  return page(c, "policy_migration", "Move a risk file to another policy version", d, status);
}

Response migration_preview(Call& c) {
  return migration_page(c, query(c, "to"), {}, 200);
}

Response migrate(Call& c) {
  RL_WEB_CHECK(c, may_change(c));
  const auto target_text = c.form.get("to");
  const auto target = parse_target(target_text);
  FieldErrors errors;
  if (!target) errors.emplace("", "choose the policy version to move to");
  const auto rationale = form_detail::unix_lines(c.form.get("rationale"));
  if (form_detail::trimmed(rationale).empty())
    errors.emplace("rationale", "say why the file moves to this policy version");
  const auto password = c.form.get("password");
  if (password.empty()) errors.emplace("password", "enter your password to confirm");
  if (errors.empty()) {
    // Moving re-evaluates every estimate: the person confirms it is them with their password.
    if (auto ok = c.app().auth().confirm_password(c.principal, password, "policy migration"); !ok) {
      errors.emplace("password", ok.error().message);
    } else {
      const risk::PolicyMigrationInput in{.to_policy_id = target->first,
                                          .to_policy_version = target->second,
                                          .rationale = rationale};
      auto moved = c.app().files().migrate_policy(c.principal, c.param(0), in, version_field(c));
      if (moved) return redirect(c, "/files/" + c.param(0) + "?tab=matrix");
      const auto& e = moved.error();
      if (e.code == ErrorCode::not_found || e.code == ErrorCode::forbidden)
        return error_response(c, e);
      if (e.location == "/rationale")
        errors.emplace("rationale", e.message);
      else
        errors.emplace("", e.message);
    }
  }
  return migration_page(c, target_text, errors, 422);
}

}  // namespace

void add_policy_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/policies", .operation_id = "webPolicies",
              .tag = "web", .handler = &list, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/policies", .operation_id = "webCreatePolicy",
              .tag = "web", .handler = &create, .access = Access::page,
              .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
  routes.add({.method = Method::get, .pattern = "/policies/{id}", .operation_id = "webPolicy",
              .tag = "web", .handler = &show, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/policies/{id}",
              .operation_id = "webUpdatePolicy", .tag = "web", .handler = &update,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
  routes.add({.method = Method::post, .pattern = "/policies/{id}/approve",
              .operation_id = "webApprovePolicy", .tag = "web", .handler = &approve,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
  routes.add({.method = Method::post, .pattern = "/policies/{id}/revise",
              .operation_id = "webRevisePolicy", .tag = "web", .handler = &revise,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
  routes.add({.method = Method::get, .pattern = "/files/{id}/policy-migration",
              .operation_id = "webPolicyMigrationPreview", .tag = "web",
              .handler = &migration_preview, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/files/{id}/policy-migration",
              .operation_id = "webMigratePolicy", .tag = "web", .handler = &migrate,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::sign_risk});
}

}  // namespace riskloop::web
