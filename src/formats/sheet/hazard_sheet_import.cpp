// Hazard sheet import: cells, then refs across rows, then record rules, then the records.
//
// Rows are checked in four passes, each linear: (1) every cell against its column and the row's
// shape; (2) refs: which row defines each record, and whether the other rows agree with it;
// (3) the API's record rules on each defining row; (4) rejection spreads from a bad defining row
// to every row naming its record. The records are then built from the rows left.
#include "formats/sheet/hazard_sheet_import.hpp"

#include <algorithm>
#include <bitset>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/field_copy.hpp"
#include "formats/sheet/hazard_sheet_cells.hpp"
#include "formats/sheet/hazard_sheet_columns.hpp"
#include "formats/sheet/hazard_sheet_records.hpp"

namespace riskloop::formats {
namespace {

// An input onto its record: the same-named fields, except where the input differs.
template <class Input, class Record>
Status fill_record(const Input& input, Record& rec) {
  return copy_fields(input, rec);
}
Status fill_record(const risk::ResidualEstimateInput& input, risk::ResidualEstimate& rec) {
  risk::apply(input, rec);
  return {};
}

using C = HazardColumn;
constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Records a row can name, each identified by a ref (a risk by its situation and harm refs).
enum EntityKind : std::size_t { kHazard, kSituation, kHarm, kRisk, kControl, kKinds };

constexpr SheetGroup kGroupOf[kKinds] = {SheetGroup::hazard, SheetGroup::situation,
                                         SheetGroup::harm, SheetGroup::risk, SheetGroup::control};
constexpr std::string_view kEntityName[kKinds] = {
    risk::Hazard::entity, risk::HazardousSituation::entity, risk::Harm::entity,
    risk::SituationHarm::entity, risk::RiskControl::entity};
constexpr std::string_view kGroupLabel[kKinds] = {"hazard", "hazardous situation", "harm", "risk",
                                                  "control"};

std::size_t col(C c) {
  return static_cast<std::size_t>(c);
}

struct Entity {
  std::string key;  // the ref; for a risk, situation ref + '\x1f' + harm ref
  std::size_t first_row = npos;
  std::size_t defining_row = npos;
  std::vector<std::size_t> rows;  // every row naming it
  bool dead = false;
  Id id;
};

struct Row {
  std::int64_t number = 0;
  CanonicalRow cells;
  std::bitset<kHazardColumnCount> filled;   // the cell had content (valid or not)
  std::bitset<kHazardColumnCount> invalid;  // the cell had content that failed its check
  std::size_t entity[kKinds] = {npos, npos, npos, npos, npos};
  bool bad = false;

  bool has(C c) const { return filled[col(c)]; }
  const std::string& at(C c) const { return cells[col(c)]; }
  bool group_filled(SheetGroup g) const {
    for (const auto& c : hazard_sheet_columns())
      if (c.group == g && filled[col(c.id)]) return true;
    return false;
  }
  bool group_invalid(SheetGroup g) const {
    for (const auto& c : hazard_sheet_columns())
      if (c.group == g && invalid[col(c.id)]) return true;
    return false;
  }
};

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

class SheetImport {
 public:
  SheetImport(const ParsedSheet& parsed, const risk::CompiledPolicy& policy, const RecordIdFor& ids,
              const SheetImportOptions& options, ImportReport& report)
      : parsed_(parsed), policy_(policy), ids_(ids), options_(options), report_(report) {}

  void run() {
    report_.issues = parsed_.problems;
    if (!map_header()) {
      reject_everything();
      return;
    }
    read_rows();
    resolve_refs();
    check_records();
    spread_rejection();
    build_records();
    finish();
  }

 private:
  void issue(std::size_t row, C column, std::string message) {
    rows_[row].bad = true;
    report_.issues.push_back(
        {rows_[row].number, std::string(column_name(column)), std::move(message)});
  }
  void row_issue(std::size_t row, std::string message) {
    rows_[row].bad = true;
    report_.issues.push_back({rows_[row].number, {}, std::move(message)});
  }

  bool map_header() {
    position_.fill(npos);
    const auto& header = parsed_.sheet.columns;
    bool ok = true;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (!cell_has_content(header[i])) continue;
      const auto c = find_hazard_column(header[i]);
      if (!c) {
        report_.ignored_columns.push_back(header[i]);
        continue;
      }
      if (position_[col(*c)] != npos) {
        report_.issues.push_back({1, std::string(column_name(*c)),
                                  "appears twice in the header (columns " +
                                      std::to_string(position_[col(*c)] + 1) + " and " +
                                      std::to_string(i + 1) + ")"});
        ok = false;
      }
      position_[col(*c)] = i;
    }
    if (std::all_of(position_.begin(), position_.end(), [](auto p) { return p == npos; })) {
      report_.issues.push_back({1,
                                {},
                                "has none of the hazard sheet's columns (hazard_ref, "
                                "hazard, situation_ref, ...); is row 1 the header?"});
      ok = false;
    }
    return ok;
  }

  void reject_everything() {
    for (const auto& row : parsed_.sheet.rows) {
      if (std::none_of(row.cells.begin(), row.cells.end(), cell_has_content)) continue;
      ++report_.rows_read;
      report_.rejected_rows.push_back(row.number);
    }
  }

  void read_rows() {
    std::unordered_set<std::int64_t> problem_rows;
    for (const auto& p : parsed_.problems) problem_rows.insert(p.row);
    const std::size_t width = parsed_.sheet.columns.size();
    rows_.reserve(parsed_.sheet.rows.size());
    for (const auto& source : parsed_.sheet.rows) {
      const bool problem = problem_rows.count(source.number) > 0;
      if (!problem && std::none_of(source.cells.begin(), source.cells.end(), cell_has_content))
        continue;
      rows_.emplace_back();
      const std::size_t r = rows_.size() - 1;
      rows_[r].number = source.number;
      rows_[r].bad = problem;
      read_cells(r, source);
      for (std::size_t i = width; i < source.cells.size(); ++i)
        if (cell_has_content(source.cells[i])) {
          row_issue(r, "has a value in column " + std::to_string(i + 1) + ", past the " +
                           std::to_string(width) +
                           " columns of the header (a separator too many?)");
          break;
        }
      check_shape(r);
      register_entities(r);
    }
    report_.rows_read = rows_.size();
  }

  void read_cells(std::size_t r, const SheetRow& source) {
    auto& row = rows_[r];
    for (const auto& column : hazard_sheet_columns()) {
      const auto p = position_[col(column.id)];
      if (p == npos || p >= source.cells.size()) continue;
      const auto& raw = source.cells[p];
      if (!cell_has_content(raw)) continue;
      row.filled.set(col(column.id));
      auto value = canonical_cell(column.id, raw, policy_);
      if (!value) {
        row.invalid.set(col(column.id));
        issue(r, column.id, value.error().message);
        continue;
      }
      row.cells[col(column.id)] = std::move(*value);
    }
  }

  // What a row must name given what it fills.
  void check_shape(std::size_t r) {
    auto& row = rows_[r];
    std::bitset<kHazardColumnCount> reported;
    const auto once = [&](C c, std::string message) {
      if (reported[col(c)] || row.invalid[col(c)]) return;
      reported.set(col(c));
      issue(r, c, std::move(message));
    };
    for (auto k : {kHazard, kSituation, kHarm, kControl}) {
      const auto ref = *ref_column(kGroupOf[k]);
      if (row.group_filled(kGroupOf[k]) && !row.has(ref))
        once(ref, "is required when other " + std::string(kGroupLabel[k]) + " columns are filled");
    }
    const bool s = row.has(C::situation_ref), m = row.has(C::harm_ref);
    const auto need_both = [&](std::string_view why) {
      if (!s) once(C::situation_ref, "is required " + std::string(why));
      if (!m) once(C::harm_ref, "is required " + std::string(why));
    };
    if (row.group_filled(SheetGroup::risk) || row.group_filled(SheetGroup::residual))
      need_both(
          "when risk or residual columns are filled: a risk joins a hazardous situation "
          "and a harm");
    if (row.group_filled(SheetGroup::control))
      need_both(
          "with a control: a control applies to the risk of a hazardous situation and a "
          "harm");
    if (row.group_filled(SheetGroup::hazard) && row.group_filled(SheetGroup::harm) && !s)
      once(C::situation_ref,
           "is required when a row names a hazard and a harm: the hazard leads "
           "to the harm through a hazardous situation");
  }

  void register_entities(std::size_t r) {
    auto& row = rows_[r];
    for (auto k : {kHazard, kSituation, kHarm, kControl}) {
      const auto& ref = row.at(*ref_column(kGroupOf[k]));
      if (ref.empty()) continue;
      const bool titled = row.has(*title_column(kGroupOf[k]));
      row.entity[k] = use_entity(k, ref, r, titled);
    }
    const auto& s = row.at(C::situation_ref);
    const auto& m = row.at(C::harm_ref);
    if (!s.empty() && !m.empty()) row.entity[kRisk] = use_entity(kRisk, s + '\x1f' + m, r, true);
  }

  std::size_t use_entity(EntityKind k, const std::string& key, std::size_t r, bool defines) {
    auto [it, added] = index_[k].try_emplace(key, entities_[k].size());
    if (added) {
      entities_[k].emplace_back();
      entities_[k].back().key = key;
      entities_[k].back().first_row = r;
    }
    auto& e = entities_[k][it->second];
    e.rows.push_back(r);
    if (defines && e.defining_row == npos) e.defining_row = r;
    return it->second;
  }

  std::string describe_entity(EntityKind k, const Entity& e) const {
    if (k != kRisk) return std::string(column_name(*ref_column(kGroupOf[k]))) + " " + quoted(e.key);
    const auto sep = e.key.find('\x1f');
    return "the risk of situation_ref " + quoted(e.key.substr(0, sep)) + " and harm_ref " +
           quoted(e.key.substr(sep + 1));
  }

  void resolve_refs() {
    for (auto k : {kHazard, kSituation, kHarm, kControl})
      for (auto& e : entities_[k])
        if (e.defining_row == npos) {
          e.dead = true;
          issue(e.first_row, *title_column(kGroupOf[k]),
                "is required: no row of " + describe_entity(k, e) + " gives its " +
                    std::string(kGroupLabel[k]) + " title");
        }
    std::unordered_map<std::string, std::size_t> risk_refs;  // risk_ref -> risk entity
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      for (std::size_t k = 0; k < kKinds; ++k) {
        const auto e = rows_[r].entity[k];
        if (e == npos) continue;
        const auto& entity = entities_[k][e];
        if (entity.defining_row != npos && entity.defining_row != r)
          compare_with_defining_row(r, static_cast<EntityKind>(k), entity);
      }
      const auto e = rows_[r].entity[kRisk];
      const auto& risk_ref = rows_[r].at(C::risk_ref);
      if (e == npos || risk_ref.empty()) continue;
      const auto [it, added] = risk_refs.try_emplace(risk_ref, e);
      if (!added && it->second != e)
        issue(r, C::risk_ref,
              quoted(risk_ref) + " already names " +
                  describe_entity(kRisk, entities_[kRisk][it->second]) + " (row " +
                  std::to_string(rows_[entities_[kRisk][it->second].first_row].number) + ")");
    }
  }

  void compare_with_defining_row(std::size_t r, EntityKind k, const Entity& entity) {
    const auto& row = rows_[r];
    const auto& def = rows_[entity.defining_row];
    for (const auto& column : hazard_sheet_columns()) {
      const bool ours =
          column.group == kGroupOf[k] || (k == kRisk && column.group == SheetGroup::residual);
      if (!ours || (k != kRisk && column.kind == CellKind::ref)) continue;
      const auto c = col(column.id);
      if (!row.filled[c] || row.invalid[c] || def.invalid[c]) continue;
      if (row.cells[c] == def.cells[c]) continue;
      issue(r, column.id,
            quote_cell(row.cells[c]) + " differs from row " + std::to_string(def.number) + " (" +
                (def.cells[c].empty() ? std::string("empty") : quote_cell(def.cells[c])) +
                "), where " + describe_entity(k, entity) + " is defined");
    }
  }

  void check_records() {
    for (std::size_t k = 0; k < kKinds; ++k)
      for (const auto& e : entities_[k]) {
        if (e.defining_row == npos) continue;
        const auto& row = rows_[e.defining_row];
        if (row.group_invalid(kGroupOf[k]) ||
            (k == kRisk && row.group_invalid(SheetGroup::residual)))
          continue;
        for (auto& i : record_rule_issues(kGroupOf[k], row.cells, row.number)) {
          rows_[e.defining_row].bad = true;
          report_.issues.push_back(std::move(i));
        }
        if (k == kRisk) check_lowered_severity(e);
      }
  }

  // A residual severity below the harm's claims that a control changed the harm itself, which
  // needs the inherent-safety-by-design control named (risk::check_severity_change): in
  // residual_severity_control_ref, a control_ref of the sheet applied to the same risk.
  void check_lowered_severity(const Entity& risk) {
    const auto r = risk.defining_row;
    const auto h = rows_[r].entity[kHarm];
    if (h == npos || entities_[kHarm][h].defining_row == npos) return;
    const auto initial = severity_cell(rows_[entities_[kHarm][h].defining_row].at(C::severity));
    const auto residual = severity_cell(rows_[r].at(C::residual_severity));
    if (!initial || !residual || *residual >= *initial) return;
    const std::string lowered = std::to_string(*residual) + " is below the harm's severity " +
                                std::to_string(*initial) + ": ";
    const auto& ref = rows_[r].at(C::residual_severity_control_ref);
    if (ref.empty()) {
      issue(r, C::residual_severity,
            lowered + "a lower residual severity needs the inherent-safety-by-design control "
                      "that changed the harm, named in residual_severity_control_ref");
      return;
    }
    const auto found = index_[kControl].find(ref);
    const auto c = found == index_[kControl].end() ? npos : found->second;
    if (c == npos || entities_[kControl][c].defining_row == npos) {
      issue(r, C::residual_severity_control_ref, lowered + "no row defines control_ref " + quoted(ref));
      return;
    }
    if (rows_[entities_[kControl][c].defining_row].at(C::control_option) != "inherent_safety") {
      issue(r, C::residual_severity_control_ref,
            lowered + "control_ref " + quoted(ref) +
                " is not inherent_safety; only inherent safety by design changes the harm");
      return;
    }
    for (const auto u : risk.rows)
      if (rows_[u].entity[kControl] == c) return;
    issue(r, C::residual_severity_control_ref,
          lowered + "control_ref " + quoted(ref) + " is not applied to this risk");
  }

  void spread_rejection() {
    std::vector<std::size_t> work;
    for (std::size_t r = 0; r < rows_.size(); ++r)
      if (rows_[r].bad) work.push_back(r);
    const auto kill = [&](std::size_t k, Entity& e, std::size_t because) {
      e.dead = true;
      for (auto u : e.rows) {
        if (rows_[u].bad) continue;
        const std::string why = describe_entity(static_cast<EntityKind>(k), e) +
                                " cannot be imported: its row " +
                                std::to_string(rows_[because].number) + " has errors";
        if (k == kRisk)
          row_issue(u, why);
        else
          issue(u, *ref_column(kGroupOf[k]), why);
        work.push_back(u);
      }
    };
    for (std::size_t k = 0; k < kKinds; ++k)
      for (auto& e : entities_[k])
        if (e.dead) kill(k, e, e.first_row);
    while (!work.empty()) {
      const auto r = work.back();
      work.pop_back();
      for (std::size_t k = 0; k < kKinds; ++k) {
        const auto e = rows_[r].entity[k];
        if (e == npos) continue;
        auto& entity = entities_[k][e];
        if (entity.defining_row == r && !entity.dead) kill(k, entity, r);
      }
    }
  }

  template <class Record, class Input>
  Record record_of(const Input& input, std::string_view ref) {
    Record rec;
    // Inputs and records are declared side by side with matching fields; a field without its
    // twin would be dropped from every imported row. That is a bug, not a fault of the sheet, so
    // it stops the import (a programmer error: the exception is caught at the request boundary)
    // rather than writing incomplete records.
    if (const auto copied = fill_record(input, rec); !copied)
      throw std::logic_error(std::string(Record::entity) + ": " + copied.error().message);
    rec.header.id = ids_(Record::entity, ref);
    rec.risk_file_id = options_.risk_file_id;
    return rec;
  }

  template <class Record>
  Record link_record() {
    Record rec;
    rec.header.id = ids_(Record::entity, {});
    rec.risk_file_id = options_.risk_file_id;
    return rec;
  }

  void build_records() {
    auto& out = report_.records;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      const auto& row = rows_[r];
      if (row.bad) continue;
      for (std::size_t k = 0; k < kKinds; ++k) {
        const auto e = row.entity[k];
        if (e == npos || entities_[k][e].defining_row != r) continue;
        auto& entity = entities_[k][e];
        switch (k) {
          case kHazard:
            out.hazards.push_back(record_of<risk::Hazard>(hazard_input(row.cells), entity.key));
            entity.id = out.hazards.back().header.id;
            break;
          case kSituation:
            out.situations.push_back(
                record_of<risk::HazardousSituation>(situation_input(row.cells), entity.key));
            entity.id = out.situations.back().header.id;
            break;
          case kHarm:
            out.harms.push_back(record_of<risk::Harm>(harm_input(row.cells), entity.key));
            entity.id = out.harms.back().header.id;
            break;
          case kControl:
            out.controls.push_back(
                record_of<risk::RiskControl>(control_input(row.cells), entity.key));
            entity.id = out.controls.back().header.id;
            break;
          default:
            break;  // risks need their ends' ids: below
        }
      }
    }
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      const auto& row = rows_[r];
      const auto e = row.entity[kRisk];
      if (row.bad || e == npos || entities_[kRisk][e].defining_row != r) continue;
      auto input = risk_input(row.cells);
      input.situation_id = entities_[kSituation][row.entity[kSituation]].id;
      input.harm_id = entities_[kHarm][row.entity[kHarm]].id;
      out.situation_harms.push_back(record_of<risk::SituationHarm>(input, row.at(C::risk_ref)));
      entities_[kRisk][e].id = out.situation_harms.back().header.id;
    }
    build_links();
  }

  void build_links() {
    auto& out = report_.records;
    std::unordered_set<std::uint64_t> hazard_links, control_links;
    const auto key = [](std::size_t a, std::size_t b) {
      return (static_cast<std::uint64_t>(a) << 32) ^ static_cast<std::uint64_t>(b);
    };
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      const auto& row = rows_[r];
      if (row.bad) continue;
      const auto h = row.entity[kHazard], s = row.entity[kSituation];
      const auto p = row.entity[kRisk], c = row.entity[kControl];
      if (h != npos && s != npos && hazard_links.insert(key(h, s)).second) {
        auto link = link_record<risk::HazardSituationLink>();
        link.hazard_id = entities_[kHazard][h].id;
        link.situation_id = entities_[kSituation][s].id;
        out.hazard_situations.push_back(std::move(link));
      }
      if (p != npos && c != npos && control_links.insert(key(c, p)).second) {
        auto link = link_record<risk::ControlLink>();
        link.control_id = entities_[kControl][c].id;
        link.situation_harm_id = entities_[kRisk][p].id;
        out.control_links.push_back(std::move(link));
      }
      if (p != npos && entities_[kRisk][p].defining_row == r && has_residual(row.cells)) {
        auto residual = record_of<risk::ResidualEstimate>(residual_input(row.cells), {});
        residual.situation_harm_id = entities_[kRisk][p].id;
        if (const auto c = index_[kControl].find(row.at(C::residual_severity_control_ref));
            c != index_[kControl].end())
          residual.severity_control_id = entities_[kControl][c->second].id;
        out.residual_estimates.push_back(std::move(residual));
      }
    }
  }

  void finish() {
    // By row, then in column order (whole-row issues first); stable within a column.
    auto& issues = report_.issues;
    std::vector<std::pair<std::pair<std::int64_t, std::size_t>, std::size_t>> order;
    order.reserve(issues.size());
    for (std::size_t i = 0; i < issues.size(); ++i) {
      std::size_t rank = 0;
      if (!issues[i].column.empty()) {
        const auto c = find_hazard_column(issues[i].column);
        rank = c ? col(*c) + 1 : kHazardColumnCount + 1;
      }
      order.push_back({{issues[i].row, rank}, i});
    }
    std::sort(order.begin(), order.end());
    std::vector<SheetIssue> sorted;
    sorted.reserve(issues.size());
    for (const auto& o : order) sorted.push_back(std::move(issues[o.second]));
    issues = std::move(sorted);

    for (const auto& row : rows_)
      if (row.bad) report_.rejected_rows.push_back(row.number);
    std::sort(report_.rejected_rows.begin(), report_.rejected_rows.end());
    report_.rejected_rows.erase(
        std::unique(report_.rejected_rows.begin(), report_.rejected_rows.end()),
        report_.rejected_rows.end());
    report_.rows_accepted = report_.rows_read - report_.rejected_rows.size();
  }

  const ParsedSheet& parsed_;
  const risk::CompiledPolicy& policy_;
  const RecordIdFor& ids_;
  const SheetImportOptions& options_;
  ImportReport& report_;

  std::array<std::size_t, kHazardColumnCount> position_{};  // sheet column of each column
  std::vector<Row> rows_;
  std::vector<Entity> entities_[kKinds];
  std::unordered_map<std::string, std::size_t> index_[kKinds];
};

}  // namespace

RecordIdFor ids_from(IdSource& source) {
  return [&source](std::string_view, std::string_view) { return source.next_id(); };
}

ImportReport validate_rows(const ParsedSheet& sheet, const risk::CompiledPolicy& policy,
                           const RecordIdFor& ids, const SheetImportOptions& options) {
  ImportReport report;
  SheetImport(sheet, policy, ids, options, report).run();
  return report;
}

}  // namespace riskloop::formats
