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
                + "\n# TX001 page\n\n**Why** <it> & \"how\" to fix it:\n```\nconn.rollback();\n```\n");

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
