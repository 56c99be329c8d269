// Reads one sheet of an XLSX workbook as text cells (minizip + pugixml; no libxlsxwriter, which
// cannot read): docs/formats/hazard-sheet.md section 6.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

struct XlsxReadOptions {
  // The sheet to read; empty: the first sheet in workbook order.
  std::string sheet_name;
  // Largest uncompressed size of any one part (sheet, shared strings, workbook) read.
  std::size_t max_part_bytes = 64u << 20;
  // Largest uncompressed size of all parts read together, whatever sizes the archive declares.
  std::size_t max_inflated_bytes = 128u << 20;
  // Rows, columns, cells and text held; copies of a shared string count at each cell.
  SheetLimits limits;
};

// The first non-empty row of the sheet is the header; later rows are data, numbered as the sheet
// numbers them. Shared and inline strings, numbers (shortest text that reads back as the same
// double), booleans ("true"/"false") and the cached values of formulas are read; Excel's _xHHHH_
// escapes are decoded. Empty rows are left out.
// Fails with malformed (not an XLSX workbook, broken XML), not_found (no sheet of that name) or
// too_large (a part or the whole archive over its cap, a cell reference beyond Excel's grid, a
// limit of `options.limits` broken: the message starts with the place, `sheet "Hazards", row 5,
// column XFD`). Empty cells, however far right, cost nothing: a row holds cells up to its last
// value only.
[[nodiscard]] Result<ParsedSheet> read_xlsx_bytes(std::string_view bytes,
                                                  const XlsxReadOptions& options = {});

// Reads the file at `path` (storage error when it cannot be read) with read_xlsx_bytes.
[[nodiscard]] Result<ParsedSheet> read_xlsx_file(const std::filesystem::path& path,
                                                 const XlsxReadOptions& options = {});

}  // namespace riskloop::formats
