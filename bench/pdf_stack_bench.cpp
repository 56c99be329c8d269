// The text stack of the PDF report against its peer: the same table rows (Latin, then Chinese)
// laid out and written as PDF by riskloop's PDF layer (own layout, HarfBuzz fonts and subsets,
// ICU line breaks) and by Pango + Cairo (fontconfig fallback), on landscape A4 in 7.5 pt DejaVu
// Sans with a CJK fallback. Prints wall time and file size of each, and the ratio.
// Usage: pdf_stack_bench [rows] [output folder]   (default 20000 rows, the temporary folder)
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include "formats/pdf/pdf_layout.hpp"
#include "formats/pdf/pdf_pages.hpp"
#include "formats/report/rmr_pdf.hpp"

using namespace riskloop::formats;
using Clock = std::chrono::steady_clock;

std::vector<std::vector<std::string>> rows(bool chinese, int n) {
  const char* zh[] = {"患者在植入支架后，由于抗血小板治疗中断（例如因手术或出血而停药），可能在支架内形成血栓",
                      "支架贴壁不良或内皮化延迟，导致急性心肌梗死、心源性猝死或需要紧急再次血运重建"};
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < n; ++i) {
    const auto k = std::to_string(i);
    if (chinese)
      out.push_back({"R-" + k, "支架内血栓形成 " + k, std::string(zh[i % 2]) + "（情形 " + k + "）",
                     "急性心肌梗死 " + k, "设计与开发", "可接受"});
    else
      out.push_back({"R-" + k, "Hazard " + k, "Situation " + k + ": the patient touches the device while the insulation is worn", "Harm " + k, "design & development", "acceptable"});
  }
  return out;
}
const double kWeights[] = {1, 2, 4, 2, 2, 1.5};

double ours(const std::vector<std::vector<std::string>>& data, const std::string& path,
            std::size_t& size) {
  const auto t0 = Clock::now();
  const RmrPdfOptions o;
  auto dv = OpenTypeFont::load(o.font_directory / o.regular_font);
  auto dvb = OpenTypeFont::load(o.font_directory / o.bold_font);
  auto nt = OpenTypeFont::load(o.cjk_font_directory / o.cjk_regular_font, o.cjk_family);
  auto ntb = OpenTypeFont::load(o.cjk_font_directory / o.cjk_bold_font, o.cjk_family);
  for (const auto* f : {&dv, &dvb, &nt, &ntb})
    if (!*f) {
      std::fprintf(stderr, "%s\n", f->error().message.c_str());
      std::exit(1);
    }
  pdf::PdfFont a(*dv), b(*dvb), c(*nt), d(*ntb);
  pdf::FontSet fonts({{&a, {}}, {&c, {}}}, {{&b, {}}, {&d, {}}});
  pdf::PdfLayout layout(fonts);
  layout.set_orientation(pdf::Orientation::landscape);
  std::vector<pdf::TableColumn> cols;
  for (int i = 0; i < 6; ++i) cols.push_back({"Column " + std::to_string(i), kWeights[i]});
  layout.begin_table(cols);
  std::vector<pdf::TableCell> cells(6);
  for (const auto& r : data) {
    for (int i = 0; i < 6; ++i) cells[i].paragraphs = {{r[i], layout.options().table}};
    layout.add_row(cells);
  }
  layout.end_table();
  auto pages = layout.finish([](std::size_t, std::size_t) { return std::string("footer"); });
  auto bytes = pdf::write_pdf({.pages = std::move(pages)}, layout.options(), fonts);
  const auto t1 = Clock::now();
  if (!bytes) {
    std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
    std::exit(1);
  }
  std::ofstream(path, std::ios::binary) << *bytes;
  size = bytes->size();
  return std::chrono::duration<double>(t1 - t0).count();
}

double pango(const std::vector<std::vector<std::string>>& data, const std::string& path) {
  const auto t0 = Clock::now();
  const double W = 841.89, H = 595.276, margin = 40, top = 42, bottom = H - 54, pad = 2.5;
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), W, H);
  cairo_t* cr = cairo_create(surface);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 7.5");
  pango_layout_set_font_description(layout, font);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  double total = 0;
  for (double w : kWeights) total += w;
  double x[6], width[6], at = margin;
  for (int i = 0; i < 6; ++i) {
    x[i] = at;
    width[i] = (W - 2 * margin) * kWeights[i] / total;
    at += width[i];
  }
  double y = top;
  for (const auto& r : data) {
    double height = 0;
    for (int i = 0; i < 6; ++i) {
      pango_layout_set_width(layout, static_cast<int>((width[i] - 2 * pad) * PANGO_SCALE));
      pango_layout_set_text(layout, r[i].c_str(), -1);
      int w, h;
      pango_layout_get_size(layout, &w, &h);
      height = std::max(height, h / double(PANGO_SCALE) + 2 * pad);
    }
    if (y + height > bottom) {
      cairo_show_page(cr);
      y = top;
    }
    for (int i = 0; i < 6; ++i) {
      pango_layout_set_width(layout, static_cast<int>((width[i] - 2 * pad) * PANGO_SCALE));
      pango_layout_set_text(layout, r[i].c_str(), -1);
      cairo_move_to(cr, x[i] + pad, y + pad);
      pango_cairo_show_layout(cr, layout);
      cairo_rectangle(cr, x[i], y, width[i], height);
      cairo_set_line_width(cr, 0.5);
      cairo_stroke(cr);
    }
    y += height;
  }
  pango_font_description_free(font);
  g_object_unref(layout);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 20000;
  const std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
  std::printf("pdf_stack_bench: %d table rows of 6 cells, landscape A4\n", n);
  for (bool chinese : {false, true}) {
    const auto data = rows(chinese, n);
    const std::string tag = chinese ? "zh" : "en";
    std::size_t size = 0;
    const double a = ours(data, (dir / ("riskloop-" + tag + ".pdf")).string(), size);
    const auto peer = (dir / ("pango-cairo-" + tag + ".pdf")).string();
    const double b = pango(data, peer);
    std::printf("%-7s riskloop %.2f s %.2f MB | pango+cairo %.2f s %.2f MB | pango/riskloop %.1f\n",
                chinese ? "chinese" : "latin", a, size / 1e6, b,
                std::filesystem::file_size(peer) / 1e6, b / a);
  }
}
