package dev.txcheck.baseline;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.engine.AnalysisResult;
import dev.txcheck.finding.Finding;
import dev.txcheck.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineApplyTest {
  private static Finding finding(String fingerprint, int line) {
    return new Finding(
        "TX001",
        "missing-rollback",
        Severity.ERROR,
        "m",
        "A.java",
        line,
        1,
        line,
        2,
        "A.a()",
        fingerprint);
  }

  @Test
  void keepsNewFindingsAndCountsAcceptedAndStaleOnes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("baseline.json");
    Baseline.write(file, List.of(finding("old1", 3), finding("gone", 9)));
    Finding old = finding("old1", 5); // moved two lines, same fingerprint
    Finding fresh = finding("new1", 7);
    AnalysisResult result = new AnalysisResult(List.of(old, fresh), List.of(), 4, 2, 100);

    Baseline.Applied applied = Baseline.read(file).apply(result);

    assertThat(applied.result().findings()).containsExactly(fresh);
    assertThat(applied.accepted()).isEqualTo(1);
    assertThat(applied.stale()).isEqualTo(1);
    assertThat(applied.result().filesFound()).isEqualTo(4);
    assertThat(applied.result().linesParsed()).isEqualTo(100);
  }
}
