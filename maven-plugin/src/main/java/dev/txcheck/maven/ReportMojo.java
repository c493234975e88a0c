package dev.txcheck.maven;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.report.TextReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the reports (HTML, SARIF and Checkstyle XML by default) to {@code outputDirectory} and
 * never fails the build on findings.
 */
@Mojo(name = "report", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ReportMojo extends AbstractTxCheckMojo {
  @Override
  public void execute() throws MojoExecutionException {
    if (skipped()) {
      return;
    }
    AnalysisResult result = applyBaseline(analyse());
    writeReports(result);
    getLog().info(TextReport.summary(result));
  }
}
