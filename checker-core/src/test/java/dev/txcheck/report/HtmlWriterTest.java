package dev.txcheck.report;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The HTML page: structure, excerpts, and no way for analysed code to inject markup. */
class HtmlWriterTest {
  private static Document page() throws Exception {
    String html = ReportWritersTest.render(Format.HTML);
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> result = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      result.add((Element) nodes.item(i));
    }
    return result;
  }

  private static List<Element> withClass(Document doc, String tag, String cssClass) {
    return elements(doc, tag).stream()
        .filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cssClass))
        .toList();
  }

  @Test
  void hostileCodeAndMessagesStayText() throws Exception {
    Document doc = page(); // parsing at all shows the markup is well formed
    assertThat(elements(doc, "script")).hasSize(1);
    assertThat(elements(doc, "img")).isEmpty();
    assertThat(elements(doc, "b").stream().map(Node::getTextContent))
        .doesNotContain("orders"); // the <b> of the code's Javadoc
    String script = elements(doc, "script").get(0).getTextContent();
    assertThat(script).doesNotContain("alert");

    String code = withClass(doc, "pre", "code").get(0).getTextContent();
    assertThat(code).contains("see </script><!-- here -->");
    assertThat(code).contains("\"<img src=x onerror=alert(1)>\"");
    assertThat(code).contains("]]></pre><script>alert('x')</script>");
    String message = withClass(doc, "p", "message").get(1).getTextContent();
    assertThat(message)
        .isEqualTo("conn.commit() runs per row,\nsee </script><script>alert(1)</script>");
  }

  @Test
  void eachFindingShowsItsRuleMessageExcerptAndExplanation() throws Exception {
    Document doc = page();
    List<Element> findings = withClass(doc, "article", "finding");
    assertThat(findings.stream().map(f -> f.getAttribute("data-rule")))
        .containsExactly("TX001", "TX002")
        .inOrder(); // by file name: Dao.java, then "Import, v2.java"

    Element dao = findings.get(0);
    List<Element> lines = new ArrayList<>();
    NodeList spans = dao.getElementsByTagName("span");
    for (int i = 0; i < spans.getLength(); i++) {
      Element span = (Element) spans.item(i);
      if (span.getAttribute("class").startsWith("line")) {
        lines.add(span);
      }
    }
    // Line 10 flagged, three lines either side.
    assertThat(lines).hasSize(7);
    assertThat(lines.get(3).getAttribute("class")).isEqualTo("line flagged");
    assertThat(lines.get(3).getTextContent()).isEqualTo("10    conn.setAutoCommit(false);");
    assertThat(dao.getElementsByTagName("details").item(0).getTextContent())
        .isEqualTo(
            "About TX001: "
                + ReportWritersTest.REPORT.rules().get(0).summary()
                + "\nTX001 page\n==========\n\nWhy <it> & \"how\" to fix it:\n\n    conn.rollback();\n");

    // The file that cannot be read still shows its finding, without code.
    assertThat(findings.get(1).getElementsByTagName("pre").getLength()).isEqualTo(1); // the doc
    assertThat(findings.get(1).getTextContent()).contains("line 40, column 9");
  }

  @Test
  void summariesFilterAndProblems() throws Exception {
    Document doc = page();
    Element filter = doc.getElementById("filter");
    assertThat(filter).isNull(); // no DTD, so ids are not ids: look it up by hand
    Element fieldset = elements(doc, "fieldset").get(0);
    assertThat(fieldset.getAttribute("hidden")).isEqualTo("hidden"); // the script shows it
    assertThat(elements(doc, "input").stream().map(i -> i.getAttribute("data-rule")))
        .containsExactly("TX001", "TX002");
    String text = doc.getDocumentElement().getTextContent();
    assertThat(text).contains("tx-check 1.2.3 · 2 findings in 2 files · 4 files analysed");
    assertThat(text).contains("src/Broken.java:3:7");
    assertThat(text).contains("cannot parse: Parse error; file skipped");
  }

  @Test
  void tabsAreExpandedInTheCodeSoTheGutterDoesNotShiftThem() throws Exception {
    Element line9 =
        withClass(page(), "span", "line").stream()
            .filter(l -> l.getTextContent().startsWith("9"))
            .findFirst()
            .orElseThrow();
    assertThat(line9.getTextContent()).startsWith("9    String s = ");
    assertThat(CodeExcerpt.expandTabs("a\tb\t\tc", 4)).isEqualTo("a   b       c");
  }

  @Test
  void rulesWithoutFindingsAreFoldedAndTheFilterFollowsRuleOrder() throws Exception {
    Document doc = page();
    Element quiet = elements(doc, "details").get(0);
    assertThat(quiet.getAttribute("id")).isEqualTo("quiet-rules");
    assertThat(quiet.getTextContent()).startsWith("1 rule without findings");
    assertThat(quiet.getTextContent()).contains("TX003 swallowed-exception");
    Element byRule = elements(doc, "table").get(0);
    assertThat(byRule.getTextContent()).doesNotContain("TX003");

    // files sorted by name put TX002 first; the filter still lists rules in rule order
    Report reversed =
        new Report(
            new dev.txcheck.engine.AnalysisResult(
                List.of(
                    ReportWritersTest.REPORT.result().findings().get(1),
                    ReportWritersTest.REPORT.result().findings().get(0)),
                List.of(),
                2,
                2,
                10),
            ReportWritersTest.REPORT.rules(),
            "1.2.3",
            java.nio.file.Path.of("/work/project"));
    String html = ReportWritersTest.render(Format.HTML, reversed);
    assertThat(html.indexOf("data-rule=\"TX001\"/>"))
        .isLessThan(html.indexOf("data-rule=\"TX002\"/>"));
  }

  @Test
  void theByFileTableTellsTheFilterWhichRulesEachFileHas() throws Exception {
    List<String> rules =
        elements(page(), "tr").stream()
            .map(r -> r.getAttribute("data-rules"))
            .filter(r -> !r.isEmpty())
            .toList();
    assertThat(rules).containsExactly("TX001", "TX002").inOrder();
    assertThat(ReportWritersTest.render(Format.HTML))
        .contains("querySelectorAll(\"#files tr[data-rules]\")");
  }

  @Test
  void theLineAMessageRefersToIsShownAndMarked() throws Exception {
    // "... dao.save() on line 12 ..." at line 10: line 12 is marked as the other line
    List<Element> refs = withClass(page(), "span", "ref");
    assertThat(refs).hasSize(1);
    assertThat(refs.get(0).getTextContent()).startsWith("12    conn.commit();");

    List<String> file = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      file.add("line " + i);
    }
    CodeExcerpt near = CodeExcerpt.around(file, 30, 30, "conn begun on line 12 stays open");
    assertThat(near.firstLine()).isEqualTo(11);
    assertThat(near.refers(12)).isTrue();
    assertThat(near.flags(30)).isTrue();
    CodeExcerpt far = CodeExcerpt.around(file, 50, 50, "begun on line 2");
    assertThat(far.firstLine()).isEqualTo(47); // too far to show in one piece
    assertThat(far.refers(2)).isFalse();
  }

  @Test
  void excerptsClampAtTheEdgesOfTheFile() {
    List<String> file = List.of("a", "b", "c", "d");
    CodeExcerpt start = CodeExcerpt.around(file, 1, 1);
    assertThat(start.firstLine()).isEqualTo(1);
    assertThat(start.lines()).containsExactly("a", "b", "c", "d");
    CodeExcerpt end = CodeExcerpt.around(file, 4, 9);
    assertThat(end.firstLine()).isEqualTo(1);
    assertThat(end.flaggedTo()).isEqualTo(4);
    assertThat(CodeExcerpt.around(file, 7, 7).isEmpty()).isTrue();
    assertThat(CodeExcerpt.around(List.of(), 1, 1).isEmpty()).isTrue();
  }
}
