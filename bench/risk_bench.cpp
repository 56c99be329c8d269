// The risk file at scale. Targets (issue "The 1+2+3+4 risk file"): re-evaluating 100,000 risk
// items against the policy < 100 ms; gate check < 200 ms; report HTML for 5,000 hazards < 2 s and
// PDF < 5 s; XLSX import of 10,000 rows < 2 s (parsed, validated and written with its journal).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>

#include "app/record_types.hpp"
#include "app/app.hpp"
#include "bench/synthetic_risk_file.hpp"
#include "core/risk/file_index.hpp"
#include "core/risk/gate.hpp"
#include "formats/sheet/hazard_sheet_export.hpp"
#include "formats/report/rmr_html.hpp"
#include "formats/report/rmr_pdf.hpp"

namespace {

using namespace riskloop;

risk::RiskPolicy approved_policy() {
  auto p = risk::default_policy();
  p.policy_id = "policy-1";
  p.status = risk::PolicyStatus::approved;
  p.approved_at = Timestamp{};
  p.approved_by = "user-1";
  return p;
}

const risk::CompiledPolicy& compiled() {
  static const auto c = *risk::CompiledPolicy::compile(approved_policy());
  return c;
}

// 20,000 situations x 5 harms = 100,000 risks (plus their hazards, controls and residuals).
const risk::RiskFileSnapshot& large_file() {
  static const auto s = bench::synthetic_risk_file(20000, 5, approved_policy());
  return s;
}

void BM_ReEvaluate100kRisks(benchmark::State& state) {
  const auto& s = large_file();
  for (auto _ : state) {
    const risk::RiskFileIndex index(s);
    benchmark::DoNotOptimize(risk::assess_risks(index, compiled()));
  }
  state.counters["risks"] = double(s.situation_harms.size());
}
BENCHMARK(BM_ReEvaluate100kRisks)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_GateCheck100kRisks(benchmark::State& state) {
  const auto& s = large_file();
  for (auto _ : state)
    benchmark::DoNotOptimize(risk::check_gate(s, compiled(), risk::Stage::manufacturing, Timestamp{}));
  state.counters["risks"] = double(s.situation_harms.size());
}
BENCHMARK(BM_GateCheck100kRisks)->Unit(benchmark::kMillisecond)->UseRealTime();

const risk::RiskFileSnapshot& report_file() {
  static const auto s = bench::synthetic_risk_file(5000, 2, approved_policy());  // 5,000 hazards
  return s;
}

// The same file written in Chinese: every hazard, situation, harm and control title, the
// situations as long statements that wrap in their cells (CJK fallback font, UAX #14 breaks).
const risk::RiskFileSnapshot& chinese_report_file() {
  static const auto s = [] {
    auto c = report_file();
    const std::string statements[] = {
        "患者在植入支架后，由于抗血小板治疗中断（例如因手术或出血而停药），可能在支架内形成血栓",
        "支架贴壁不良或内皮化延迟，导致急性心肌梗死、心源性猝死或需要紧急再次血运重建",
        "輸送系統在彎曲血管中推送阻力過大，導致支架脫載、移位或血管夾層",
        "造影剂过敏反应在术中发生，表现为皮疹、支气管痉挛、低血压，严重时危及生命"};
    c.file.title = "冠状动脉药物洗脱支架系统";
    for (std::size_t i = 0; i < c.hazards.size(); ++i) {
      c.hazards[i].title = "支架内血栓形成 " + std::to_string(i);
      c.situations[i].title = statements[i % 4] + "（情形 " + std::to_string(i) + "）";
    }
    for (std::size_t i = 0; i < c.harms.size(); ++i)
      c.harms[i].title = "急性心肌梗死 " + std::to_string(i);
    for (std::size_t i = 0; i < c.controls.size(); ++i)
      c.controls[i].title = "术后双联抗血小板治疗十二个月 " + std::to_string(i);
    return c;
  }();
  return s;
}

// The report of the 5,000-hazard file from its snapshot: assessment, then `render`.
template <class Render>
auto render_report(Render render, const risk::RiskFileSnapshot& s = report_file()) {
  const risk::RiskFileIndex index(s);
  const auto assessments = risk::assess_risks(index, compiled());
  return render({.snapshot = s,
                 .policy = compiled(),
                 .assessments = assessments,
                 .gate_findings = {},
                 .signatures = {},
                 .journal_head_hash = std::string(64, 'a'),
                 .generated_at = Timestamp{}});
}

std::string report_html() {
  return render_report([](const formats::RmrData& d) { return formats::render_rmr_html(d); });
}

void BM_ReportHtml5kHazards(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) bytes = report_html().size();
  state.counters["hazards"] = double(report_file().hazards.size());
  state.counters["MB"] = double(bytes) / 1e6;
}
BENCHMARK(BM_ReportHtml5kHazards)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The native PDF writer: assessment, layout, font subsets and compression, reading the two font
// files included.
void BM_ReportPdf5kHazards(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto pdf =
        render_report([](const formats::RmrData& d) { return formats::render_rmr_pdf(d); });
    if (!pdf) {
      state.SkipWithError(pdf.error().message.c_str());
      break;
    }
    bytes = pdf->size();
  }
  state.counters["hazards"] = double(report_file().hazards.size());
  state.counters["PDF_MB"] = double(bytes) / 1e6;
}
BENCHMARK(BM_ReportPdf5kHazards)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The same report of the file written in Chinese: DejaVu Sans and Noto Sans CJK SC (a CFF
// collection) subset and embedded.
void BM_ReportPdf5kHazardsChinese(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto pdf = render_report(
        [](const formats::RmrData& d) { return formats::render_rmr_pdf(d); }, chinese_report_file());
    if (!pdf) {
      state.SkipWithError(pdf.error().message.c_str());
      break;
    }
    bytes = pdf->size();
  }
  state.counters["hazards"] = double(chinese_report_file().hazards.size());
  state.counters["PDF_MB"] = double(bytes) / 1e6;
}
BENCHMARK(BM_ReportPdf5kHazardsChinese)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// A fresh store per run: the journaled import of a 10,000-row workbook into an empty file.
void BM_XlsxImport10kRows(benchmark::State& state) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("riskloop-import-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto sheet = bench::synthetic_risk_file(5000, 2, approved_policy());  // 10,000 risks = rows
  const auto xlsx_path = dir / "sheet.xlsx";
  if (!formats::write_xlsx(sheet, xlsx_path)) return state.SkipWithError("cannot write the workbook");
  std::ifstream in(xlsx_path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  std::size_t written = 0;
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    app::SystemClock clock;
    app::UuidV7Source ids;
    auto store = std::move(*store::Store::open({.url = "sqlite:" + (dir / ("run" + std::to_string(run++) + ".db")).string(), .declared_tables = app::declared_tables()}));
    app::App a(*store, clock, ids, {.password_cost = app::PasswordCost::minimal});
    auto op = *a.auth().operator_principal("bench", "", "");
    auto boot = a.accounts().bootstrap(op, {"Bench", "bench"}, {"b@example.org", "B", "bench-password-1", Role::admin});
    op.org_id = boot->organization.header.id;
    auto policy = a.policies().create(op, std::nullopt);
    // Approval needs a person's signature; the operator pins the draft, which imports the same.
    auto product = a.products().create(op, {"Bench stent", "", "", ""});
    risk::RiskFileInput fi;
    fi.product_id = product->header.id;
    fi.title = "Import target";
    fi.policy_id = policy->policy_id;
    fi.policy_version = 1;
    auto file = a.files().create(op, fi);
    state.ResumeTiming();
    const auto outcome = a.exchange().import_sheet(op, file->header.id, {app::SheetFormat::xlsx, bytes});
    if (!outcome || !outcome->written) {
      const std::string why = outcome ? "import refused: " + (outcome->report.issues.empty()
                                                                  ? std::string("?")
                                                                  : outcome->report.issues[0].describe())
                                      : outcome.error().message;
      state.SkipWithError(why.c_str());
      break;
    }
    written = outcome->records_written;
  }
  state.counters["rows"] = 10000;
  state.counters["records"] = double(written);
  fs::remove_all(dir);
}
BENCHMARK(BM_XlsxImport10kRows)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
