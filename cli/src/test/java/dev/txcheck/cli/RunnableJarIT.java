package dev.txcheck.cli;

import static com.google.common.truth.Truth.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on its own, started from another directory, as the launcher starts it. */
class RunnableJarIT {
  @TempDir Path dir;

  private String runJar(String... args) throws Exception {
    Path jar = Path.of(System.getProperty("txcheck.jar")).toAbsolutePath();
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar"));
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path output = dir.resolve("output.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() + "\n" + Files.readString(output, StandardCharsets.UTF_8);
  }

  @Test
  void versionWorksFromAnyDirectory() throws Exception {
    assertThat(runJar("--version")).containsMatch("^0\ntx-check \\d+\\.\\d+\\.\\d+");
  }

  @Test
  void theJarCarriesEverythingAnAnalysisNeeds() throws Exception {
    Files.writeString(dir.resolve("Dao.java"), MainProcessTest.DAO);
    Files.writeString(dir.resolve("tx-check.yml"), "rules:\n  TX001: warning\n");
    String run = runJar("--config", "tx-check.yml", "--format", "sarif", "Dao.java");
    assertThat(run).startsWith("1\n");
    assertThat(run).contains("\"ruleId\" : \"TX001\"");
    assertThat(run).contains("\"level\" : \"warning\"");
    assertThat(runJar("--explain", "TX001"))
        .contains("TX001 missing-rollback\n======================\n");
  }
}
