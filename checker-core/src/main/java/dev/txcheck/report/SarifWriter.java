package dev.txcheck.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Severity;
import dev.txcheck.rules.RuleInfo;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: the rules in {@code tool.driver.rules} with their
 * documentation as {@code help}, one result per finding with a location relative to {@code
 * %SRCROOT%} (the repository's root, left unnamed so that the file is the same on every machine)
 * and the finding's fingerprint, and files that could not be analysed as tool execution
 * notifications.
 */
final class SarifWriter implements ReportWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));
  private static final String BASE_ID = "%SRCROOT%";

  private final Function<String, Optional<String>> ruleDocs;

  /**
   * @param ruleDocs a rule's documentation page (Markdown) by rule id
   */
  SarifWriter(Function<String, Optional<String>> ruleDocs) {
    this.ruleDocs = ruleDocs;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    Map<String, Integer> ruleIndex = new HashMap<>();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setPrettyPrinter(PRETTY);
      json.writeStartObject();
      json.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      json.writeStringField("version", "2.1.0");
      json.writeArrayFieldStart("runs");
      json.writeStartObject();
      json.writeObjectFieldStart("tool");
      json.writeObjectFieldStart("driver");
      json.writeStringField("name", "tx-check");
      json.writeStringField("semanticVersion", report.toolVersion());
      json.writeArrayFieldStart("rules");
      for (RuleInfo rule : report.rules()) {
        ruleIndex.put(rule.id(), ruleIndex.size());
        writeRule(json, rule);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
      json.writeObjectFieldStart("originalUriBaseIds");
      json.writeObjectFieldStart(BASE_ID);
      // No "uri": a consumer resolves %SRCROOT% to its own checkout (GitHub: the repository root).
      writeMessage(json, "description", "the root of the repository");
      json.writeEndObject();
      json.writeEndObject();
      json.writeArrayFieldStart("invocations");
      json.writeStartObject();
      json.writeBooleanField("executionSuccessful", true);
      json.writeArrayFieldStart("toolExecutionNotifications");
      for (ProcessingError error : report.result().errors()) {
        json.writeStartObject();
        json.writeStringField("level", "error");
        writeMessage(json, error.message());
        writeLocations(json, report, error.file(), error.line(), error.column(), 0, 0);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeArrayFieldStart("results");
      for (Finding f : report.result().findings()) {
        json.writeStartObject();
        json.writeStringField("ruleId", f.ruleId());
        Integer index = ruleIndex.get(f.ruleId());
        if (index != null) {
          json.writeNumberField("ruleIndex", index);
        }
        json.writeStringField("level", level(f.severity()));
        writeMessage(json, f.message());
        writeLocations(json, report, f.file(), f.line(), f.column(), f.endLine(), f.endColumn());
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField("txCheckFingerprint/v1", f.fingerprint());
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write('\n');
  }

  private void writeRule(JsonGenerator json, RuleInfo rule) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", rule.id());
    json.writeStringField("name", camelCase(rule.name()));
    json.writeObjectFieldStart("shortDescription");
    json.writeStringField("text", rule.summary());
    json.writeEndObject();
    json.writeObjectFieldStart("fullDescription");
    json.writeStringField("text", rule.summary());
    json.writeEndObject();
    // GitHub shows help on every alert and requires its text; the project publishes no site to
    // link to, so the whole page travels in the file.
    String page = ruleDocs.apply(rule.id()).orElse(rule.summary());
    json.writeObjectFieldStart("help");
    json.writeStringField("text", MarkdownText.render(page));
    json.writeStringField("markdown", page);
    json.writeEndObject();
    json.writeObjectFieldStart("defaultConfiguration");
    json.writeStringField("level", level(rule.severity()));
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeMessage(JsonGenerator json, String text) throws IOException {
    writeMessage(json, "message", text);
  }

  private static void writeMessage(JsonGenerator json, String field, String text)
      throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("text", text);
    json.writeEndObject();
  }

  /** One physical location; a region only where there is a position. */
  private static void writeLocations(
      JsonGenerator json,
      Report report,
      String file,
      int line,
      int column,
      int endLine,
      int endColumn)
      throws IOException {
    json.writeArrayFieldStart("locations");
    json.writeStartObject();
    json.writeObjectFieldStart("physicalLocation");
    json.writeObjectFieldStart("artifactLocation");
    Path path = Path.of(file);
    Path absolute =
        path.isAbsolute() ? path.normalize() : report.baseDirectory().resolve(path).normalize();
    Path root = report.repositoryRoot();
    if (absolute.startsWith(root)) {
      json.writeStringField("uri", relativeUri(root.relativize(absolute)));
      json.writeStringField("uriBaseId", BASE_ID);
    } else {
      json.writeStringField("uri", absolute.toUri().toString());
    }
    json.writeEndObject();
    if (line > 0) {
      json.writeObjectFieldStart("region");
      json.writeNumberField("startLine", line);
      json.writeNumberField("startColumn", Math.max(column, 1));
      if (endLine >= line && endLine > 0) {
        json.writeNumberField("endLine", endLine);
        // SARIF's end column is exclusive; ours is the last column of the flagged code.
        json.writeNumberField("endColumn", endColumn + 1);
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndArray();
  }

  /** A relative path as a URI reference: '/' separated, spaces and the like percent-encoded. */
  private static String relativeUri(Path relative) {
    String slashed = relative.toString().replace('\\', '/');
    try {
      return new URI(null, null, slashed, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a usable path: " + slashed, e);
    }
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /**
   * {@code missing-rollback} becomes {@code MissingRollback}, SARIF's convention for rule names.
   */
  private static String camelCase(String kebab) {
    StringBuilder out = new StringBuilder();
    for (String part : kebab.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
