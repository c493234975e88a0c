package dev.txcheck.cli;

import dev.txcheck.engine.Analyzer;
import java.io.PrintWriter;

/**
 * A one-line progress indicator on standard error ({@code files done/total, rate}), redrawn at most
 * five times a second. Used only when the process has a terminal: in CI logs it would be noise.
 */
final class ProgressLine implements Analyzer.Progress {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final long start = System.nanoTime();
  private long lastDrawn;
  private boolean drawn;

  ProgressLine(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void filesDone(int done, int total) {
    long now = System.nanoTime();
    if (done < total && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    err.print("\r" + render(done, total, now - start));
    err.flush();
    drawn = true;
  }

  /** Clears the line, so that the next output starts clean. */
  synchronized void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
    }
  }

  static String render(int done, int total, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    return String.format("tx-check: %d/%d files (%.0f files/s)", done, total, done / seconds);
  }
}
