package dev.txcheck.cli;

import dev.txcheck.Version;
import dev.txcheck.baseline.Baseline;
import dev.txcheck.baseline.BaselineException;
import dev.txcheck.config.ConfigException;
import dev.txcheck.config.ConfigFile;
import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.Analyzer;
import dev.txcheck.finding.FailureThreshold;
import dev.txcheck.finding.Severity;
import dev.txcheck.report.Format;
import dev.txcheck.report.MarkdownText;
import dev.txcheck.report.Report;
import dev.txcheck.report.ReportFiles;
import dev.txcheck.report.TextReport;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.RuleDocs;
import dev.txcheck.rules.RuleInfo;
import dev.txcheck.rules.Rules;
import dev.txcheck.txapi.CatalogException;
import dev.txcheck.txflow.ProxySemantics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Flags in, one {@link AnalysisRequest}, text out, an exit code. */
@Command(
    name = "tx-check",
    mixinStandardHelpOptions = true,
    versionProvider = TxCheckCommand.VersionProvider.class,
    sortOptions = false,
    description =
        "Finds transaction bugs in Java sources: missing rollbacks, commits in loops, swallowed exceptions.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no findings at or above --fail-on, every file analysed (always with --fail-on never)",
      "1:findings at or above --fail-on, not accepted by --baseline",
      "2:bad command line, configuration, --api or baseline file, or a report that cannot be written",
      "3:no findings at or above --fail-on, but some input could not be read or parsed",
      "4:internal error (a bug in tx-check), or out of memory"
    })
final class TxCheckCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Java files or directories to analyse.")
  private List<Path> paths = new ArrayList<>();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: available processors).")
  private Integer threads;

  @Option(
      names = "--java-level",
      paramLabel = "LEVEL",
      description =
          "Java release of the sources, e.g. 8, 17 or 21 (default 21). Newer syntax is read at any level; before 10, 'var' is a type name.")
  private String javaLevel;

  @Option(
      names = "--spring-version",
      paramLabel = "MAJOR",
      description =
          "Spring major version of the analysed code, e.g. 5 or 6: before 6, @Transactional on protected and package-private methods is ignored (default: from a spring-tx jar on --classpath, else from the pom.xml or build.gradle next to or above the sources, else 6).")
  private String springVersion;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description =
          "Encoding of the sources, e.g. UTF-8 or windows-1252 (default: UTF-8, falling back to ISO-8859-1 for files that are not UTF-8). A byte order mark always wins; a file that cannot be decoded is reported and skipped.")
  private String encoding;

  @Option(
      names = "--api",
      paramLabel = "FILE",
      description =
          "Extra transaction API lines for your own helpers (grammar: docs/catalog.md). Repeatable.")
  private List<Path> apiFiles = new ArrayList<>();

  @Option(
      names = "--include",
      paramLabel = "GLOB",
      description =
          "Analyse only files whose path below the input directory matches, e.g. '**/dao/**'. Repeatable.")
  private List<String> includes = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out files whose path below the input directory matches, e.g. '**/generated/**'. Repeatable.")
  private List<String> excludes = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (YAML: rules, include, exclude, api, api-files, java-level, spring-version; see docs/configuration.md). Flags override it.")
  private Path config;

  @Option(
      names = {"--classpath", "-cp"},
      paramLabel = "PATH",
      split = "${sys:path.separator}",
      description =
          "Jars and class directories of the analysed code's dependencies, separated by '${sys:path.separator}'. They tell the supertypes and fields of library types, so calls on them are recognised. Repeatable.")
  private List<Path> classpath = new ArrayList<>();

  @Option(
      names = "--cache",
      paramLabel = "FILE",
      description =
          "Incremental cache: a re-run reuses the results of unchanged files and of those whose findings do not depend on a change, with the same findings. A different version, configuration, catalog, --api file or classpath invalidates it; an unreadable one is ignored with a warning.")
  private Path cache;

  @Option(
      names = "--enable",
      paramLabel = "RULE",
      split = ",",
      description = "Rules to run that are off by default or in the configuration file.")
  private List<String> enabled = new ArrayList<>();

  @Option(
      names = "--disable",
      paramLabel = "RULE",
      split = ",",
      description = "Rules not to run, e.g. TX002.")
  private List<String> disabled = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      split = ",",
      description =
          "Report format: text (default), json, sarif, checkstyle, github or html. Repeatable.")
  private List<String> formats = new ArrayList<>();

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report (one format) to FILE.")
  private Path output;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description =
          "Write each format's report to DIR (tx-check.json, tx-check-checkstyle.xml, ...).")
  private Path outputDir;

  @Option(
      names = "--severity",
      paramLabel = "RULE=LEVEL",
      description =
          "Change a rule's severity: error, warning or info, e.g. TX002=error. Repeatable.")
  private Map<String, String> severities = new LinkedHashMap<>();

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "Exit 1 for findings at or above: error, warning, info (default) or never.")
  private String failOn = "info";

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Accept the findings recorded in FILE; report and fail only on new ones.")
  private Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description = "Record the current findings in FILE (to accept them) and exit 0.")
  private Path writeBaseline;

  @Option(
      names = "--explain",
      paramLabel = "RULE",
      description = "Print a rule's documentation (as plain text) and exit.")
  private String explain;

  @Option(names = "--list-rules", description = "List the rules and exit.")
  private boolean listRules;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print findings only: no summary, no progress.")
  private boolean quiet;

  private PrintWriter out;
  private PrintWriter err;

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    TxCheckCommand command = new TxCheckCommand();
    command.out = out;
    command.err = err;
    CommandLine cli = new CommandLine(command);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE.code());
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("tx-check: " + e.getMessage());
          err.println("Try 'tx-check --help' for the options.");
          return ExitCode.USAGE.code();
        });
    cli.setExecutionExceptionHandler(
        (e, parsed, result) -> {
          err.println("tx-check: internal error (please report): " + e);
          return ExitCode.INTERNAL_ERROR.code();
        });
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(OutOfMemory.MESSAGE);
      code = ExitCode.INTERNAL_ERROR.code();
    }
    out.flush();
    err.flush();
    return code;
  }

  /** One aligned line per rule; rules that only run when enabled say so. */
  private void printRules() {
    int nameWidth = Rules.ALL.stream().mapToInt(r -> r.info().name().length()).max().orElse(0);
    for (Rule rule : Rules.ALL) {
      RuleInfo info = rule.info();
      out.printf(
          "%s  %-" + nameWidth + "s  %-7s  %s%s%n",
          info.id(),
          info.name(),
          info.severity().label(),
          info.summary(),
          info.onByDefault() ? "" : " (off by default; --enable " + info.id() + ")");
    }
  }

  @Override
  public Integer call() {
    if (listRules) {
      printRules();
      return ExitCode.CLEAN.code();
    }
    if (explain != null) {
      Optional<String> page = RuleDocs.of(explain.trim().toUpperCase(Locale.ROOT));
      if (page.isEmpty()) {
        err.println("tx-check: no rule '" + explain + "'; tx-check --list-rules lists them");
        return ExitCode.USAGE.code();
      }
      out.print(MarkdownText.render(page.get()));
      return ExitCode.CLEAN.code();
    }
    if (paths.isEmpty()) {
      err.println(
          "tx-check: no PATH given; name the source files or directories to analyse, e.g. tx-check src/");
      return ExitCode.USAGE.code();
    }
    AnalysisRequest request;
    List<Format> chosen;
    FailureThreshold threshold;
    Baseline accepted;
    try {
      request = request();
      chosen = formats();
      threshold = option("--fail-on", failOn, () -> FailureThreshold.parse(failOn, 0));
      accepted = baseline == null ? null : Baseline.read(baseline);
    } catch (BaselineException | ConfigException e) {
      err.println("tx-check: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (IllegalArgumentException e) {
      err.println("tx-check: " + e.getMessage());
      return ExitCode.USAGE.code();
    }
    AnalysisResult result;
    try {
      ProgressLine line = quiet || !onTerminal() ? null : new ProgressLine(err);
      Analyzer.Progress progress =
          quiet
              ? Analyzer.Progress.NONE
              : line != null ? line : new ProgressLog(err, logInterval());
      result = new Analyzer(progress).withCache(cache).run(request);
      if (line != null) {
        line.clear();
      }
      if (result.cache().warning() != null) {
        err.println("tx-check: warning: " + result.cache().warning());
      }
    } catch (CatalogException e) {
      err.println("tx-check: " + e.getMessage());
      return ExitCode.USAGE.code();
    }
    if (writeBaseline != null) {
      try {
        Baseline.write(writeBaseline, result.findings());
      } catch (IOException e) {
        err.println("tx-check: " + e.getMessage()); // "cannot write FILE: REASON"
        return ExitCode.USAGE.code();
      }
      err.println(
          "tx-check: recorded " + result.findings().size() + " findings in " + writeBaseline);
      return ExitCode.CLEAN.code();
    }
    int acceptedCount = 0;
    int staleCount = 0;
    if (accepted != null) {
      Baseline.Applied applied = accepted.apply(result);
      result = applied.result();
      acceptedCount = applied.accepted();
      staleCount = applied.stale();
    }
    try {
      writeReports(result, chosen);
    } catch (IOException e) {
      err.println("tx-check: " + e.getMessage());
      return ExitCode.USAGE.code();
    }
    if (accepted != null && !quiet) {
      err.println("tx-check: " + acceptedCount + " findings accepted by the baseline " + baseline);
      if (staleCount > 0) {
        err.println(
            "tx-check: "
                + staleCount
                + " baseline entries match no finding any more (fixed or changed code);"
                + " --write-baseline drops them");
      }
    }
    if (!quiet) {
      if (cache != null) {
        err.println("tx-check: " + result.cache().describe());
      }
      err.println(TextReport.summary(result));
      if (result.filesFound() == 0) {
        err.println("tx-check: no .java files found under " + paths);
      }
    }
    return ExitCode.ofRun(
            threshold.fails(result.findings()), !result.errors().isEmpty(), threshold.never())
        .code();
  }

  /**
   * A redrawn line on a terminal; plain lines in CI logs, which terminals sometimes pretend to be.
   */
  private static boolean onTerminal() {
    return System.getenv("CI") == null && Terminal.isStandardError();
  }

  /** Seconds between progress lines in a log: {@code TX_CHECK_PROGRESS_SECONDS}, else 10. */
  private static long logInterval() {
    String seconds = System.getenv("TX_CHECK_PROGRESS_SECONDS");
    try {
      return seconds == null ? 10_000_000_000L : (long) (Double.parseDouble(seconds) * 1e9);
    } catch (NumberFormatException e) {
      return 10_000_000_000L;
    }
  }

  private List<Format> formats() {
    List<Format> chosen = new ArrayList<>(Format.parseAll(formats));
    if (output != null && outputDir != null) {
      throw new IllegalArgumentException("--output and --output-dir exclude each other");
    }
    if (chosen.size() > 1 && outputDir == null) {
      throw new IllegalArgumentException(
          "several formats need --output-dir DIR (one file per format)");
    }
    if (chosen.isEmpty()) {
      chosen.add(Format.TEXT);
    }
    return chosen;
  }

  /**
   * Reports go to files when asked; otherwise the one format goes to standard output. Processing
   * errors always go to standard error as well, so that they are seen whatever the format.
   */
  private void writeReports(AnalysisResult result, List<Format> chosen) throws IOException {
    Report report = new Report(result, Rules.ALL.stream().map(Rule::info).toList(), Version.get());
    if (outputDir != null) {
      ReportFiles.writeAll(outputDir, chosen, report);
    } else if (output != null) {
      ReportFiles.write(output, chosen.get(0), report);
    } else if (chosen.get(0) == Format.TEXT) {
      TextReport.findings(result, out);
    } else {
      chosen.get(0).writer().write(report, out);
    }
    out.flush();
    TextReport.errors(result, err);
  }

  /** The configuration file first, then the flags, which override it. */
  private AnalysisRequest request() throws ConfigException {
    AnalysisRequest.Builder request = AnalysisRequest.builder(paths);
    if (config != null) {
      ConfigFile.read(config).applyTo(request);
    }
    request.apiFiles(apiFiles).include(includes).exclude(excludes).classpath(classpath);
    if (threads != null) {
      request.threads(threads);
    }
    if (javaLevel != null) {
      request.languageLevel(
          option("--java-level", javaLevel, () -> AnalysisRequest.languageLevel(javaLevel)));
    }
    if (encoding != null) {
      request.encoding(option("--encoding", encoding, () -> AnalysisRequest.encoding(encoding)));
    }
    if (springVersion != null) {
      request.proxySemantics(
          option(
              "--spring-version",
              springVersion,
              () -> ProxySemantics.forSpringVersion(springVersion)));
    }
    for (String rule : enabled) {
      option("--enable", rule, () -> request.enable(rule));
    }
    for (String rule : disabled) {
      option("--disable", rule, () -> request.disable(rule));
    }
    severities.forEach(
        (rule, level) ->
            option("--severity", rule, () -> request.severity(rule, Severity.parse(level))));
    return request.build();
  }

  /** Runs a step that checks a flag's value, naming the flag in its error message. */
  private static <T> T option(String flag, String value, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " " + value + ": " + e.getMessage(), e);
    }
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tx-check " + Version.get()};
    }
  }
}
