// A web UI page rendered from templates parsed once at start-up, against the same page parsed at
// every render (how it was done before: the page template, the layout and every partial parsed
// per request). Same data, same output (tests/integration/web_templates_test.cpp checks that).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/integration/reparse_renderer.hpp"
#include "web/templates.hpp"

namespace {

using namespace riskloop;

// A products list page with 50 rows (the page size of the UI's tables) and its pager.
web::Data products_page() {
  web::Data d;
  d.set("title", "Products");
  d.set("csrf", "0123456789abcdef0123456789abcdef");
  d.set("user_name", "Ann Example");
  d.set("org_name", "Example Devices");
  web::List items;
  for (int i = 0; i < 50; ++i) {
    web::Data item;
    item.set("id", "0197a1b2-c3d4-7e5f-8a9b-" + std::to_string(100000000000 + i));
    item.set("name", "Coronary stent model " + std::to_string(i));
    item.set("family", "Coronary stents");
    item.set("model", "CS-" + std::to_string(i));
    items.push_back(item);
  }
  d.set("items", items);
  d.set("products", items);
  d.set("can_write_products", web::flag(true));  // with the new-product form and its partials
  return d;
}

void BM_PageParsedOnce(benchmark::State& state) {
  const auto data = products_page();
  if (!web::check_templates()) state.SkipWithError("templates do not parse");
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto html = web::render_in_layout("products", data);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PageParsedOnce)->Unit(benchmark::kMicrosecond);

void BM_PageParsedEveryRender(benchmark::State& state) {
  const auto data = products_page();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto html = testing::render_page_reparsing("products", data);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PageParsedEveryRender)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpu, line))
    if (line.rfind("model name", 0) == 0) break;
  std::printf("page render: products page, 50 rows, new-product form, layout and partials; %s\n", line.c_str());
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
