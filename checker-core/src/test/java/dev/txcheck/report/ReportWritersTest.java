package dev.txcheck.report;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Severity;
import dev.txcheck.rules.Rules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Every writer against a golden file, on a report whose messages carry the characters each format
 * must escape. To accept a deliberate change, write the new output over the golden file and read
 * the diff.
 */
class ReportWritersTest {
  static final Report REPORT =
      new Report(
          new AnalysisResult(
              List.of(
                  new Finding(
                      "TX001",
                      "missing-rollback",
                      Severity.ERROR,
                      "the exception thrown by \"dao.save()\" on line 12 leaves <conn> & co open: 100% sure",
                      "src/main/java/com/acme/Dao.java",
                      10,
                      5,
                      10,
                      30,
                      "Dao.save(Connection)",
                      "0123456789abcdef"),
                  new Finding(
                      "TX002",
                      "commit-in-loop",
                      Severity.WARNING,
                      "conn.commit() runs per row,\nsee </script><script>alert(1)</script>",
                      "src/main/java/com/acme/Import, v2.java",
                      40,
                      9,
                      40,
                      22,
                      "Import.run()",
                      "fedcba9876543210")),
              List.of(
                  new ProcessingError(
                      "src/Broken.java", 3, 7, "cannot parse: Parse error; file skipped")),
              12,
              4,
              345),
          // The first three rules only: the goldens must not change whenever a rule is added.
          Rules.ALL.stream().limit(3).map(r -> r.info()).toList(),
          "1.2.3",
          Path.of("/work/project"));

  /**
   * The analysed code, for the HTML report's excerpts: hostile on purpose. The second file cannot
   * be read.
   */
  static final SourceLines SOURCES =
      (base, file) ->
          file.equals("src/main/java/com/acme/Dao.java")
              ? List.of(
                  "package com.acme;",
                  "",
                  "class Dao {",
                  "  private final Dao dao = this;",
                  "",
                  "  void save(java.sql.Connection conn) throws Exception {",
                  "    /** Saves <b>orders</b> & \"lines\"; see </script><!-- here --> */",
                  "    String html = \"<img src=x onerror=alert(1)>\";",
                  "\tString s = \"]]></pre><script>alert('x')</script>\";",
                  "    conn.setAutoCommit(false);",
                  "    dao.save(); // ' single quotes '",
                  "    conn.commit();",
                  "  }",
                  "}")
              : List.of();

  /** A rule's page, as the bundled docs are written: Markdown. */
  static final Function<String, Optional<String>> DOCS =
      id ->
          Optional.of(
              "# "
                  + id
                  + " page\n\n**Why** <it> & \"how\" to fix it:\n```\nconn.rollback();\n```\n");

  static String render(Format format) throws IOException {
    return render(format, REPORT);
  }

  static String render(Format format, Report report) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriter writer =
        switch (format) {
          case HTML -> new HtmlWriter(SOURCES, DOCS);
          case SARIF -> new SarifWriter(DOCS);
          default -> format.writer();
        };
    writer.write(report, out);
    return out.toString();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void matchesItsGoldenFile(Format format) throws IOException {
    String golden = "golden-" + format.fileName();
    if (Boolean.getBoolean(
        "update.goldens")) { // mvn test -Dupdate.goldens=true, then read the diff
      Files.writeString(Path.of("src/test/resources/dev/txcheck/report", golden), render(format));
    }
    try (InputStream in = getClass().getResourceAsStream(golden)) {
      assertThat(in).isNotNull();
      assertThat(render(format)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void jsonIsValidAndKeepsMessagesVerbatim() throws IOException {
    List<String> messages = new ArrayList<>();
    try (JsonParser json = new JsonFactory().createParser(render(Format.JSON))) {
      while (json.nextToken() != null) {
        if (json.currentToken() == JsonToken.FIELD_NAME && json.currentName().equals("message")) {
          json.nextToken();
          messages.add(json.getText());
        }
      }
    }
    assertThat(messages.get(0)).isEqualTo(REPORT.result().findings().get(0).message());
    assertThat(messages.get(1)).contains("</script><script>");
  }

  @Test
  void checkstyleIsWellFormedXmlWithOneErrorPerFindingAndProblem() throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    render(Format.CHECKSTYLE).getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("file").getLength()).isEqualTo(3);
    assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(3);
    Element last = (Element) doc.getElementsByTagName("error").item(2);
    assertThat(last.getAttribute("source")).isEqualTo("tx-check.TX002");
    assertThat(last.getAttribute("message")).contains("</script>");
  }

  @Test
  void checkstyleMatchesTheShapeCheckstyleConsumersRead() throws Exception {
    Validator validator =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("checkstyle-report.xsd"))
            .newValidator();
    validator.validate(new StreamSource(new StringReader(render(Format.CHECKSTYLE))));
    String foreign =
        "<checkstyle version='x'><file name='A.java'><error line='1'/></file></checkstyle>";
    assertThrows(
        SAXException.class, () -> validator.validate(new StreamSource(new StringReader(foreign))));
  }

  @Test
  void sarifIsValidAgainstTheOfficialSchema() throws Exception {
    JsonSchema schema;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      assertThat(in).isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    Set<ValidationMessage> problems =
        schema.validate(new ObjectMapper().readTree(render(Format.SARIF)));
    assertThat(problems).isEmpty();
    // The check can fail: a result without a message is not SARIF.
    String broken = render(Format.SARIF).replaceFirst("\"message\" : \\{[^}]*}", "\"message\" : 7");
    assertThat(schema.validate(new ObjectMapper().readTree(broken))).isNotEmpty();
  }

  @Test
  void sarifLocationsAreRelativeToTheBaseAndEncoded() throws IOException {
    String sarif = render(Format.SARIF);
    assertThat(sarif).contains("\"uri\" : \"src/main/java/com/acme/Import,%20v2.java\"");
    assertThat(sarif).contains("\"txCheckFingerprint/v1\" : \"0123456789abcdef\"");
    assertThat(sarif).doesNotContain("/work/project"); // the same file on every machine
  }

  @Test
  void sarifLocationsOfAModuleAreRelativeToTheRepositoryRoot(@TempDir Path checkout)
      throws IOException {
    Files.createDirectories(checkout.resolve(".git"));
    Path module = Files.createDirectories(checkout.resolve("services/bank"));
    Report report =
        new Report(REPORT.result(), REPORT.rules(), REPORT.toolVersion(), module); // as Maven does
    String sarif = render(Format.SARIF, report);
    assertThat(sarif).contains("\"uri\" : \"services/bank/src/main/java/com/acme/Dao.java\"");
    assertThat(sarif).contains("\"uriBaseId\" : \"%SRCROOT%\"");
    assertThat(sarif).doesNotContain(checkout.toString());
  }

  @Test
  void sarifRulesCarryTheirPageAsHelpTextAndMarkdown() throws Exception {
    var rules = new ObjectMapper().readTree(render(Format.SARIF)).at("/runs/0/tool/driver/rules");
    var help = rules.get(0).get("help");
    assertThat(help.get("markdown").asText()).startsWith("# TX001 page\n\n**Why**");
    assertThat(help.get("text").asText())
        .isEqualTo(
            "TX001 page\n==========\n\nWhy <it> & \"how\" to fix it:\n\n    conn.rollback();\n");
    assertThat(rules.get(0).has("helpUri")).isFalse(); // no site is published to point at
  }

  @Test
  void githubCommandsEscapeWhatWouldEndThem() throws IOException {
    List<String> lines = render(Format.GITHUB).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("100%25 sure");
    assertThat(lines.get(1))
        .startsWith("::warning file=src/main/java/com/acme/Import%2C v2.java,line=40,");
    assertThat(lines.get(1)).contains("per row,%0Asee");
  }

  @Test
  void reportFilesAreWrittenAtomicallyAndReplaced(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("reports/tx-check.json");
    ReportFiles.write(target, Format.JSON, REPORT);
    ReportFiles.write(target, Format.JSON, REPORT);
    assertThat(Files.readString(target)).isEqualTo(render(Format.JSON));
    try (var files = Files.list(target.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("tx-check.json");
    }
  }

  @Test
  void unknownFormatsNameTheChoices() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Format.parse("sarif2"));
    assertThat(e).hasMessageThat().contains("choose text, json, sarif, checkstyle, github or html");
    assertThat(Format.parse("Json")).isEqualTo(Format.JSON);
  }

  @Test
  void severalFormatsAreParsedOnceEachAndWrittenUnderTheirFileNames(@TempDir Path dir)
      throws IOException {
    List<Format> formats = Format.parseAll(List.of("html", "SARIF", "html", "checkstyle"));
    assertThat(formats).containsExactly(Format.HTML, Format.SARIF, Format.CHECKSTYLE).inOrder();

    List<Path> written = ReportFiles.writeAll(dir.resolve("out"), formats, REPORT);
    assertThat(written.stream().map(p -> p.getFileName().toString()).toList())
        .containsExactly("tx-check.html", "tx-check.sarif", "tx-check-checkstyle.xml")
        .inOrder();
    StringWriter sarif = new StringWriter();
    Format.SARIF.writer().write(REPORT, sarif);
    assertThat(Files.readString(written.get(1))).isEqualTo(sarif.toString());
  }
}
