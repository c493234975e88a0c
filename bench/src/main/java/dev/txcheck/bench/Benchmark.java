package dev.txcheck.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.engine.Analyzer;
import dev.txcheck.rules.Rules;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One measurement in a fresh JVM, so that every figure is a one-shot run as users have it: {@code
 * parse THREADS DIR...} reads and parses every {@code .java} file with JavaParser's defaults (the
 * newest language level), {@code check THREADS DIR...} runs tx-check with all rules (TX014, off by
 * default, too), all directories as one project, {@code check-each} each directory as a project of
 * its own. A mode {@code cache-LABEL} ({@code cache-cold}, {@code cache-warm}...) is {@code check}
 * with the incremental cache in the file the system property {@code txcheck.bench.cache} names; the
 * label only names the line. Prints one tab-separated line: mode, files, lines,
 * seconds, peak heap MB, and for the checks the findings, the processing errors, the files and
 * lines it parsed, then for the cached ones what the cache did, the files checked and the parses.
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3
        || !(List.of("parse", "check", "check-each").contains(args[0])
            || args[0].startsWith("cache-"))) {
      System.err.println("usage: Benchmark parse|check|check-each|cache-LABEL THREADS DIR...");
      System.exit(2);
    }
    int threads = Integer.parseInt(args[1]);
    List<Path> dirs = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      dirs.add(Path.of(args[i]));
    }
    List<Path> files = javaFiles(dirs);
    long start = System.nanoTime();
    String extra;
    long lines;
    if (args[0].equals("parse")) {
      lines = parseAll(files, threads);
      extra = "";
    } else {
      // check-each: each directory is a project of its own, as the artifacts of a corpus are.
      List<List<Path>> projects =
          args[0].equals("check-each") ? dirs.stream().map(List::of).toList() : List.of(dirs);
      String cache = args[0].startsWith("cache-") ? System.getProperty("txcheck.bench.cache") : null;
      long[] sums = new long[4];
      AnalysisResult last = null;
      for (List<Path> project : projects) {
        last = check(project, threads, cache);
        sums[0] += last.findings().size();
        sums[1] += last.errors().size();
        sums[2] += last.filesParsed();
        sums[3] += last.linesParsed();
      }
      // Before counting lines, which reads every file again: the cached runs' time is the run's.
      double checked = (System.nanoTime() - start) / 1e9;
      lines = countLines(files);
      extra = String.format("\t%d\t%d\t%d\t%d", sums[0], sums[1], sums[2], sums[3]);
      if (cache != null) {
        extra +=
            String.format(
                "\t%s\t%d\t%d",
                last.cache().state(), last.cache().checkedFiles(), last.cache().parses());
        System.out.printf(
            "%s\t%d\t%d\t%.2f\t%d%s%n",
            args[0], files.size(), lines, checked, peakHeapMb(), extra);
        return;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s\t%d\t%d\t%.2f\t%d%s%n", args[0], files.size(), lines, seconds, peakHeapMb(), extra);
  }

  /** All rules, TX014 (off by default) too; with the cache in that file unless null. */
  private static AnalysisResult check(List<Path> dirs, int threads, String cache)
      throws Exception {
    AnalysisRequest.Builder request = AnalysisRequest.builder(dirs).threads(threads);
    Rules.ALL.forEach(rule -> request.enable(rule.info().id()));
    Analyzer analyzer = new Analyzer();
    return (cache == null ? analyzer : analyzer.withCache(Path.of(cache))).run(request.build());
  }

  private static List<Path> javaFiles(List<Path> dirs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  /** The baseline: what any JavaParser-based tool pays at least. Returns the number of lines. */
  private static long parseAll(List<Path> files, int threads) throws Exception {
    ThreadLocal<JavaParser> parsers =
        ThreadLocal.withInitial(
            () ->
                new JavaParser(
                    new ParserConfiguration()
                        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)));
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, r -> new Thread(null, r, "parse", 64L << 20));
    List<Future<Long>> futures = new ArrayList<>();
    for (Path file : files) {
      futures.add(
          pool.submit(
              () -> {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                parsers.get().parse(text);
                return text.lines().count();
              }));
    }
    long lines = 0;
    for (Future<Long> f : futures) {
      lines += f.get();
    }
    pool.shutdown();
    return lines;
  }

  private static long countLines(List<Path> files) throws IOException {
    long lines = 0;
    for (Path file : files) {
      lines += Files.readString(file, StandardCharsets.ISO_8859_1).lines().count();
    }
    return lines;
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
