// Plain-text tables for list commands: one header row, columns padded to their widest cell
// (counted in terminal columns, not bytes: "µm" takes one, 支架 two each, so Chinese names line up).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace riskloop::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  // Cells beyond the header count are ignored; missing ones are empty. Line breaks and tabs in a
  // cell are shown as spaces, and cells wider than max_cell columns are cut with "...".
  void add_row(std::vector<std::string> cells);
  void print(std::ostream& out) const;
  std::size_t rows() const { return rows_.size(); }

  // Streaming, for lists too long to hold: prints the header (first call only) and the rows added
  // since the last call, then forgets them. Column widths are set by the first call; later rows
  // are padded to them, and a longer cell pushes the rest of its row to the right.
  void flush(std::ostream& out);

  static constexpr std::size_t max_cell = 60;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  bool flushed_ = false;
  std::vector<std::size_t> flushed_widths_;  // set by the first flush
};

// Terminal columns `text` takes (formats::terminal_width: East Asian wide characters count two).
std::size_t display_width(const std::string& text);

}  // namespace riskloop::cli
