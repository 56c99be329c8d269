// Every journaled record type, for verification and export. A new record type is added here.
#pragma once

#include "core/accounts.hpp"
#include "core/product.hpp"

namespace riskloop::app {

// Calls f.template operator()<T>() for each journaled record type T.
template <class F>
void for_each_record_type(F&& f) {
  f.template operator()<Organization>();
  f.template operator()<User>();
  f.template operator()<Membership>();
  f.template operator()<ApiToken>();
  f.template operator()<Share>();
  f.template operator()<Product>();
}

}  // namespace riskloop::app
