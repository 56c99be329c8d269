// Rules for product fields.
#include "core/product.hpp"

#include "core/text_rules.hpp"

namespace riskloop {

Status validate(const ProductInput& in) {
  RL_CHECK(check_text("/name", in.name, {.min_length = 1, .max_length = 200}));
  RL_CHECK(check_text("/family", in.family, {.max_length = 200}));
  RL_CHECK(check_text("/model", in.model, {.max_length = 100}));
  RL_CHECK(check_text("/description", in.description, {.max_length = 10000, .multiline = true}));
  return {};
}

}  // namespace riskloop
