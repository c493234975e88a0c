package dev.txcheck.bench.parserchoice;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Problem;
import com.github.javaparser.Processor;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.validator.postprocessors.PostProcessors;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Parse benchmark behind the choice of JavaParser version and parser configuration.
 *
 * <pre>
 * ParserChoice parse     --config a|b|c|raw [--level JAVA_NN] [--rounds N] [--failures FILE] [--only-matching] DIR...
 * ParserChoice prefilter [--rounds N] DIR...
 * ParserChoice selftest  [--level JAVA_NN]
 * ParserChoice ranges    --config c|raw [--level JAVA_NN] DIR...
 * </pre>
 *
 * Every DIR is one artifact (named after the directory); all .java files under it are read into
 * memory before anything is timed. One JavaParser, one configuration, one thread.
 */
public final class ParserChoice {
  static final PrintStream out = System.out;

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "parse" -> parseBench(o);
      case "prefilter" -> Prefilter.run(Corpus.load(o.dirs), o.rounds);
      case "selftest" -> SelfTest.run(o.level);
      case "ranges" -> SelfTest.corpusRanges(Corpus.load(o.dirs), o.config, o.level);
      default -> usage();
    }
  }

  static void usage() {
    out.println(
        "usage: ParserChoice parse|prefilter|selftest|ranges [--config a|b|c|raw]"
            + " [--level JAVA_NN] [--rounds N] [--failures FILE] [--only-matching] DIR...");
  }

  // ---------------------------------------------------------------- configurations

  /** The newest plain (non-preview) language level this JavaParser knows. */
  static LanguageLevel newestLevel() {
    LanguageLevel newest = null;
    for (LanguageLevel l : LanguageLevel.values()) {
      if (l.name().matches("JAVA_\\d+")) {
        newest = l;
      }
    }
    return newest;
  }

  static String javaParserVersion() {
    String loc = JavaParser.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    Matcher m = Pattern.compile("javaparser-core-([0-9.]+)\\.jar").matcher(loc);
    if (m.find()) {
      return m.group(1);
    }
    String v = JavaParser.class.getPackage().getImplementationVersion();
    return v != null ? v : "?";
  }

  /**
   * a: the level, JavaParser's defaults otherwise. b: a + no comment attribution. c: b + the
   * language-level validator removed, the level's post-processing (var to VarType) kept. raw: b +
   * LanguageLevel.RAW (no post-processing, no validation, and the grammar stops treating 'yield' as
   * a keyword).
   */
  static ParserConfiguration configuration(String name, LanguageLevel level) {
    ParserConfiguration config = new ParserConfiguration().setLanguageLevel(level);
    switch (name) {
      case "a" -> {}
      case "b" -> config.setAttributeComments(false);
      case "c" -> {
        config.setAttributeComments(false);
        withoutValidator(config, level);
      }
      case "raw" -> config.setAttributeComments(false).setLanguageLevel(LanguageLevel.RAW);
      default -> throw new IllegalArgumentException("unknown config " + name);
    }
    return config;
  }

  /**
   * ParserConfiguration's constructor installs, among its processors, one that runs the language
   * level's post-processor and then its validator (both package-private fields of the LanguageLevel
   * constant, no setter). The list of processors is public and mutable: replace that one with a
   * processor that runs only the level's post-processor (a public class). It is found by probing,
   * not by a hard-coded index: it is the one whose removal makes a validator-only error disappear.
   */
  static void withoutValidator(ParserConfiguration config, LanguageLevel level) {
    int index = languageLevelProcessorIndex(level);
    PostProcessors post = postProcessorFor(level);
    config
        .getProcessors()
        .set(
            index,
            () ->
                new Processor() {
                  @Override
                  public void postProcess(
                      ParseResult<? extends Node> result, ParserConfiguration c) {
                    if (post != null) {
                      post.postProcess(result, c);
                    }
                  }
                });
  }

  /** Grammatical, but every validator rejects two access modifiers on one field. */
  static final String VALIDATOR_PROBE = "class P { private public int x; }";

  static int languageLevelProcessorIndex(LanguageLevel level) {
    if (new JavaParser(new ParserConfiguration().setLanguageLevel(level))
        .parse(VALIDATOR_PROBE)
        .isSuccessful()) {
      throw new IllegalStateException("the validator probe is not rejected at " + level);
    }
    int n = new ParserConfiguration().getProcessors().size();
    for (int i = 0; i < n; i++) {
      ParserConfiguration c = new ParserConfiguration().setLanguageLevel(level);
      c.getProcessors().set(i, () -> new Processor() {});
      if (new JavaParser(c).parse(VALIDATOR_PROBE).isSuccessful()) {
        return i;
      }
    }
    throw new IllegalStateException("no language-level processor among " + n);
  }

  /** The level's JavaNNPostProcessor (public classes; none before Java 10). */
  static PostProcessors postProcessorFor(LanguageLevel level) {
    Matcher m = Pattern.compile("JAVA_(\\d+)(_PREVIEW)?").matcher(level.name());
    if (!m.matches() || Integer.parseInt(m.group(1)) < 10) {
      return null;
    }
    for (int v = Integer.parseInt(m.group(1)); v >= 10; v--) {
      try {
        Class<?> k =
            Class.forName(
                "com.github.javaparser.ast.validator.postprocessors.Java" + v + "PostProcessor");
        return (PostProcessors) k.getDeclaredConstructor().newInstance();
      } catch (ClassNotFoundException e) {
        // try the previous version
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }

  /** What tx-check's Parsing does after each parse: keep the ranges, let the tokens go. */
  static void dropTokens(CompilationUnit unit) {
    unit.walk(
        node -> {
          Range range = node.getRange().orElse(null);
          node.setTokenRange(null);
          node.setRange(range);
        });
  }

  // ---------------------------------------------------------------- parse benchmark

  static void parseBench(Options o) throws IOException {
    Corpus corpus = Corpus.load(o.dirs);
    if (o.onlyMatching) {
      corpus = corpus.filter(Prefilter::matchesRegionScan);
    }
    ParserConfiguration config = configuration(o.config, o.level);
    JavaParser parser = new JavaParser(config);
    out.printf(
        Locale.ROOT,
        "jp=%s config=%s level=%s attributeComments=%s%s files=%d lines=%d chars=%d"
            + " readSeconds=%.2f%n",
        javaParserVersion(),
        o.config,
        config.getLanguageLevel(),
        config.isAttributeComments(),
        (o.onlyMatching ? " subset=prefilter-matching" : "") + (o.dropTokens ? " dropTokens" : ""),
        corpus.size(),
        corpus.totalLines,
        corpus.totalChars,
        corpus.readSeconds);

    double[] seconds = new double[o.rounds];
    double[] cpu = new double[o.rounds]; // this thread's CPU time
    double[] procCpu = new double[o.rounds]; // the JVM's CPU time: + GC and JIT threads
    int failures = -1;
    long sink = 0;
    for (int r = 0; r < o.rounds; r++) {
      long gc0 = gcMillis();
      int failed = 0;
      List<String> failureRows = r == 0 ? new ArrayList<>() : null;
      long c0 = THREADS.getCurrentThreadCpuTime();
      long p0 = processCpuNanos();
      long t0 = System.nanoTime();
      for (int i = 0; i < corpus.size(); i++) {
        ParseResult<CompilationUnit> res = parser.parse(corpus.texts.get(i));
        if (o.dropTokens) {
          res.getResult().ifPresent(ParserChoice::dropTokens);
        }
        List<Problem> problems = res.getProblems();
        if (!problems.isEmpty() || res.getResult().isEmpty()) {
          failed++;
          if (failureRows != null) {
            failureRows.add(corpus.paths.get(i) + "\t" + describe(problems));
          }
        }
        sink += res.getResult().map(cu -> cu.getChildNodes().size()).orElse(0);
      }
      seconds[r] = (System.nanoTime() - t0) / 1e9;
      cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
      procCpu[r] = (processCpuNanos() - p0) / 1e9;
      long gc = gcMillis() - gc0;
      out.printf(
          Locale.ROOT,
          "round %d%s: %.2f s wall, %.0f lines/s, %.0f files/s; cpu %.2f s (thread), %.2f s"
              + " (jvm); failures %d, gc %.2f s, load %s%n",
          r + 1,
          r == 0 ? " (cold)" : "",
          seconds[r],
          corpus.totalLines / seconds[r],
          corpus.size() / seconds[r],
          cpu[r],
          procCpu[r],
          failed,
          gc / 1e3,
          loadAverage());
      if (failureRows != null) {
        failures = failed;
        if (o.failuresFile != null) {
          Files.write(o.failuresFile, failureRows, StandardCharsets.UTF_8);
        }
        failureRows.stream().limit(10).forEach(row -> out.println("  fail: " + row));
      }
    }
    double warm = warmMedian(seconds);
    double warmCpu = warmMedian(cpu);
    out.printf(
        Locale.ROOT,
        "RESULT\t%s\t%s\t%s\tfiles=%d\tlines=%d\tcold_s=%.2f\twarm_median_s=%.2f"
            + "\twarm_lines_per_s=%.0f\tfailures=%d\tcold_cpu_s=%.2f\twarm_cpu_s=%.2f"
            + "\twarm_lines_per_cpu_s=%.0f\twarm_jvm_cpu_s=%.2f\tsink=%d%n",
        javaParserVersion(),
        o.config + (o.dropTokens ? "+drop" : ""),
        config.getLanguageLevel(),
        corpus.size(),
        corpus.totalLines,
        seconds[0],
        warm,
        corpus.totalLines / warm,
        failures,
        cpu[0],
        warmCpu,
        corpus.totalLines / warmCpu,
        warmMedian(procCpu),
        sink);
  }

  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** Median of rounds 2..N (round 1 when there is only one). */
  static double warmMedian(double[] xs) {
    return xs.length > 1 ? median(Arrays.copyOfRange(xs, 1, xs.length)) : xs[0];
  }

  static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "0 problems, no result";
    }
    Problem p = problems.get(0);
    String where =
        p.getLocation()
            .flatMap(l -> l.getBegin().getRange())
            .map(r -> r.begin.line + ":" + r.begin.column)
            .orElse("?");
    String msg = p.getMessage().lines().findFirst().orElse("").strip();
    if (msg.length() > 160) {
      msg = msg.substring(0, 157) + "...";
    }
    return problems.size() + " problems\t" + where + "\t" + msg;
  }

  static long gcMillis() {
    long t = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, b.getCollectionTime());
    }
    return t;
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  // ---------------------------------------------------------------- corpus and options

  /** All .java files under the given dirs, read into memory; one dir is one artifact. */
  static final class Corpus {
    final List<String> paths = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();
    final List<String> artifacts = new ArrayList<>();
    long totalLines;
    long totalChars;
    double readSeconds;

    int size() {
      return texts.size();
    }

    void add(String artifact, String path, String text) {
      artifacts.add(artifact);
      paths.add(path);
      texts.add(text);
      int n = countLines(text);
      lines.add(n);
      totalLines += n;
      totalChars += text.length();
    }

    Corpus filter(Predicate<String> keep) {
      Corpus c = new Corpus();
      for (int i = 0; i < size(); i++) {
        if (keep.test(texts.get(i))) {
          c.add(artifacts.get(i), paths.get(i), texts.get(i));
        }
      }
      c.readSeconds = readSeconds;
      return c;
    }

    static Corpus load(List<Path> dirs) throws IOException {
      Corpus c = new Corpus();
      long t0 = System.nanoTime();
      for (Path dir : dirs) {
        String artifact = dir.toAbsolutePath().normalize().getFileName().toString();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
          files =
              s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                  .sorted()
                  .toList();
        }
        for (Path f : files) {
          c.add(artifact, f.toString(), decode(Files.readAllBytes(f)));
        }
      }
      c.readSeconds = (System.nanoTime() - t0) / 1e9;
      return c;
    }

    /** UTF-8, or ISO-8859-1 when the bytes are not valid UTF-8 (a few old sources). */
    static String decode(byte[] bytes) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
      }
    }

    /** Newline characters, plus one for a last line without a newline. */
    static int countLines(String text) {
      int n = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          n++;
        }
      }
      if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
        n++;
      }
      return n;
    }
  }

  static final class Options {
    String config = "a";
    LanguageLevel level = newestLevel();
    int rounds = 3;
    Path failuresFile;
    boolean onlyMatching;
    boolean dropTokens;
    final List<Path> dirs = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--config" -> o.config = args[++i];
          case "--level" -> o.level = LanguageLevel.valueOf(args[++i]);
          case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
          case "--failures" -> o.failuresFile = Path.of(args[++i]);
          case "--only-matching" -> o.onlyMatching = true;
          case "--drop-tokens" -> o.dropTokens = true;
          default -> o.dirs.add(Path.of(args[i]));
        }
      }
      return o;
    }
  }
}
