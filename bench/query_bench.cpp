// Keyset pages from a large declared table: a page of 50 rows with one filter, first and deep in
// the table, as a person paging a registry-sized list would ask for it.
//
//   query_bench [ROWS] [STORE_URL]      defaults: 5,000,000 rows, a new SQLite file in the temporary folder
//
// Prints the scale, the machine, and p50/p99/max of each kind of page over 2,000 requests.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>

#include "core/accounts.hpp"
#include "store/store.hpp"

namespace riskloop {

inline constexpr IndexDecl kReadingIndexes[] = {{.first = "lot", .second = "measured_at"},
                                                {.first = "measured_at"}};
inline constexpr std::string_view kReadingColumns[] = {"lot", "measured_at", "value"};

// A manufacturing measurement, the shape of the bulk tables to come.
struct Reading {
  static constexpr std::string_view entity = "bench_reading";
  static constexpr std::string_view table = "bench_readings";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{.path = "bench-readings",
                                                 .title = "reading",
                                                 .plural = "readings",
                                                 .indexes = kReadingIndexes,
                                                 .list_columns = kReadingColumns};
  RecordHeader header;
  std::string lot;
  std::string characteristic;
  Timestamp measured_at{};
  double value = 0;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("lot", s.lot);
    v("characteristic", s.characteristic);
    v("measured_at", s.measured_at);
    v("value", s.value);
  }
};

}  // namespace riskloop

using namespace riskloop;
using Stopwatch = std::chrono::steady_clock;

namespace {

constexpr int kLots = 1000;
constexpr int kRequests = 2000;

std::string lot_name(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "L%05d", i);
  return buf;
}

std::string row_id(std::int64_t i) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "r%012lld", static_cast<long long>(i));
  return buf;
}

Timestamp time_of(std::int64_t i) {
  return Timestamp{std::chrono::milliseconds{1'750'000'000'000LL + i * 1000}};
}

void fill(store::Store& s, std::int64_t rows) {
  const auto start = Stopwatch::now();
  constexpr std::int64_t kChunk = 50'000;
  for (std::int64_t first = 0; first < rows; first += kChunk) {
    const auto st = s.transaction([&](store::Tx& tx) -> Status {
      if (first == 0) {
        Organization o;
        o.header.id = "org-bench";
        o.name = "Bench";
        o.slug = "bench";
        RL_CHECK(tx.insert(o));
      }
      Reading r;
      r.header.org_id = "org-bench";
      r.characteristic = "strut thickness";
      for (std::int64_t i = first; i < std::min(rows, first + kChunk); ++i) {
        r.header.id = row_id(i);
        r.lot = lot_name(int(i % kLots));
        r.measured_at = time_of(i);
        r.value = 80.0 + double(i % 97) / 10;
        RL_CHECK(tx.insert(r));
      }
      return {};
    });
    if (!st) {
      std::fprintf(stderr, "fill failed: %s\n", st.error().message.c_str());
      std::exit(1);
    }
  }
  std::printf("filled %lld rows in %.1f s\n", static_cast<long long>(rows),
              std::chrono::duration<double>(Stopwatch::now() - start).count());
}

struct Figures {
  double p50 = 0, p99 = 0, max = 0;
};

Figures measure(const char* what, const std::function<void()>& request) {
  std::vector<double> ms;
  ms.reserve(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    const auto t = Stopwatch::now();
    request();
    ms.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - t).count());
  }
  std::sort(ms.begin(), ms.end());
  const Figures f{ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back()};
  std::printf("%-44s p50 %6.3f ms   p99 %6.3f ms   max %6.3f ms\n", what, f.p50, f.p99, f.max);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t rows = argc > 1 ? std::atoll(argv[1]) : 5'000'000;
  std::string url = argc > 2 ? argv[2] : "";
  const auto dir = std::filesystem::temp_directory_path() / "riskloop-query-bench";
  if (url.empty()) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    url = "sqlite:" + (dir / "bench.db").string();
  }
  std::printf("# query_bench: %lld rows, %d lots, page of 50, %u cores, load %s\n",
              static_cast<long long>(rows), kLots, std::thread::hardware_concurrency(),
              [] {
                std::ifstream in("/proc/loadavg");
                std::string a, b, c;
                in >> a >> b >> c;
                return a + " " + b + " " + c;
              }()
                  .c_str());
  auto opened = store::Store::open({.url = url, .declared_tables = {store::table_schema<Reading>()}});
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  auto& s = **opened;
  std::printf("engine: %s\n", s.kind().c_str());
  fill(s, rows);

  std::mt19937_64 rng(42);
  const Id org = "org-bench";
  std::size_t got = 0;
  const auto page = [&](const store::Query& q) {
    const auto st = s.read([&](store::Tx& tx) -> Status {
      got += RL_TRY(tx.find<Reading>(org, q)).items.size();
      return {};
    });
    if (!st) {
      std::fprintf(stderr, "query failed: %s\n", st.error().message.c_str());
      std::exit(1);
    }
  };
  measure("first page, lot = X, by time", [&] {
    page({.where = {{"lot", store::Match::equal, {lot_name(int(rng() % kLots))}}},
          .order = {"measured_at"},
          .limit = 50});
  });
  measure("deep page, lot = X, by time, after a cursor", [&] {
    const std::int64_t at = std::int64_t(rng() % std::uint64_t(rows));
    page({.where = {{"lot", store::Match::equal, {lot_name(int(at % kLots))}}},
          .order = {"measured_at"},
          .after = store::Cursor{format_timestamp(time_of(at)), row_id(at)},
          .limit = 50});
  });
  measure("deep page, time >= T, by time, descending", [&] {
    const std::int64_t at = std::int64_t(rng() % std::uint64_t(rows));
    page({.where = {{"measured_at", store::Match::greater_or_equal, {format_timestamp(time_of(at))}}},
          .order = {"measured_at", true},
          .limit = 50});
  });
  std::printf("rows read: %zu\n", got);
  opened->reset();
  if (argc <= 2) std::filesystem::remove_all(dir);
  return 0;
}
