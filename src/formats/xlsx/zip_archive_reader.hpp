// Reading members of a ZIP archive held in memory (minizip with in-memory I/O), with a size cap
// per member against decompression bombs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace riskloop::formats {

class ZipArchiveReader {
 public:
  // Opens the archive in `bytes`, which must outlive the reader. Fails (malformed) when the bytes
  // are not a ZIP archive.
  [[nodiscard]] static Result<ZipArchiveReader> open(std::string_view bytes);

  ZipArchiveReader(ZipArchiveReader&&) noexcept;
  ZipArchiveReader& operator=(ZipArchiveReader&&) noexcept;
  ~ZipArchiveReader();

  // The uncompressed content of member `name` (case-insensitive), nullopt when there is none.
  // Fails with too_large when it is bigger than `max_bytes`, malformed when it cannot be inflated
  // or its checksum is wrong.
  [[nodiscard]] Result<std::optional<std::string>> read(std::string_view name,
                                                        std::size_t max_bytes);

 private:
  struct State;
  explicit ZipArchiveReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace riskloop::formats
