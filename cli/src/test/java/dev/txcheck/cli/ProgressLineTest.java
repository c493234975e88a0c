package dev.txcheck.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.engine.Analyzer.Progress.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void rendersDoneTotalRateAndTimeLeft() {
    assertThat(ProgressText.of(Phase.READING, 500, 2000, 2_000_000_000L))
        .isEqualTo("tx-check: reading 500/2000 files (250 files/s, about 6 s left)");
    assertThat(ProgressText.of(Phase.CHECKING, 100, 10_000, 10_000_000_000L))
        .isEqualTo("tx-check: checking 100/10000 files (10 files/s, about 17 min left)");
    assertThat(ProgressText.of(Phase.CHECKING, 200, 200, 4_000_000_000L))
        .isEqualTo("tx-check: checking 200/200 files (50 files/s)");
  }

  @Test
  void aLogGetsAPlainLinePerIntervalAndOneAtTheEndOfAPhaseThatPrinted() {
    StringWriter out = new StringWriter();
    ProgressLog log = new ProgressLog(new PrintWriter(out), 0);
    log.filesDone(Phase.READING, 1, 2);
    log.filesDone(Phase.READING, 2, 2);
    assertThat(out.toString().lines().toList()).hasSize(2);
    assertThat(out.toString()).doesNotContain("\r");

    StringWriter quiet = new StringWriter();
    ProgressLog slow = new ProgressLog(new PrintWriter(quiet), 60_000_000_000L);
    slow.filesDone(Phase.READING, 1, 2);
    slow.filesDone(Phase.READING, 2, 2);
    assertThat(quiet.toString()).isEmpty(); // a short run prints nothing
  }

  @Test
  void redrawsAtMostFiveTimesASecondButAlwaysAtTheEnd() {
    StringWriter out = new StringWriter();
    ProgressLine line = new ProgressLine(new PrintWriter(out));
    for (int i = 1; i <= 1000; i++) {
      line.filesDone(Phase.READING, i, 1000);
    }
    String drawn = out.toString();
    assertThat(drawn.chars().filter(c -> c == '\r').count()).isLessThan(10L);
    assertThat(drawn).containsMatch("reading 1000/1000 files \\(\\d+ files/s\\) +$");
    line.filesDone(Phase.CHECKING, 1, 200);
    assertThat(out.toString())
        .containsMatch("checking 1/200 files \\(\\d+ files/s, about .+ left\\)   $");
    line.clear();
    assertThat(out.toString()).endsWith("\r");
  }
}
