package dev.txcheck.maven;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.finding.FailureThreshold;
import dev.txcheck.finding.Finding;
import dev.txcheck.report.TextReport;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Analyses the module's sources, writes the reports and fails the build when more than {@code
 * maxAllowedViolations} findings at or above {@code failOn} remain after the baseline. Bound to the
 * {@code verify} phase.
 */
@Mojo(
    name = "verify",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class VerifyMojo extends AbstractTxCheckMojo {
  /** Fails the build on findings; when false, findings are only logged and reported. */
  @Parameter(property = "tx-check.failOnViolation", defaultValue = "true")
  boolean failOnViolation;

  /** The least severity that fails the build: error, warning, info or never. */
  @Parameter(property = "tx-check.failOn", defaultValue = "info")
  String failOn;

  /** How many findings at or above {@code failOn} are tolerated before the build fails. */
  @Parameter(property = "tx-check.maxAllowedViolations", defaultValue = "0")
  int maxAllowedViolations;

  /** Logs each failing finding as {@code file:line:column: error: [TX001] message}. */
  @Parameter(property = "tx-check.printFailingErrors", defaultValue = "true")
  boolean printFailingErrors;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    parameter(
        "maxAllowedViolations",
        maxAllowedViolations,
        () -> new FailureThreshold(null, maxAllowedViolations));
    FailureThreshold threshold =
        parameter("failOn", failOn, () -> FailureThreshold.parse(failOn, maxAllowedViolations));
    AnalysisResult result = applyBaseline(analyse());
    List<Finding> counted = threshold.counted(result.findings());
    boolean fails = failOnViolation && counted.size() > maxAllowedViolations;
    for (Finding f : result.findings()) {
      boolean failing = fails && threshold.counts(f);
      if (!failing || printFailingErrors) {
        log(f, failing);
      }
    }
    getLog().info(TextReport.summary(result));
    // before failing: the report is where a reader goes next
    List<Path> reports = writeReports(result);
    if (fails) {
      throw new MojoFailureException(failure(threshold, counted, reports));
    }
  }

  /**
   * At the finding's own severity; but [ERROR] only in a build that fails, where Maven users look
   * for the cause, so a tolerated error is a warning. The line names the severity either way.
   */
  private void log(Finding f, boolean failing) {
    String line = FindingLines.finding(f, basedir(), executionRoot());
    switch (f.severity()) {
      case ERROR -> {
        if (failing) {
          getLog().error(line);
        } else {
          getLog().warn(line);
        }
      }
      case WARNING -> getLog().warn(line);
      case INFO -> getLog().info(line);
    }
  }

  private String failure(FailureThreshold threshold, List<Finding> counted, List<Path> reports) {
    int count = counted.size();
    return "tx-check: "
        + count
        + (count == 1 ? " finding" : " findings")
        + " at or above "
        + threshold.level().label()
        + (maxAllowedViolations > 0 ? " (" + maxAllowedViolations + " allowed)" : "")
        + (printFailingErrors ? ", listed above" : "")
        + (reports.isEmpty() ? "" : "; the report is " + shown(reports.get(0)))
        + ". Fix "
        + (count == 1 ? "it" : "them")
        + ", suppress one with @SuppressWarnings(\"txcheck:"
        + counted.get(0).ruleId()
        + "\") or // NOTXCHECK "
        + counted.get(0).ruleId()
        + ", or accept the current findings with mvn tx-check:baseline";
  }
}
