// The bulk data benchmark's steps, each its own process so bench/bulk_bench.sh can time it and
// read its peak resident memory (/usr/bin/time -v):
//
//   bulk_bench seed DB_URL ORDINARY_RECORDS CSV_ROWS CSV_PATH
//       an organization, one product, ORDINARY_RECORDS journaled records, and a process
//       measurement CSV file of CSV_ROWS rows
//   bulk_bench import DB_URL CSV_PATH     what `riskloop measurements import` runs
//   bulk_bench verify DB_URL              what `riskloop verify` runs
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "app/record_types.hpp"
#include "app/app.hpp"
#include "app/recorder.hpp"
#include "core/product.hpp"

using namespace riskloop;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run_import(app::App& app, const std::string& csv_path) {
  std::ifstream in(csv_path, std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto org = app.accounts().organizations(*app.auth().operator_principal("bench", "", ""));
  if (!org || org->empty()) return 1;
  const auto who = *app.auth().operator_principal("bench", org->front().header.id, "");
  const auto start = std::chrono::steady_clock::now();
  const auto imported = app.measurements().import_csv(who, "measurements.csv", content);
  if (!imported || !imported->ok()) {
    std::cerr << (imported ? imported->issues.front().describe() : imported.error().message) << '\n';
    return 1;
  }
  const auto& r = *imported->result;
  std::cout << "imported " << r.rows_written << " rows in " << r.batches_written << " batches in "
            << seconds_since(start) << " s" << (r.already_complete ? " (already complete)" : "")
            << '\n';
  return 0;
}

int run_verify(app::App& app) {
  const auto start = std::chrono::steady_clock::now();
  const auto report = app.journal().verify();
  if (!report || !report->ok) {
    std::cerr << (report ? report->problem : report.error().message) << '\n';
    return 1;
  }
  std::cout << "verified " << report->entries << " entries, " << report->records_checked
            << " records, " << report->bulk_rows_checked << " bulk rows in "
            << report->batches_checked << " batches in " << seconds_since(start) << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 2 ? argv[1] : "";
  if (!((mode == "seed" && argc == 6) || (mode == "import" && argc == 4) ||
        (mode == "verify" && argc == 3))) {
    std::cerr << "usage: bulk_bench seed DB_URL ORDINARY_RECORDS CSV_ROWS CSV_PATH\n"
                 "       bulk_bench import DB_URL CSV_PATH\n"
                 "       bulk_bench verify DB_URL\n";
    return 2;
  }
  auto store = store::Store::open({.url = argv[2], .declared_tables = app::declared_tables()});
  if (!store) {
    std::cerr << store.error().message << '\n';
    return 1;
  }
  app::SystemClock clock;
  app::UuidV7Source ids;
  app::App app(**store, clock, ids, {.password_cost = app::PasswordCost::minimal});
  if (mode == "import") return run_import(app, argv[3]);
  if (mode == "verify") return run_verify(app);

  const long ordinary = std::atol(argv[3]);
  const long rows = std::atol(argv[4]);
  auto op = *app.auth().operator_principal("bench", "", "");
  auto boot = app.accounts().bootstrap(op, {"Bench Medical", "bench"},
                                       {"admin@bench.example", "Bench Admin",
                                        "bench password for tests", Role::admin});
  if (!boot) {
    std::cerr << boot.error().message << '\n';
    return 1;
  }
  op.org_id = boot->organization.header.id;
  const auto product = app.products().create(op, {.name = "Coronary stent"});
  if (!product) return 1;

  // Ordinary records with their journal entries, 10,000 per transaction.
  for (long done = 0; done < ordinary;) {
    const long n = std::min(10000L, ordinary - done);
    const auto written = (*store)->transaction([&](store::Tx& tx) -> Status {
      app::Recorder r(tx, op, clock.now());
      for (long i = 0; i < n; ++i) {
        Product p;
        p.name = "Product " + std::to_string(done + i);
        p.family = "bench";
        RL_CHECK(r.create(p, ids.next_id()));
      }
      return {};
    });
    if (!written) {
      std::cerr << written.error().message << '\n';
      return 1;
    }
    done += n;
  }

  std::ofstream out(argv[5], std::ios::binary);
  out << "product_id,lot,characteristic,value,unit,measured_at,station,operator\n";
  const char* characteristics[] = {"strut thickness", "outer diameter", "length", "recoil"};
  char line[256];
  for (long i = 0; i < rows; ++i) {
    const long minute = i / 60;
    std::snprintf(line, sizeof line,
                  "%s,LOT-%05ld,%s,%.4f,um,2026-%02ld-%02ldT%02ld:%02ld:%02ldZ,station %ld,op%ld\n",
                  product->header.id.c_str(), i / 2000, characteristics[i % 4],
                  80.0 + double(i % 1000) / 997.0, 1 + (minute / 44640) % 12,
                  1 + (minute / 1440) % 28, (minute / 60) % 24, minute % 60, i % 60, i % 7,
                  i % 13);
    out << line;
  }
  if (!out.flush()) return 1;
  std::cout << "seeded " << ordinary << " ordinary records; " << rows << " measurement rows in "
            << argv[5] << '\n';
  return 0;
}
