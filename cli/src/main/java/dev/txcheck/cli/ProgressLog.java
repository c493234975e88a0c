package dev.txcheck.cli;

import dev.txcheck.engine.Analyzer;
import dev.txcheck.engine.Analyzer.Progress.Phase;
import java.io.PrintWriter;

/**
 * Progress as plain lines on standard error, for logs (stderr is not a terminal, or {@code CI} is
 * set), where a redrawn line would be noise: a line every {@code interval} while a phase lasts, and
 * one when a phase that printed any ends. A run shorter than the interval prints nothing.
 */
final class ProgressLog implements Analyzer.Progress {
  private final PrintWriter err;
  private final long intervalNanos;
  private Phase phase;
  private long start;
  private long lastPrinted;
  private boolean printedInPhase;

  ProgressLog(PrintWriter err, long intervalNanos) {
    this.err = err;
    this.intervalNanos = intervalNanos;
  }

  @Override
  public synchronized void filesDone(Phase phase, int done, int total) {
    long now = System.nanoTime();
    if (phase != this.phase) {
      this.phase = phase;
      start = now;
      lastPrinted = now;
      printedInPhase = false;
    }
    boolean end = done == total;
    if ((end && printedInPhase) || now - lastPrinted >= intervalNanos) {
      lastPrinted = now;
      printedInPhase = true;
      err.println(ProgressText.of(phase, done, total, now - start));
      err.flush();
    }
  }
}
