// Dense linear systems for the Markov-chain ARL computations (internal to analytics): Gaussian
// elimination with partial pivoting, in the precision of T.
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace riskloop::analytics::detail {

// Solves A·x = b for a row-major n×n matrix `a`; nullopt when A is singular to working precision.
template <class T>
std::optional<std::vector<T>> solve_dense(std::vector<T> a, std::vector<T> b) {
  const std::size_t n = b.size();
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < n; ++r)
      if (std::abs(a[r * n + col]) > std::abs(a[pivot * n + col])) pivot = r;
    if (a[pivot * n + col] == T(0)) return std::nullopt;
    if (pivot != col) {
      for (std::size_t c = 0; c < n; ++c) std::swap(a[col * n + c], a[pivot * n + c]);
      std::swap(b[col], b[pivot]);
    }
    const T diag = a[col * n + col];
    for (std::size_t r = col + 1; r < n; ++r) {
      const T f = a[r * n + col] / diag;
      if (f == T(0)) continue;
      for (std::size_t c = col; c < n; ++c) a[r * n + c] -= f * a[col * n + c];
      b[r] -= f * b[col];
    }
  }
  std::vector<T> x(n);
  for (std::size_t i = n; i-- > 0;) {
    T s = b[i];
    for (std::size_t c = i + 1; c < n; ++c) s -= a[i * n + c] * x[c];
    x[i] = s / a[i * n + i];
  }
  return x;
}

}  // namespace riskloop::analytics::detail
