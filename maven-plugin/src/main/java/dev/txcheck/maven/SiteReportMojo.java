package dev.txcheck.maven;

import dev.txcheck.Version;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.report.Format;
import dev.txcheck.report.Report;
import dev.txcheck.report.ReportFiles;
import dev.txcheck.report.TextReport;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.RuleInfo;
import dev.txcheck.rules.Rules;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * A goal that is also a page of the Maven site ({@code mvn site}, listed under {@code
 * <reporting>}): the page in the site's look, and the standalone HTML report beside it. Run as a
 * goal, it writes the reports and never fails the build on findings.
 */
abstract class SiteReportMojo extends AbstractTxCheckMojo implements MavenReport {
  /** Where the site plugin wants the page; set by it. */
  private File siteDirectory;

  @Override
  public void execute() throws MojoExecutionException {
    if (skipped()) {
      return;
    }
    AnalysisResult result = applyBaseline(analyse());
    writeReports(result);
    getLog().info(summary(result));
  }

  /** The line logged at the end. */
  String summary(AnalysisResult result) {
    return TextReport.summary(result);
  }

  /** The site page, and the standalone HTML report it links to ({@code NAME/tx-check.html}). */
  @Override
  public void generate(Sink sink, Locale locale) throws MavenReportException {
    try {
      AnalysisResult result = applyBaseline(analyse());
      List<RuleInfo> rules = Rules.ALL.stream().map(Rule::info).toList();
      Report report = new Report(result, rules, Version.get(), basedir(), repositoryRoot());
      String fullReport = getOutputName() + "/" + Format.HTML.fileName();
      ReportFiles.write(
          getReportOutputDirectory().toPath().resolve(fullReport), Format.HTML, report);
      new SitePage(sink).render(result, rules, fullReport);
      getLog().info(summary(result));
    } catch (MojoExecutionException | IOException e) {
      throw new MavenReportException(e.getMessage(), e);
    }
  }

  @Override
  public String getCategoryName() {
    return CATEGORY_PROJECT_REPORTS;
  }

  @Override
  public void setReportOutputDirectory(File directory) {
    this.siteDirectory = directory;
  }

  @Override
  public File getReportOutputDirectory() {
    return siteDirectory != null
        ? siteDirectory
        : new File(project.getReporting().getOutputDirectory());
  }

  @Override
  public boolean isExternalReport() {
    return false;
  }
}
