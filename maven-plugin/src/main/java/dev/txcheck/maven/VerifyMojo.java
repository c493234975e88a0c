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

  /** Logs each failing finding as {@code file:line: [TX001] message}. */
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
      String line = FindingLines.finding(f, basedir(), executionRoot());
      if (!fails || !threshold.counts(f)) {
        getLog().warn(line);
      } else if (printFailingErrors) {
        getLog().error(line);
      }
    }
    getLog().info(TextReport.summary(result));
    // before failing: the report is where a reader goes next
    List<Path> reports = writeReports(result);
    if (fails) {
      throw new MojoFailureException(failure(threshold, counted, reports));
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
