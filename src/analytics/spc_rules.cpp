// Nelson's eight run rules over a standardised series.
#include "analytics/spc_rules.hpp"

#include <cmath>
#include <string>

namespace riskloop::analytics {
namespace {

// Marks i (1-based) when the window of `len` points ending at i satisfies `ok(first, last)`.
template <class Ok>
void windows(std::size_t n, std::size_t len, std::vector<std::size_t>& out, Ok ok) {
  for (std::size_t end = len; end <= n; ++end)
    if (ok(end - len, end)) out.push_back(end);
}

}  // namespace

Result<NelsonViolations> nelson_rules(std::span<const double> values, double center, double sigma) {
  if (!(sigma > 0) || !std::isfinite(sigma) || !std::isfinite(center))
    return fail(ErrorCode::validation, "sigma must be a number > 0 and the centre finite", "sigma");
  std::vector<double> z(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]))
      return fail(ErrorCode::validation, "values must be finite numbers",
                  "point " + std::to_string(i + 1));
    z[i] = (values[i] - center) / sigma;
  }
  const std::size_t n = z.size();
  auto count = [&](std::size_t b, std::size_t e, auto pred) {
    std::size_t c = 0;
    for (std::size_t i = b; i < e; ++i) c += pred(z[i]) ? 1 : 0;
    return c;
  };
  auto sign = [](double d) { return d > 0 ? 1 : (d < 0 ? -1 : 0); };
  NelsonViolations v;
  windows(n, 1, v[0], [&](std::size_t b, std::size_t) { return std::abs(z[b]) > 3; });
  windows(n, 9, v[1], [&](std::size_t b, std::size_t e) {
    return count(b, e, [](double x) { return x > 0; }) == 9 ||
           count(b, e, [](double x) { return x < 0; }) == 9;
  });
  windows(n, 6, v[2], [&](std::size_t b, std::size_t e) {
    const int s = sign(z[b + 1] - z[b]);
    if (s == 0) return false;
    for (std::size_t i = b + 1; i < e; ++i)
      if (sign(z[i] - z[i - 1]) != s) return false;
    return true;
  });
  windows(n, 14, v[3], [&](std::size_t b, std::size_t e) {
    int prev = 0;
    for (std::size_t i = b + 1; i < e; ++i) {
      const int s = sign(z[i] - z[i - 1]);
      if (s == 0 || s == prev) return false;
      prev = s;
    }
    return true;
  });
  windows(n, 3, v[4], [&](std::size_t b, std::size_t e) {
    return count(b, e, [](double x) { return x > 2; }) >= 2 ||
           count(b, e, [](double x) { return x < -2; }) >= 2;
  });
  windows(n, 5, v[5], [&](std::size_t b, std::size_t e) {
    return count(b, e, [](double x) { return x > 1; }) >= 4 ||
           count(b, e, [](double x) { return x < -1; }) >= 4;
  });
  windows(n, 15, v[6], [&](std::size_t b, std::size_t e) {
    return count(b, e, [](double x) { return std::abs(x) < 1; }) == 15;
  });
  windows(n, 8, v[7], [&](std::size_t b, std::size_t e) {
    return count(b, e, [](double x) { return std::abs(x) > 1; }) == 8;
  });
  return v;
}

}  // namespace riskloop::analytics
