package dev.txcheck.finding;

import java.util.List;
import java.util.Locale;

/**
 * When findings fail a build: more than {@code maxAllowed} findings at or above {@code level}. The
 * CLI's {@code --fail-on} and the Maven plugin's {@code failOn} and {@code maxAllowedViolations}
 * both become one of these.
 *
 * @param level the least severity that counts; null for never
 * @param maxAllowed how many counting findings are still tolerated, at least 0
 */
public record FailureThreshold(Severity level, int maxAllowed) {
  public FailureThreshold {
    if (maxAllowed < 0) {
      throw new IllegalArgumentException(
          "the number of allowed findings must be 0 or more, not " + maxAllowed);
    }
  }

  /**
   * {@code error}, {@code warning}, {@code info} or {@code never}.
   *
   * @throws IllegalArgumentException naming the good values
   */
  public static FailureThreshold parse(String level, int maxAllowed) {
    if (level.trim().toLowerCase(Locale.ROOT).equals("never")) {
      return new FailureThreshold(null, maxAllowed);
    }
    try {
      return new FailureThreshold(Severity.parse(level), maxAllowed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown level '" + level + "'; use error, warning, info or never");
    }
  }

  /** True for {@code never}: no finding counts. */
  public boolean never() {
    return level == null;
  }

  /** True when the finding is at or above the level. */
  public boolean counts(Finding finding) {
    return level != null && finding.severity().atLeast(level);
  }

  /** The findings at or above the level, in their order; empty when the level is never. */
  public List<Finding> counted(List<Finding> findings) {
    return findings.stream().filter(this::counts).toList();
  }

  /** True when more findings count than are allowed. */
  public boolean fails(List<Finding> findings) {
    return counted(findings).size() > maxAllowed;
  }
}
