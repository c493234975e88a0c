package dev.txcheck.bench.prefilter;

import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.Analyzer;
import dev.txcheck.finding.Finding;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.Rules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shows that the prefilter drops no finding: runs the full analysis (every rule) of one project
 * twice, with the prefilter and without it (every file parsed and checked), and compares the
 * findings field by field. Prints one row: project, files and lines parsed without and with the
 * prefilter, seconds of both runs, findings, differences; then each difference. Exits 1 when any
 * finding differs. One project per JVM, so that {@code bench/prefilter.sh} can bound each run.
 *
 * <p>{@code PrefilterCheck PROJECT_DIR [THREADS]}
 */
public final class PrefilterCheck {
  private PrefilterCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: PrefilterCheck PROJECT_DIR [THREADS]");
      System.exit(2);
    }
    Path project = Path.of(args[0]);
    int threads =
        args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    long start = System.nanoTime();
    AnalysisResult on = analyse(project, threads, true);
    double onSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    AnalysisResult off = analyse(project, threads, false);
    double offSeconds = (System.nanoTime() - start) / 1e9;
    List<String> differences = differences(on.findings(), off.findings());
    System.out.printf(
        "%-28s %6d %7d %9d %10d %7.1f %7.1f %9d %9d%n",
        project.getFileName(),
        off.filesParsed(),
        on.filesParsed(),
        off.linesParsed(),
        on.linesParsed(),
        onSeconds,
        offSeconds,
        off.findings().size(),
        differences.size());
    differences.forEach(d -> System.out.println("    " + d));
    System.exit(differences.isEmpty() ? 0 : 1);
  }

  /** Every rule, as in the triage ledger; file names relative to the project. */
  private static AnalysisResult analyse(Path project, int threads, boolean prefilter)
      throws Exception {
    AnalysisRequest.Builder request =
        AnalysisRequest.builder(List.of(project))
            .baseDirectory(project)
            .threads(threads)
            .prefilter(prefilter);
    for (Rule rule : Rules.ALL) {
      request.enable(rule.info().id());
    }
    return new Analyzer().run(request.build());
  }

  /** Findings of one run that the other lacks, each marked with the run that has it. */
  static List<String> differences(List<Finding> on, List<Finding> off) {
    List<String> result = new ArrayList<>();
    Set<Finding> withPrefilter = new LinkedHashSet<>(on);
    Set<Finding> without = new LinkedHashSet<>(off);
    for (Finding f : off) {
      if (!withPrefilter.contains(f)) {
        result.add("only without prefilter: " + describe(f));
      }
    }
    for (Finding f : on) {
      if (!without.contains(f)) {
        result.add("only with prefilter:    " + describe(f));
      }
    }
    return result;
  }

  private static String describe(Finding f) {
    return f.ruleId()
        + " "
        + f.file()
        + ":"
        + f.line()
        + ":"
        + f.column()
        + " "
        + f.fingerprint()
        + " "
        + f.message();
  }
}
