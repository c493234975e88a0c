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
 * @param baseDirectory the directory the result's relative file paths are relative to
 * @param repositoryRoot the directory SARIF locations are relative to (its {@code %SRCROOT%}), the
 *     root of the repository, as GitHub code scanning reads them; never written into a report, so
 *     reports do not depend on where the checkout is
 */
public record Report(
    AnalysisResult result,
    List<RuleInfo> rules,
    String toolVersion,
    Path baseDirectory,
    Path repositoryRoot) {
  public Report {
    rules = List.copyOf(rules);
    baseDirectory = baseDirectory.toAbsolutePath().normalize();
    repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
  }

  /**
   * A report whose SARIF locations are relative to the repository the base directory belongs to, or
   * to the base directory itself outside a repository.
   */
  public Report(
      AnalysisResult result, List<RuleInfo> rules, String toolVersion, Path baseDirectory) {
    this(
        result,
        rules,
        toolVersion,
        baseDirectory,
        RepositoryRoot.above(baseDirectory).orElse(baseDirectory));
  }

  /** A report whose relative paths are relative to the working directory. */
  public Report(AnalysisResult result, List<RuleInfo> rules, String toolVersion) {
    this(result, rules, toolVersion, Path.of(""));
  }
}
