package dev.txcheck.maven;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.report.TextReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Analyses every module of the reactor as one project and writes one set of reports for it (in the
 * top project's {@code target/tx-check}): one SARIF file to upload to GitHub code scanning, one
 * HTML page. A factory or helper in one module is summarised for its callers in the others, as if
 * they were one code base. Never fails the build on findings.
 *
 * <p>Run it after the modules are built ({@code mvn verify tx-check:aggregate}) so that their
 * libraries are known; a module whose dependencies were not resolved in this build is analysed from
 * its sources alone, which the log says.
 */
@Mojo(
    name = "aggregate",
    aggregator = true,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class AggregateMojo extends SiteReportMojo {
  /** The reactor's modules; set by Maven. */
  @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
  List<MavenProject> reactorProjects;

  @Override
  String summary(AnalysisResult result) {
    return TextReport.summary(result)
        + " ("
        + modules().size()
        + " modules analysed as one project)";
  }

  @Override
  public String getOutputName() {
    return "tx-check-aggregate";
  }

  @Override
  public String getName(Locale locale) {
    return "tx-check (all modules)";
  }

  @Override
  public String getDescription(Locale locale) {
    return "Transaction bugs found by tx-check in all the modules of the build, analysed as one project.";
  }

  /** The page belongs to the top of the build only, where the modules are known. */
  @Override
  public boolean canGenerateReport() {
    return !skip && project.isExecutionRoot() && !sourceRoots().isEmpty();
  }

  @Override
  boolean skipped() {
    if (skip) {
      getLog().info("tx-check: skipped (tx-check.skip)");
      return true;
    }
    if (sourceRoots().isEmpty()) {
      getLog().info("tx-check: skipped, no module of the reactor has a source directory");
      return true;
    }
    return false;
  }

  /** The modules with sources, in reactor order. */
  private List<MavenProject> modules() {
    List<MavenProject> modules = new ArrayList<>();
    for (MavenProject module : reactorProjects) {
      if (!"pom".equals(module.getPackaging()) && !sourceRoots(module).isEmpty()) {
        modules.add(module);
      }
    }
    return modules;
  }

  @Override
  List<Path> sourceRoots() {
    List<Path> roots = new ArrayList<>();
    modules().forEach(module -> roots.addAll(sourceRoots(module)));
    return roots;
  }

  /**
   * The modules' classpaths together, their own outputs included as for one module (see {@link
   * AbstractTxCheckMojo#classpath()}).
   */
  @Override
  List<Path> classpath() {
    Set<Path> entries = new LinkedHashSet<>();
    for (MavenProject module : modules()) {
      try {
        entries.addAll(classpath(module));
      } catch (DependencyResolutionRequiredException e) {
        getLog()
            .info(
                "tx-check: the dependencies of "
                    + module.getArtifactId()
                    + " are not resolved in this build, so its sources are read without its"
                    + " libraries; run tx-check:aggregate after verify to give them");
      }
    }
    return List.copyOf(entries);
  }
}
