package dev.txcheck.engine;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.txcheck.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one analysis needs; the CLI and the Maven plugin each build one from their own
 * options.
 *
 * @param paths files and directories to analyse ({@code *.java} below each directory)
 * @param threads worker threads, at least 1
 * @param languageLevel the Java syntax to parse
 * @param apiFiles extra transaction API catalog files (same grammar as the bundled catalog)
 * @param disabledRules rule ids not to run
 * @param severities severity overrides by rule id
 * @param includes glob patterns ({@code **}{@code /dao/**}) a file's path below its input directory
 *     must match (all files when empty)
 * @param excludes glob patterns of files to leave out ({@code **}{@code /generated/**})
 */
public record AnalysisRequest(
    List<Path> paths,
    int threads,
    LanguageLevel languageLevel,
    List<Path> apiFiles,
    Set<String> disabledRules,
    Map<String, Severity> severities,
    List<String> includes,
    List<String> excludes) {

  /** The newest syntax the pinned JavaParser knows. */
  public static final LanguageLevel DEFAULT_LEVEL = LanguageLevel.JAVA_21;

  public AnalysisRequest {
    paths = List.copyOf(paths);
    apiFiles = List.copyOf(apiFiles);
    disabledRules = Set.copyOf(disabledRules);
    severities = Map.copyOf(severities);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
  }

  /**
   * Defaults: all rules, one worker per processor, the newest language level, the bundled catalog.
   */
  public static AnalysisRequest of(List<Path> paths) {
    return new AnalysisRequest(
        paths,
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_LEVEL,
        List.of(),
        Set.of(),
        Map.of(),
        List.of(),
        List.of());
  }

  public AnalysisRequest withThreads(int n) {
    return new AnalysisRequest(
        paths, n, languageLevel, apiFiles, disabledRules, severities, includes, excludes);
  }

  public AnalysisRequest withLanguageLevel(LanguageLevel level) {
    return new AnalysisRequest(
        paths, threads, level, apiFiles, disabledRules, severities, includes, excludes);
  }

  public AnalysisRequest withApiFiles(List<Path> files) {
    return new AnalysisRequest(
        paths, threads, languageLevel, files, disabledRules, severities, includes, excludes);
  }

  public AnalysisRequest withDisabledRules(Set<String> rules) {
    return new AnalysisRequest(
        paths, threads, languageLevel, apiFiles, rules, severities, includes, excludes);
  }

  public AnalysisRequest withFileFilter(List<String> includeGlobs, List<String> excludeGlobs) {
    return new AnalysisRequest(
        paths,
        threads,
        languageLevel,
        apiFiles,
        disabledRules,
        severities,
        includeGlobs,
        excludeGlobs);
  }

  public AnalysisRequest withSeverities(Map<String, Severity> overrides) {
    return new AnalysisRequest(
        paths, threads, languageLevel, apiFiles, disabledRules, overrides, includes, excludes);
  }
}
