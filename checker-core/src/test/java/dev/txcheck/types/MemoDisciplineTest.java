package dev.txcheck.types;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A tripwire for the incremental cache: an answer kept across files in a plain concurrent map (or a
 * lazily built volatile field) keeps no record of the files it was computed from, so a re-run would
 * reuse the findings of files that depend on it after those files changed. Such answers must be
 * {@link Memo}s (see {@link Reads} and docs/decisions/incremental-cache.md), or be listed here with
 * the reason they read no source file.
 */
class MemoDisciplineTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/txcheck");

  /** Shared state that reads no source file, by "Class.field". */
  private static final Map<String, String> READ_NO_SOURCE =
      Map.of(
          "Memo.values", "the memo itself",
          "ProjectIndex.resolvers",
              "built from a file's facts, or from a tree its user fetched (and so read)",
          "ProjectIndex.parsedFiles", "from the facts of the parsed files",
          "ExceptionTypes.JDK", "the JDK's own classes",
          "Classpath.read", "the classpath is in the cache's key",
          "ThrownTypes.dataAccessFailures", "from the catalog",
          "ThrownTypes.throwingDeclarers",
              "from the index's facts (the declarations it names are read when used)");

  private static final Pattern SHARED =
      Pattern.compile(
          "^\\s*(?:private|protected|public)?\\s*(?:static\\s+)?(?:final\\s+)?"
              + "(volatile\\s+)?[\\w.<>,?\\[\\] ]+?\\s(\\w+)\\s*(=\\s*new (?:java\\.util\\.concurrent\\.)?Concurrent\\w*.*)?;");

  @Test
  void answersKeptAcrossFilesAreMemos() throws IOException {
    List<String> unrecorded = new ArrayList<>();
    for (String pkg : List.of("txflow", "types", "rules", "flow")) {
      try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String type = file.getFileName().toString().replace(".java", "");
          for (String line : Files.readAllLines(file)) {
            Matcher m = SHARED.matcher(line);
            if (m.find() && (m.group(1) != null || m.group(3) != null)) {
              String field = type + "." + m.group(2);
              if (!READ_NO_SOURCE.containsKey(field)) {
                unrecorded.add(field);
              }
            }
          }
        }
      }
    }
    assertWithMessage(
            "shared answers that record no reads: make them Memos, or say here why they read no"
                + " source file")
        .that(unrecorded)
        .isEmpty();
  }
}
