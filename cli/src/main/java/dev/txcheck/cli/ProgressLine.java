package dev.txcheck.cli;

import dev.txcheck.engine.Analyzer;
import dev.txcheck.engine.Analyzer.Progress.Phase;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress indicator on standard error ({@code reading 500/2000 files (250 files/s)},
 * then {@code checking ...}), redrawn at most five times a second. Used only when the process has a
 * terminal: in CI logs it would be noise.
 */
final class ProgressLine implements Analyzer.Progress {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private Phase phase;
  private long start;
  private long lastDrawn;
  private boolean drawn;

  ProgressLine(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void filesDone(Phase phase, int done, int total) {
    long now = System.nanoTime();
    if (phase != this.phase) {
      this.phase = phase; // a new phase is drawn at once, and its rate starts afresh
      start = now;
    } else if (done < total && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    err.print("\r" + render(phase, done, total, now - start) + "   ");
    err.flush();
    drawn = true;
  }

  /** Clears the line, so that the next output starts clean. */
  synchronized void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(72) + "\r");
      err.flush();
    }
  }

  static String render(Phase phase, int done, int total, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    return String.format(
        "tx-check: %s %d/%d files (%.0f files/s)",
        phase.name().toLowerCase(Locale.ROOT), done, total, done / seconds);
  }
}
