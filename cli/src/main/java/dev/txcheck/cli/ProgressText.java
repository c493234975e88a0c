package dev.txcheck.cli;

import dev.txcheck.engine.Analyzer.Progress.Phase;
import java.util.Locale;

/**
 * {@code tx-check: reading 500/2000 files (250 files/s, about 6 s left)}: what both progress
 * displays say.
 */
final class ProgressText {
  private ProgressText() {}

  static String of(Phase phase, int done, int total, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    double rate = done / seconds;
    String left =
        done > 0 && done < total ? ", about " + duration((total - done) / rate) + " left" : "";
    return String.format(
        Locale.ROOT,
        "tx-check: %s %d/%d files (%.0f files/s%s)",
        phase.name().toLowerCase(Locale.ROOT),
        done,
        total,
        rate,
        left);
  }

  /** Whole seconds under two minutes, whole minutes above: an estimate is no more precise. */
  static String duration(double seconds) {
    long rounded = Math.max(1, Math.round(seconds));
    return rounded < 120 ? rounded + " s" : Math.round(seconds / 60) + " min";
  }
}
