// Reading members of a ZIP archive held in memory (minizip with in-memory I/O), with a size cap
// per member and one for all members read, against decompression bombs. Sizes the archive
// declares are not trusted: the caps hold for what is actually inflated.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace riskloop::formats {

class ZipArchiveReader {
 public:
  // Opens the archive in `bytes`, which must outlive the reader; the members read together may
  // inflate to at most `max_inflated_bytes`. Fails (malformed) when the bytes are not a ZIP
  // archive.
  [[nodiscard]] static Result<ZipArchiveReader> open(
      std::string_view bytes, std::size_t max_inflated_bytes = static_cast<std::size_t>(-1));

  ZipArchiveReader(ZipArchiveReader&&) noexcept;
  ZipArchiveReader& operator=(ZipArchiveReader&&) noexcept;
  ~ZipArchiveReader();

  // The uncompressed content of member `name` (case-insensitive), nullopt when there is none.
  // Fails with too_large when it is bigger than `max_bytes` or than what is left of the archive's
  // max_inflated_bytes, malformed when it cannot be inflated or its checksum is wrong.
  [[nodiscard]] Result<std::optional<std::string>> read(std::string_view name,
                                                        std::size_t max_bytes);

 private:
  struct State;
  explicit ZipArchiveReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace riskloop::formats
