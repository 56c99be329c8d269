// POSIX file handling for backup and restore.
#include "cli/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace riskloop::cli {
namespace {

// Owns one file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  bool ok() const { return fd_ >= 0; }
  // Closes now, reporting the error close() may give (deferred write errors on some systems).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

tl::unexpected<Error> io_error(const std::string& what, const std::string& path) {
  return fail(ErrorCode::storage, what + " " + path + ": " + std::strerror(errno));
}

std::string folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

Status sync_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.ok()) return io_error("cannot open", path);
  if (::fsync(fd.get()) != 0) return io_error("cannot flush", path);
  return {};
}

Result<std::string> copy_beside(const std::string& source, const std::string& target) {
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in.ok()) return io_error("cannot open", source);
  std::string name = target + ".restore-XXXXXX";
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  Fd out(::mkostemp(buffer.data(), O_CLOEXEC));
  name = buffer.data();
  if (!out.ok()) return io_error("cannot create", name);

  const auto abandon = [&](const char* what, const std::string& path) {
    auto error = io_error(what, path);
    ::unlink(name.c_str());
    return error;
  };
  std::vector<char> chunk(1 << 20);
  for (;;) {
    const ssize_t n = ::read(in.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return abandon("cannot read", source);
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(out.get(), chunk.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return abandon("cannot write", name);
      done += w;
    }
  }
  if (::fsync(out.get()) != 0) return abandon("cannot flush", name);
  if (!out.close()) return abandon("cannot close", name);
  return name;
}

Status replace_durably(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return io_error("cannot rename " + from + " to", to);
  const std::string folder = folder_of(to);
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir.ok()) return io_error("cannot open folder", folder);
  if (::fsync(dir.get()) != 0) return io_error("cannot flush folder", folder);
  return {};
}

Status remove_if_exists(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return io_error("cannot remove", path);
  return {};
}

std::uintmax_t size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

Result<bool> sqlite_database_in_use(const std::string& path) {
  const std::string shm = path + "-shm";
  Fd fd(::open(shm.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.ok()) {
    if (errno == ENOENT) return false;  // no shared memory: no connection in WAL mode
    return io_error("cannot open", shm);
  }
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = 128;  // UNIX_SHM_DMS in SQLite's os_unix.c
  probe.l_len = 1;
  if (::fcntl(fd.get(), F_GETLK, &probe) != 0) return io_error("cannot query locks of", shm);
  return probe.l_type != F_UNLCK;
}

}  // namespace riskloop::cli
