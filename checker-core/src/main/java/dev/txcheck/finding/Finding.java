package dev.txcheck.finding;

import java.util.Comparator;

/**
 * One reported problem.
 *
 * @param ruleId stable id such as {@code TX001}
 * @param ruleName kebab-case name such as {@code missing-rollback}
 * @param severity the severity in force
 * @param message what is wrong and how to fix it
 * @param file the file's path as given to the analysis (relative when the input was relative)
 * @param line 1-based line of the flagged code
 * @param column 1-based column
 * @param endLine last line of the flagged code
 * @param endColumn last column of the flagged code
 * @param enclosing the enclosing method or type, for readers and fingerprints: {@code
 *     OrderDao.save(2)}
 * @param fingerprint stable across line shifts: rule, file, enclosing method and normalised code
 */
public record Finding(
    String ruleId,
    String ruleName,
    Severity severity,
    String message,
    String file,
    int line,
    int column,
    int endLine,
    int endColumn,
    String enclosing,
    String fingerprint) {

  /** File, line, column, rule: the order of every report. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);
}
