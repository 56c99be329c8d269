// Plain-text tables for list commands: one header row, columns padded to their widest cell
// (counted in characters, not bytes, so names with accents or "µm" line up).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace riskloop::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  // Cells beyond the header count are ignored; missing ones are empty. Line breaks and tabs in a
  // cell are shown as spaces, and cells longer than max_cell characters are cut with "...".
  void add_row(std::vector<std::string> cells);
  void print(std::ostream& out) const;
  std::size_t rows() const { return rows_.size(); }

  static constexpr std::size_t max_cell = 60;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Number of characters (UTF-8 code points) in `text`.
std::size_t display_width(const std::string& text);

}  // namespace riskloop::cli
