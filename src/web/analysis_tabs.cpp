// The hazards tab (hazards with their situations; add a hazard or a whole hazard chain), the
// situations and harms tabs (P1 and severity edited in place; a further harm for a situation) and
// the risks tab (every hazardous situation -> harm pair with its estimates, filterable by heat-map
// cell). The forms that add to the chain are in chain_forms.cpp.
// Tables are filtered, sorted and paginated in memory over the one snapshot of the page.
#include <algorithm>
#include <numeric>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "core/risk/input_rules.hpp"
#include "formats/text/unicode_text.hpp"
#include "http/request_language.hpp"
#include "core/risk/probability.hpp"
#include "web/chain_picks.hpp"
#include "web/item_kinds.hpp"
#include "web/labels.hpp"
#include "web/message_catalogue.hpp"
#include "web/risk_file_view.hpp"
#include "web/screen_routes.hpp"
#include "web/statement_view.hpp"

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
    h.set("label", tr(label));
    h.set("url", "/files/" + file_id + "?" + next.to_query());
    h.set("aria_sort", std::string(!active ? "none" : s.descending ? "descending" : "ascending"));
    h.set("arrow", std::string(!active ? "" : s.descending ? " ▼" : " ▲"));
    out.push_back(h);
  }
  return out;
}

template <class Key>
void sort_by(std::vector<std::size_t>& order, bool descending, Key key) {
  using K = std::decay_t<decltype(key(std::size_t{}))>;
  if constexpr (std::is_convertible_v<K, std::string_view>) {
    // Texts in the reader's order (pinyin for Chinese), each collation key computed once.
    const formats::TextCollator collator(http::request_language());
    std::vector<std::string> keys(order.size() == 0 ? 0 : *std::max_element(order.begin(), order.end()) + 1);
    for (const auto i : order) keys[i] = collator.sort_key(key(i));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return descending ? keys[b] < keys[a] : keys[a] < keys[b];
    });
  } else {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return descending ? key(b) < key(a) : key(a) < key(b);
    });
  }
}

FieldErrors part_errors(const FailedForm* failed, std::string_view form, std::string_view part) {
  FieldErrors out;
  if (!failed || failed->form != form) return out;
  for (const auto& [key, message] : failed->errors)
    if (key.substr(0, part.size()) == part) out.emplace(key.substr(part.size()), message);
  return out;
}

// The fields of part `part` of the multi-part form `form` (named "<part>.<field>", ids
// "<id_prefix>-<part>-<field>"), an item of kind `kind`; every error sits under its part's field.
template <class Input>
List chain_part(const FileView& v, const FailedForm* failed, std::string_view form,
                std::string_view id_prefix, std::string_view kind, std::string_view part,
                std::initializer_list<std::string_view> omit) {
  auto spec = item_form_spec(kind, v, std::string(id_prefix) + "-" + std::string(part));
  spec.name_prefix = std::string(part) + ".";
  for (const auto field : omit) spec.omit.emplace(field);
  const auto errors = part_errors(failed, form, spec.name_prefix);
  if (failed && failed->form == form) {
    spec.submitted = failed->submitted;
    spec.errors = &errors;
  }
  return form_fields(Input{}, spec);
}


// Up to 2000 items of a file to pick from, in the order of their titles, shortened as in the
// tables (a longer list is no use in a select).
template <class Item>
Choices pick_choices(const std::vector<Item>& items) {
  std::vector<const Item*> by_title;
  for (std::size_t i = 0; i < items.size() && by_title.size() < 2000; ++i)
    by_title.push_back(&items[i]);
  std::stable_sort(by_title.begin(), by_title.end(),
                   [](const Item* a, const Item* b) { return a->title < b->title; });
  Choices out;
  for (const Item* item : by_title) out.emplace_back(item->header.id, shorten(risk::labelled(*item)));
  return out;
}

// The select of form `form` (add_chain, add_situation_harm) picking an existing item, with its
// error and the value sent when the form came back.
List pick_field(const FileView& v, const FailedForm* failed, std::string_view form,
                std::string_view field, std::string_view empty) {
  FormSpec spec{.id_prefix = std::string(form)};
  const auto& snap = v.snapshot();
  spec.omit = {"existing_hazard", "existing_situation", "existing_harm"};
  spec.omit.erase(spec.omit.find(field));
  if (field == "existing_hazard") spec.choices.emplace(field, pick_choices(snap.hazards));
  if (field == "existing_situation") spec.choices.emplace(field, pick_choices(snap.situations));
  if (field == "existing_harm") spec.choices.emplace(field, pick_choices(snap.harms));
  spec.empty_choice.emplace(field, std::string(empty));
  apply_failed(spec, failed, form);
  return form_fields(ChainPicks{}, spec);
}

// The hazards leading to each situation ("A; B"), by situation position (the index keeps the
// forward direction only).
std::vector<std::string> hazards_by_situation(const FileView& v) {
  const auto& snap = v.snapshot();
  std::vector<std::string> out(snap.situations.size());
  for (std::size_t h = 0; h < snap.hazards.size(); ++h)
    for (const auto sit : v.index->situations_of_hazard(h)) {
      auto& text = out[sit];
      if (!text.empty()) text += "; ";
      text += risk::labelled(snap.hazards[h]);
    }
  return out;
}

// A harm's severity in words of the pinned policy: "3 Serious", or "not set".
std::string severity_text(const FileView& v, const std::optional<std::int64_t>& rank) {
  if (!rank) return "not set";
  if (!v.policy || !v.policy->has_severity(*rank)) return std::to_string(*rank);
  return std::to_string(*rank) + " " + v.policy->severity_level(*rank).name;
}

// The row's in-place edit form when it is the form that failed, else "not editing".
template <class Input, class Item>
Data editing_of(const FileView& v, const TabState& s, const FailedForm* failed,
                std::string_view slug, const Item& item, int colspan) {
  if (!is_failed_edit(failed, slug, item.header.id)) return flag(false);
  auto spec = item_form_spec(slug, v, "edit");
  apply_failed(spec, failed, failed->form);
  return edit_row(slug, v.snapshot().file.header.id, item.header.id, item.header.version,
                  input_of<Input>(item), spec, colspan, s.to_query());
}

}  // namespace

// The hazardous situations of the file: hazards leading to each, P1 and the harms it may lead
// to, each editable in place (P1 is the situation's, shared by all its risks).
void situations_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed,
                    Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  const auto& idx = *v.index;
  const auto& id = snap.file.header.id;
  const auto& sits = snap.situations;
  const auto hazards_of = hazards_by_situation(v);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < sits.size(); ++i)
    if (contains_text(sits[i].title, s.q) || contains_text(sits[i].sequence_of_events, s.q) ||
        contains_text(hazards_of[i], s.q))
      order.push_back(i);
  const auto sort = s.sort.empty() ? std::string("title") : s.sort;
  if (sort == "hazards") sort_by(order, s.descending, [&](auto i) { return hazards_of[i]; });
  else if (sort == "p1")
    sort_by(order, s.descending, [&](auto i) { return sits[i].p1.value_or(-1.0); });
  else if (sort == "harms")
    sort_by(order, s.descending, [&](auto i) { return idx.pairs_of_situation(i).size(); });
  else if (sort == "stage") sort_by(order, s.descending, [&](auto i) { return sits[i].stage; });
  else sort_by(order, s.descending, [&](auto i) { return sits[i].title; });

  const auto p = slice(order.size(), s.page);
  set_pager(d, p, s, id);
  d.set("headers", sort_headers(id, s,
                                {{"title", N_("Hazardous situation")},
                                 {"hazards", N_("Hazards")},
                                 {"p1", N_("P1")},
                                 {"harms", N_("Harms")},
                                 {"stage", N_("Stage")}},
                                "title"));
  List rows;
  for (std::size_t k = p.begin; k < p.end; ++k) {
    const auto i = order[k];
    const auto& sit = sits[i];
    Data r;
    r.set("id", sit.header.id);
    set_item_state(r, "situations", sit);
    r.set("title", sit.title);
    r.set("title_short", statement(sit.title));
    r.set("sequence_of_events", sit.sequence_of_events);
    r.set("sequence_short", statement(sit.sequence_of_events));
    r.set("hazards_short", statement(hazards_of[i]));
    r.set("p1", sit.p1 ? risk::format_probability(*sit.p1) : std::string("—"));
    r.set("p1_source", label_of(sit.p1_source));
    List harms;
    for (const auto pair : idx.pairs_of_situation(i))
      if (const auto h = idx.harm_of_pair(pair); h != risk::RiskFileIndex::npos) {
        Data e;
        e.set("title_short", statement(snap.harms[h].title));
        harms.push_back(e);
      }
    r.set("harms", harms);
    r.set("stage", label_of(sit.stage));
    r.set("editing", editing_of<risk::HazardousSituationInput>(v, s, failed, "situations", sit, 6));
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("no_rows", flag(rows.empty()));
  d.set("q", s.q);

  // A further harm for an existing situation: a new risk (situation -> harm).
  constexpr std::string_view form = "add_situation_harm";
  d.set("more_pick_situation", pick_field(v, failed, form, "existing_situation", "choose…"));
  d.set("more_pick_harm", pick_field(v, failed, form, "existing_harm", "a new harm (below)"));
  d.set("more_harm", chain_part<risk::HarmInput>(v, failed, form, "more", "harms", "harm",
                                                 {"mission", "stage"}));
  d.set("more_risk", chain_part<risk::SituationHarmInput>(
                         v, failed, form, "more", "risks", "risk",
                         {"situation_id", "harm_id", "mission", "stage"}));
  d.set("has_situations", flag(!sits.empty()));
  if (failed && failed->form == form) {
    d.set("more_open", flag(true));
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("more_error", g);
  }
}

// The harms of the file with their severity (a rank of the pinned policy) and the situations
// leading to each, each editable in place.
void harms_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  const auto& idx = *v.index;
  const auto& id = snap.file.header.id;
  const auto& harms = snap.harms;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < harms.size(); ++i)
    if (contains_text(harms[i].title, s.q) || contains_text(harms[i].description, s.q))
      order.push_back(i);
  const auto sort = s.sort.empty() ? std::string("title") : s.sort;
  if (sort == "severity")
    sort_by(order, s.descending, [&](auto i) { return harms[i].severity_rank.value_or(0); });
  else if (sort == "situations")
    sort_by(order, s.descending, [&](auto i) { return idx.pairs_of_harm(i).size(); });
  else if (sort == "stage") sort_by(order, s.descending, [&](auto i) { return harms[i].stage; });
  else sort_by(order, s.descending, [&](auto i) { return harms[i].title; });

  const auto p = slice(order.size(), s.page);
  set_pager(d, p, s, id);
  d.set("headers", sort_headers(id, s,
                                {{"title", N_("Harm")},
                                 {"severity", N_("Severity")},
                                 {"situations", N_("Hazardous situations")},
                                 {"stage", N_("Stage")}},
                                "title"));
  List rows;
  for (std::size_t k = p.begin; k < p.end; ++k) {
    const auto i = order[k];
    const auto& harm = harms[i];
    Data r;
    r.set("id", harm.header.id);
    set_item_state(r, "harms", harm);
    r.set("title", harm.title);
    r.set("title_short", statement(harm.title));
    r.set("description", harm.description);
    r.set("description_short", statement(harm.description));
    r.set("severity", severity_text(v, harm.severity_rank));
    r.set("severity_rationale", harm.severity_rationale);
    r.set("rationale_short", statement(harm.severity_rationale));
    List situations;
    for (const auto pair : idx.pairs_of_harm(i))
      if (const auto sit = idx.situation_of_pair(pair); sit != risk::RiskFileIndex::npos) {
        Data e;
        e.set("title_short", statement(snap.situations[sit].title));
        situations.push_back(e);
      }
    r.set("situations", situations);
    r.set("stage", label_of(harm.stage));
    r.set("editing", editing_of<risk::HarmInput>(v, s, failed, "harms", harm, 5));
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("no_rows", flag(rows.empty()));
  d.set("q", s.q);
}

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
                                {{"title", N_("Hazard")},
                                 {"category", N_("Category")},
                                 {"stage", N_("Stage")},
                                 {"situations", N_("Situations")}},
                                "title"));
  List rows;
  for (std::size_t k = p.begin; k < p.end; ++k) {
    const auto& h = hz[order[k]];
    Data r;
    r.set("id", h.header.id);
    set_item_state(r, "hazards", h);
    r.set("title", h.title);
    r.set("title_short", statement(h.title));
    r.set("description", h.description);
    r.set("description_short", statement(h.description));
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
  d.set("chain_hazard", chain_part<risk::HazardInput>(v, failed, "add_chain", "chain", "hazards",
                                                      "hazard", {"mission"}));
  d.set("chain_situation",
        chain_part<risk::HazardousSituationInput>(v, failed, "add_chain", "chain", "situations",
                                                  "situation", {"mission", "stage"}));
  d.set("chain_harm", chain_part<risk::HarmInput>(v, failed, "add_chain", "chain", "harms", "harm",
                                                  {"mission", "stage", "description"}));
  d.set("chain_risk", chain_part<risk::SituationHarmInput>(
                          v, failed, "add_chain", "chain", "risks", "risk",
                          {"situation_id", "harm_id", "mission", "stage"}));
  d.set("chain_pick_hazard", pick_field(v, failed, "add_chain", "existing_hazard",
                                        "a new hazard (below)"));
  d.set("chain_pick_harm", pick_field(v, failed, "add_chain", "existing_harm", "a new harm (below)"));
  if (failed && failed->form == "add_chain") {
    d.set("chain_open", flag(true));
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("chain_error", g);
  }

  // A hazard on its own (its situations follow through the chain form).
  auto alone = item_form_spec("hazards", v, "new");
  alone.omit.insert("mission");
  apply_failed(alone, failed, "add:hazards");
  d.set("hazard_fields", form_fields(risk::HazardInput{}, alone));
  if (failed && failed->form == "add:hazards") {
    d.set("hazard_open", flag(true));
    if (const auto g = general_error(failed->errors); !g.empty()) d.set("hazard_error", g);
  }
}

void risks_tab(Call& c, const FileView& v, const TabState& s, const FailedForm* failed, Data& d) {
  (void)c;
  const auto& snap = v.snapshot();
  const auto& idx = *v.index;
  const auto& id = snap.file.header.id;
  const auto& risks = v.assessment.risks;
  const auto hazards_of = hazards_by_situation(v);
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
                                {{"hazard", N_("Hazard")},
                                 {"situation", N_("Hazardous situation")},
                                 {"harm", N_("Harm")},
                                 {"initial", N_("Before control")},
                                 {"current", N_("After control")},
                                 {"step", N_("Step")}},
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
    r.set("hazard_short", statement(hazard_text(i)));
    r.set("situation", title_of(sit));
    r.set("situation_short", statement(sit ? risk::labelled(*sit) : std::string()));
    r.set("harm", title_of(hm));
    r.set("harm_short", statement(hm ? risk::labelled(*hm) : std::string()));
    const auto p1 = sit && sit->p1 ? risk::format_probability(*sit->p1) : std::string("—");
    const auto p2 = pair.probability_not_estimable ? std::string("not estimable")
                    : pair.p2 ? risk::format_probability(*pair.p2)
                              : std::string("—");
    r.set("p1", p1);
    r.set("p2", p2);
    set_evaluation(r, "initial", v, a ? a->initial : std::nullopt);
    set_evaluation(r, "current", v, a ? a->current() : std::nullopt);
    r.set("step", tr(a ? risk::step_label(a->step) : "identified"));
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

}  // namespace riskloop::web
