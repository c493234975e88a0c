package dev.txcheck.bench.pmd;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.java.JavaLanguageModule;
import net.sourceforge.pmd.reporting.Report;

/**
 * PMD 7 with the three of its rules closest to tx-check's (a resource left open, an empty catch, a
 * catch of Exception), over the same files, in a fresh JVM. {@code PmdRun THREADS DIR...} prints
 * one tab-separated line as {@code Benchmark} does: pmd, files, lines, seconds, peak heap MB,
 * violations, processing errors.
 */
public final class PmdRun {
  static final List<String> RULES =
      List.of(
          "category/java/errorprone.xml/CloseResource",
          "category/java/errorprone.xml/EmptyCatchBlock",
          "category/java/design.xml/AvoidCatchingGenericException");

  private PmdRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: PmdRun THREADS DIR...");
      System.exit(2);
    }
    int threads = Integer.parseInt(args[0]);
    List<Path> dirs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      dirs.add(Path.of(args[i]));
    }
    long start = System.nanoTime();
    PMDConfiguration config = new PMDConfiguration();
    config.setDefaultLanguageVersion(JavaLanguageModule.getInstance().getVersion("21"));
    config.setThreads(threads);
    // Cold runs only: an incremental cache would measure a re-run.
    config.setIgnoreIncrementalAnalysis(true);
    // The same bytes tx-check's benchmark reads; never fails on a stray byte.
    config.setSourceEncoding(StandardCharsets.ISO_8859_1);
    RULES.forEach(config::addRuleSet);
    dirs.forEach(config::addInputPath);
    Report report;
    try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
      report = pmd.performAnalysisAndCollectReport();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Path> files = javaFiles(dirs);
    System.out.printf(
        "pmd\t%d\t%d\t%.2f\t%d\t%d\t%d%n",
        files.size(),
        countLines(files),
        seconds,
        peakHeapMb(),
        report.getViolations().size(),
        report.getProcessingErrors().size());
  }

  private static List<Path> javaFiles(List<Path> dirs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
            .forEach(files::add);
      }
    }
    return files;
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
