// Process measurement use cases, and the store look-ups shared by bulk imports and proofs.
#include "app/measurements.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "core/product.hpp"
#include "formats/digest/sha256.hpp"
#include "formats/sheet/measurement_csv.hpp"

namespace riskloop::app {

namespace detail {

Result<std::optional<ImportRun>> find_import_run(store::Tx& tx, const Id& org,
                                                 std::string_view record_type,
                                                 const std::string& sha256) {
  const store::SqlValue params[] = {org, std::string(record_type), sha256};
  const auto rows = RL_TRY(tx.sql().query(
      "SELECT id FROM import_runs WHERE org_id = $1 AND record_type = $2 AND source_sha256 = $3",
      params));
  if (rows.empty()) return std::nullopt;
  return RL_TRY(tx.get<ImportRun>(org, store::sql_text(rows.front()[0])));
}

Result<BatchEntry> batch_entry(store::Tx& tx, const Id& org, const Id& batch_id) {
  const auto entries = RL_TRY(tx.journal_page(
      {.org_id = org, .entity = std::string(BulkBatch::entity), .entity_id = batch_id, .limit = 1}));
  if (entries.empty() || entries.front().op != "create")
    return fail(ErrorCode::not_found, "batch " + batch_id + " has no journal entry");
  const auto payload = nlohmann::json::parse(entries.front().payload, nullptr, false);
  BatchEntry out{.seq = entries.front().seq, .hash = entries.front().hash};
  if (payload.is_object() && payload.contains("merkle_root") && payload["merkle_root"].is_string() &&
      payload.contains("row_count") && payload["row_count"].is_number_integer()) {
    out.root = payload["merkle_root"].get<std::string>();
    out.row_count = payload["row_count"].get<std::int64_t>();
  }
  return out;
}

}  // namespace detail

namespace {

Status no_partners(const Principal& who) {
  if (!who.local_operator && who.role == Role::partner)
    return fail(ErrorCode::forbidden, "partners have no access to process measurements");
  return {};
}

}  // namespace

Result<MeasurementImport> Measurements::import_csv(const Principal& who,
                                                   const std::string& source_name,
                                                   std::string_view content,
                                                   const BulkImportOptions& options) {
  RL_CHECK(require(who, Permission::write_products, "import process measurements"));
  const BulkSource source{source_name, formats::sha256_hex(content)};
  MeasurementImport out;
  // A file imported completely before is answered without reading it again.
  std::optional<ImportRun> earlier;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    earlier = RL_TRY(detail::find_import_run(tx, who.org_id, ProcessMeasurement::entity,
                                             source.sha256));
    return {};
  }));
  if (earlier && earlier->status == ImportStatus::completed) {
    out.rows_read = earlier->total_rows;
    out.result = BulkImportResult{.run = *earlier, .already_complete = true};
    return out;
  }
  // First pass: every row is checked and nothing is kept but the products named; the file is
  // written only when the whole of it is good.
  formats::MeasurementCsvReader check(content);
  std::set<std::string> products;
  ProcessMeasurement m;
  while (check.next(m))
    if (!products.contains(m.product_id)) products.insert(m.product_id);
  out.rows_read = check.rows_read();
  out.issues = std::move(check.issues());

  // Each product named in the file is looked up once.
  std::set<std::string> unknown;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    for (const auto& id : products) {
      const auto product = tx.get<Product>(who.org_id, id);
      if (!product && product.error().code == ErrorCode::not_found) unknown.insert(id);
      else if (!product) return tl::unexpected(product.error());
    }
    return {};
  }));
  if (!unknown.empty() && !check.over_limit()) {
    formats::MeasurementCsvReader again(content);
    while (again.next(m))
      if (unknown.contains(m.product_id))
        out.issues.push_back({m.source_row, "product_id",
                              formats::quote_cell(m.product_id) +
                                  " is not a product of this organization"});
  }
  if (!out.ok()) {
    // Notes about the whole file (row 0: a limit, "and K more problems") go last.
    const auto order = [](const formats::SheetIssue& i) {
      return i.row == 0 ? std::numeric_limits<std::int64_t>::max() : i.row;
    };
    std::stable_sort(out.issues.begin(), out.issues.end(),
                     [&](const auto& a, const auto& b) { return order(a) < order(b); });
    return out;
  }

  // Second pass, a batch at a time, as the import asks for them.
  formats::MeasurementCsvReader reader(content);
  const BulkRowSource<ProcessMeasurement> rows{
      .total = out.rows_read,
      .read = [&](std::vector<ProcessMeasurement>& batch, std::int64_t count) -> Status {
        batch.resize(std::size_t(count));
        for (auto& row : batch)
          if (!reader.next(row))
            return fail(ErrorCode::internal, source_name + " ended early on its second reading");
        return {};
      }};
  out.result = RL_TRY(import_bulk_rows<ProcessMeasurement>(ctx_, who, source, rows, options));
  return out;
}

Result<ImportRun> Measurements::run(const Principal& who, const Id& run_id) {
  RL_CHECK(no_partners(who));
  RL_CHECK(require(who, Permission::read, "read import runs"));
  ImportRun out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    auto run = tx.get<ImportRun>(who.org_id, run_id);
    if (!run && run.error().code == ErrorCode::not_found)
      return fail(ErrorCode::not_found, "import run " + run_id + " does not exist");
    out = RL_TRY(std::move(run));
    return {};
  }));
  return out;
}

Result<std::vector<ProcessMeasurement>> Measurements::list(const Principal& who,
                                                           const MeasurementQuery& q) {
  RL_CHECK(no_partners(who));
  RL_CHECK(require(who, Permission::read, "read process measurements"));
  std::vector<store::BulkFilter> where;
  if (!q.lot.empty()) where.push_back({"lot", q.lot});
  if (!q.characteristic.empty()) where.push_back({"characteristic", q.characteristic});
  if (!q.product_id.empty()) where.push_back({"product_id", q.product_id});
  std::vector<ProcessMeasurement> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    out = RL_TRY(store::list_bulk_rows<ProcessMeasurement>(
        tx, who.org_id, where, q.after, std::clamp(q.limit, 1, ctx_.options.max_page_size)));
    return {};
  }));
  return out;
}

Result<BulkProof> Measurements::proof(const Principal& who, const Id& id) {
  RL_CHECK(no_partners(who));
  RL_CHECK(require(who, Permission::read, "read process measurements"));
  BulkProof out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    out = RL_TRY(prove_bulk_row<ProcessMeasurement>(tx, who.org_id, id));
    return {};
  }));
  return out;
}

}  // namespace riskloop::app
