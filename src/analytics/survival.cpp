// Kaplan-Meier table and Weibull maximum likelihood with right censoring.
#include "analytics/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <boost/math/distributions/normal.hpp>

namespace riskloop::analytics {
namespace {

Status check_data(std::span<const Lifetime> data, double confidence) {
  if (data.empty()) return fail(ErrorCode::validation, "no lifetimes given", "data");
  if (!(confidence > 0 && confidence < 1))
    return fail(ErrorCode::validation, "the confidence level must be in (0, 1)", "confidence");
  for (std::size_t i = 0; i < data.size(); ++i)
    if (!(data[i].time > 0) || !std::isfinite(data[i].time))
      return fail(ErrorCode::validation, "a time must be a number > 0", "row " + std::to_string(i + 1));
  return {};
}

double z_of(double confidence) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + confidence / 2);
}

struct Step {
  double time;
  std::int64_t n_risk, d, censored;
  double survival, greenwood_sum;
};

std::vector<Step> km_steps(std::span<const Lifetime> data) {
  std::vector<Lifetime> sorted(data.begin(), data.end());
  std::sort(sorted.begin(), sorted.end(), [](const Lifetime& a, const Lifetime& b) { return a.time < b.time; });
  std::vector<Step> steps;
  auto at_risk = static_cast<std::int64_t>(sorted.size());
  double s = 1, g = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    const double t = sorted[i].time;
    std::int64_t d = 0, c = 0;
    std::size_t j = i;
    for (; j < sorted.size() && sorted[j].time == t; ++j) (sorted[j].failed ? d : c) += 1;
    if (d > 0) {
      s *= 1.0 - static_cast<double>(d) / static_cast<double>(at_risk);
      g += at_risk > d ? static_cast<double>(d) / (static_cast<double>(at_risk) * static_cast<double>(at_risk - d))
                       : std::numeric_limits<double>::infinity();
    }
    steps.push_back({t, at_risk, d, c, s, g});
    at_risk -= d + c;
    i = j;
  }
  return steps;
}

void fill_interval(KaplanMeierRow& r, double greenwood_sum, double z) {
  r.std_err = r.survival * std::sqrt(greenwood_sum);
  if (r.survival <= 0 || !std::isfinite(greenwood_sum)) {
    r.std_err = r.survival > 0 ? r.std_err : 0;
    r.lower = r.upper = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  const double se_log = std::sqrt(greenwood_sum);
  r.lower = r.survival * std::exp(-z * se_log);
  r.upper = std::min(1.0, r.survival * std::exp(z * se_log));
}

}  // namespace

Result<std::vector<KaplanMeierRow>> kaplan_meier(std::span<const Lifetime> data, double confidence) {
  RL_CHECK(check_data(data, confidence));
  const double z = z_of(confidence);
  std::vector<KaplanMeierRow> out;
  for (const Step& s : km_steps(data)) {
    KaplanMeierRow r{.time = s.time, .n_risk = s.n_risk, .n_event = s.d, .n_censored = s.censored,
                     .survival = s.survival};
    fill_interval(r, s.greenwood_sum, z);
    out.push_back(r);
  }
  return out;
}

Result<std::vector<KaplanMeierRow>> kaplan_meier_at(std::span<const Lifetime> data,
                                                    std::span<const double> times, double confidence) {
  RL_CHECK(check_data(data, confidence));
  const double z = z_of(confidence);
  const auto steps = km_steps(data);
  std::vector<KaplanMeierRow> out;
  for (std::size_t k = 0; k < times.size(); ++k) {
    const double t = times[k];
    if (!std::isfinite(t) || t < 0)
      return fail(ErrorCode::validation, "a time must be a finite number >= 0",
                  "time " + std::to_string(k + 1));
    KaplanMeierRow r{.time = t};
    double g = 0;
    for (const Step& s : steps) {
      if (s.time > t) break;
      r.survival = s.survival;
      g = s.greenwood_sum;
      r.n_event += s.d;
      r.n_censored += s.censored;
    }
    for (const Lifetime& l : data) r.n_risk += l.time >= t ? 1 : 0;
    fill_interval(r, g, z);
    out.push_back(r);
  }
  return out;
}

double WeibullFit::survival(double t) const { return std::exp(-std::pow(t / scale, shape)); }

double WeibullFit::life_quantile(double fraction) const {
  return scale * std::pow(-std::log1p(-fraction), 1.0 / shape);
}

Result<WeibullFit> weibull_fit(std::span<const Lifetime> data, double confidence) {
  RL_CHECK(check_data(data, confidence));
  std::vector<double> y;
  std::vector<double> failed_y;
  for (const Lifetime& l : data) {
    y.push_back(std::log(l.time));
    if (l.failed) failed_y.push_back(std::log(l.time));
  }
  if (failed_y.empty())
    return fail(ErrorCode::validation,
                "every observation is censored: a Weibull fit needs observed failures", "failed");
  if (failed_y.size() < 2)
    return fail(ErrorCode::validation, "a Weibull fit needs at least 2 failures (1 observed)",
                "failed");
  if (*std::max_element(failed_y.begin(), failed_y.end()) ==
      *std::min_element(failed_y.begin(), failed_y.end()))
    return fail(ErrorCode::validation,
                "all failures happened at one time: the Weibull likelihood has no finite maximum",
                "time");
  const std::size_t n = y.size();
  // ℓ, gradient and Hessian at (μ, τ = ln σ).
  struct Eval {
    double ll, g_mu, g_tau, h_mm, h_mt, h_tt;
  };
  auto eval = [&](double mu, double tau) {
    const double sigma = std::exp(tau);
    Eval e{0, 0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < n; ++i) {
      const double z = (y[i] - mu) / sigma;
      const double ez = std::exp(z);
      const double d = data[i].failed ? 1.0 : 0.0;
      e.ll += d * (-tau - y[i] + z) - ez;
      e.g_mu += (ez - d) / sigma;
      e.g_tau += -d - d * z + ez * z;
      e.h_mm += -ez / (sigma * sigma);
      e.h_mt += -(ez - d + ez * z) / sigma;
      e.h_tt += d * z - ez * z * z - ez * z;
    }
    return e;
  };
  // Start: mean and standard deviation of the log failure times (σ ≈ sd·√6/π).
  double mean = 0;
  for (double v : failed_y) mean += v;
  mean /= static_cast<double>(failed_y.size());
  double var = 0;
  for (double v : failed_y) var += (v - mean) * (v - mean);
  var /= static_cast<double>(failed_y.size() - 1);
  double mu = mean + 0.5;
  double tau = std::log(std::max(1e-3, std::sqrt(var) * std::sqrt(6.0) / 3.14159265358979));
  Eval cur = eval(mu, tau);
  int it = 0;
  bool converged = false;
  for (; it < 200; ++it) {
    // Newton step on −ℓ; fall back to gradient ascent when the Hessian is not negative definite.
    const double det = cur.h_mm * cur.h_tt - cur.h_mt * cur.h_mt;
    double dmu, dtau;
    if (cur.h_mm < 0 && det > 0) {
      dmu = -(cur.h_tt * cur.g_mu - cur.h_mt * cur.g_tau) / det;
      dtau = -(-cur.h_mt * cur.g_mu + cur.h_mm * cur.g_tau) / det;
    } else {
      dmu = 0.1 * cur.g_mu;
      dtau = 0.1 * cur.g_tau;
    }
    const double len = std::hypot(dmu, dtau);
    if (len > 2) {
      dmu *= 2 / len;
      dtau *= 2 / len;
    }
    double step = 1;
    Eval next{};
    for (int h = 0; h < 60; ++h, step /= 2) {
      next = eval(mu + step * dmu, tau + step * dtau);
      if (std::isfinite(next.ll) && next.ll >= cur.ll - 1e-12 * std::abs(cur.ll)) break;
    }
    mu += step * dmu;
    tau += step * dtau;
    const double change = std::abs(next.ll - cur.ll);
    cur = next;
    if (std::hypot(step * dmu, step * dtau) < 1e-12 ||
        (change < 1e-14 * std::max(1.0, std::abs(cur.ll)) && std::hypot(cur.g_mu, cur.g_tau) < 1e-8)) {
      converged = true;
      ++it;
      break;
    }
  }
  if (!converged || !std::isfinite(cur.ll))
    return fail(ErrorCode::internal, "the Weibull fit did not converge in 200 Newton steps");
  const double det = cur.h_mm * cur.h_tt - cur.h_mt * cur.h_mt;  // of the Hessian = det of info
  if (!(det > 0) || !(cur.h_mm < 0))
    return fail(ErrorCode::validation,
                "the Weibull likelihood is flat at its maximum: the data do not determine shape "
                "and scale",
                "data");
  WeibullFit f;
  f.intercept = mu;
  f.log_sigma = tau;
  f.shape = std::exp(-tau);
  f.scale = std::exp(mu);
  // Covariance = (−H)⁻¹.
  f.se_intercept = std::sqrt(-cur.h_tt / det);
  f.se_log_sigma = std::sqrt(-cur.h_mm / det);
  f.cov_intercept_log_sigma = cur.h_mt / det;
  f.loglik = cur.ll;
  const double z = z_of(confidence);
  f.shape_lower = std::exp(-tau - z * f.se_log_sigma);
  f.shape_upper = std::exp(-tau + z * f.se_log_sigma);
  f.scale_lower = std::exp(mu - z * f.se_intercept);
  f.scale_upper = std::exp(mu + z * f.se_intercept);
  f.n = static_cast<std::int64_t>(n);
  f.failures = static_cast<std::int64_t>(failed_y.size());
  f.iterations = it;
  return f;
}

}  // namespace riskloop::analytics
