// Runs Chromium in a private temporary directory and reads back the PDF it prints.
#include "app/pdf_printer.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace riskloop::app {

namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "riskloop-pdf-XXXXXX").string();
    if (::mkdtemp(tmpl.data())) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

}  // namespace

Result<std::string> print_pdf(const std::string& html, const PdfOptions& options) {
  TempDir dir;
  if (dir.path.empty()) return fail(ErrorCode::internal, "cannot create a temporary directory");
  const auto input = dir.path / "report.html";
  const auto output = dir.path / "report.pdf";
  {
    std::ofstream out(input, std::ios::binary);
    out << html;
    if (!out) return fail(ErrorCode::internal, "cannot write the report for printing");
  }
  const char* env = std::getenv("RISKLOOP_CHROMIUM");
  const std::string chromium = env && *env ? env : options.chromium;
  std::vector<std::string> args = {
      chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-pdf-header-footer",
      "--user-data-dir=" + (dir.path / "profile").string(),
      "--print-to-pdf=" + output.string(), "file://" + input.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) return fail(ErrorCode::internal, "cannot start the PDF printer");
  if (pid == 0) {
    // Chromium is chatty on stderr; its output is not ours to show.
    if (FILE* devnull = std::fopen("/dev/null", "w")) {
      ::dup2(fileno(devnull), STDOUT_FILENO);
      ::dup2(fileno(devnull), STDERR_FILENO);
    }
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return fail(ErrorCode::internal, "the PDF printer took longer than " +
                                           std::to_string(options.timeout_seconds) + " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return fail(ErrorCode::internal, "cannot run " + chromium + " to print PDF (is chromium installed?)");
  std::ifstream in(output, std::ios::binary);
  if (!in) return fail(ErrorCode::internal, "the PDF printer produced no file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (bytes.str().rfind("%PDF", 0) != 0) return fail(ErrorCode::internal, "the PDF printer produced no PDF");
  return bytes.str();
}

}  // namespace riskloop::app
