package dev.txcheck.report;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.rules.RuleInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a report shows: the result and the rules that ran. Immutable; every writer is a pure
 * function of it.
 *
 * @param result findings and processing errors, sorted
 * @param rules the rules that ran, sorted by id
 * @param toolVersion the tx-check version
 * @param baseDirectory the directory relative file paths are relative to (SARIF's {@code
 *     %SRCROOT%})
 */
public record Report(
    AnalysisResult result, List<RuleInfo> rules, String toolVersion, Path baseDirectory) {
  public Report {
    rules = List.copyOf(rules);
    baseDirectory = baseDirectory.toAbsolutePath().normalize();
  }

  /** A report whose relative paths are relative to the working directory. */
  public Report(AnalysisResult result, List<RuleInfo> rules, String toolVersion) {
    this(result, rules, toolVersion, Path.of(""));
  }
}
