package dev.txcheck.maven;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FindingLinesTest {
  private static final Path ROOT = Path.of("/work/shop").toAbsolutePath();
  private static final Path MODULE = ROOT.resolve("orders");

  private static Finding finding(String message) {
    return new Finding(
        "TX001",
        "missing-rollback",
        Severity.ERROR,
        message,
        "src/main/java/Dao.java",
        12,
        5,
        12,
        20,
        "Dao.save()",
        "0123456789abcdef");
  }

  @Test
  void namesTheFileFromWhereMavenWasStarted() {
    assertThat(FindingLines.finding(finding("conn is left open"), MODULE, ROOT))
        .isEqualTo("orders/src/main/java/Dao.java:12:5: error: [TX001] conn is left open");
    assertThat(FindingLines.finding(finding("conn is left open"), MODULE, MODULE))
        .isEqualTo("src/main/java/Dao.java:12:5: error: [TX001] conn is left open");
  }

  @Test
  void aModuleOutsideTheRootKeepsItsAbsolutePath() {
    Path elsewhere = Path.of("/elsewhere/lib").toAbsolutePath();
    assertThat(FindingLines.finding(finding("m"), elsewhere, ROOT))
        .isEqualTo(
            elsewhere.resolve("src/main/java/Dao.java").toString().replace('\\', '/')
                + ":12:5: error: [TX001] m");
  }

  @Test
  void messagesStayOnOneLine() {
    assertThat(FindingLines.finding(finding("first\n   second"), MODULE, ROOT))
        .endsWith("[TX001] first second");
  }

  @Test
  void processingErrorsNameTheLineWhenKnown() {
    assertThat(
            FindingLines.error(
                new ProcessingError("src/main/java/Bad.java", 3, 7, "cannot parse"), MODULE, ROOT))
        .isEqualTo("orders/src/main/java/Bad.java:3:7: cannot parse");
    assertThat(
            FindingLines.error(
                new ProcessingError("src/main/java/Gone.java", 0, 0, "cannot read"), MODULE, ROOT))
        .isEqualTo("orders/src/main/java/Gone.java: cannot read");
  }
}
