// HTML to PDF through headless Chromium's print-to-pdf (the browser the UI tests use anyway):
// A4, CSS page rules honoured, no header or footer of its own.
#pragma once

#include <string>

#include "core/error.hpp"

namespace riskloop::app {

struct PdfOptions {
  std::string chromium = "chromium";  // RISKLOOP_CHROMIUM overrides
  int timeout_seconds = 60;
};

Result<std::string> print_pdf(const std::string& html, const PdfOptions& options = {});

}  // namespace riskloop::app
