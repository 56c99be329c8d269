// Journaled product writes with full durability (WAL, synchronous=FULL), one writer and many
// (group commit); point reads; verification of the whole journal. Target: >= 2,000 writes/s.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <thread>

#include "app/record_types.hpp"
#include "app/app.hpp"

namespace {

using namespace riskloop;

struct Bench {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  app::SystemClock clock;
  app::UuidV7Source ids;
  std::unique_ptr<app::App> app;
  app::Principal op;

  Bench() {
    dir = std::filesystem::temp_directory_path() / ("riskloop-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = std::move(*store::Store::open({.url = "sqlite:" + (dir / "bench.db").string(), .declared_tables = app::declared_tables()}));
    app = std::make_unique<app::App>(*store, clock, ids,
                                     app::AppOptions{.password_cost = app::PasswordCost::minimal});
    op = *app->auth().operator_principal("bench", "", "");
    auto boot = app->accounts().bootstrap(
        op, {"Bench", "bench"}, {"bench@example.org", "Bench", "bench-password-123", Role::admin});
    op.org_id = boot->organization.header.id;
  }
  ~Bench() {
    app.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

Bench& bench() {
  static Bench b;
  return b;
}

const ProductInput kInput{"Drug-eluting coronary stent system", "Coronary stents", "DES-3.0x18",
                          "Cobalt-chromium platform, biodegradable polymer, sirolimus"};

// Each thread writes products one at a time; with several threads, concurrent writes share commits.
void BM_JournaledProductWrite(benchmark::State& state) {
  auto& b = bench();
  for (auto _ : state) {
    auto p = b.app->products().create(b.op, kInput);
    if (!p) state.SkipWithError(p.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JournaledProductWrite)->Threads(1)->Threads(8)->Threads(32)->UseRealTime()->MinTime(2.0);

void BM_ProductRead(benchmark::State& state) {
  auto& b = bench();
  const auto p = b.app->products().create(b.op, kInput);
  for (auto _ : state) benchmark::DoNotOptimize(b.app->products().get(b.op, p->header.id));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProductRead)->Threads(1)->Threads(2)->UseRealTime();

void BM_VerifyJournal(benchmark::State& state) {
  auto& b = bench();
  std::int64_t entries = 0;
  for (auto _ : state) {
    const auto r = b.app->journal().verify();
    if (!r || !r->ok) state.SkipWithError("verify failed");
    entries = r->entries;
  }
  state.counters["entries"] = double(entries);
  state.SetItemsProcessed(state.iterations() * entries);
}
BENCHMARK(BM_VerifyJournal)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
