// What every use case needs: the store, time, identifiers and the options.
#pragma once

#include <chrono>

#include "core/time.hpp"
#include "formats/report/rmr_pdf.hpp"
#include "store/store.hpp"

namespace riskloop::app {

enum class PasswordCost {
  interactive,  // libsodium's interactive limits (64 MiB, ~0.1 s): production
  minimal,      // the smallest libsodium allows: tests and demos only
};

struct AppOptions {
  PasswordCost password_cost = PasswordCost::interactive;
  std::chrono::minutes session_idle_timeout{30};
  std::chrono::minutes session_max_age{12 * 60};
  int max_failures_per_account = 5;    // within failure_window, then locked
  int max_failures_per_address = 20;   // within failure_window, then locked
  std::chrono::minutes failure_window{15};
  std::chrono::minutes lockout{15};
  int max_page_size = 500;
  // Idempotency-Key answers (app/idempotency.hpp): how long a finished answer is replayed; how
  // long an in-progress claim holds its key before another request may take it over (longer
  // than any request runs: a node that died mid-request leaves one behind); how often a node
  // purges expired rows.
  std::chrono::hours idempotency_retention{24};
  std::chrono::minutes idempotency_lease{10};
  std::chrono::minutes idempotency_purge_interval{1};
  // Fonts and compression of the PDF risk management report (RISKLOOP_FONT_DIR sets the DejaVu
  // folder, RISKLOOP_CJK_FONT_DIR the Noto Sans CJK one).
  formats::RmrPdfOptions report_pdf;
};

struct AppContext {
  store::Store& store;
  const Clock& clock;
  IdSource& ids;
  AppOptions options;
};

}  // namespace riskloop::app
