// Heat map: counts per cell before and after risk control, and an SVG that is well-formed, labels
// every cell in words, escapes level names and links cells when asked.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "core/risk/file_index.hpp"
#include "formats/report/heat_map_svg.hpp"
#include "sample_risk_file.hpp"

namespace riskloop::formats {
namespace {

using testdata::SampleFile;

std::vector<risk::RiskAssessment> assess(const risk::RiskFileSnapshot& s,
                                         const risk::CompiledPolicy& policy) {
  return risk::assess_risks(risk::RiskFileIndex(s), policy);
}

TEST(HeatMapCounts, BeforeRiskControl) {
  const SampleFile sample;
  const auto policy = testdata::compiled_policy();
  const auto counts = count_heat_map(policy, assess(sample.s, policy), HeatMapPhase::initial);
  EXPECT_EQ(counts.severity_levels, 5);
  EXPECT_EQ(counts.probability_levels, 5);
  EXPECT_EQ(counts.at(3, 5), 2);  // R1 (P = 1e-3) and R3 (not estimable: worst level)
  EXPECT_EQ(counts.at(2, 1), 1);  // R2 (P = 1e-9)
  EXPECT_EQ(counts.at(2, 5), 1);  // R4 (P = 1/6)
  EXPECT_EQ(counts.evaluated, 4);
  EXPECT_EQ(counts.not_evaluated, 1);  // R5: P1 and severity missing
  std::int64_t total = 0;
  for (auto n : counts.cells) total += n;
  EXPECT_EQ(total, 4);
}

TEST(HeatMapCounts, AfterRiskControl) {
  const SampleFile sample;
  const auto policy = testdata::compiled_policy();
  const auto counts = count_heat_map(policy, assess(sample.s, policy), HeatMapPhase::current);
  EXPECT_EQ(counts.at(3, 3), 1);  // R1 residual: 1e-5
  EXPECT_EQ(counts.at(2, 5), 2);  // R3 residual (not estimable, severity 2) and R4 (no control)
  EXPECT_EQ(counts.at(2, 1), 1);  // R2, no control: initial stands
  EXPECT_EQ(counts.at(3, 5), 0);
  EXPECT_EQ(counts.evaluated, 4);
  EXPECT_EQ(counts.not_evaluated, 1);
}

pugi::xml_document parse(const std::string& svg);

// R1's residual estimate relies on C2, whose effectiveness is not verified: provisional.
TEST(HeatMapCounts, ProvisionalResidualEstimatesAreCountedAfterRiskControl) {
  const SampleFile sample;
  const auto policy = testdata::compiled_policy();
  const auto assessments = assess(sample.s, policy);
  const auto after = count_heat_map(policy, assessments, HeatMapPhase::current);
  EXPECT_EQ(after.provisional_at(3, 3), 1);  // R1
  EXPECT_EQ(after.provisional_at(2, 5), 0);  // R3 relies on C1 only, which is verified
  EXPECT_EQ(after.provisional_total, 1);
  EXPECT_EQ(count_heat_map(policy, assessments, HeatMapPhase::initial).provisional_total, 0);

  const auto doc = parse(render_heat_map_svg(policy, after));
  const auto marked = doc.select_nodes("//*[local-name()='g'][contains(@class, 'provisional')]");
  ASSERT_EQ(marked.size(), 1u);
  const auto cell = marked.first().node();
  EXPECT_STREQ(cell.attribute("data-severity").value(), "3");
  EXPECT_STREQ(cell.attribute("data-probability").value(), "3");
  EXPECT_STREQ(cell.attribute("data-provisional").value(), "1");
  std::string texts;
  for (const auto& t : cell.select_nodes(".//*[local-name()='text']")) texts += t.node().text().get();
  EXPECT_NE(texts.find("1 provisional"), std::string::npos) << texts;
  const auto rect = cell.select_node(".//*[local-name()='rect']").node();
  EXPECT_STREQ(rect.attribute("stroke-dasharray").value(), "5 3");
}

TEST(HeatMapCounts, ControlledRiskWithoutResidualIsNotEvaluated) {
  SampleFile sample;
  sample.s.residual_estimates.clear();
  const auto policy = testdata::compiled_policy();
  const auto counts = count_heat_map(policy, assess(sample.s, policy), HeatMapPhase::current);
  EXPECT_EQ(counts.not_evaluated, 3);  // R1, R3 (controlled) and R5
  EXPECT_EQ(counts.evaluated, 2);
}

pugi::xml_document parse(const std::string& svg) {
  pugi::xml_document doc;
  const auto r = doc.load_string(svg.c_str());
  EXPECT_TRUE(r) << r.description() << " at " << r.offset;
  return doc;
}

TEST(HeatMapSvg, EveryCellShowsItsCountAndVerdictInWords) {
  const SampleFile sample;
  const auto policy = testdata::compiled_policy();
  const auto counts = count_heat_map(policy, assess(sample.s, policy), HeatMapPhase::initial);
  const auto svg = render_heat_map_svg(policy, counts, {.title = "Before"});
  const auto doc = parse(svg);
  const auto root = doc.child("svg");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("role").value(), "img");
  EXPECT_STREQ(root.child("title").text().get(), "Before");
  int cells = 0;
  for (const auto& x : root.select_nodes("g[@class='cell']")) {
    const auto g = x.node();
    ++cells;
    const auto s = g.attribute("data-severity").as_llong();
    const auto p = g.attribute("data-probability").as_llong();
    EXPECT_EQ(g.attribute("data-count").as_llong(), counts.at(s, p));
    const auto count_text = g.select_node("text[@class='count']").node();
    const auto verdict_text = g.select_node("text[@class='verdict']").node();
    EXPECT_EQ(std::string(count_text.text().get()), std::to_string(counts.at(s, p)));
    EXPECT_EQ(std::string(verdict_text.text().get()), name_of(policy.acceptability(s, p)));
    EXPECT_TRUE(g.child("title"));
  }
  EXPECT_EQ(cells, 25);
  EXPECT_NE(svg.find(">Catastrophic<"), std::string::npos);
  EXPECT_NE(svg.find(">Frequent (5)<"), std::string::npos);
  EXPECT_NE(svg.find("Probability of harm (per use)"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<a "), std::string::npos);
}

TEST(HeatMapSvg, EscapesLevelNamesAndTitle) {
  auto p = testdata::approved_policy();
  p.severity_levels[0].name = testdata::kScript;
  p.probability_levels[0].name = "Rare & \"odd\" <b>";
  const auto policy = *risk::CompiledPolicy::compile(p);
  const HeatMapCounts counts = count_heat_map(policy, {}, HeatMapPhase::initial);
  const auto svg = render_heat_map_svg(policy, counts, {.title = "</title><script>x</script>"});
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  const auto doc = parse(svg);
  EXPECT_STREQ(doc.child("svg").child("title").text().get(), "</title><script>x</script>");
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(HeatMapSvg, CellsLinkToTheUrlPatternWhenGiven) {
  const auto policy = testdata::compiled_policy();
  const auto counts = count_heat_map(policy, {}, HeatMapPhase::current);
  const auto svg = render_heat_map_svg(
      policy, counts,
      {.title = "Now",
       .id = "hm",
       .cell_url = "/files/f1/risks?severity={severity}&probability={probability}"});
  const auto doc = parse(svg);
  const auto root = doc.child("svg");
  EXPECT_STREQ(root.attribute("role").value(), "group");
  EXPECT_STREQ(root.attribute("aria-labelledby").value(), "hm-title hm-desc");
  const auto link = root.select_node("g[@data-severity='4'][@data-probability='2']/a").node();
  ASSERT_TRUE(link);
  EXPECT_STREQ(link.attribute("href").value(), "/files/f1/risks?severity=4&probability=2");
  EXPECT_NE(svg.find("severity=4&amp;probability=2"), std::string::npos);
  EXPECT_EQ(root.select_nodes("g[@class='cell']/a").size(), 25u);
}

TEST(HeatMapSvg, CountsOfAnotherPolicyShowZeros) {
  const auto policy = testdata::compiled_policy();
  HeatMapCounts wrong;
  wrong.severity_levels = 2;
  wrong.probability_levels = 2;
  wrong.cells = {1, 2, 3, 4};
  const auto doc = parse(render_heat_map_svg(policy, wrong));
  for (const auto& x : doc.select_nodes("//g[@class='cell']"))
    EXPECT_EQ(x.node().attribute("data-count").as_llong(), 0);
}

}  // namespace
}  // namespace riskloop::formats
