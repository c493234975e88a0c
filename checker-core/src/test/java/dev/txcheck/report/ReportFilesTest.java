package dev.txcheck.report;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
  @TempDir Path dir;

  @Test
  void aReportGetsThePermissionsOfAnyNewFileNotThoseOfATemporaryFile() throws IOException {
    Set<PosixFilePermission> usual =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
    Path report = dir.resolve("tx-check.json");
    ReportFiles.write(report, Format.JSON, ReportWritersTest.REPORT);
    assertThat(Files.getPosixFilePermissions(report)).isEqualTo(usual);

    // overwriting a report that others could read keeps it readable
    Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-r--r--"));
    ReportFiles.write(report, Format.JSON, ReportWritersTest.REPORT);
    assertThat(Files.getPosixFilePermissions(report)).isEqualTo(usual);
  }

  @Test
  void temporaryFilesOfKilledRunsAreRemovedAndThoseOfRunningOnesKept() throws IOException {
    Path killed = Files.createFile(dir.resolve(".tx-check.json.2147483646-1f2e.tmp"));
    Path olderVersion = Files.createFile(dir.resolve(".tx-check.json8812734612.tmp"));
    Path running =
        Files.createFile(
            dir.resolve(".tx-check.json." + ProcessHandle.current().pid() + "-7a.tmp"));
    Path otherReport = Files.createFile(dir.resolve(".tx-check.sarif.2147483646-1f2e.tmp"));

    ReportFiles.write(dir.resolve("tx-check.json"), Format.JSON, ReportWritersTest.REPORT);

    assertThat(Files.exists(killed)).isFalse();
    assertThat(Files.exists(olderVersion)).isFalse();
    assertThat(Files.exists(running)).isTrue();
    assertThat(Files.exists(otherReport)).isTrue(); // removed when that report is written
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".tmp")).count()).isEqualTo(2);
    }
  }

  @Test
  void aFailedWriteNamesTheReportAndTheReason() throws IOException {
    Path file = Files.createFile(dir.resolve("reports"));
    Path target = file.resolve("tx-check.json");
    IOException e =
        assertThrows(
            IOException.class,
            () -> ReportFiles.write(target, Format.JSON, ReportWritersTest.REPORT));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("cannot write " + target + ": " + file + " is a file, not a directory");
  }

  @Test
  void aDirectoryInThePlaceOfTheReportIsNamedAsSuch() throws IOException {
    Path target = Files.createDirectories(dir.resolve("tx-check.json/inside"));
    IOException e =
        assertThrows(
            IOException.class,
            () -> ReportFiles.write(target.getParent(), Format.JSON, ReportWritersTest.REPORT));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("cannot write " + target.getParent() + ": is a directory");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".tmp")).toList()).isEmpty();
    }
  }
}
