// The ZIP reader alone: central directory, local headers, inflating, checksums, caps.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/xlsx/zip_archive_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto zip = riskloop::formats::ZipArchiveReader::open(bytes, 8u << 20);
  if (!zip) return 0;
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                           "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                           "xl/sharedStrings.xml"})
    (void)zip->read(name, 4u << 20);
  return 0;
}
