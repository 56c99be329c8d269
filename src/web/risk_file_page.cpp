// The risk file page: loading the file once, its header, the tabs, the plan tab and the risk
// matrix tab, and how writes come back to the page.
#include "core/risk/gate.hpp"
#include "formats/report/heat_map_svg.hpp"
#include "web/form_view.hpp"
#include "web/labels.hpp"
#include "web/message_catalogue.hpp"
#include "web/risk_file_view.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

struct TabInfo {
  std::string_view key;
  std::string_view label;
};
constexpr TabInfo kTabs[] = {
    {"matrix", N_("Risk matrix")},   {"plan", N_("Plan")},
    {"hazards", N_("Hazards")},      {"situations", N_("Hazardous situations")},
    {"harms", N_("Harms")},          {"risks", N_("Risks")},
    {"controls", N_("Controls")},    {"benefit-risk", N_("Benefit-risk")},
    {"overall", N_("Overall residual risk")}, {"gates", N_("Gates")},
    {"reviews", N_("Reviews")},      {"report", N_("Report")},
};

std::optional<std::int64_t> int_param(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back('%');
      out.push_back(kHex[ch >> 4]);
      out.push_back(kHex[ch & 15]);
    }
  }
  return out;
}

}  // namespace

TabState TabState::parse(std::string_view query) {
  TabState s;
  const auto get = [&](std::string_view name) {
    auto v = http::query_param(query, name);
    return v && *v ? std::move(**v) : std::string();
  };
  if (auto t = get("tab"); !t.empty())
    for (const auto& info : kTabs)
      if (info.key == t) s.tab = t;
  s.q = get("q");
  s.sort = get("sort");
  s.descending = get("dir") == "desc";
  if (auto p = int_param(get("page")); p && *p > 0 && *p < 1'000'000) s.page = static_cast<int>(*p);
  s.category = get("category");
  if (get("phase") == "initial") s.phase = "initial";
  s.severity = int_param(get("severity"));
  s.probability = int_param(get("probability"));
  s.step = get("step");
  s.stage = get("stage");
  return s;
}

std::string TabState::to_query() const {
  std::string out = "tab=" + tab;
  const auto add = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) out += "&" + std::string(key) + "=" + encode(value);
  };
  add("q", q);
  add("sort", sort);
  if (descending) out += "&dir=desc";
  if (page > 1) out += "&page=" + std::to_string(page);
  add("category", category);
  if (phase != "current") add("phase", phase);
  if (severity) out += "&severity=" + std::to_string(*severity);
  if (probability) out += "&probability=" + std::to_string(*probability);
  add("step", step);
  add("stage", stage);
  return out;
}

Status load_file_view(Call& c, const Id& file_id, FileView& v) {
  v.assessment = RL_TRY(c.app().files().assess(c.principal, file_id));
  if (v.assessment.policy)
    if (auto compiled = risk::CompiledPolicy::compile(*v.assessment.policy))
      v.policy.emplace(std::move(*compiled));
  v.index.emplace(v.assessment.snapshot);
  return {};
}

PageSlice slice(std::size_t total, int page, std::size_t per_page) {
  PageSlice p;
  p.total = total;
  p.pages = static_cast<int>(std::max<std::size_t>(1, (total + per_page - 1) / per_page));
  p.page = std::clamp(page, 1, p.pages);
  p.begin = static_cast<std::size_t>(p.page - 1) * per_page;
  p.end = std::min(total, p.begin + per_page);
  return p;
}

void set_pager(Data& d, const PageSlice& p, const TabState& s, const Id& file_id) {
  Data pager;
  pager.set("page", std::to_string(p.page));
  pager.set("pages", std::to_string(p.pages));
  pager.set("total", std::to_string(p.total));
  pager.set("first", std::to_string(p.total == 0 ? 0 : p.begin + 1));
  pager.set("last", std::to_string(p.end));
  auto at = s;
  if (p.page > 1) {
    at.page = p.page - 1;
    pager.set("prev_url", "/files/" + file_id + "?" + at.to_query());
  } else {
    pager.set("prev_url", flag(false));
  }
  if (p.page < p.pages) {
    at.page = p.page + 1;
    pager.set("next_url", "/files/" + file_id + "?" + at.to_query());
  } else {
    pager.set("next_url", flag(false));
  }
  d.set("pager", pager);
}

List signatures_of(const FileView& v, std::string_view entity, const Id& id) {
  List out;
  for (const auto& s : v.assessment.signatures) {
    if (s.signed_entity != entity || s.signed_id != id) continue;
    Data e;
    e.set("printed_name", s.printed_name);
    e.set("signed_at", display_time(s.signed_at));
    e.set("meaning", label_of(s.meaning));
    e.set("signed_version", std::to_string(s.signed_version));
    e.set("digest", s.signed_digest.substr(0, 16));
    out.push_back(e);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> severity_choices(const FileView& v) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!v.policy) return out;
  for (std::int64_t r = 1; r <= v.policy->severity_count(); ++r)
    out.emplace_back(std::to_string(r),
                     std::to_string(r) + " " + v.policy->severity_level(r).name);
  return out;
}

void set_evaluation(Data& d, std::string_view key, const FileView& v,
                    const std::optional<risk::Evaluation>& e) {
  Data out;
  if (!e || !v.policy) {
    out.set("text", std::string("not estimated"));
    out.set("verdict", std::string("—"));
    out.set("badge", std::string("neutral"));
  } else {
    out.set("text", v.policy->severity_level(e->severity_rank).name + " × " +
                        v.policy->probability_level(e->probability_rank).name);
    out.set("verdict", label_of(e->acceptability));
    out.set("badge", std::string(e->acceptability == risk::Acceptability::acceptable    ? "ok"
                                 : e->acceptability == risk::Acceptability::investigate ? "warn"
                                                                                        : "bad"));
  }
  d.set(std::string(key), out);
}

void plan_tab(Call& c, const FileView& v, const FailedForm* failed, Data& d) {
  (void)c;
  const auto& f = v.snapshot().file;
  auto in = input_of<risk::RiskFileInput>(f);
  FormSpec spec{.id_prefix = "plan"};
  spec.omit = {"product_id", "policy_id", "policy_version", "next_review_due",
               "safety_characteristics"};
  if (failed && failed->form == "plan") {
    spec.submitted = failed->submitted;
    spec.errors = &failed->errors;
    d.set("edit_open", flag(true));
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("form_error", g);
  }
  d.set("fields", form_fields(in, spec));
  d.set("version", std::to_string(f.header.version));
  List sections;
  for (std::size_t i = 0; i < EnumNames<risk::PlanSection>::names.size(); ++i) {
    const auto section = static_cast<risk::PlanSection>(i);
    Data s;
    s.set("label", std::string(risk::plan_section_label(section)));
    const auto& text = risk::plan_section_text(f, section);
    s.set("text", text);
    s.set("missing", flag(text.find_first_not_of(" \t\r\n") == std::string::npos));
    sections.push_back(s);
  }
  d.set("sections", sections);
  List characteristics;
  for (const auto& sc : f.safety_characteristics) {
    Data s;
    s.set("name", sc.name);
    s.set("description", sc.description);
    s.set("limits", sc.limits);
    characteristics.push_back(s);
  }
  d.set("has_characteristics", flag(!f.safety_characteristics.empty()));
  d.set("characteristics", characteristics);
}

void matrix_tab(Call& c, const FileView& v, Data& d) {
  (void)c;
  if (!v.policy) {
    d.set("no_policy", flag(true));
    return;
  }
  const auto& id = v.snapshot().file.header.id;
  const auto chart = [&](formats::HeatMapPhase phase, std::string_view title,
                         std::string_view key) {
    const auto counts = formats::count_heat_map(*v.policy, v.assessment.risks, phase);
    formats::HeatMapOptions o;
    o.translate = [](std::string_view english) { return tr(english); };
    o.title = std::string(title);
    o.id = "heat-map-" + std::string(key);
    o.cell_url = "/files/" + id + "?tab=risks&phase=" + std::string(key) +
                 "&severity={severity}&probability={probability}";
    o.embed_style = false;
    Data m;
    m.set("title", std::string(title));
    m.set("svg", formats::render_heat_map_svg(*v.policy, counts, o));
    m.set("evaluated", std::to_string(counts.evaluated));
    m.set("not_evaluated", std::to_string(counts.not_evaluated));
    if (counts.provisional_total > 0)
      m.set("provisional", std::to_string(counts.provisional_total));
    else
      m.set("provisional", flag(false));
    return m;
  };
  List maps;
  maps.push_back(chart(formats::HeatMapPhase::initial, "Before risk control", "initial"));
  maps.push_back(chart(formats::HeatMapPhase::current, "After risk control", "current"));
  d.set("maps", maps);
  std::array<int, 4> steps{};
  for (const auto& r : v.assessment.risks)
    if (!r.retired) ++steps[static_cast<std::size_t>(r.step)];
  List step_counts;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    Data s;
    s.set("label", tr(risk::step_label(static_cast<risk::Step>(i))));
    s.set("count", std::to_string(steps[i]));
    s.set("url", "/files/" + id + "?tab=risks&step=" +
                     std::string(EnumNames<risk::Step>::names[i]));
    step_counts.push_back(s);
  }
  d.set("steps", step_counts);
}

Response file_page(Call& c, const FileView& v, const TabState& state, const FailedForm* failed,
                   std::string_view notice, int status) {
  const auto& f = v.snapshot().file;
  auto d = base_data(c, "products");
  if (!notice.empty()) d.set("flash", std::string(notice));
  Data file;
  file.set("id", f.header.id);
  file.set("title", f.title);
  file.set("version", std::to_string(f.header.version));
  file.set("stage", label_of(f.stage));
  file.set("next_review", display_time(f.next_review_due));
  file.set("policy", v.assessment.policy ? v.assessment.policy->name + ", version " +
                                               std::to_string(f.policy_version) + " (" +
                                               label_of(v.assessment.policy->status) + ")"
                                         : std::string("missing policy version"));
  d.set("file", file);
  if (auto product = c.app().products().get(c.principal, f.product_id)) {
    d.set("product_name", product->name);
    d.set("product_id", product->header.id);
  }
  List stages;
  for (std::size_t i = 0; i < EnumNames<risk::Stage>::names.size(); ++i) {
    const auto stage = static_cast<risk::Stage>(i);
    Data s;
    s.set("label", label_of(stage));
    const bool reached = !v.snapshot().gate_decisions.empty() &&
                         std::any_of(v.snapshot().gate_decisions.begin(),
                                     v.snapshot().gate_decisions.end(), [&](const auto& g) {
                                       return g.stage == stage &&
                                              g.outcome == risk::GateOutcome::passed;
                                     });
    s.set("reached", flag(reached));
    s.set("state", std::string(reached ? "gate passed" : "gate not passed"));
    stages.push_back(s);
  }
  d.set("stages", stages);
  std::size_t verified = 0;
  for (const auto& ctl : v.snapshot().controls) verified += ctl.verified() ? 1 : 0;
  d.set("count_hazards", counted(v.snapshot().hazards.size(), "hazard", "hazards"));
  d.set("count_risks", counted(v.snapshot().situation_harms.size(), "risk", "risks"));
  d.set("count_controls", std::to_string(v.snapshot().controls.size()));
  d.set("count_verified", std::to_string(verified));
  // The same count the gates tab shows for the next gate, so the header and the gate agree.
  const auto next = next_gate_stage(v);
  d.set("next_gate", label_of(next));
  // The page already holds the assessment and the compiled policy: no second read of the file.
  if (v.policy)
    d.set("count_findings",
          counted(risk::check_gate(v.snapshot(), *v.policy, next, c.app().clock().now()).size(),
                  "blocking reason", "blocking reasons"));
  else
    d.set("count_findings", std::string("not checked: the pinned policy version is missing"));

  List tabs;
  for (const auto& t : kTabs) {
    Data e;
    e.set("key", std::string(t.key));
    e.set("label", tr(t.label));
    e.set("current", flag(t.key == state.tab));
    tabs.push_back(e);
  }
  d.set("tabs", tabs);
  d.set("back", state.to_query());
  d.set("tab_" + state.tab, flag(true));

  if (state.tab == "matrix") matrix_tab(c, v, d);
  else if (state.tab == "plan") plan_tab(c, v, failed, d);
  else if (state.tab == "hazards") hazards_tab(c, v, state, failed, d);
  else if (state.tab == "situations") situations_tab(c, v, state, failed, d);
  else if (state.tab == "harms") harms_tab(c, v, state, failed, d);
  else if (state.tab == "risks") risks_tab(c, v, state, failed, d);
  else if (state.tab == "controls") controls_tab(c, v, state, failed, d);
  else if (state.tab == "benefit-risk") benefit_risk_tab(c, v, failed, d);
  else if (state.tab == "overall") overall_tab(c, v, failed, d);
  else if (state.tab == "gates") gates_tab(c, v, state, failed, d);
  else if (state.tab == "reviews") reviews_tab(c, v, state, failed, d);
  if (failed && status == 200) status = 422;
  return page(c, "risk_file", f.title, d, status);
}

Response after_file_write(Call& c, const Id& file_id, std::string_view notice) {
  const auto state = TabState::parse(c.form.get("back"));
  if (!c.htmx()) return redirect(c, "/files/" + file_id + "?" + state.to_query());
  FileView v;
  RL_WEB_CHECK(c, load_file_view(c, file_id, v));
  return file_page(c, v, state, nullptr, notice);
}

Response after_failed_form(Call& c, const Id& file_id, FailedForm failed) {
  const auto state = TabState::parse(c.form.get("back"));
  FileView v;
  RL_WEB_CHECK(c, load_file_view(c, file_id, v));
  failed.submitted = &c.form;
  return file_page(c, v, state, &failed, {}, 422);
}

namespace {

Response show_file(Call& c) {
  FileView v;
  RL_WEB_CHECK(c, load_file_view(c, c.param(0), v));
  return file_page(c, v, TabState::parse(c.request.query));
}

Response update_plan(Call& c) {
  const auto id = c.param(0);
  const auto file = RL_WEB_TRY(c, c.app().files().get(c.principal, id));
  auto in = input_of<risk::RiskFileInput>(file);
  FailedForm failed{.form = "plan"};
  std::optional<std::int64_t> version;
  if (auto v = int_param(c.form.get("version"))) version = *v;
  if (read_form(c.form, in, failed.errors)) {
    auto updated = c.app().files().update(c.principal, id, in, version);
    if (updated) return after_file_write(c, id, "The plan was saved.");
    if (updated.error().code != ErrorCode::validation &&
        updated.error().code != ErrorCode::precondition)
      return error_response(c, updated.error());
    add_error(failed.errors, updated.error());
  }
  return after_failed_form(c, id, std::move(failed));
}

}  // namespace

void add_risk_file_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/files/{id}", .operation_id = "webRiskFile",
              .tag = "web", .handler = &show_file, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/files/{id}/plan",
              .operation_id = "webUpdatePlan", .tag = "web", .handler = &update_plan,
              .access = Access::page, .exec = Exec::write_pool,
              .permission = Permission::write_risk});
}

}  // namespace riskloop::web
