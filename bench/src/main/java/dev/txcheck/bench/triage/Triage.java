package dev.txcheck.bench.triage;

import dev.txcheck.bench.triage.Ledger.Row;
import dev.txcheck.bench.triage.Ledger.Verdict;
import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.Analyzer;
import dev.txcheck.finding.Finding;
import dev.txcheck.rules.Rule;
import dev.txcheck.rules.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs tx-check with every rule over each project of the corpora and compares the findings with the
 * ledger: per rule, how many are TRUE, DEFENSIBLE, FALSE or not judged yet, and which judged
 * findings vanished. Exits 1 when anything is unjudged or a rule with at least {@value
 * #MIN_FINDINGS} findings is below {@value #MIN_PRECISION} precision.
 *
 * <p>{@code Triage CORPUS LEDGER OUT [--project NAME]... [--drop-vanished]}: CORPUS holds one
 * folder per project under {@code dev/} and {@code apps/}; OUT receives {@code findings.tsv} (every
 * finding with its message) and {@code unjudged.tsv} (ledger rows to fill in).
 */
public final class Triage {
  static final int MIN_FINDINGS = 5;
  static final double MIN_PRECISION = 0.90;

  private Triage() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: Triage CORPUS LEDGER OUT [--project NAME]... [--drop-vanished] [--threads N]");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    Path ledgerFile = Path.of(args[1]);
    Path out = Path.of(args[2]);
    Set<String> only = new HashSet<>();
    boolean dropVanished = false;
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 3; i < args.length; i++) {
      switch (args[i]) {
        case "--project" -> only.add(args[++i]);
        case "--drop-vanished" -> dropVanished = true;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Ledger ledger = Ledger.read(ledgerFile);
    List<Path> projects = projects(corpus, only);
    if (projects.isEmpty()) {
      System.err.println("no projects under " + corpus + "/dev or " + corpus + "/apps");
      System.exit(2);
    }
    Files.createDirectories(out);
    Report report = new Report();
    List<String> findingLines = new ArrayList<>();
    List<String> unjudgedLines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path project : projects) {
      String name = project.getFileName().toString();
      long start = System.nanoTime();
      AnalysisResult result = analyse(project, threads);
      System.err.printf(
          "%-32s %5d findings %4d errors %6.1f s%n",
          name,
          result.findings().size(),
          result.errors().size(),
          (System.nanoTime() - start) / 1e9);
      for (Finding f : result.findings()) {
        seen.add(Row.key(name, f.fingerprint()));
        Row row = ledger.get(name, f.fingerprint());
        report.count(f.ruleId(), row == null ? null : row.verdict());
        findingLines.add(
            String.join(
                "\t",
                name,
                f.fingerprint(),
                f.ruleId(),
                f.file() + ":" + f.line(),
                f.enclosing(),
                row == null ? "?" : row.verdict().name(),
                f.message()));
        if (row == null) {
          unjudgedLines.add(
              String.join(
                  "\t", name, f.fingerprint(), f.ruleId(), f.file(), f.enclosing(), "?", ""));
          report.unjudged.add(name + " " + f.ruleId() + " " + f.file() + ":" + f.line());
        }
      }
    }
    Set<String> analysed = new HashSet<>();
    projects.forEach(p -> analysed.add(p.getFileName().toString()));
    List<Row> vanished = new ArrayList<>();
    for (Row row : ledger.rows()) {
      if (analysed.contains(row.project()) && !seen.contains(row.key())) {
        vanished.add(row);
      }
    }
    write(out.resolve("findings.tsv"), findingLines);
    write(out.resolve("unjudged.tsv"), unjudgedLines);
    boolean pass = report.print(System.out, vanished);
    if (dropVanished && !vanished.isEmpty()) {
      vanished.forEach(ledger::remove);
      ledger.write(ledgerFile);
      System.out.println("dropped " + vanished.size() + " vanished rows from " + ledgerFile);
    }
    System.out.println(
        "findings with messages: "
            + out.resolve("findings.tsv")
            + "; rows to judge: "
            + out.resolve("unjudged.tsv"));
    System.exit(pass ? 0 : 1);
  }

  private static List<Path> projects(Path corpus, Set<String> only) throws IOException {
    List<Path> projects = new ArrayList<>();
    for (String set : List.of("dev", "apps")) {
      Path dir = corpus.resolve(set);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(Files::isDirectory)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(p -> only.isEmpty() || only.contains(p.getFileName().toString()))
            .sorted()
            .forEach(projects::add);
      }
    }
    return projects;
  }

  /** Every rule, TX014 (off by default) too; file names relative to the project. */
  private static AnalysisResult analyse(Path project, int threads) throws Exception {
    AnalysisRequest.Builder request =
        AnalysisRequest.builder(List.of(project)).baseDirectory(project).threads(threads);
    for (Rule rule : Rules.ALL) {
      request.enable(rule.info().id());
    }
    return new Analyzer().run(request.build());
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Counts per rule and verdict. */
  private static final class Report {
    private final Map<String, Map<Verdict, Integer>> judged = new TreeMap<>();
    private final Map<String, Integer> open = new TreeMap<>();
    private final List<String> unjudged = new ArrayList<>();

    void count(String rule, Verdict verdict) {
      Map<Verdict, Integer> counts =
          judged.computeIfAbsent(rule, r -> new EnumMap<>(Verdict.class));
      if (verdict == null) {
        open.merge(rule, 1, Integer::sum);
      } else {
        counts.merge(verdict, 1, Integer::sum);
      }
    }

    /** Prints the table and the lists; true when the ledger passes. */
    boolean print(PrintStream out, List<Row> vanished) {
      boolean pass = unjudged.isEmpty();
      out.printf(
          "%n%-6s %8s %6s %10s %6s %9s %10s%n",
          "rule", "findings", "TRUE", "DEFENSIBLE", "FALSE", "unjudged", "precision");
      int[] totals = new int[5];
      for (Map.Entry<String, Map<Verdict, Integer>> e : judged.entrySet()) {
        Map<Verdict, Integer> c = e.getValue();
        int t = c.getOrDefault(Verdict.TRUE, 0);
        int d = c.getOrDefault(Verdict.DEFENSIBLE, 0);
        int f = c.getOrDefault(Verdict.FALSE, 0);
        int u = open.getOrDefault(e.getKey(), 0);
        int all = t + d + f + u;
        String precision = t + d + f == 0 ? "-" : percent(t + d, t + d + f);
        boolean failing =
            all >= MIN_FINDINGS && t + d + f > 0 && (t + d) < MIN_PRECISION * (t + d + f);
        pass &= !failing;
        out.printf(
            "%-6s %8d %6d %10d %6d %9d %10s%s%n",
            e.getKey(), all, t, d, f, u, precision, failing ? "  < 90 %" : "");
        int[] row = {all, t, d, f, u};
        for (int i = 0; i < 5; i++) {
          totals[i] += row[i];
        }
      }
      out.printf(
          "%-6s %8d %6d %10d %6d %9d %10s%n",
          "all",
          totals[0],
          totals[1],
          totals[2],
          totals[3],
          totals[4],
          totals[1] + totals[2] + totals[3] == 0
              ? "-"
              : percent(totals[1] + totals[2], totals[1] + totals[2] + totals[3]));
      if (!unjudged.isEmpty()) {
        out.println("\nnot judged yet (" + unjudged.size() + "):");
        unjudged.forEach(u -> out.println("  " + u));
      }
      if (!vanished.isEmpty()) {
        out.println("\njudged findings that vanished (" + vanished.size() + "):");
        for (Row row : vanished) {
          out.println(
              "  "
                  + (row.verdict() == Verdict.TRUE ? "LOST TRUE  " : row.verdict() + " ")
                  + row.project()
                  + " "
                  + row.rule()
                  + " "
                  + row.file()
                  + " "
                  + row.method()
                  + ": "
                  + row.reason());
        }
      }
      out.println(pass ? "\nledger: PASS" : "\nledger: FAIL");
      return pass;
    }

    private static String percent(int part, int whole) {
      return String.format("%.0f %%", 100.0 * part / whole);
    }
  }
}
