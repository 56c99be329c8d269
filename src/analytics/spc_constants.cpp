// c4, d2, d3: closed form, qcc 2.7's tables, or numerical integration of the range distribution.
#include "analytics/spc_constants.hpp"

#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/special_functions/erf.hpp>

namespace riskloop::analytics {
namespace {

// qcc 2.7 (R/utilities.R, .qcc.options): exp.R.unscaled (d2) for n = 2..25 and se.R.unscaled (d3)
// for n = 2..50.
constexpr std::array<double, 24> kQccD2{1.128, 1.693, 2.059, 2.326, 2.534, 2.704, 2.847, 2.970,
                                        3.078, 3.173, 3.258, 3.336, 3.407, 3.472, 3.532, 3.588,
                                        3.640, 3.689, 3.735, 3.778, 3.819, 3.858, 3.895, 3.931};
constexpr std::array<double, 49> kQccD3{
    0.8525033, 0.8883697, 0.8798108, 0.8640855, 0.8480442, 0.8332108, 0.8198378, 0.8078413,
    0.7970584, 0.7873230, 0.7784873, 0.7704257, 0.7630330, 0.7562217, 0.7499188, 0.7440627,
    0.7386021, 0.7334929, 0.7286980, 0.7241851, 0.7199267, 0.7158987, 0.7120802, 0.7084528,
    0.7050004, 0.7017086, 0.6985648, 0.6955576, 0.6926770, 0.6899137, 0.6872596, 0.6847074,
    0.6822502, 0.6798821, 0.6775973, 0.6753910, 0.6732584, 0.6711952, 0.6691976, 0.6672619,
    0.6653848, 0.6635632, 0.6617943, 0.6600754, 0.6584041, 0.6567780, 0.6551950, 0.6536532,
    0.6521506};

double phi(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * boost::math::constants::pi<double>()); }
double Phi(double x) { return 0.5 * boost::math::erfc(-x / std::sqrt(2.0)); }

// P(W > w) for the range of n standard normal values.
double range_survival(int n, double w) {
  using boost::math::quadrature::gauss_kronrod;
  auto f = [&](double x) {
    const double d = Phi(x + w) - Phi(x);
    return phi(x) * std::pow(d, n - 1);
  };
  // φ(x) < 1e-16 beyond |x| = 8.5.
  const double cdf = n * gauss_kronrod<double, 61>::integrate(f, -8.5, 8.5, 10, 1e-13);
  return std::max(0.0, 1.0 - cdf);
}

// {d2, d3} by integrating the range survival function over [0, upper].
std::pair<double, double> exact_d2_d3(int n) {
  static std::mutex mutex;
  static std::map<int, std::pair<double, double>> cache;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = cache.find(n); it != cache.end()) return it->second;
  }
  using boost::math::quadrature::gauss_kronrod;
  const double upper = 12.0 + 2.0 * std::sqrt(2.0 * std::log(static_cast<double>(n)));
  const double d2 = gauss_kronrod<double, 31>::integrate(
      [&](double w) { return range_survival(n, w); }, 0.0, upper, 10, 1e-12);
  const double m2 = gauss_kronrod<double, 31>::integrate(
      [&](double w) { return 2 * w * range_survival(n, w); }, 0.0, upper, 10, 1e-12);
  const std::pair<double, double> out{d2, std::sqrt(std::max(0.0, m2 - d2 * d2))};
  const std::lock_guard<std::mutex> lock(mutex);
  cache.emplace(n, out);
  return out;
}

Status check_n(int n, SpcConstants constants, std::size_t table_size, const char* name) {
  if (n < 2)
    return fail(ErrorCode::validation, "a subgroup needs at least 2 values", "size");
  if (constants == SpcConstants::qcc && static_cast<std::size_t>(n) > table_size + 1)
    return fail(ErrorCode::validation,
                std::string("qcc's ") + name + " table ends at n = " +
                    std::to_string(table_size + 1) + " (subgroup of " + std::to_string(n) +
                    "); use the exact constants",
                "size");
  if (n > 10000)
    return fail(ErrorCode::validation, "subgroups of more than 10000 values are not supported",
                "size");
  return {};
}

}  // namespace

double spc_c4(int n) {
  const double m = n;
  return std::sqrt(2.0 / (m - 1)) * std::exp(std::lgamma(m / 2) - std::lgamma((m - 1) / 2));
}

Result<double> spc_d2(int n, SpcConstants constants) {
  RL_CHECK(check_n(n, constants, kQccD2.size(), "d2"));
  if (constants == SpcConstants::qcc) return kQccD2[static_cast<std::size_t>(n - 2)];
  return exact_d2_d3(n).first;
}

Result<double> spc_d3(int n, SpcConstants constants) {
  RL_CHECK(check_n(n, constants, kQccD3.size(), "d3"));
  if (constants == SpcConstants::qcc) return kQccD3[static_cast<std::size_t>(n - 2)];
  return exact_d2_d3(n).second;
}

}  // namespace riskloop::analytics
