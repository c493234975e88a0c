package dev.txcheck.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.finding.Finding;
import dev.txcheck.report.ReportFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accepted findings by fingerprint. The file is JSON: {@code {"schemaVersion": 1, "findings":
 * [{"fingerprint", "ruleId", "file", "line", "message"}]}}; only the fingerprint counts, the rest
 * helps a reader review it. Because a fingerprint leaves out the line number, a baselined finding
 * stays accepted when code above it moves.
 */
public final class Baseline {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int SCHEMA_VERSION = 1;

  private final Set<String> fingerprints;

  private Baseline(Set<String> fingerprints) {
    this.fingerprints = Set.copyOf(fingerprints);
  }

  public static Baseline of(List<Finding> findings) {
    Set<String> prints = new TreeSet<>();
    findings.forEach(f -> prints.add(f.fingerprint()));
    return new Baseline(prints);
  }

  public int size() {
    return fingerprints.size();
  }

  public boolean accepts(Finding finding) {
    return fingerprints.contains(finding.fingerprint());
  }

  /**
   * How many entries of this baseline match none of the findings: their code was fixed or changed,
   * and the baseline can be written anew to drop them.
   */
  public int unmatched(List<Finding> findings) {
    Set<String> found = new HashSet<>();
    findings.forEach(f -> found.add(f.fingerprint()));
    return (int) fingerprints.stream().filter(print -> !found.contains(print)).count();
  }

  /** The findings this baseline does not accept. */
  public List<Finding> newFindings(List<Finding> findings) {
    return findings.stream().filter(f -> !accepts(f)).toList();
  }

  /**
   * The result less the findings this baseline accepts, with the counts a front end reports.
   *
   * @param result the new findings only; processing errors and counts of files unchanged
   * @param accepted how many findings the baseline accepted
   * @param stale how many baseline entries matched no finding (fixed or changed code)
   */
  public record Applied(AnalysisResult result, int accepted, int stale) {}

  /** Leaves out of the result the findings this baseline accepts. */
  public Applied apply(AnalysisResult result) {
    List<Finding> fresh = newFindings(result.findings());
    AnalysisResult remaining =
        new AnalysisResult(
            fresh,
            result.errors(),
            result.filesFound(),
            result.filesParsed(),
            result.linesParsed(),
            result.cache());
    return new Applied(
        remaining, result.findings().size() - fresh.size(), unmatched(result.findings()));
  }

  /**
   * @throws BaselineException naming the file when it cannot be read or is not a baseline of this
   *     version (an unknown schemaVersion, no findings array, an entry without a fingerprint)
   */
  public static Baseline read(Path file) throws BaselineException {
    return new Baseline(BaselineReader.fingerprints(file, SCHEMA_VERSION));
  }

  /** Writes the findings as a baseline, atomically. */
  public static void write(Path file, List<Finding> findings) throws IOException {
    ReportFiles.writeAtomically(file, out -> writeJson(out, findings));
  }

  private static void writeJson(Writer out, List<Finding> findings) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));
      json.writeStartObject();
      json.writeNumberField("schemaVersion", SCHEMA_VERSION);
      json.writeArrayFieldStart("findings");
      for (Finding f : findings) {
        json.writeStartObject();
        json.writeStringField("fingerprint", f.fingerprint());
        json.writeStringField("ruleId", f.ruleId());
        json.writeStringField("file", f.file());
        json.writeNumberField("line", f.line());
        json.writeStringField("message", f.message());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write('\n');
  }
}
