package dev.txcheck.cli;

import dev.txcheck.engine.Analyzer;
import dev.txcheck.engine.Analyzer.Progress.Phase;
import java.io.PrintWriter;

/**
 * A one-line progress indicator on standard error ({@code reading 500/2000 files (250 files/s,
 * about 6 s left)}, then {@code checking ...}), redrawn at most five times a second. Used only when
 * standard error is a terminal: in logs, {@link ProgressLog} prints plain lines instead.
 */
final class ProgressLine implements Analyzer.Progress {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private Phase phase;
  private long start;
  private long lastDrawn;
  private boolean drawn;
  private int width;

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
    String text = ProgressText.of(phase, done, total, now - start);
    // blanks over what a longer line before left
    err.print("\r" + text + " ".repeat(Math.max(3, width - text.length())));
    width = Math.max(width, text.length());
    err.flush();
    drawn = true;
  }

  /** Clears the line, so that the next output starts clean. */
  synchronized void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(width + 3) + "\r");
      err.flush();
    }
  }
}
