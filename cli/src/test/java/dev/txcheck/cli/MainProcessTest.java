package dev.txcheck.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a real process: exit codes reach the shell, findings go to stdout, the summary to
 * stderr.
 */
class MainProcessTest {
  /**
   * A DAO whose transaction a failing second insert leaves open: one TX001 finding (also the source
   * that {@link RunnableJarIT} analyses).
   */
  static final String DAO =
      """
      import java.sql.*;
      class Dao {
        void save(Connection c) throws SQLException {
          c.setAutoCommit(false);
          c.createStatement().executeUpdate("insert into t values (1)");
          c.createStatement().executeUpdate("insert into t values (2)");
          c.commit();
        }
      }
      """;

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    return runWith(List.of(), args);
  }

  private Run runWith(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return runWith(jvmOptions, java.util.Map.of(), args);
  }

  private Run runWith(List<String> jvmOptions, java.util.Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("CI");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void findingsExitOneAndPrintCompilerStyleLines() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("Dao.java"), DAO);
    Run run = run(src.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("Dao.java:4:5: error: [TX001]");
    assertThat(run.err()).contains("1 finding (TX001: 1)");
  }

  @Test
  void unparsableFilesExitThreeExceptWithFailOnNever() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("Broken.java"), "class Broken { void f() { conn.commit( } }");
    assertThat(run(src.toString()).exit()).isEqualTo(3);
    Run never = run("--fail-on", "never", src.toString());
    assertThat(never.exit()).isEqualTo(0);
    assertThat(never.err()).contains("Broken.java:1:");
  }

  @Test
  void progressGoesToALogAsPlainLinesAndNotWithQuiet() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(
          src.resolve("Dao" + i + ".java"), "class Dao" + i + " { void commit() {} }");
    }
    var everyUpdate = java.util.Map.of("TX_CHECK_PROGRESS_SECONDS", "0");
    Run run = runWith(List.of(), everyUpdate, src.toString());
    assertThat(run.exit()).isEqualTo(0);
    assertThat(run.err()).contains("tx-check: reading 1/3 files (");
    assertThat(run.err()).contains("tx-check: reading 3/3 files (");
    assertThat(run.err()).contains("tx-check: checking 3/3 files (");
    assertThat(run.err()).doesNotContain("\r"); // stderr is a file, not a terminal
    assertThat(run.out()).isEmpty();

    assertThat(runWith(List.of(), everyUpdate, "-q", src.toString()).err()).isEmpty();
    // at the default interval a short run prints no progress at all
    assertThat(run(src.toString()).err()).doesNotContain("reading");
  }

  @Test
  void aCacheFileServesTheNextRunWithTheSameFindingsAndABrokenOneOnlyWarns() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("Dao.java"), DAO);
    Path cache = dir.resolve("cache/tx-check.bin");
    Run first = run("--cache", cache.toString(), src.toString());
    assertThat(first.exit()).isEqualTo(1);
    assertThat(first.out()).contains("Dao.java:4:5: error: [TX001]");
    assertThat(first.err()).contains("tx-check: no cache yet, every file analysed; cache written");
    assertThat(Files.size(cache)).isGreaterThan(0L);

    Run second = run("--cache", cache.toString(), src.toString());
    assertThat(second.exit()).isEqualTo(1);
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.err()).contains("no file changed since the cache was written");

    Files.writeString(cache, "garbage");
    Run third = run("--cache", cache.toString(), src.toString());
    assertThat(third.exit()).isEqualTo(1);
    assertThat(third.out()).isEqualTo(first.out());
    assertThat(third.err()).contains("tx-check: warning: ignoring the cache file");
    assertThat(third.err().lines().filter(l -> l.contains("warning")).count()).isEqualTo(1);

    Run quiet = run("-q", "--cache", cache.toString(), src.toString());
    assertThat(quiet.out()).isEqualTo(first.out());
    assertThat(quiet.err()).isEmpty();
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Run run = run("--threads", "0", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("threads must be at least 1");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void runningOutOfMemoryEndsTheRunWithExitFourAndSaysWhat() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    StringBuilder big = new StringBuilder("import java.sql.*;\nclass Big {\n");
    for (int i = 0; i < 3000; i++) {
      big.append("  void m")
          .append(i)
          .append("(Connection c) throws SQLException { c.setAutoCommit(false);")
          .append(" c.createStatement().executeUpdate(\"x\"); c.commit(); }\n");
    }
    big.append("}\n");
    for (int f = 0; f < 8; f++) {
      Files.writeString(src.resolve("Big" + f + ".java"), big.toString().replace("Big", "Big" + f));
    }
    Run run = runWith(List.of("-Xmx48m", "-XX:+UseSerialGC"), src.toString());
    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("out of memory");
    assertThat(run.err()).doesNotContain("\tat ");
  }
}
