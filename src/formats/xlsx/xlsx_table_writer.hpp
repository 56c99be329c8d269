// Writes a sheet to an XLSX workbook with libxlsxwriter (which writes to a file path only).
#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "core/error.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

// How the cells of a column are stored.
enum class XlsxCellType {
  text,     // string cell; never a formula, whatever it starts with
  number,   // number cell when the text is a number that reads back unchanged, else text
  boolean,  // boolean cell for "true" / "false", else text
};

struct XlsxWriteOptions {
  std::string sheet_name = "Hazards";
  // libxlsxwriter's row-streaming mode: flat memory, inline strings instead of shared strings.
  bool constant_memory = false;
  // Width of every column, in characters.
  double column_width = 22.0;
};

// Writes `sheet` (header in bold, frozen, with an autofilter; empty cells left out) to `path`,
// replacing any file there. `column_types[i]` is the type of column i (text where missing).
// Fails with too_large beyond 1 048 576 rows or 16 384 columns, storage when the file cannot be
// written, validation when a cell is over Excel's 32 767 characters.
[[nodiscard]] Status write_xlsx_table(const RiskSheet& sheet,
                                      std::span<const XlsxCellType> column_types,
                                      const std::filesystem::path& path,
                                      const XlsxWriteOptions& options = {});

}  // namespace riskloop::formats
