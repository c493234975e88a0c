package dev.txcheck.engine;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.txcheck.finding.Severity;
import dev.txcheck.rules.Rules;
import dev.txcheck.txapi.ApiLines;
import dev.txcheck.txflow.ProxySemantics;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one analysis needs; the CLI and the Maven plugin each build one, with {@link
 * #builder}, from their own options and the configuration file.
 *
 * @param paths files and directories to analyse ({@code *.java} below each directory)
 * @param threads worker threads, at least 1
 * @param languageLevel the Java syntax to parse
 * @param apiFiles extra transaction API catalog files (same grammar as the bundled catalog)
 * @param apiLines extra catalog lines written elsewhere, such as in a configuration file
 * @param enabledRules rule ids to run even though they are off by default
 * @param disabledRules rule ids not to run
 * @param severities severity overrides by rule id
 * @param includes glob patterns ({@code **}{@code /dao/**}) a file's path below its input directory
 *     must match (all files when empty)
 * @param excludes glob patterns of files to leave out ({@code **}{@code /generated/**})
 * @param classpath jars and class directories that tell the supertypes, annotations and fields of
 *     library types (none: library types are known only from the catalog)
 * @param baseDirectory when set, findings name files below it relative to it (the Maven plugin sets
 *     the module's directory, so reports and baselines do not depend on where Maven was started);
 *     when null, files are named as the paths were given
 * @param proxySemantics which methods Spring's proxies intercept; null to tell from the classpath
 *     (a spring-tx 5 jar means {@link ProxySemantics#BEFORE_SPRING_6}, anything else Spring 6)
 * @param encoding the sources' encoding; null for UTF-8, falling back to ISO-8859-1 for files that
 *     are not UTF-8 (a byte order mark always wins)
 * @param prefilter true (the default) to parse only the files that mention a transaction word;
 *     false parses and checks every file, which only measurements want: the findings must be the
 *     same
 */
public record AnalysisRequest(
    List<Path> paths,
    int threads,
    LanguageLevel languageLevel,
    List<Path> apiFiles,
    List<ApiLines> apiLines,
    Set<String> enabledRules,
    Set<String> disabledRules,
    Map<String, Severity> severities,
    List<String> includes,
    List<String> excludes,
    List<Path> classpath,
    Path baseDirectory,
    ProxySemantics proxySemantics,
    Charset encoding,
    boolean prefilter) {

  /** The newest syntax the pinned JavaParser knows. */
  public static final LanguageLevel DEFAULT_LEVEL = LanguageLevel.JAVA_21;

  public AnalysisRequest {
    paths = List.copyOf(paths);
    apiFiles = List.copyOf(apiFiles);
    apiLines = List.copyOf(apiLines);
    enabledRules = Set.copyOf(enabledRules);
    disabledRules = Set.copyOf(disabledRules);
    severities = Map.copyOf(severities);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    classpath = List.copyOf(classpath);
    baseDirectory = baseDirectory == null ? null : baseDirectory.toAbsolutePath().normalize();
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
  }

  /**
   * Defaults: the rules that are on by default, one worker per processor, the newest language
   * level, the bundled catalog, no classpath.
   */
  public static AnalysisRequest of(List<Path> paths) {
    return builder(paths).build();
  }

  /**
   * A Java release as users write it: {@code 8}, {@code 17}, {@code 21}.
   *
   * @throws IllegalArgumentException naming good values
   */
  public static LanguageLevel languageLevel(String release) {
    try {
      return LanguageLevel.valueOf("JAVA_" + release.trim().replace('.', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown Java level '" + release + "'; use a release such as 8, 11, 17 or 21");
    }
  }

  /**
   * An encoding as users name it: {@code UTF-8}, {@code windows-1252}, {@code UTF-16LE}.
   *
   * @throws IllegalArgumentException for a name this JVM does not know
   */
  public static Charset encoding(String name) {
    try {
      return Charset.forName(name.trim());
    } catch (IllegalArgumentException e) { // illegal and unsupported names alike
      throw new IllegalArgumentException(
          "unknown encoding '" + name + "'; use a name such as UTF-8, ISO-8859-1 or windows-1252");
    }
  }

  public static Builder builder(List<Path> paths) {
    return new Builder(paths);
  }

  /**
   * The proxy semantics of this analysis: as requested, else Spring 5's when the classpath holds a
   * spring-tx 5 jar (its file name is enough) or, without one, when the Maven or Gradle build file
   * next to or above the sources says Spring 5 (or Spring Boot 2), else Spring 6's.
   */
  public ProxySemantics effectiveProxySemantics() {
    if (proxySemantics != null) {
      return proxySemantics;
    }
    OptionalInt major = SpringVersion.of(classpath, paths);
    return major.isPresent() && major.getAsInt() < 6
        ? ProxySemantics.BEFORE_SPRING_6
        : ProxySemantics.SPRING_6;
  }

  /** True when the rule runs in this analysis. */
  public boolean runs(String ruleId, boolean onByDefault) {
    return enabledRules.contains(ruleId) || (onByDefault && !disabledRules.contains(ruleId));
  }

  /**
   * Collects settings; later calls win, so command-line flags applied after a configuration file
   * override it. Rule ids are checked against the known rules.
   */
  public static final class Builder {
    private final List<Path> paths;
    private int threads = Runtime.getRuntime().availableProcessors();
    private LanguageLevel languageLevel = DEFAULT_LEVEL;
    private final List<Path> apiFiles = new ArrayList<>();
    private final List<ApiLines> apiLines = new ArrayList<>();
    private final Set<String> enabled = new TreeSet<>();
    private final Set<String> disabled = new TreeSet<>();
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();
    private Path baseDirectory;
    private ProxySemantics proxySemantics;
    private Charset encoding;
    private boolean prefilter = true;

    private Builder(List<Path> paths) {
      this.paths = List.copyOf(paths);
    }

    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    public Builder languageLevel(LanguageLevel level) {
      this.languageLevel = level;
      return this;
    }

    public Builder apiFiles(List<Path> files) {
      apiFiles.addAll(files);
      return this;
    }

    public Builder apiLines(ApiLines lines) {
      apiLines.add(lines);
      return this;
    }

    /**
     * Turns a rule on.
     *
     * @throws IllegalArgumentException for an unknown rule id
     */
    public Builder enable(String ruleId) {
      String id = Rules.knownId(ruleId);
      disabled.remove(id);
      enabled.add(id);
      return this;
    }

    /**
     * Turns a rule off.
     *
     * @throws IllegalArgumentException for an unknown rule id
     */
    public Builder disable(String ruleId) {
      String id = Rules.knownId(ruleId);
      enabled.remove(id);
      disabled.add(id);
      return this;
    }

    /**
     * Changes a rule's severity.
     *
     * @throws IllegalArgumentException for an unknown rule id
     */
    public Builder severity(String ruleId, Severity severity) {
      severities.put(Rules.knownId(ruleId), severity);
      return this;
    }

    public Builder include(List<String> globs) {
      includes.addAll(globs);
      return this;
    }

    public Builder exclude(List<String> globs) {
      excludes.addAll(globs);
      return this;
    }

    public Builder classpath(List<Path> entries) {
      classpath.addAll(entries);
      return this;
    }

    /** Findings name files below this directory relative to it. */
    public Builder baseDirectory(Path directory) {
      this.baseDirectory = directory;
      return this;
    }

    /** Which methods Spring's proxies intercept; by default told from the classpath. */
    public Builder proxySemantics(ProxySemantics semantics) {
      this.proxySemantics = semantics;
      return this;
    }

    /** The sources' encoding; null (the default) reads UTF-8 with an ISO-8859-1 fallback. */
    public Builder encoding(Charset encoding) {
      this.encoding = encoding;
      return this;
    }

    /**
     * Off parses and checks every file. Not a user option: the benchmarks use it to show that the
     * prefilter drops no finding, and what it saves.
     */
    public Builder prefilter(boolean on) {
      this.prefilter = on;
      return this;
    }

    public AnalysisRequest build() {
      return new AnalysisRequest(
          paths,
          threads,
          languageLevel,
          apiFiles,
          apiLines,
          enabled,
          disabled,
          severities,
          includes,
          excludes,
          classpath,
          baseDirectory,
          proxySemantics,
          encoding,
          prefilter);
    }
  }
}
