// The hazards tab (hazards with their situations; add a whole hazard chain) and the risks tab
// (every hazardous situation -> harm pair with its estimates, filterable by heat-map cell).
// Tables are filtered, sorted and paginated in memory over the one snapshot of the page.
#include <numeric>
#include <unordered_map>

#include "core/risk/probability.hpp"
#include "web/item_kinds.hpp"
#include "web/labels.hpp"
#include "web/risk_file_view.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

bool contains_text(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  const auto lower = [](char ch) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  };
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [&](char a, char b) { return lower(a) == lower(b); });
  return it != haystack.end();
}

// Column headers that sort: {label, url (sorting by it, toggling direction), sorted ("ascending",
// "descending" or "none" for aria-sort)}.
List sort_headers(const Id& file_id, const TabState& s,
                  std::initializer_list<std::pair<std::string_view, std::string_view>> columns,
                  std::string_view default_key) {
  List out;
  const auto current = s.sort.empty() ? std::string(default_key) : s.sort;
  for (const auto& [key, label] : columns) {
    auto next = s;
    next.page = 1;
    next.sort = std::string(key);
    const bool active = current == key;
    next.descending = active && !s.descending;
    Data h;
    h.set("label", std::string(label));
    h.set("url", "/files/" + file_id + "?" + next.to_query());
    h.set("aria_sort", std::string(!active ? "none" : s.descending ? "descending" : "ascending"));
    h.set("arrow", std::string(!active ? "" : s.descending ? " ▼" : " ▲"));
    out.push_back(h);
  }
  return out;
}

template <class Key>
void sort_by(std::vector<std::size_t>& order, bool descending, Key key) {
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return descending ? key(b) < key(a) : key(a) < key(b);
  });
}

FieldErrors part_errors(const FailedForm* failed, std::string_view form, std::string_view part) {
  FieldErrors out;
  if (!failed || failed->form != form) return out;
  for (const auto& [key, message] : failed->errors)
    if (key.substr(0, part.size()) == part) out.emplace(key.substr(part.size()), message);
  return out;
}

// Shown on the add form: every error of a multi-part form sits under its part's field.
struct ChainErrors {
  FieldErrors hazard, situation, harm, risk;
};

}  // namespace

void hazards_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed,
                 Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  const auto& id = snap.file.header.id;
  std::vector<std::size_t> order;
  order.reserve(snap.hazards.size());
  std::vector<std::string> categories;
  for (std::size_t i = 0; i < snap.hazards.size(); ++i) {
    const auto& h = snap.hazards[i];
    if (std::find(categories.begin(), categories.end(), h.category) == categories.end() &&
        !h.category.empty())
      categories.push_back(h.category);
    if (!s.category.empty() && h.category != s.category) continue;
    if (!contains_text(h.title, s.q) && !contains_text(h.description, s.q)) continue;
    order.push_back(i);
  }
  const auto& hz = snap.hazards;
  const auto sort = s.sort.empty() ? std::string("title") : s.sort;
  if (sort == "category") sort_by(order, s.descending, [&](auto i) { return hz[i].category; });
  else if (sort == "stage") sort_by(order, s.descending, [&](auto i) { return hz[i].stage; });
  else if (sort == "situations")
    sort_by(order, s.descending, [&](auto i) { return v.index->situations_of_hazard(i).size(); });
  else sort_by(order, s.descending, [&](auto i) { return hz[i].title; });

  const auto p = slice(order.size(), s.page);
  set_pager(d, p, s, id);
  d.set("headers", sort_headers(id, s,
                                {{"title", "Hazard"},
                                 {"category", "Category"},
                                 {"stage", "Stage"},
                                 {"situations", "Situations"}},
                                "title"));
  List rows;
  for (std::size_t k = p.begin; k < p.end; ++k) {
    const auto& h = hz[order[k]];
    Data r;
    r.set("id", h.header.id);
    set_item_state(r, "hazards", h);
    r.set("title", h.title);
    r.set("description", h.description);
    r.set("category", h.category);
    r.set("condition", label_of(h.condition));
    r.set("stage", label_of(h.stage));
    r.set("situations", std::to_string(v.index->situations_of_hazard(order[k]).size()));
    if (is_failed_edit(failed, "hazards", h.header.id)) {
      auto spec = item_form_spec("hazards", v, "edit");
      apply_failed(spec, failed, failed->form);
      r.set("editing", edit_row("hazards", id, h.header.id, h.header.version,
                                input_of<risk::HazardInput>(h), spec, 6, s.to_query()));
    } else {
      r.set("editing", flag(false));
    }
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("no_rows", flag(rows.empty()));
  List cats;
  std::sort(categories.begin(), categories.end());
  for (const auto& cat : categories) {
    Data o;
    o.set("value", cat);
    o.set("selected", flag(cat == s.category));
    cats.push_back(o);
  }
  d.set("categories", cats);
  d.set("q", s.q);

  // The add-a-chain form.
  const auto chain_spec = [&](std::string_view kind, std::string_view part, const FieldErrors& e) {
    auto spec = item_form_spec(kind, v, "chain-" + std::string(part));
    spec.name_prefix = std::string(part) + ".";
    if (failed && failed->form == "add_chain") {
      spec.submitted = failed->submitted;
      spec.errors = &e;
    }
    return spec;
  };
  const ChainErrors errors{part_errors(failed, "add_chain", "hazard."), part_errors(failed, "add_chain", "situation."),
            part_errors(failed, "add_chain", "harm."), part_errors(failed, "add_chain", "risk.")};
  auto hazard_spec = chain_spec("hazards", "hazard", errors.hazard);
  hazard_spec.omit.insert("mission");
  d.set("chain_hazard", form_fields(risk::HazardInput{}, hazard_spec));
  auto situation_spec = chain_spec("situations", "situation", errors.situation);
  situation_spec.omit.insert({"mission", "stage"});
  d.set("chain_situation", form_fields(risk::HazardousSituationInput{}, situation_spec));
  auto harm_spec = chain_spec("harms", "harm", errors.harm);
  harm_spec.omit.insert({"mission", "stage", "description"});
  d.set("chain_harm", form_fields(risk::HarmInput{}, harm_spec));
  auto risk_spec = chain_spec("risks", "risk", errors.risk);
  risk_spec.omit.insert({"situation_id", "harm_id", "mission", "stage"});
  d.set("chain_risk", form_fields(risk::SituationHarmInput{}, risk_spec));
  List harms;
  const auto chosen = failed && failed->submitted ? failed->submitted->get("existing_harm") : "";
  for (const auto& h : snap.harms) {
    Data o;
    o.set("value", h.header.id);
    o.set("label", risk::labelled(h));
    o.set("selected", flag(h.header.id == chosen));
    harms.push_back(o);
  }
  d.set("existing_harms", harms);
  if (failed && failed->form == "add_chain") {
    d.set("chain_open", flag(true));
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("chain_error", g);
  }
}

void risks_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  const auto& idx = *v.index;
  const auto& id = snap.file.header.id;
  const auto& risks = v.assessment.risks;
  // Hazards leading to each situation (the index keeps the forward direction).
  std::vector<std::string> hazards_of(snap.situations.size());
  for (std::size_t h = 0; h < snap.hazards.size(); ++h)
    for (const auto sit : idx.situations_of_hazard(h)) {
      auto& text = hazards_of[sit];
      if (!text.empty()) text += "; ";
      text += risk::labelled(snap.hazards[h]);
    }
  const auto situation = [&](std::size_t pair) -> const risk::HazardousSituation* {
    const auto i = idx.situation_of_pair(pair);
    return i == risk::RiskFileIndex::npos ? nullptr : &snap.situations[i];
  };
  const auto harm = [&](std::size_t pair) -> const risk::Harm* {
    const auto i = idx.harm_of_pair(pair);
    return i == risk::RiskFileIndex::npos ? nullptr : &snap.harms[i];
  };
  const auto hazard_text = [&](std::size_t pair) -> const std::string& {
    static const std::string none;
    const auto i = idx.situation_of_pair(pair);
    return i == risk::RiskFileIndex::npos ? none : hazards_of[i];
  };
  const auto assessment = [&](std::size_t pair) -> const risk::RiskAssessment* {
    return pair < risks.size() ? &risks[pair] : nullptr;
  };
  const auto evaluation = [&](std::size_t pair) -> std::optional<risk::Evaluation> {
    const auto* a = assessment(pair);
    if (!a) return std::nullopt;
    return s.phase == "initial" ? a->initial : a->current();
  };

  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < snap.situation_harms.size(); ++i) {
    if (s.severity || s.probability) {
      const auto e = evaluation(i);
      if (!e || (s.severity && e->severity_rank != *s.severity) ||
          (s.probability && e->probability_rank != *s.probability))
        continue;
    }
    if (!s.step.empty()) {
      const auto* a = assessment(i);
      if (!a || name_of(a->step) != s.step) continue;
    }
    if (!s.q.empty()) {
      const auto* sit = situation(i);
      const auto* hm = harm(i);
      if (!contains_text(hazard_text(i), s.q) && !(sit && contains_text(sit->title, s.q)) &&
          !(hm && contains_text(hm->title, s.q)))
        continue;
    }
    order.push_back(i);
  }
  const auto sort = s.sort.empty() ? std::string("hazard") : s.sort;
  const auto title_of = [](const auto* rec) { return rec ? rec->title : std::string(); };
  if (sort == "situation") sort_by(order, s.descending, [&](auto i) { return title_of(situation(i)); });
  else if (sort == "harm") sort_by(order, s.descending, [&](auto i) { return title_of(harm(i)); });
  else if (sort == "initial" || sort == "current")
    sort_by(order, s.descending, [&](auto i) {
      const auto* a = assessment(i);
      const auto& e = !a ? std::optional<risk::Evaluation>() : sort == "initial" ? a->initial : a->current();
      return e ? std::pair(e->severity_rank, e->probability_rank) : std::pair<std::int64_t, std::int64_t>(0, 0);
    });
  else if (sort == "step")
    sort_by(order, s.descending, [&](auto i) { auto* a = assessment(i); return a ? static_cast<int>(a->step) : -1; });
  else sort_by(order, s.descending, [&](auto i) { return hazard_text(i); });

  const auto p = slice(order.size(), s.page);
  set_pager(d, p, s, id);
  d.set("headers", sort_headers(id, s,
                                {{"hazard", "Hazard"},
                                 {"situation", "Hazardous situation"},
                                 {"harm", "Harm"},
                                 {"initial", "Before control"},
                                 {"current", "After control"},
                                 {"step", "Step"}},
                                "hazard"));
  List rows;
  for (std::size_t k = p.begin; k < p.end; ++k) {
    const auto i = order[k];
    const auto& pair = snap.situation_harms[i];
    const auto* sit = situation(i);
    const auto* hm = harm(i);
    const auto* a = assessment(i);
    Data r;
    r.set("id", pair.header.id);
    set_item_state(r, "risks", pair);
    r.set("hazard", hazard_text(i));
    r.set("situation", sit ? risk::labelled(*sit) : std::string());
    r.set("harm", hm ? risk::labelled(*hm) : std::string());
    const auto p1 = sit && sit->p1 ? risk::format_probability(*sit->p1) : std::string("—");
    const auto p2 = pair.probability_not_estimable ? std::string("not estimable")
                    : pair.p2 ? risk::format_probability(*pair.p2)
                              : std::string("—");
    r.set("p1", p1);
    r.set("p2", p2);
    set_evaluation(r, "initial", v, a ? a->initial : std::nullopt);
    set_evaluation(r, "current", v, a ? a->current() : std::nullopt);
    r.set("step", std::string(a ? risk::step_label(a->step) : "identified"));
    r.set("controls", a ? std::to_string(a->verified_controls) + " of " +
                              std::to_string(a->controls) + " verified"
                        : std::string("0"));
    if (is_failed_edit(failed, "risks", pair.header.id)) {
      auto spec = item_form_spec("risks", v, "edit");
      apply_failed(spec, failed, failed->form);
      r.set("editing", edit_row("risks", id, pair.header.id, pair.header.version,
                                input_of<risk::SituationHarmInput>(pair), spec, 9, s.to_query()));
    } else {
      r.set("editing", flag(false));
    }
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("no_rows", flag(rows.empty()));
  d.set("q", s.q);
  d.set("phase_initial", flag(s.phase == "initial"));
  if (s.severity || s.probability) {
    Data cell;
    cell.set("phase", std::string(s.phase == "initial" ? "before risk control" : "after risk control"));
    cell.set("severity", s.severity && v.policy && v.policy->has_severity(*s.severity)
                             ? v.policy->severity_level(*s.severity).name
                             : std::string("any"));
    cell.set("probability",
             s.probability && v.policy && *s.probability >= 1 &&
                     *s.probability <= v.policy->probability_count()
                 ? v.policy->probability_level(*s.probability).name
                 : std::string("any"));
    auto cleared = s;
    cleared.severity.reset();
    cleared.probability.reset();
    cleared.page = 1;
    cell.set("clear_url", "/files/" + id + "?" + cleared.to_query());
    d.set("cell", cell);
  }
  List steps;
  for (const auto n : EnumNames<risk::Step>::names) {
    Data o;
    o.set("value", std::string(n));
    o.set("label", words(n));
    o.set("selected", flag(n == s.step));
    steps.push_back(o);
  }
  d.set("step_options", steps);
  if (s.severity) d.set("severity", std::to_string(*s.severity));
  if (s.probability) d.set("probability", std::to_string(*s.probability));
}

namespace {

// POST /files/{id}/chain: a hazard, its hazardous situation (P1), the harm (new or existing) and
// the risk between them (P2), all checked before anything is written.
Response add_chain(Call& c) {
  const auto file_id = c.param(0);
  auto& app = c.app();
  FailedForm failed{.form = "add_chain"};
  const auto record = [&](std::string_view part, FieldErrors&& errors) {
    for (auto& [k, m] : errors) failed.errors.emplace(std::string(part) + k, std::move(m));
  };
  risk::HazardInput hazard;
  risk::HazardousSituationInput situation;
  risk::HarmInput harm;
  risk::SituationHarmInput pair;
  const auto read_part = [&](auto& in, std::string_view part) {
    FieldErrors e;
    if (read_form(c.form, in, e, std::string(part) + ".")) {
      if (auto ok = risk::validate(in); !ok) add_error(e, ok.error());
    }
    record(std::string(part) + ".", std::move(e));
  };
  read_part(hazard, "hazard");
  situation.stage = hazard.stage;
  read_part(situation, "situation");
  situation.stage = hazard.stage;
  const auto& existing = c.form.get("existing_harm");
  if (existing.empty()) {
    harm.stage = hazard.stage;
    read_part(harm, "harm");
    harm.stage = hazard.stage;
  }
  pair.situation_id = "pending";
  pair.harm_id = "pending";
  pair.stage = hazard.stage;
  read_part(pair, "risk");
  pair.stage = hazard.stage;
  if (!failed.errors.empty()) return after_failed_form(c, file_id, std::move(failed));

  const auto h = RL_WEB_TRY(c, app.hazards().create(c.principal, file_id, hazard));
  const auto sit = RL_WEB_TRY(c, app.situations().create(c.principal, file_id, situation));
  RL_WEB_TRY(c, app.hazard_situations().create(c.principal, file_id,
                                                {.hazard_id = h.header.id,
                                                 .situation_id = sit.header.id}));
  Id harm_id = existing;
  if (harm_id.empty())
    harm_id = RL_WEB_TRY(c, app.harms().create(c.principal, file_id, harm)).header.id;
  pair.situation_id = sit.header.id;
  pair.harm_id = harm_id;
  RL_WEB_TRY(c, app.situation_harms().create(c.principal, file_id, pair));
  return after_file_write(c, file_id, "Hazard \"" + hazard.title + "\" and its risk were added.");
}

}  // namespace

void add_analysis_routes(http::RouteTable& routes) {
  routes.add({.method = http::Method::post, .pattern = "/files/{id}/chain",
              .operation_id = "webAddChain", .tag = "web", .handler = &add_chain,
              .access = http::Access::page, .exec = http::Exec::write_pool});
}

}  // namespace riskloop::web
