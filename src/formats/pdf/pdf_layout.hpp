// A flow layout on A4 pages: headings, paragraphs, tables whose header row repeats on every page
// they span, and blocks of vector drawing. Content runs down the page and onto the next; the
// page count is known once everything is laid out, so footers ("page N of M") and anything else
// that needs page numbers are drawn afterwards.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/pdf/pdf_text.hpp"

namespace riskloop::formats::pdf {

enum class Orientation { portrait, landscape };

// Every measure of the layout, in points (1/72 in).
struct LayoutOptions {
  double page_width = 595.276;  // A4 portrait; landscape swaps width and height
  double page_height = 841.89;
  double margin_top = 42;
  double margin_bottom = 54;
  double margin_side = 40;
  double footer_baseline = 30;  // above the bottom edge
  double line_spacing = 1.25;   // line height / font size
  TextStyle body{Face::regular, 9, 0x111111};
  TextStyle table{Face::regular, 7.5, 0x111111};
  TextStyle footer{Face::regular, 7.5, 0x444444};
  double heading_sizes[3] = {17, 13, 10.5};
  double paragraph_gap = 4;
  double heading_gap_before[3] = {0, 12, 8};
  double heading_gap_after[3] = {8, 5, 3};
  double keep_with_heading = 45;  // space a heading needs below it, or it starts a new page
  double cell_padding = 2.5;
  double table_gap = 6;  // after a table
  double grid_width = 0.5;
  Rgb grid_colour = 0x888888;
  Rgb header_fill = 0xEEEEEE;
};

// Draws on one page. Coordinates in points from the top left corner of the page.
class PdfCanvas {
 public:
  struct PageState;
  PdfCanvas(FontSet& fonts, PageState& page, double page_height)
      : fonts_(fonts), page_(page), height_(page_height) {}

  void fill_rect(double x, double y, double width, double height, Rgb fill);
  void stroke_rect(double x, double y, double width, double height, Rgb stroke,
                   double line_width);
  void line(double x1, double y1, double x2, double y2, Rgb stroke, double line_width);
  // One line of shaped text with its baseline at y; `rotated` turns it 90 degrees
  // counter-clockwise about (x, baseline).
  void text(double x, double baseline, const TextLine& line, bool rotated = false);
  // Shapes and draws `utf8` on one line.
  void text(double x, double baseline, const TextStyle& style, std::string_view utf8,
            bool rotated = false);
  FontSet& fonts() { return fonts_; }

 private:
  void fill_colour(Rgb colour);
  void stroke_colour(Rgb colour, double line_width);

  FontSet& fonts_;
  PageState& page_;
  double height_;
};

struct PdfCanvas::PageState {
  Orientation orientation = Orientation::portrait;
  std::string content;  // the page's content stream, uncompressed
  std::optional<Rgb> fill, stroke;
  double line_width = -1;
};

using LayoutPage = PdfCanvas::PageState;

struct TableColumn {
  std::string header;
  double weight = 1;  // share of the table width
};

// One paragraph inside a cell.
struct CellText {
  std::string text;
  TextStyle style;
};

struct TableCell {
  std::vector<CellText> paragraphs;
  std::optional<Rgb> fill;
  bool align_right = false;
  int span = 1;  // columns covered
};

enum class TableLook {
  grid,         // header row on a grey background, every cell ruled
  boxed,        // ruled cells, no header row
  plain,        // neither (key-value blocks)
};

// Where a block was placed, for drawing into it after layout.
struct Placement {
  std::size_t page = 0;
  double x = 0, y = 0, width = 0, height = 0;
};

class PdfLayout {
 public:
  PdfLayout(FontSet& fonts, const LayoutOptions& options = {});
  ~PdfLayout();
  PdfLayout(const PdfLayout&) = delete;
  PdfLayout& operator=(const PdfLayout&) = delete;

  const LayoutOptions& options() const { return options_; }
  FontSet& fonts() { return fonts_; }
  // Width between the side margins of the current page.
  double content_width() const;
  std::size_t page_count() const { return pages_.size(); }
  // Index of the page content goes on now.
  std::size_t current_page() const { return pages_.size() - 1; }

  // Later content goes on pages of `orientation`; starts a new page unless this one is empty.
  void set_orientation(Orientation orientation);
  void new_page();
  // Level 1 to 3. Starts a new page when too little room is left below it. Returns where the
  // heading was placed.
  Placement heading(int level, std::string_view text);
  // Wrapped text; the line breaks of `text` are kept. `indent` from the left margin.
  void paragraph(std::string_view text, const TextStyle& style, double indent = 0);
  // Term and value pairs, terms in bold in a column as wide as the longest (up to a third).
  void key_values(std::span<const std::pair<std::string, std::string>> items,
                  const TextStyle& style);

  // A table over the content width, columns sized by weight. Rows never split mid-line: a row
  // that does not fit goes to the next page, and only a row taller than a page is split between
  // lines. The header row is repeated at the top of every page the table spans.
  void begin_table(std::vector<TableColumn> columns, TableLook look = TableLook::grid);
  void add_row(std::span<const TableCell> cells);
  void end_table();

  // A block `height` points high drawn by `draw` (canvas, placement); on a new page when it does
  // not fit on this one.
  void block(double height, const std::function<void(PdfCanvas&, const Placement&)>& draw);
  // Keeps `height` points free for drawing after layout (e.g. contents with page numbers).
  Placement reserve(double height);
  // Moves down by `points`, at most to the bottom margin.
  void space(double points);

  // A canvas on a page that is already laid out.
  PdfCanvas canvas(std::size_t page);
  // The pages, each with the footer text `footer(page_number, page_count)` (1-based) drawn at
  // its bottom left. Call once, at the end.
  std::vector<LayoutPage> finish(
      const std::function<std::string(std::size_t, std::size_t)>& footer);

 private:
  struct Table;
  struct RowLines;
  double page_width(Orientation o) const;
  double page_height(Orientation o) const;
  double bottom() const;
  bool page_empty() const { return y_ <= options_.margin_top; }
  double line_height(const TextStyle& style) const { return style.size * options_.line_spacing; }
  double baseline_offset(const TextStyle& style) const;
  RowLines wrap_row(std::span<const TableCell> cells, bool header);
  void draw_row(const RowLines& row, std::span<const std::size_t> from,
                std::span<const std::size_t> to, double height);
  void draw_header();

  FontSet& fonts_;
  LayoutOptions options_;
  std::vector<LayoutPage> pages_;
  Orientation orientation_ = Orientation::portrait;
  double y_ = 0;
  std::unique_ptr<Table> table_;
};

}  // namespace riskloop::formats::pdf
