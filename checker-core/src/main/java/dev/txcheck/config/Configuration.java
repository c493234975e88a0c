package dev.txcheck.config;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.txcheck.engine.AnalysisRequest;
import dev.txcheck.txapi.ApiLines;
import dev.txcheck.txflow.ProxySemantics;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configuration file's settings, checked. Paths in it are already resolved against the file's
 * directory.
 *
 * @param rules what to do with each rule named, in file order
 * @param includes globs a file must match to be analysed
 * @param excludes globs of files to leave out
 * @param apiFiles extra catalog files
 * @param apiLines extra catalog lines written in the configuration itself
 * @param javaLevel the Java syntax to parse, or null for the default
 * @param proxySemantics the Spring proxy semantics ({@code spring-version}), or null to tell from
 *     the classpath
 * @param encoding the sources' encoding, or null for the default
 */
public record Configuration(
    Map<String, RuleSetting> rules,
    List<String> includes,
    List<String> excludes,
    List<Path> apiFiles,
    List<ApiLines> apiLines,
    LanguageLevel javaLevel,
    ProxySemantics proxySemantics,
    Charset encoding) {

  public Configuration {
    rules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rules));
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    apiFiles = List.copyOf(apiFiles);
    apiLines = List.copyOf(apiLines);
  }

  /** Puts these settings into a request; call it before applying command-line flags. */
  public AnalysisRequest.Builder applyTo(AnalysisRequest.Builder builder) {
    rules.forEach(
        (rule, setting) -> {
          if (setting == RuleSetting.OFF) {
            builder.disable(rule);
          } else {
            builder.enable(rule);
            if (setting.severity() != null) {
              builder.severity(rule, setting.severity());
            }
          }
        });
    builder.include(includes).exclude(excludes).apiFiles(apiFiles);
    apiLines.forEach(builder::apiLines);
    if (javaLevel != null) {
      builder.languageLevel(javaLevel);
    }
    if (proxySemantics != null) {
      builder.proxySemantics(proxySemantics);
    }
    if (encoding != null) {
      builder.encoding(encoding);
    }
    return builder;
  }
}
