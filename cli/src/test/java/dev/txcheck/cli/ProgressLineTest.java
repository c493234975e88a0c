package dev.txcheck.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.engine.Analyzer.Progress.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void rendersDoneTotalAndRate() {
    assertThat(ProgressLine.render(Phase.READING, 500, 2000, 2_000_000_000L))
        .isEqualTo("tx-check: reading 500/2000 files (250 files/s)");
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
    assertThat(drawn).containsMatch("reading 1000/1000 files \\(\\d+ files/s\\)   $");
    line.filesDone(Phase.CHECKING, 1, 200);
    assertThat(out.toString()).containsMatch("checking 1/200 files \\(\\d+ files/s\\)   $");
    line.clear();
    assertThat(out.toString()).endsWith("\r");
  }
}
