// XLSX output through libxlsxwriter.
#include "formats/xlsx/xlsx_table_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

#include <xlsxwriter.h>

namespace riskloop::formats {
namespace {

constexpr std::size_t kMaxRows = 1048576;
constexpr std::size_t kMaxColumns = 16384;

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const {
    if (wb) workbook_close(wb);
  }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookCloser>;

// The number `text` stands for, when libxlsxwriter's 16-digit form of it reads back as the same
// double; otherwise the cell stays text so no digit is lost.
std::optional<double> exact_number(const std::string& text) {
  double value = 0.0;
  const auto* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, value);
  if (r.ec != std::errc() || r.ptr != end || !std::isfinite(value)) return std::nullopt;
  char written[40];
  std::snprintf(written, sizeof written, "%.16G", value);
  double back = 0.0;
  const std::string_view w(written);
  if (std::from_chars(w.data(), w.data() + w.size(), back).ec != std::errc() || back != value)
    return std::nullopt;
  return value;
}

Status check(lxw_error err) {
  if (err == LXW_NO_ERROR) return {};
  if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    return fail(ErrorCode::validation, "a cell is longer than the 32 767 characters XLSX allows");
  return fail(ErrorCode::storage, std::string("cannot write the workbook: ") + lxw_strerror(err));
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Readers decode _xHHHH_ as the character HHHH, and libxlsxwriter writes text as it is; so a
// literal "_xHHHH_" is written as "_x005F_xHHHH_" (an escaped underscore), as Excel does.
std::string escape_literal_hex_codes(const std::string& text) {
  std::string out;
  std::size_t from = 0;
  for (auto at = text.find("_x"); at != std::string::npos; at = text.find("_x", at + 1)) {
    if (at + 7 > text.size() || text[at + 6] != '_' || !is_hex(text[at + 2]) ||
        !is_hex(text[at + 3]) || !is_hex(text[at + 4]) || !is_hex(text[at + 5]))
      continue;
    out.append(text, from, at - from);
    out += "_x005F_";
    from = at + 1;  // keep "x...": the escaped underscore stands for the first '_'
  }
  if (from == 0) return text;
  out.append(text, from, std::string::npos);
  return out;
}

Status write_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& text,
                  XlsxCellType type, lxw_format* format) {
  if (type == XlsxCellType::number) {
    if (const auto n = exact_number(text))
      return check(worksheet_write_number(ws, r, c, *n, format));
  } else if (type == XlsxCellType::boolean && (text == "true" || text == "false")) {
    return check(worksheet_write_boolean(ws, r, c, text == "true", format));
  }
  return check(worksheet_write_string(ws, r, c, escape_literal_hex_codes(text).c_str(), format));
}

Status fill_workbook(lxw_workbook* wb, const RiskSheet& sheet,
                     std::span<const XlsxCellType> column_types, std::size_t width,
                     const XlsxWriteOptions& options) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, options.sheet_name.c_str());
  if (!ws) return fail(ErrorCode::validation, "not a usable sheet name: " + options.sheet_name);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  const auto type_of = [&](std::size_t c) {
    return c < column_types.size() ? column_types[c] : XlsxCellType::text;
  };
  if (width > 0) {
    RL_CHECK(check(worksheet_set_column(ws, 0, static_cast<lxw_col_t>(width - 1),
                                        options.column_width, nullptr)));
  }
  for (std::size_t c = 0; c < sheet.columns.size(); ++c)
    RL_CHECK(
        write_cell(ws, 0, static_cast<lxw_col_t>(c), sheet.columns[c], XlsxCellType::text, bold));
  lxw_row_t r = 0;
  for (const auto& row : sheet.rows) {
    ++r;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (row.cells[c].empty()) continue;
      auto written =
          write_cell(ws, r, static_cast<lxw_col_t>(c), row.cells[c], type_of(c), nullptr);
      if (!written) {
        auto e = written.error();
        e.location = "row " + std::to_string(row.number) + ", column " + std::to_string(c + 1);
        return tl::unexpected(e);
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (width > 0)
    RL_CHECK(check(worksheet_autofilter(ws, 0, 0, r, static_cast<lxw_col_t>(width - 1))));

  return {};
}

}  // namespace

Status write_xlsx_table(const RiskSheet& sheet, std::span<const XlsxCellType> column_types,
                        const std::filesystem::path& path, const XlsxWriteOptions& options) {
  if (sheet.rows.size() + 1 > kMaxRows)
    return fail(ErrorCode::too_large, "an XLSX sheet holds at most 1 048 575 data rows, got " +
                                          std::to_string(sheet.rows.size()));
  std::size_t width = sheet.columns.size();
  for (const auto& row : sheet.rows) width = std::max(width, row.cells.size());
  if (width > kMaxColumns)
    return fail(ErrorCode::too_large, "an XLSX sheet holds at most 16 384 columns");

  lxw_workbook_options wb_options{};
  wb_options.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  const std::string file = path.string();
  WorkbookPtr wb(workbook_new_opt(file.c_str(), &wb_options));
  if (!wb) return fail(ErrorCode::storage, "cannot create the workbook " + file);

  // A failed write leaves no half-written workbook behind.
  const auto written = fill_workbook(wb.get(), sheet, column_types, width, options);
  if (!written) {
    workbook_close(wb.release());
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return written;
  }
  const lxw_error closed = workbook_close(wb.release());
  if (closed != LXW_NO_ERROR)
    return fail(ErrorCode::storage,
                "cannot write the workbook " + file + ": " + lxw_strerror(closed));
  return {};
}

}  // namespace riskloop::formats
