package dev.txcheck.maven;

import dev.txcheck.Version;
import dev.txcheck.baseline.Baseline;
import dev.txcheck.baseline.BaselineException;
import dev.txcheck.config.ConfigException;
import dev.txcheck.config.ConfigFile;
import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.Analyzer;
import dev.txcheck.engine.ProcessingError;
import dev.txcheck.report.Format;
import dev.txcheck.report.Report;
import dev.txcheck.report.ReportFiles;
import dev.txcheck.report.RepositoryRoot;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.Rules;
import dev.txcheck.txapi.CatalogException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every tx-check goal shares: the parameters, turning them into one {@link AnalysisRequest}
 * (the configuration file first, then the parameters, which win, as the CLI does), running the
 * engine with the project's classpath, applying the baseline and writing the reports.
 *
 * <p>Mojo instances are created per execution and hold no static mutable state, so modules can be
 * analysed in parallel ({@code mvn -T 2}).
 */
abstract class AbstractTxCheckMojo extends AbstractMojo {
  /** Skips tx-check. */
  @Parameter(property = "tx-check.skip", defaultValue = "false")
  boolean skip;

  /**
   * Also analyses the test sources ({@code src/test/java}), with the test classpath for type
   * resolution.
   */
  @Parameter(property = "tx-check.includeTests", defaultValue = "false")
  boolean includeTests;

  /**
   * Glob patterns of the files to analyse, matched against a file's path below its source root,
   * e.g. {@code **}{@code /dao/**}. All files when empty.
   */
  @Parameter(property = "tx-check.includes")
  List<String> includes = new ArrayList<>();

  /**
   * Glob patterns of files to leave out, matched against a file's path below its source root, e.g.
   * {@code **}{@code /generated/**}.
   */
  @Parameter(property = "tx-check.excludes")
  List<String> excludes = new ArrayList<>();

  /**
   * Report formats written to {@link #outputDirectory}: any of html, sarif, checkstyle, json, text
   * and github.
   */
  @Parameter(property = "tx-check.formats", defaultValue = "html,sarif,checkstyle")
  List<String> formats = new ArrayList<>();

  /**
   * Where the reports go, one file per format ({@code tx-check.html}, {@code tx-check.sarif}...).
   */
  @Parameter(
      property = "tx-check.outputDirectory",
      defaultValue = "${project.build.directory}/tx-check")
  File outputDirectory;

  /**
   * The YAML configuration file the CLI reads too (rules, include, exclude, api, api-files,
   * java-level; see docs/configuration.md). Parameters set here override it.
   */
  @Parameter(property = "tx-check.configFile")
  File configFile;

  /** Rules to run that are off by default or in the configuration file, e.g. TX002. */
  @Parameter(property = "tx-check.enabledRules")
  List<String> enabledRules = new ArrayList<>();

  /** Rules not to run, e.g. TX002. */
  @Parameter(property = "tx-check.disabledRules")
  List<String> disabledRules = new ArrayList<>();

  /**
   * The baseline: findings recorded in it (by {@code tx-check:baseline}) are accepted, and only new
   * findings are reported and fail the build. Ignored while the file does not exist.
   */
  @Parameter(
      property = "tx-check.baselineFile",
      defaultValue = "${project.basedir}/tx-check-baseline.json")
  File baselineFile;

  /**
   * The encoding of the sources, {@code project.build.sourceEncoding} by default. When neither is
   * set, UTF-8, falling back to ISO-8859-1 for files that are not UTF-8. A byte order mark always
   * wins.
   */
  @Parameter(property = "tx-check.encoding", defaultValue = "${project.build.sourceEncoding}")
  String encoding;

  /**
   * Turns the incremental cache on or off. With it, a re-run reuses the results of the files that
   * did not change (and of those whose findings do not depend on a change), with the same findings
   * as without it.
   */
  @Parameter(property = "tx-check.cache", defaultValue = "true")
  boolean cache;

  /**
   * The incremental cache's file. A different tx-check version, configuration, catalog, api file or
   * classpath (the module's own {@code target/classes} included, by content) makes the next run
   * analyse everything and write it anew; a file that cannot be read is ignored with a warning.
   */
  @Parameter(
      property = "tx-check.cacheFile",
      defaultValue = "${project.build.directory}/tx-check/cache.bin")
  File cacheFile;

  /** Worker threads for one module's analysis; the number of processors when not set. */
  @Parameter(property = "tx-check.threads")
  Integer threads;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  /** True when this module has nothing to analyse; says why in the log. */
  boolean skipped() {
    if (skip) {
      getLog().info("tx-check: skipped (tx-check.skip)");
      return true;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("tx-check: skipped, a module with pom packaging has no sources");
      return true;
    }
    if (sourceRoots().isEmpty()) {
      getLog().info("tx-check: skipped, no source directory exists in " + project.getBasedir());
      return true;
    }
    return false;
  }

  /** Runs the analysis of this module; processing errors are logged as warnings. */
  final AnalysisResult analyse() throws MojoExecutionException {
    AnalysisRequest request = request();
    if (getLog().isDebugEnabled()) {
      EffectiveConfiguration.log(request, this, getLog());
    }
    AnalysisResult result;
    try {
      result = new Analyzer().withCache(cacheFile()).run(request);
    } catch (CatalogException e) {
      throw new MojoExecutionException(
          "tx-check: " + e.getMessage() + "; fix the api lines of " + describeConfig(), e);
    } catch (OutOfMemoryError e) {
      throw new MojoExecutionException(
          "tx-check: out of memory analysing this module; give Maven more heap, e.g."
              + " MAVEN_OPTS=-Xmx4g",
          e);
    }
    for (ProcessingError error : result.errors()) {
      getLog().warn("tx-check: " + FindingLines.error(error, basedir(), executionRoot()));
    }
    if (result.cache().warning() != null) {
      getLog().warn("tx-check: " + result.cache().warning());
    }
    if (cacheFile() != null) {
      getLog().info("tx-check: " + result.cache().describe());
    }
    return result;
  }

  /** The incremental cache's file, or null when it is off. */
  final Path cacheFile() {
    return cache && cacheFile != null ? cacheFile.toPath() : null;
  }

  /** The configuration file first, then the parameters, which override it. */
  final AnalysisRequest request() throws MojoExecutionException {
    AnalysisRequest.Builder request = AnalysisRequest.builder(sourceRoots());
    if (configFile != null) {
      try {
        ConfigFile.read(configFile.toPath()).applyTo(request);
      } catch (ConfigException e) {
        throw new MojoExecutionException(
            "tx-check: bad configuration file (configFile): "
                + e.getMessage()
                + "; docs/configuration.md lists the keys and values",
            e);
      }
    }
    request.include(includes).exclude(excludes).classpath(classpath()).baseDirectory(basedir());
    if (threads != null) {
      request.threads(threads);
    }
    if (encoding != null && !encoding.isBlank()) {
      request.encoding(parameter("encoding", encoding, () -> AnalysisRequest.encoding(encoding)));
    }
    for (String rule : enabledRules) {
      parameter("enabledRules", rule, () -> request.enable(rule));
    }
    for (String rule : disabledRules) {
      parameter("disabledRules", rule, () -> request.disable(rule));
    }
    return parameter("threads", threads, request::build);
  }

  /** The baseline in force, or null when the file does not exist. */
  final Baseline baseline() throws MojoExecutionException {
    if (baselineFile == null || !baselineFile.isFile()) {
      return null;
    }
    try {
      return Baseline.read(baselineFile.toPath());
    } catch (BaselineException e) {
      throw new MojoExecutionException(
          "tx-check: "
              + e.getMessage()
              + "; write it anew with mvn tx-check:baseline, or point baselineFile elsewhere",
          e);
    }
  }

  /** Applies the baseline when there is one, logging what it accepted. */
  final AnalysisResult applyBaseline(AnalysisResult result) throws MojoExecutionException {
    Baseline baseline = baseline();
    if (baseline == null) {
      return result;
    }
    Baseline.Applied applied = baseline.apply(result);
    getLog()
        .info(
            "tx-check: "
                + applied.accepted()
                + (applied.accepted() == 1 ? " finding" : " findings")
                + " accepted by the baseline "
                + shown(baselineFile.toPath()));
    if (applied.stale() > 0) {
      getLog()
          .info(
              "tx-check: "
                  + applied.stale()
                  + " baseline entries match no finding any more (fixed or changed code);"
                  + " mvn tx-check:baseline drops them");
    }
    return applied.result();
  }

  /**
   * Writes every requested format to the output directory.
   *
   * @return the files written, in the order of {@code formats}
   */
  final List<Path> writeReports(AnalysisResult result) throws MojoExecutionException {
    List<Format> chosen = parameter("formats", formats, () -> Format.parseAll(formats));
    Report report =
        new Report(
            result,
            Rules.ALL.stream().map(Rule::info).toList(),
            Version.get(),
            basedir(),
            repositoryRoot());
    List<Path> written;
    try {
      written = ReportFiles.writeAll(outputDirectory.toPath(), chosen, report);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "tx-check: "
              + e.getMessage()
              + "; check that the directory is writable or set outputDirectory",
          e);
    }
    if (!chosen.isEmpty()) {
      getLog()
          .info(
              "tx-check: reports in "
                  + shown(outputDirectory.toPath())
                  + " ("
                  + String.join(", ", chosen.stream().map(Format::fileName).toList())
                  + ")");
    }
    return written;
  }

  /** The existing main (and, with includeTests, test) source roots. */
  List<Path> sourceRoots() {
    return sourceRoots(project);
  }

  /** The existing main (and, with includeTests, test) source roots of a module. */
  final List<Path> sourceRoots(MavenProject module) {
    List<String> roots = new ArrayList<>(module.getCompileSourceRoots());
    if (includeTests) {
      roots.addAll(module.getTestCompileSourceRoots());
    }
    return roots.stream().map(Path::of).filter(Files::isDirectory).distinct().toList();
  }

  /**
   * The resolved compile (or test) classpath, including the module's own output directory, so that
   * the supertypes and fields of library types and of the module's unindexed classes are known.
   * Entries that do not exist (classes not compiled yet) are left out.
   */
  List<Path> classpath() throws MojoExecutionException {
    try {
      return classpath(project);
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException(
          "tx-check: the project's dependencies are not resolved (" + e.getMessage() + ")", e);
    }
  }

  /** A module's resolved compile (or test) classpath, the entries that exist. */
  final List<Path> classpath(MavenProject module) throws DependencyResolutionRequiredException {
    List<String> elements =
        includeTests ? module.getTestClasspathElements() : module.getCompileClasspathElements();
    return elements.stream().map(Path::of).filter(Files::exists).toList();
  }

  final Path basedir() {
    return project.getBasedir().toPath().toAbsolutePath().normalize();
  }

  /** Where Maven was started: log lines name files relative to it, so they can be opened. */
  final Path executionRoot() {
    String root = session == null ? null : session.getExecutionRootDirectory();
    return root == null ? basedir() : Path.of(root).toAbsolutePath().normalize();
  }

  /**
   * What SARIF locations are relative to: the repository the module is checked out in, as GitHub
   * code scanning reads them, or the directory Maven was started in outside a repository. Never the
   * module: every module's report must name files as the reactor's checkout does.
   */
  final Path repositoryRoot() {
    return RepositoryRoot.above(basedir()).orElse(executionRoot());
  }

  final String shown(Path path) {
    return FindingLines.relative(path.toAbsolutePath().normalize(), executionRoot());
  }

  private String describeConfig() {
    return configFile == null ? "the api files" : "the configuration file " + configFile;
  }

  /** A step that checks a parameter's value; its error names the parameter. */
  @FunctionalInterface
  interface Step<T> {
    T run();
  }

  static <T> T parameter(String name, Object value, Step<T> step) throws MojoExecutionException {
    try {
      return step.run();
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "tx-check: bad value of the parameter " + name + " (" + value + "): " + e.getMessage(),
          e);
    }
  }
}
