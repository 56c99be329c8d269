// UDI parsing throughput. Target (issue "Implant registry, UDI and recall scope"): at least
// 2 million strings per second per core. Prints strings per second (items_per_second) for a
// mix of 10,000 distinct strings of each form: GS1 human-readable, GS1 raw with group
// separators, HIBCC combined; and for each form alone. Single thread.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "formats/udi/udi.hpp"

namespace {

using namespace riskloop::udi;

std::string digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += char('0' + rng() % 10);
  return s;
}

std::string alnum(std::mt19937_64& rng, int n) {
  static constexpr std::string_view kChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string s;
  for (int i = 0; i < n; ++i) s += kChars[rng() % kChars.size()];
  return s;
}

std::string gtin(std::mt19937_64& rng) {
  std::string g = "0" + digits(rng, 12);
  return g + char('0' + gs1_check_digit(g));
}

std::string yymmdd(std::mt19937_64& rng) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", int(26 + rng() % 10), int(1 + rng() % 12),
                int(rng() % 29));
  return buf;
}

enum class Form { human_readable, raw, hibcc };

std::vector<std::string> strings(Form form, int n) {
  std::mt19937_64 rng(14971 + int(form));
  std::vector<std::string> out;
  out.reserve(std::size_t(n));
  for (int i = 0; i < n; ++i) {
    const std::string lot = alnum(rng, 4 + int(rng() % 8)),
                      serial = alnum(rng, 6 + int(rng() % 10));
    switch (form) {
      case Form::human_readable:
        out.push_back("(01)" + gtin(rng) + "(11)" + yymmdd(rng) + "(17)" + yymmdd(rng) + "(10)" +
                      lot + "(21)" + serial);
        break;
      case Form::raw:
        out.push_back("]d201" + gtin(rng) + "11" + yymmdd(rng) + "17" + yymmdd(rng) + "10" + lot +
                      '\x1d' + "21" + serial);
        break;
      case Form::hibcc: {
        std::string s = "+H" + alnum(rng, 3) + alnum(rng, 8) + char('0' + rng() % 10) + "/$$3" +
                        yymmdd(rng).substr(0, 4) + "15" + lot;
        out.push_back(s + *hibcc_check_character(s));
        break;
      }
    }
  }
  return out;
}

void run(benchmark::State& state, const std::vector<std::string>& inputs) {
  const ParseOptions options{.reference_year = 2026};
  // Every input must parse: a benchmark of errors would measure something else.
  for (const auto& s : inputs)
    if (!parse(s, options)) {
      state.SkipWithError(
          ("does not parse: " + s + ": " + parse(s, options).error().message()).c_str());
      return;
    }
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = parse(inputs[i], options);
    benchmark::DoNotOptimize(r);
    if (++i == inputs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ParseGs1HumanReadable(benchmark::State& state) {
  static const auto inputs = strings(Form::human_readable, 10000);
  run(state, inputs);
}
BENCHMARK(BM_ParseGs1HumanReadable);

void BM_ParseGs1Raw(benchmark::State& state) {
  static const auto inputs = strings(Form::raw, 10000);
  run(state, inputs);
}
BENCHMARK(BM_ParseGs1Raw);

void BM_ParseHibcc(benchmark::State& state) {
  static const auto inputs = strings(Form::hibcc, 10000);
  run(state, inputs);
}
BENCHMARK(BM_ParseHibcc);

void BM_ParseMixed(benchmark::State& state) {
  static const auto inputs = [] {
    std::vector<std::string> all;
    for (auto f : {Form::human_readable, Form::raw, Form::hibcc})
      for (auto& s : strings(f, 10000)) all.push_back(std::move(s));
    std::shuffle(all.begin(), all.end(), std::mt19937_64(7));
    return all;
  }();
  run(state, inputs);
}
BENCHMARK(BM_ParseMixed);

}  // namespace

BENCHMARK_MAIN();
