package dev.txcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring major version of the analysed code, read from what tells it: a spring-tx jar on the
 * classpath, else the Maven or Gradle build file next to the sources or above them (a Spring Boot 2
 * parent means Spring 5). Which methods Spring's proxies intercept depends on it.
 */
final class SpringVersion {
  /** How many directories above an analysed path to look for a build file. */
  private static final int LEVELS_UP = 4;

  private static final Pattern TX_JAR = Pattern.compile("spring-tx-(\\d+)\\..*\\.jar");

  /** Version declarations of Spring Boot (group 1: boot major) in Maven and Gradle files. */
  private static final List<Pattern> BOOT =
      List.of(
          Pattern.compile(
              "<artifactId>spring-boot-(?:starter-parent|dependencies)</artifactId>\\s*"
                  + "<version>\\s*([^<\\s]+)"),
          Pattern.compile("<spring-boot\\.version>\\s*(\\d+)"),
          Pattern.compile("org\\.springframework\\.boot['\"]\\)?\\s*version\\s*['\"](\\d+)"),
          Pattern.compile("spring-boot-gradle-plugin:(\\d+)"),
          Pattern.compile("springBootVersion\\s*=\\s*['\"](\\d+)"));

  /** Version declarations of Spring Framework itself (group 1: its major). */
  private static final List<Pattern> FRAMEWORK =
      List.of(
          Pattern.compile("<spring(?:-framework)?\\.version>\\s*(\\d+)"),
          Pattern.compile("org\\.springframework:spring-[a-z-]+:(\\d+)"),
          Pattern.compile("springVersion\\s*=\\s*['\"](\\d+)"));

  private SpringVersion() {}

  /** The major version, when the classpath or a build file tells it. */
  static OptionalInt of(List<Path> classpath, List<Path> sources) {
    for (Path entry : classpath) {
      Path name = entry.getFileName();
      Matcher jar = name == null ? null : TX_JAR.matcher(name.toString());
      if (jar != null && jar.matches()) {
        return OptionalInt.of(Integer.parseInt(jar.group(1)));
      }
    }
    for (Path source : sources) {
      Path dir = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
      for (int level = 0; dir != null && level <= LEVELS_UP; level++, dir = dir.getParent()) {
        for (String build : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
          OptionalInt found = fromBuildFile(dir.resolve(build));
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return OptionalInt.empty();
  }

  private static OptionalInt fromBuildFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return OptionalInt.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty(); // an unreadable build file tells nothing
    }
    for (Pattern pattern : FRAMEWORK) {
      Optional<Integer> major = major(pattern, text);
      if (major.isPresent()) {
        return OptionalInt.of(major.get());
      }
    }
    for (Pattern pattern : BOOT) {
      Optional<Integer> boot = major(pattern, text);
      if (boot.isPresent()) {
        return OptionalInt.of(boot.get() >= 3 ? 6 : boot.get() + 3); // Boot 2 runs Spring 5
      }
    }
    return OptionalInt.empty();
  }

  /** The leading number of the first match, following one ${property} of the same file. */
  private static Optional<Integer> major(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String version = matcher.group(1);
    Matcher property = Pattern.compile("\\$\\{([^}]+)}").matcher(version);
    if (property.find()) {
      Matcher defined =
          Pattern.compile("<" + Pattern.quote(property.group(1)) + ">\\s*(\\d+)").matcher(text);
      return defined.find() ? Optional.of(Integer.parseInt(defined.group(1))) : Optional.empty();
    }
    Matcher digits = Pattern.compile("^(\\d+)").matcher(version);
    return digits.find() ? Optional.of(Integer.parseInt(digits.group(1))) : Optional.empty();
  }
}
