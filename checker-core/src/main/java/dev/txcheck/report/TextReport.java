package dev.txcheck.report;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiler-style lines that editors and CI logs link to: {@code path:line:col: severity: [TX001]
 * message}.
 */
public final class TextReport {
  private TextReport() {}

  public static void findings(AnalysisResult result, PrintWriter out) {
    for (Finding f : result.findings()) {
      out.printf(
          "%s:%d:%d: %s: [%s] %s%n",
          f.file(),
          f.line(),
          f.column(),
          f.severity().label(),
          f.ruleId(),
          CheckstyleWriter.oneLine(f.message()));
    }
  }

  /** A message on one line, as log lines need it. */
  public static String oneLine(String message) {
    return CheckstyleWriter.oneLine(message);
  }

  public static void errors(AnalysisResult result, PrintWriter err) {
    for (ProcessingError e : result.errors()) {
      err.println(
          e.line() > 0
              ? e.file() + ":" + e.line() + ":" + e.column() + ": error: " + e.message()
              : e.file() + ": error: " + e.message());
    }
  }

  /** One line: counts by rule, files looked at, files that could not be analysed. */
  public static String summary(AnalysisResult result) {
    Map<String, Integer> byRule = new TreeMap<>();
    result.findings().forEach(f -> byRule.merge(f.ruleId(), 1, Integer::sum));
    StringBuilder s = new StringBuilder("tx-check: ");
    int n = result.findings().size();
    s.append(n == 0 ? "no findings" : n + (n == 1 ? " finding" : " findings"));
    if (!byRule.isEmpty()) {
      StringBuilder rules = new StringBuilder();
      byRule.forEach(
          (rule, count) ->
              rules
                  .append(rules.length() == 0 ? "" : ", ")
                  .append(rule)
                  .append(": ")
                  .append(count));
      s.append(" (").append(rules).append(')');
    }
    s.append(" in ")
        .append(result.filesFound())
        .append(result.filesFound() == 1 ? " file" : " files");
    s.append(" (").append(result.filesParsed()).append(" mention transactions)");
    if (!result.errors().isEmpty()) {
      s.append("; ")
          .append(result.errors().size())
          .append(result.errors().size() == 1 ? " problem" : " problems")
          .append(" reading or parsing input");
    }
    return s.toString();
  }
}
