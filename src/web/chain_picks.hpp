// The picks of existing items in the forms that add to the analysis chain (chain_forms.cpp reads
// them, analysis_tabs.cpp shows them).
#pragma once

#include "core/record.hpp"

namespace riskloop::web {

// The existing items a form adds to instead of describing new ones ("" = a new one): a
// situation to an existing hazard, a harm to an existing situation, a risk to an existing harm.
struct ChainPicks {
  Id existing_hazard;
  Id existing_situation;
  Id existing_harm;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("existing_hazard", s.existing_hazard);
    v("existing_situation", s.existing_situation);
    v("existing_harm", s.existing_harm);
  }
};

}  // namespace riskloop::web
