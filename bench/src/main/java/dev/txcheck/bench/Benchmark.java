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
 * its own. Prints one tab-separated line: mode, files, lines, seconds, peak heap MB, and for {@code
 * check} the findings, the processing errors and the files and lines it parsed.
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || !List.of("parse", "check", "check-each").contains(args[0])) {
      System.err.println("usage: Benchmark parse|check|check-each THREADS DIR...");
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
          args[0].equals("check") ? List.of(dirs) : dirs.stream().map(List::of).toList();
      long[] sums = new long[4];
      for (List<Path> project : projects) {
        AnalysisResult result = check(project, threads);
        sums[0] += result.findings().size();
        sums[1] += result.errors().size();
        sums[2] += result.filesParsed();
        sums[3] += result.linesParsed();
      }
      lines = countLines(files);
      extra = String.format("\t%d\t%d\t%d\t%d", sums[0], sums[1], sums[2], sums[3]);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s\t%d\t%d\t%.2f\t%d%s%n", args[0], files.size(), lines, seconds, peakHeapMb(), extra);
  }

  /** All rules, TX014 (off by default) too. */
  private static AnalysisResult check(List<Path> dirs, int threads) throws Exception {
    AnalysisRequest.Builder request = AnalysisRequest.builder(dirs).threads(threads);
    Rules.ALL.forEach(rule -> request.enable(rule.info().id()));
    return new Analyzer().run(request.build());
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
