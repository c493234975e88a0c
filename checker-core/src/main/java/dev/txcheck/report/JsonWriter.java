package dev.txcheck.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import dev.txcheck.rules.RuleInfo;
import java.io.IOException;
import java.io.Writer;

/** The JSON format, schema version 1, documented in {@code docs/reports.md}. */
final class JsonWriter implements ReportWriter {
  static final int SCHEMA_VERSION = 1;
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Two spaces and "\n" on every platform, so that reports are byte-identical everywhere. */
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  @Override
  public void write(Report report, Writer out) throws IOException {
    AnalysisResult result = report.result();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setPrettyPrinter(PRETTY);
      json.writeStartObject();
      json.writeNumberField("schemaVersion", SCHEMA_VERSION);
      json.writeObjectFieldStart("tool");
      json.writeStringField("name", "tx-check");
      json.writeStringField("version", report.toolVersion());
      json.writeEndObject();
      json.writeArrayFieldStart("rules");
      for (RuleInfo rule : report.rules()) {
        json.writeStartObject();
        json.writeStringField("id", rule.id());
        json.writeStringField("name", rule.name());
        json.writeStringField("severity", rule.severity().label());
        json.writeStringField("summary", rule.summary());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("findings");
      for (Finding f : result.findings()) {
        json.writeStartObject();
        json.writeStringField("ruleId", f.ruleId());
        json.writeStringField("ruleName", f.ruleName());
        json.writeStringField("severity", f.severity().label());
        json.writeStringField("message", f.message());
        json.writeStringField("file", f.file());
        json.writeNumberField("line", f.line());
        json.writeNumberField("column", f.column());
        json.writeNumberField("endLine", f.endLine());
        json.writeNumberField("endColumn", f.endColumn());
        json.writeStringField("enclosing", f.enclosing());
        json.writeStringField("fingerprint", f.fingerprint());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("errors");
      for (ProcessingError e : result.errors()) {
        json.writeStartObject();
        json.writeStringField("file", e.file());
        json.writeNumberField("line", e.line());
        json.writeNumberField("column", e.column());
        json.writeStringField("message", e.message());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("summary");
      json.writeNumberField("filesFound", result.filesFound());
      json.writeNumberField("filesParsed", result.filesParsed());
      json.writeNumberField("linesParsed", result.linesParsed());
      json.writeNumberField("findings", result.findings().size());
      json.writeNumberField("errors", result.errors().size());
      json.writeEndObject();
      json.writeEndObject();
    }
    out.write('\n');
  }
}
