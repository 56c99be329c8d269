// The Boost.Math policy of the analytics kernels: double precision throughout (no promotion to
// long double, which is slower and not needed at the stated tolerances), errors as exceptions
// (programmer errors only: the kernels validate their input first).
#pragma once

#include <boost/math/policies/policy.hpp>

namespace riskloop::analytics {

using math_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>,
                                                   boost::math::policies::promote_float<false>>;

}  // namespace riskloop::analytics
