// minizip over a memory buffer: the I/O callbacks read from a view instead of a file.
#include "formats/xlsx/zip_archive_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <unzip.h>

#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {
namespace {

struct MemoryFile {
  std::string_view data;
  ZPOS64_T position = 0;
};

voidpf ZCALLBACK open_memory(voidpf opaque, const void* /*name*/, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ) return nullptr;
  static_cast<MemoryFile*>(opaque)->position = 0;
  return opaque;
}

uLong ZCALLBACK read_memory(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  if (f->position >= f->data.size()) return 0;
  const auto available = f->data.size() - f->position;
  const auto n = static_cast<uLong>(std::min<ZPOS64_T>(size, available));
  std::memcpy(buf, f->data.data() + f->position, n);
  f->position += n;
  return n;
}

uLong ZCALLBACK write_memory(voidpf, voidpf, const void*, uLong) {
  return 0;
}

ZPOS64_T ZCALLBACK tell_memory(voidpf /*opaque*/, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->position;
}

long ZCALLBACK seek_memory(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = f->position;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = f->data.size();
      break;
    default:
      return -1;
  }
  if (offset > f->data.size() || base > f->data.size() - offset) return -1;
  f->position = base + offset;
  return 0;
}

int ZCALLBACK close_memory(voidpf, voidpf) {
  return 0;
}
int ZCALLBACK error_memory(voidpf, voidpf) {
  return 0;
}

// Deflate inflates at most about 1032 bytes per compressed byte: a declared size beyond that is
// a lie and must not size an allocation.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

}  // namespace

struct ZipArchiveReader::State {
  MemoryFile file;
  unzFile zip = nullptr;
  std::size_t inflated_left = 0;
  ~State() {
    if (zip) unzClose(zip);
  }
};

ZipArchiveReader::ZipArchiveReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
ZipArchiveReader::ZipArchiveReader(ZipArchiveReader&&) noexcept = default;
ZipArchiveReader& ZipArchiveReader::operator=(ZipArchiveReader&&) noexcept = default;
ZipArchiveReader::~ZipArchiveReader() = default;

Result<ZipArchiveReader> ZipArchiveReader::open(std::string_view bytes,
                                                std::size_t max_inflated_bytes) {
  auto state = std::make_unique<State>();
  state->file.data = bytes;
  state->inflated_left = max_inflated_bytes;
  zlib_filefunc64_def io{};
  io.zopen64_file = open_memory;
  io.zread_file = read_memory;
  io.zwrite_file = write_memory;
  io.ztell64_file = tell_memory;
  io.zseek64_file = seek_memory;
  io.zclose_file = close_memory;
  io.zerror_file = error_memory;
  io.opaque = &state->file;
  state->zip = unzOpen2_64("memory", &io);
  if (!state->zip) return fail(ErrorCode::malformed, "is not an XLSX file (not a ZIP archive)");
  return ZipArchiveReader(std::move(state));
}

Result<std::optional<std::string>> ZipArchiveReader::read(std::string_view name,
                                                          std::size_t max_bytes) {
  const std::string member(name);
  const int case_insensitive = 2;
  if (unzLocateFile(state_->zip, member.c_str(), case_insensitive) != UNZ_OK)
    return std::optional<std::string>();
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(state_->zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
    return fail(ErrorCode::malformed, "cannot read the ZIP entry of " + member);
  // The tighter of the two caps, and the error that names it.
  const bool archive_cap = state_->inflated_left < max_bytes;
  const std::size_t cap = archive_cap ? state_->inflated_left : max_bytes;
  const auto too_large = [&] {
    return fail(ErrorCode::too_large,
                archive_cap ? member + ": the archive inflates to more than an import reads (" +
                                  grouped_number(cap) + " bytes were left of the cap for all parts)"
                            : member + " is larger than " + grouped_number(max_bytes) +
                                  " bytes uncompressed, the most an import reads of one part");
  };
  if (info.uncompressed_size > cap) return too_large();
  if (unzOpenCurrentFile(state_->zip) != UNZ_OK)
    return fail(ErrorCode::malformed, "cannot open " + member + " in the archive");

  std::string out;
  out.reserve(static_cast<std::size_t>(
      std::min<std::uint64_t>(info.uncompressed_size,
                              std::min<std::uint64_t>(info.compressed_size, state_->file.data.size()) *
                                      kMaxDeflateRatio +
                                  sizeof(std::uint64_t))));
  char buffer[65536];
  while (true) {
    const int n = unzReadCurrentFile(state_->zip, buffer, sizeof buffer);
    if (n < 0) {
      unzCloseCurrentFile(state_->zip);
      return fail(ErrorCode::malformed, "cannot inflate " + member);
    }
    if (n == 0) break;
    // The declared size may lie; the cap holds for what is actually inflated.
    if (out.size() + static_cast<std::size_t>(n) > cap) {
      unzCloseCurrentFile(state_->zip);
      return too_large();
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  state_->inflated_left -= out.size();
  if (unzCloseCurrentFile(state_->zip) != UNZ_OK)
    return fail(ErrorCode::malformed, member + " fails its checksum");
  return std::optional<std::string>(std::move(out));
}

}  // namespace riskloop::formats
