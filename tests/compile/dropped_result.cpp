// Compiled by CTest, never linked: without RISKLOOP_DROP it must compile; with it, each dropped
// Result or Status below must be a compile error (core/error.hpp marks the types [[nodiscard]]).
#include <functional>

#include "core/error.hpp"

namespace riskloop {

Status save();
Result<int> count();

struct Port {
  virtual ~Port() = default;
  virtual Status write() = 0;
};

inline Status use(Port& port) {
  const std::function<Status()> later = [] { return save(); };
  auto inline_check = []() -> Result<int> { return 1; };
#ifdef RISKLOOP_DROP
  save();            // a plain function
  count();           // Result<T>
  port.write();      // a virtual member
  later();           // through std::function
  inline_check();    // a lambda
#else
  RL_CHECK(save());
  RL_CHECK(count());
  RL_CHECK(port.write());
  RL_CHECK(later());
  RL_CHECK(inline_check());
#endif
  return {};
}

}  // namespace riskloop
