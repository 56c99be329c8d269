// Hazard-sheet export/import and the risk management report.
#include "app/risk_exchange.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/recorder.hpp"
#include "app/risk_access.hpp"
#include "app/risk_files.hpp"
#include "app/risk_item_rules.hpp"
#include "core/product.hpp"
#include "formats/report/rmr_html.hpp"
#include "formats/report/rmr_pdf.hpp"
#include "formats/sheet/csv_table.hpp"
#include "formats/sheet/hazard_sheet_export.hpp"
#include "formats/xlsx/xlsx_table_reader.hpp"

namespace riskloop::app {

namespace {

namespace fs = std::filesystem;

Result<std::string> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::internal, "cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

template <Record T>
Status create_all(Recorder& r, std::vector<T>& records) {
  for (auto& rec : records) {
    RL_CHECK(assign_item_ref(r.tx(), rec));  // a sheet's refs are informational: new ones here
    Id id = rec.header.id;
    RL_CHECK(r.create(rec, std::move(id)));
  }
  return {};
}

}  // namespace

Result<std::string> RiskExchange::export_sheet(const Principal& who, const Id& file_id,
                                               SheetFormat format) {
  risk::RiskFileSnapshot snapshot;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    snapshot = RL_TRY(load_snapshot(tx, who.org_id, RL_TRY(visible_file(tx, who, file_id))));
    return {};
  }));
  if (format == SheetFormat::csv) return formats::write_csv(snapshot);
  std::string tmpl = (fs::temp_directory_path() / "riskloop-export-XXXXXX").string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return fail(ErrorCode::internal, "cannot create a temporary file");
  ::close(fd);
  const fs::path path = tmpl;
  const auto written = formats::write_xlsx(snapshot, path);
  auto bytes = written ? read_bytes(path) : tl::unexpected(written.error());
  std::error_code ec;
  fs::remove(path, ec);
  return bytes;
}

Result<ImportOutcome> RiskExchange::import_sheet(const Principal& who, const Id& file_id,
                                                 const ImportRequest& in) {
  RL_CHECK(require(who, Permission::write_risk, "import into risk files"));
  std::optional<risk::CompiledPolicy> policy;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    const auto file = RL_TRY(visible_file(tx, who, file_id));
    policy = RL_TRY(pinned_policy(tx, who.org_id, file));
    return {};
  }));
  const auto parsed = in.format == SheetFormat::csv ? RL_TRY(formats::read_csv(in.content))
                                                    : RL_TRY(formats::read_xlsx_bytes(in.content));
  ImportOutcome out;
  out.report = formats::validate_rows(parsed, *policy, formats::ids_from(ctx_.ids),
                                      {.risk_file_id = file_id});
  if (in.dry_run || (!out.report.ok() && !in.partial)) return out;
  auto& rec = out.report.records;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    RL_CHECK(visible_file(tx, who, file_id));
    Recorder r(tx, who, ctx_.clock.now());
    // In dependency order, so the store's references always point at stored records.
    RL_CHECK(create_all(r, rec.hazards));
    RL_CHECK(create_all(r, rec.situations));
    RL_CHECK(create_all(r, rec.harms));
    RL_CHECK(create_all(r, rec.hazard_situations));
    RL_CHECK(create_all(r, rec.situation_harms));
    RL_CHECK(create_all(r, rec.controls));
    RL_CHECK(create_all(r, rec.control_links));
    return create_all(r, rec.residual_estimates);
  }));
  out.written = true;
  out.records_written = rec.size();
  return out;
}

Result<std::string> RiskExchange::render_report(
    const Principal& who, const Id& file_id,
    const std::function<Result<std::string>(const formats::RmrData&)>& render) {
  RiskFiles files(ctx_);
  const auto assessment = RL_TRY(files.assess(who, file_id));
  if (!assessment.policy)
    return fail(ErrorCode::conflict, "the file's pinned policy version does not exist");
  const auto policy = RL_TRY(risk::CompiledPolicy::compile(*assessment.policy));
  std::string head_hash, product_name, product_description, organization_name;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    if (const auto head = RL_TRY(tx.journal_head())) head_hash = head->second;
    if (const auto product = tx.get<Product>(who.org_id, assessment.snapshot.file.product_id)) {
      product_name = product->name;
      product_description = product->description;
    }
    if (const auto org = tx.get_global<Organization>(who.org_id)) organization_name = org->name;
    return {};
  }));
  const auto now = ctx_.clock.now();
  std::vector<formats::StageGateFindings> gates;
  for (const auto stage : {risk::Stage::design, risk::Stage::manufacturing, risk::Stage::post_launch})
    gates.push_back({stage, risk::check_gate(assessment.snapshot, policy, stage, now)});
  std::vector<formats::SignatureLine> signatures;
  for (const auto& s : assessment.signatures)
    signatures.push_back({s.printed_name, s.signed_at, std::string(name_of(s.meaning)), s.signed_entity,
                          s.signed_id, s.signed_version, s.signed_digest});
  return render({.snapshot = assessment.snapshot,
                 .policy = policy,
                 .assessments = assessment.risks,
                 .gate_findings = std::move(gates),
                 .signatures = std::move(signatures),
                 .journal_head_hash = head_hash,
                 .generated_at = now,
                 .product_name = product_name,
                 .organization_name = organization_name,
                 .product_description = product_description,
                 .analysis_digest = assessment.analysis_digest});
}

Result<std::string> RiskExchange::report_html(const Principal& who, const Id& file_id) {
  return render_report(who, file_id, [](const formats::RmrData& data) -> Result<std::string> {
    return formats::render_rmr_html(data);
  });
}

Result<std::string> RiskExchange::report_pdf(const Principal& who, const Id& file_id) {
  return render_report(who, file_id, [this](const formats::RmrData& data) -> Result<std::string> {
    auto pdf = formats::render_rmr_pdf(data, ctx_.options.report_pdf);
    // A missing or broken font is the installation's fault, not the request's: no 404 to the
    // caller. The message names the font file for the operator.
    if (!pdf && pdf.error().code != ErrorCode::internal)
      return fail(ErrorCode::internal, "cannot write the PDF report: " + pdf.error().message);
    return pdf;
  });
}

}  // namespace riskloop::app
