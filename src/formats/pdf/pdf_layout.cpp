// The flow layout: a cursor moving down the current page, page breaks, and table rows that
// move or split by lines, with the header row drawn again on each new page.
#include "formats/pdf/pdf_layout.hpp"

#include <algorithm>

namespace riskloop::formats::pdf {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_colour(std::string& out, Rgb c) {
  for (int shift = 16; shift >= 0; shift -= 8) {
    append_number(out, ((c >> shift) & 0xFF) / 255.0);
    out += ' ';
  }
}

void append_numbers(std::string& out, std::initializer_list<double> values) {
  for (double v : values) {
    append_number(out, v);
    out += ' ';
  }
}

}  // namespace

// --- canvas ---------------------------------------------------------------------------------

void PdfCanvas::fill_colour(Rgb colour) {
  if (page_.fill == colour) return;
  page_.fill = colour;
  append_colour(page_.content, colour);
  page_.content += "rg\n";
}

void PdfCanvas::stroke_colour(Rgb colour, double line_width) {
  if (page_.stroke != colour) {
    page_.stroke = colour;
    append_colour(page_.content, colour);
    page_.content += "RG\n";
  }
  if (page_.line_width != line_width) {
    page_.line_width = line_width;
    append_number(page_.content, line_width);
    page_.content += " w\n";
  }
}

void PdfCanvas::fill_rect(double x, double y, double width, double height, Rgb fill) {
  fill_colour(fill);
  append_numbers(page_.content, {x, height_ - y - height, width, height});
  page_.content += "re f\n";
}

void PdfCanvas::stroke_rect(double x, double y, double width, double height, Rgb stroke,
                            double line_width) {
  stroke_colour(stroke, line_width);
  append_numbers(page_.content, {x, height_ - y - height, width, height});
  page_.content += "re S\n";
}

void PdfCanvas::line(double x1, double y1, double x2, double y2, Rgb stroke, double line_width) {
  stroke_colour(stroke, line_width);
  append_numbers(page_.content, {x1, height_ - y1});
  page_.content += "m ";
  append_numbers(page_.content, {x2, height_ - y2});
  page_.content += "l S\n";
}

void PdfCanvas::text(double x, double baseline, const TextLine& line, bool rotated) {
  if (line.glyphs.empty()) return;
  auto& out = page_.content;
  fill_colour(line.style.colour);
  const auto select = [&](std::uint8_t font) {
    out += "/F";
    out += std::to_string(font + 1);  // FontSet::resource(font)
    out += ' ';
    append_number(out, line.style.size);
    out += " Tf ";
  };
  out += "BT ";
  std::uint8_t font = line.glyphs.front().font;
  select(font);
  out += rotated ? "0 1 -1 0 " : "";
  append_numbers(out, {x, height_ - baseline});
  out += rotated ? "Tm <" : "Td <";
  // A change of font inside the line: Tj has moved the text position past the glyphs shown.
  for (const auto& g : line.glyphs) {
    if (g.font != font) {
      out += "> Tj ";
      select(font = g.font);
      out += '<';
    }
    out += kHex[(g.cid >> 12) & 0xF];
    out += kHex[(g.cid >> 8) & 0xF];
    out += kHex[(g.cid >> 4) & 0xF];
    out += kHex[g.cid & 0xF];
  }
  out += "> Tj ET\n";
}

void PdfCanvas::text(double x, double baseline, const TextStyle& style, std::string_view utf8,
                     bool rotated) {
  text(x, baseline, shape_line(fonts_, style, utf8), rotated);
}

// --- layout ---------------------------------------------------------------------------------

struct PdfLayout::RowLines {
  std::vector<std::vector<TextLine>> cells;
  std::vector<double> x, width;
  std::vector<std::optional<Rgb>> fill;
  std::vector<bool> right;
};

struct PdfLayout::Table {
  std::vector<double> x, width;  // per column
  TableLook look = TableLook::grid;
  RowLines header;
  double header_height = 0;
  std::size_t header_page = static_cast<std::size_t>(-1);  // where the header was last drawn
};

PdfLayout::PdfLayout(FontSet& fonts, const LayoutOptions& options)
    : fonts_(fonts), options_(options) {
  new_page();
}

PdfLayout::~PdfLayout() = default;

double PdfLayout::page_width(Orientation o) const {
  return o == Orientation::portrait ? options_.page_width : options_.page_height;
}
double PdfLayout::page_height(Orientation o) const {
  return o == Orientation::portrait ? options_.page_height : options_.page_width;
}
double PdfLayout::content_width() const {
  return page_width(orientation_) - 2 * options_.margin_side;
}
double PdfLayout::bottom() const {
  return page_height(orientation_) - options_.margin_bottom;
}

double PdfLayout::baseline_offset(const TextStyle& style) const {
  auto& font = fonts_.primary(style.face);
  const double ascent = font.ascent() * style.size / 1000.0;
  const double descent = font.descent() * style.size / 1000.0;
  return (line_height(style) - (ascent - descent)) / 2 + ascent;
}

void PdfLayout::new_page() {
  pages_.push_back({.orientation = orientation_});
  pages_.back().content.reserve(16384);
  y_ = options_.margin_top;
}

void PdfLayout::set_orientation(Orientation orientation) {
  if (orientation == orientation_) return;
  orientation_ = orientation;
  if (page_empty()) {
    pages_.back().orientation = orientation;
  } else {
    new_page();
  }
}

PdfCanvas PdfLayout::canvas(std::size_t page) {
  return PdfCanvas(fonts_, pages_[page], page_height(pages_[page].orientation));
}

Placement PdfLayout::heading(int level, std::string_view text) {
  const auto i = static_cast<std::size_t>(std::clamp(level, 1, 3) - 1);
  const TextStyle style{Face::bold, options_.heading_sizes[i], 0x111111};
  std::vector<TextLine> lines;
  wrap_text(fonts_, style, text, content_width(), lines);
  const double lh = line_height(style);
  const double before = page_empty() ? 0 : options_.heading_gap_before[i];
  const double height = static_cast<double>(lines.size()) * lh + options_.heading_gap_after[i];
  if (!page_empty() && y_ + before + height + options_.keep_with_heading > bottom()) new_page();
  if (!page_empty()) y_ += before;
  const Placement placed{current_page(), options_.margin_side, y_, content_width(), height};
  auto c = canvas(current_page());
  for (const auto& line : lines) {
    c.text(options_.margin_side, y_ + baseline_offset(style), line);
    y_ += lh;
  }
  if (level == 2)
    c.line(options_.margin_side, y_ + 1, options_.margin_side + content_width(), y_ + 1,
           options_.grid_colour, options_.grid_width);
  y_ += options_.heading_gap_after[i];
  return placed;
}

void PdfLayout::paragraph(std::string_view text, const TextStyle& style, double indent) {
  std::vector<TextLine> lines;
  wrap_text(fonts_, style, text, content_width() - indent, lines);
  const double lh = line_height(style);
  for (const auto& line : lines) {
    if (y_ + lh > bottom()) new_page();
    canvas(current_page()).text(options_.margin_side + indent, y_ + baseline_offset(style), line);
    y_ += lh;
  }
  if (!lines.empty()) y_ += options_.paragraph_gap;
}

void PdfLayout::key_values(std::span<const std::pair<std::string, std::string>> items,
                           const TextStyle& style) {
  TextStyle term = style;
  term.face = Face::bold;
  double widest = 0;
  for (const auto& [k, v] : items) widest = std::max(widest, shape_line(fonts_, term, k).width);
  const double key_width =
      std::min(widest + 2 * options_.cell_padding + 6, content_width() / 3);
  begin_table({{"", key_width}, {"", content_width() - key_width}}, TableLook::plain);
  for (const auto& [k, v] : items) {
    const TableCell cells[] = {{.paragraphs = {{k, term}}}, {.paragraphs = {{v, style}}}};
    add_row(cells);
  }
  end_table();
}

PdfLayout::RowLines PdfLayout::wrap_row(std::span<const TableCell> cells, bool header) {
  RowLines row;
  const auto columns = table_->x.size();
  std::size_t column = 0;
  for (std::size_t i = 0; column < columns; ++i) {
    const TableCell empty;
    const auto& cell = i < cells.size() ? cells[i] : empty;
    const auto span = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(cell.span, 1)), 1,
                                              columns - column);
    double width = 0;
    for (std::size_t k = column; k < column + span; ++k) width += table_->width[k];
    row.x.push_back(table_->x[column]);
    row.width.push_back(width);
    row.fill.push_back(header ? std::optional<Rgb>(options_.header_fill) : cell.fill);
    row.right.push_back(cell.align_right);
    auto& lines = row.cells.emplace_back();
    for (const auto& p : cell.paragraphs)
      wrap_text(fonts_, p.style, p.text, width - 2 * options_.cell_padding, lines);
    column += span;
  }
  return row;
}

void PdfLayout::draw_row(const RowLines& row, std::span<const std::size_t> from,
                         std::span<const std::size_t> to, double height) {
  auto c = canvas(current_page());
  const double pad = options_.cell_padding;
  for (std::size_t i = 0; i < row.cells.size(); ++i)
    if (row.fill[i]) c.fill_rect(row.x[i], y_, row.width[i], height, *row.fill[i]);
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    double top = y_ + pad;
    for (auto k = from[i]; k < to[i]; ++k) {
      const auto& line = row.cells[i][k];
      const double x = row.right[i] ? row.x[i] + row.width[i] - pad - line.width : row.x[i] + pad;
      c.text(x, top + baseline_offset(line.style), line);
      top += line_height(line.style);
    }
  }
  if (table_->look != TableLook::plain)
    for (std::size_t i = 0; i < row.cells.size(); ++i)
      c.stroke_rect(row.x[i], y_, row.width[i], height, options_.grid_colour,
                    options_.grid_width);
  y_ += height;
}

void PdfLayout::draw_header() {
  const auto& h = table_->header;
  std::vector<std::size_t> from(h.cells.size(), 0), to;
  for (const auto& lines : h.cells) to.push_back(lines.size());
  draw_row(h, from, to, table_->header_height);
  table_->header_page = current_page();
}

void PdfLayout::begin_table(std::vector<TableColumn> columns, TableLook look) {
  table_ = std::make_unique<Table>();
  table_->look = look;
  double total = 0;
  for (const auto& c : columns) total += std::max(c.weight, 0.0);
  if (total <= 0) total = 1;
  double x = options_.margin_side;
  std::vector<TableCell> header;
  TextStyle bold = options_.table;
  bold.face = Face::bold;
  for (const auto& c : columns) {
    const double width = content_width() * std::max(c.weight, 0.0) / total;
    table_->x.push_back(x);
    table_->width.push_back(width);
    x += width;
    header.push_back({.paragraphs = {{c.header, bold}}});
  }
  if (look != TableLook::grid) return;
  table_->header = wrap_row(header, true);
  std::size_t lines = 1;
  for (const auto& cell : table_->header.cells) lines = std::max(lines, cell.size());
  table_->header_height =
      static_cast<double>(lines) * line_height(bold) + 2 * options_.cell_padding;
}

void PdfLayout::add_row(std::span<const TableCell> cells) {
  const auto row = wrap_row(cells, false);
  const auto n = row.cells.size();
  const double pad = options_.cell_padding;
  std::vector<std::size_t> from(n, 0), end(n), to(n);
  for (std::size_t i = 0; i < n; ++i) end[i] = row.cells[i].size();
  const auto height_of = [&](std::span<const std::size_t> a, std::span<const std::size_t> b) {
    double tallest = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double h = 0;
      for (auto k = a[i]; k < b[i]; ++k) h += line_height(row.cells[i][k].style);
      tallest = std::max(tallest, h);
    }
    return tallest + 2 * pad;
  };
  const bool grid = table_->look == TableLook::grid;
  for (;;) {
    const bool need_header = grid && table_->header_page != current_page();
    const double header = need_header ? table_->header_height : 0;
    const double need = height_of(from, end);
    const double room = bottom() - y_ - header;
    if (need <= room + 1e-6) {
      if (need_header) draw_header();
      draw_row(row, from, end, need);
      return;
    }
    const bool fresh = page_empty();
    const double page_room =
        bottom() - options_.margin_top - (grid ? table_->header_height : 0);
    if (!fresh && need <= page_room) {
      new_page();
      continue;
    }
    // Taller than a page: as many whole lines of each cell as fit here.
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
      double h = 0;
      to[i] = from[i];
      while (to[i] < end[i] && h + line_height(row.cells[i][to[i]].style) <= room - 2 * pad) {
        h += line_height(row.cells[i][to[i]].style);
        ++to[i];
      }
      any = any || to[i] > from[i];
    }
    if (!any && !fresh) {
      new_page();
      continue;
    }
    if (!any)  // a single line taller than the page: draw it anyway, clipped by the page
      for (std::size_t i = 0; i < n; ++i) to[i] = std::min(end[i], from[i] + 1);
    if (need_header) draw_header();
    draw_row(row, from, to, std::min(height_of(from, to), std::max(room, 0.0)));
    from = to;
    new_page();
  }
}

void PdfLayout::end_table() {
  if (table_->look == TableLook::grid && table_->header_page == static_cast<std::size_t>(-1)) {
    if (y_ + table_->header_height > bottom()) new_page();
    draw_header();
  }
  table_.reset();
  space(options_.table_gap);
}

void PdfLayout::block(double height,
                      const std::function<void(PdfCanvas&, const Placement&)>& draw) {
  const auto placed = reserve(height);
  auto c = canvas(placed.page);
  draw(c, placed);
}

Placement PdfLayout::reserve(double height) {
  if (!page_empty() && y_ + height > bottom()) new_page();
  const Placement placed{current_page(), options_.margin_side, y_, content_width(), height};
  y_ += height;
  return placed;
}

void PdfLayout::space(double points) {
  // At most to the bottom margin: whatever comes next starts the new page, so no page is left
  // empty at the end.
  y_ = std::min(y_ + points, bottom());
}

std::vector<LayoutPage> PdfLayout::finish(
    const std::function<std::string(std::size_t, std::size_t)>& footer) {
  const auto count = pages_.size();
  for (std::size_t i = 0; i < count; ++i) {
    const double height = page_height(pages_[i].orientation);
    canvas(i).text(options_.margin_side, height - options_.footer_baseline, options_.footer,
                   footer(i + 1, count));
  }
  return std::move(pages_);
}

}  // namespace riskloop::formats::pdf
