package dev.txcheck.maven;

import java.util.Locale;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the reports (HTML, SARIF and Checkstyle XML by default) to {@code outputDirectory} and
 * never fails the build on findings. Listed under {@code <reporting>}, it is also a page of the
 * project's Maven site ({@code mvn site}), with the standalone HTML report beside it.
 */
@Mojo(name = "report", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ReportMojo extends SiteReportMojo {
  @Override
  public String getOutputName() {
    return "tx-check";
  }

  @Override
  public String getName(Locale locale) {
    return "tx-check";
  }

  @Override
  public String getDescription(Locale locale) {
    return "Transaction bugs found by tx-check: missing rollbacks, commits in loops, swallowed exceptions.";
  }

  /** Modules without sources (a reactor's parent) get no page, as the build skips them. */
  @Override
  public boolean canGenerateReport() {
    return !skip && !"pom".equals(project.getPackaging()) && !sourceRoots().isEmpty();
  }
}
