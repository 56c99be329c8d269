// Risk management report: a well-formed document with every section in order, repeating table
// headers, heat maps with the right counts, signatures per Part 11.50, print CSS, the journal
// head hash, and hostile text escaped everywhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <pugixml.hpp>

#include "core/risk/file_index.hpp"
#include "core/risk/gate.hpp"
#include "formats/report/heat_map_svg.hpp"
#include "formats/report/rmr_html.hpp"
#include "formats/report/rmr_writer.hpp"
#include "report_fixture.hpp"
#include "sample_risk_file.hpp"

namespace riskloop::formats {
namespace {

using testdata::kAttributeBreaker;
using testdata::kHash;
using testdata::kScript;
using testdata::ReportFixture;

pugi::xml_document parse(const std::string& html) {
  pugi::xml_document doc;
  const auto r = doc.load_string(html.c_str());
  EXPECT_TRUE(r) << r.description() << " at byte " << r.offset << ": "
                 << html.substr(r.offset > 80 ? r.offset - 80 : 0, 160);
  return doc;
}

std::vector<std::string> headers_of(const pugi::xml_node& table) {
  std::vector<std::string> out;
  for (const auto& th : table.select_nodes("thead/tr/th")) out.emplace_back(th.node().text().get());
  return out;
}

TEST(RmrHtml, IsWellFormedWithEverySectionInOrder) {
  const ReportFixture f;
  const auto html = render_rmr_html(f.data());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  const auto doc = parse(html);
  std::vector<std::string> ids;
  for (const auto& s : doc.select_nodes("/html/body/main/section"))
    ids.emplace_back(s.node().attribute("id").value());
  EXPECT_EQ(ids, (std::vector<std::string>{"plan", "device", "policy", "matrix", "hazards",
                                           "situations", "harms", "risks", "controls",
                                           "benefit-risk", "overall", "reviews", "gates",
                                           "traceability", "signatures", "integrity"}));
  for (const auto& s : doc.select_nodes("/html/body/main/section"))
    EXPECT_TRUE(s.node().child("h2")) << s.node().attribute("id").value();
  // Every contents entry points at a section.
  for (const auto& a : doc.select_nodes("//nav//a")) {
    const std::string href = a.node().attribute("href").value();
    EXPECT_TRUE(std::find(ids.begin(), ids.end(), href.substr(1)) != ids.end()) << href;
  }
}

TEST(RmrHtml, EveryTableHasARepeatingHeader) {
  const ReportFixture f;
  const auto html = render_rmr_html(f.data());
  const auto doc = parse(html);
  const auto tables = doc.select_nodes("//table");
  EXPECT_GE(tables.size(), 15u);
  for (const auto& t : tables) {
    EXPECT_FALSE(headers_of(t.node()).empty()) << t.node().attribute("class").value();
    EXPECT_TRUE(t.node().child("tbody"));
  }
  const auto trace = doc.select_node("//table[@class='traceability']").node();
  EXPECT_EQ(headers_of(trace),
            (std::vector<std::string>{
                "Hazard", "Hazardous situation", "Harm", "Initial estimate", "Risk controls",
                "Verification (implementation / effectiveness)", "Residual risk"}));
  // H1: S1 -> M1, M2; S2 -> M1, M4. H2: S2 -> M1, M4. H3 alone. S3 -> M2 without hazard.
  EXPECT_EQ(trace.select_nodes("tbody/tr").size(), 8u);
  EXPECT_EQ(doc.select_node("//table[@class='hazards']").node().select_nodes("tbody/tr").size(),
            3u);
  EXPECT_EQ(doc.select_node("//table[@class='risks']").node().select_nodes("tbody/tr").size(), 5u);
  EXPECT_EQ(doc.select_node("//table[@class='controls']").node().select_nodes("tbody/tr").size(),
            2u);
  EXPECT_EQ(doc.select_node("//table[@class='plan']").node().select_nodes("tbody/tr").size(), 7u);
}

TEST(RmrHtml, HeatMapsCountRisksBeforeAndAfterControl) {
  const ReportFixture f;
  const auto doc = parse(render_rmr_html(f.data()));
  for (auto [id, phase] : {std::pair{"heat-map-initial", HeatMapPhase::initial},
                           std::pair{"heat-map-residual", HeatMapPhase::current}}) {
    const auto counts = count_heat_map(f.policy, f.assessments, phase);
    const auto figure = doc.select_node(("//figure[@id='" + std::string(id) + "']").c_str()).node();
    ASSERT_TRUE(figure) << id;
    EXPECT_TRUE(figure.child("figcaption"));
    const auto cells = figure.select_nodes("svg/g[contains(concat(' ', @class, ' '), ' cell ')]");
    EXPECT_EQ(cells.size(), 25u);
    for (const auto& c : cells) {
      const auto s = c.node().attribute("data-severity").as_llong();
      const auto p = c.node().attribute("data-probability").as_llong();
      EXPECT_EQ(c.node().attribute("data-count").as_llong(), counts.at(s, p));
    }
  }
  const auto initial =
      doc.select_node(
             "//figure[@id='heat-map-initial']/svg/g[@data-severity='3'][@data-probability='5']")
          .node();
  EXPECT_STREQ(initial.attribute("data-count").value(), "2");
}

// R1's residual estimate relies on C2, whose effectiveness is not verified.
TEST(RmrHtml, ProvisionalResidualEstimatesAreMarked) {
  const ReportFixture f;
  const auto html = render_rmr_html(f.data());
  EXPECT_NE(html.find("1 provisional (residual estimate relying on controls not yet verified)"),
            std::string::npos);
  const auto doc = parse(html);
  const auto marked = doc.select_nodes(
      "//figure[@id='heat-map-residual']/svg/g[contains(@class, 'provisional')]");
  ASSERT_EQ(marked.size(), 1u);
  EXPECT_STREQ(marked.first().node().attribute("data-provisional").value(), "1");
  EXPECT_TRUE(doc.select_nodes("//figure[@id='heat-map-initial']/svg/g[contains(@class, 'provisional')]")
                  .empty());
  // Section 8: the residual column of R1 says so; R3's (verified control) does not.
  const auto provisional = html.find("PROVISIONAL, relies on controls not yet verified: ");
  ASSERT_NE(provisional, std::string::npos);
  EXPECT_EQ(html.find("PROVISIONAL", provisional + 1), std::string::npos);
}

// The title block says which gates were passed, when and by whom; a file that passed none says so.
TEST(RmrHtml, CurrentStageNamesTheGatesPassed) {
  ReportFixture f;
  f.signatures.push_back({"Mei Chen", testdata::day(1), "approval", "gate_decision", "G1"});
  auto html = render_rmr_html(f.data());
  EXPECT_EQ(html.find("last gate passed"), std::string::npos);
  EXPECT_NE(html.find("gate passed " + rmr::utc_text(testdata::day(1)) + " by Mei Chen"),
            std::string::npos);
  f.sample.s.gate_decisions.clear();
  html = render_rmr_html(f.data());
  EXPECT_NE(html.find("(no gate passed yet)"), std::string::npos);
}

// Section 2 (ISO 14971 5.1): the product's description when the file has none of its own.
TEST(RmrHtml, DeviceDescriptionFallsBackToTheProduct) {
  ReportFixture f;
  f.sample.s.file.device_description.clear();
  auto data = f.data();
  data.product_description = "Drug-eluting coronary stent system";
  auto html = render_rmr_html(data);
  EXPECT_EQ(html.find("No device description."), std::string::npos);
  EXPECT_NE(html.find("Drug-eluting coronary stent system"), std::string::npos);
  data.product_description.clear();
  html = render_rmr_html(data);
  EXPECT_NE(html.find("No device description."), std::string::npos);
}

TEST(RmrHtml, HostileTextIsEscapedEverywhere) {
  const ReportFixture f;
  const auto html = render_rmr_html(f.data());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<XL>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("MedCo &amp; Partners"), std::string::npos);
  const auto doc = parse(html);
  EXPECT_EQ(std::string(doc.select_node("/html/head/title").node().text().get()),
            "Risk management report: Coronary stent system " + kScript);
  EXPECT_TRUE(doc.select_nodes("//script").empty());
  EXPECT_TRUE(doc.select_nodes("//img").empty());
  EXPECT_TRUE(doc.select_nodes("//link").empty());
  EXPECT_TRUE(doc.select_nodes("//*[@src]").empty());
  for (const auto& a : doc.select_nodes("//a[@href]"))
    EXPECT_EQ(a.node().attribute("href").value()[0], '#');
  const auto csp = doc.select_node("//meta[@http-equiv='Content-Security-Policy']").node();
  EXPECT_NE(std::string(csp.attribute("content").value()).find("default-src 'none'"),
            std::string::npos);
}

TEST(RmrHtml, SignaturesShowNameTimeAndMeaningWithTheirRecord) {
  const ReportFixture f;
  const auto doc = parse(render_rmr_html(f.data()));
  const auto overall = doc.select_node("//section[@id='overall']").node();
  const auto items = overall.select_nodes(".//div[@class='signature-block']/ul/li");
  ASSERT_EQ(items.size(), 2u);
  const auto first = items.first().node();
  EXPECT_STREQ(first.child("span").text().get(), "Dr. Ann Smith");
  EXPECT_STREQ(first.select_node("span[@class='meaning']").node().text().get(), "approval");
  EXPECT_STREQ(first.child("time").text().get(), "2024-10-08 13:05:00 UTC");
  EXPECT_STREQ(first.child("time").attribute("datetime").value(), "2024-10-08T13:05:00.000Z");
  EXPECT_NE(std::string(overall.select_node(".//p[1]").node().text().get())
                .find("the overall residual risk is acceptable"),
            std::string::npos);
  const auto reviews = doc.select_node("//table[@class='reviews']").node();
  EXPECT_STREQ(reviews.select_node(".//ul[@class='signatures']/li/span").node().text().get(),
               "Bob Jones");
  const auto list = doc.select_node("//table[@class='signatures']").node();
  EXPECT_EQ(list.select_nodes("tbody/tr").size(), 3u);
  EXPECT_STREQ(list.select_node("tbody/tr[1]/td[5]").node().text().get(),
               "version 2 sha256:0a1b2c");
  // An unsigned decision says so.
  const auto br = doc.select_node("//table[@class='benefit-risk']").node();
  EXPECT_TRUE(br.select_node(".//p[@class='unsigned']"));
}

TEST(RmrHtml, PrintCssJournalHashAndGateFindings) {
  const ReportFixture f;
  const auto html = render_rmr_html(f.data());
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("@bottom-right { content: counter(page) \" / \" counter(pages)"),
            std::string::npos);
  EXPECT_NE(html.find("thead { display: table-header-group; }"), std::string::npos);
  const auto doc = parse(html);
  EXPECT_EQ(std::string(doc.select_node("//*[@id='journal-head']").node().text().get()), kHash);
  EXPECT_TRUE(doc.select_node("//dl[@class='title-block']/dd[@class='hash']"));
  const auto gates = doc.select_node("//section[@id='gates']").node();
  EXPECT_EQ(gates.select_nodes("h3").size(), 3u);  // decisions + two stages
  EXPECT_FALSE(gates.select_nodes(".//table[@class='gate-findings']").empty());
  EXPECT_NE(html.find("2024-10-10 09:00:00 UTC"), std::string::npos);  // generated at
}

TEST(RmrHtml, EmptyFileStillRendersWithWhatIsMissing) {
  risk::RiskFileSnapshot empty;
  empty.file.title = "New file";
  const auto policy = testdata::compiled_policy();
  const auto html = render_rmr_html({.snapshot = empty, .policy = policy, .assessments = {}});
  const auto doc = parse(html);
  EXPECT_EQ(doc.select_nodes("//section").size(), 16u);
  EXPECT_NE(html.find("The overall residual risk has not been evaluated."), std::string::npos);
  EXPECT_NE(html.find("No risk management review has been held."), std::string::npos);
  EXPECT_NE(html.find("Journal head hash"), std::string::npos);
  EXPECT_EQ(doc.select_nodes("//td[@class='missing']").size(), 7u);  // the seven plan sections
}

TEST(RmrHtml, RecomputesAssessmentsThatDoNotMatchTheFile) {
  const ReportFixture f;
  auto data = f.data();
  data.assessments = {};
  const auto doc = parse(render_rmr_html(data));
  EXPECT_STREQ(
      doc.select_node(
             "//figure[@id='heat-map-initial']/svg/g[@data-severity='3'][@data-probability='5']")
          .node()
          .attribute("data-count")
          .value(),
      "2");
}

// Items are named by their refs, not their ids; a retired item stays, marked with its reason,
// and its risks leave the heat maps.
TEST(RmrHtml, RefsNameItemsAndRetiredItemsAreMarkedAndNotCounted) {
  ReportFixture f;
  const auto total = [&](const ReportFixture& x) {
    const auto counts = count_heat_map(x.policy, x.assessments, HeatMapPhase::initial);
    return std::accumulate(counts.cells.begin(), counts.cells.end(), std::int64_t{0});
  };
  const auto before = total(f);
  auto& s = f.sample.s;
  s.hazards[0].ref = "H-001";
  s.situation_harms[0].ref = "R-001";
  s.situation_harms[0].retired_rationale = "Merged into R-002 after the design review";
  f.assessments = risk::assess_risks(risk::RiskFileIndex(s), f.policy);
  EXPECT_EQ(total(f), before - 1);
  const auto html = render_rmr_html(f.data());
  const auto doc = parse(html);
  EXPECT_STREQ(doc.select_node("//section[@id='hazards']//tbody/tr[1]/td[1]").node().text().get(),
               "H-001");
  EXPECT_STREQ(doc.select_node("//section[@id='risks']//tbody/tr[1]/td[1]").node().text().get(),
               "R-001");
  EXPECT_NE(html.find("RETIRED: Merged into R-002 after the design review"), std::string::npos);
}

}  // namespace
}  // namespace riskloop::formats
