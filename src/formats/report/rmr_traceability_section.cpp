// Report section 14: traceability (ISO 14971 4.5), one row per hazard -> hazardous situation ->
// harm, with the initial estimate, the controls, their verification and the residual risk.
#include <algorithm>

#include "core/risk/item_refs.hpp"
#include "core/risk/risk_control.hpp"
#include "formats/report/rmr_writer.hpp"

namespace riskloop::formats::rmr {
namespace {

constexpr auto npos = risk::RiskFileIndex::npos;
constexpr std::string_view kDash = "\xE2\x80\x94";

std::vector<std::size_t> distinct(std::span<const std::size_t> items) {
  std::vector<std::size_t> out;
  out.reserve(items.size());
  for (auto i : items)
    if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
  return out;
}

class TraceWriter {
 public:
  explicit TraceWriter(ReportWriter& w) : w_(w), s_(w.file()), index_(w.index()) {}

  void write() {
    w_.open_section("traceability",
                    "14 Traceability (ISO 14971 4.5): hazard \xE2\x86\x92 hazardous situation "
                    "\xE2\x86\x92 harm \xE2\x86\x92 controls \xE2\x86\x92 residual risk");
    w_.open_table("traceability", {{"Hazard", 1.5},
                                   {"Hazardous situation", 1.6},
                                   {"Harm", 1.5},
                                   {"Initial estimate", 2},
                                   {"Risk controls", 1.8},
                                   {"Verification (implementation / effectiveness)", 1.3},
                                   {"Residual risk", 2}});
    std::vector<bool> reached(s_.situations.size(), false);
    for (std::size_t h = 0; h < s_.hazards.size(); ++h) {
      const auto situations = distinct(index_.situations_of_hazard(h));
      if (situations.empty()) {
        w_.open_row();
        hazard_cell(h);
        w_.missing_cell("no hazardous situation identified", 6);
        w_.close_row();
      }
      for (auto sit : situations) {
        reached[sit] = true;
        situation_rows(h, sit);
      }
    }
    for (std::size_t sit = 0; sit < s_.situations.size(); ++sit)
      if (!reached[sit]) situation_rows(npos, sit);
    w_.close_table();
    w_.close_section();
  }

 private:
  void hazard_cell(std::size_t h) {
    if (h == npos) {
      w_.missing_cell("no hazard linked");
      return;
    }
    w_.cell(risk::labelled(s_.hazards[h]));
  }

  void situation_rows(std::size_t h, std::size_t sit) {
    const auto pairs = distinct(index_.pairs_of_situation(sit));
    if (pairs.empty()) {
      w_.open_row();
      hazard_cell(h);
      w_.cell(risk::labelled(s_.situations[sit]));
      w_.missing_cell("no harm identified", 5);
      w_.close_row();
    }
    for (auto p : pairs) pair_row(h, sit, p);
  }

  void evaluation(const std::optional<risk::Evaluation>& ev, std::string_view missing) {
    if (ev) {
      w_.verdict_cell(evaluation_text(w_.policy(), *ev), ev->acceptability);
    } else {
      w_.missing_cell(missing);
    }
  }

  void pair_row(std::size_t h, std::size_t sit, std::size_t p) {
    const auto& a = w_.assessments()[p];
    const auto harm = index_.harm_of_pair(p);
    w_.open_row();
    hazard_cell(h);
    w_.cell(risk::labelled(s_.situations[sit]));
    if (harm == npos) {
      w_.cell(s_.situation_harms[p].harm_id);
    } else {
      const auto& x = s_.harms[harm];
      w_.cell(risk::labelled(x) +
              (x.severity_rank ? " \xE2\x80\x94 " + severity_text(w_.policy(), *x.severity_rank)
                               : std::string()));
    }
    evaluation(a.initial, "not estimated");
    const auto controls = distinct(index_.controls_of_pair(p));
    if (controls.empty()) {
      w_.cell(kDash);
      w_.cell(kDash);
    } else {
      std::vector<ListItem> names, checks;
      for (auto c : controls) {
        const auto& control = s_.controls[c];
        names.push_back({risk::labelled(control) + " (" +
                         std::string(risk::option_label(control.option)) + ")"});
        checks.push_back({std::string(verification_text(control.implementation_verification)) +
                              " / " +
                              std::string(verification_text(control.effectiveness_verification)),
                          !control.verified()});
      }
      w_.list_cell("controls", names);
      w_.list_cell("verification", checks);
    }
    if (controls.empty() && !a.residual) {
      w_.cell("no controls: initial estimate stands");
    } else {
      evaluation(a.residual, "no residual estimate");
    }
    w_.close_row();
  }

  ReportWriter& w_;
  const risk::RiskFileSnapshot& s_;
  const risk::RiskFileIndex& index_;
};

}  // namespace

void write_traceability_section(ReportWriter& w) {
  TraceWriter(w).write();
}

}  // namespace riskloop::formats::rmr
