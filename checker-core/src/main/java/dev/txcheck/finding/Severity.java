package dev.txcheck.finding;

import java.util.Locale;

/** How bad a finding is; ordered from least to most severe. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * {@code error}, {@code Warning}, {@code INFO}: a severity; anything else is an
   * IllegalArgumentException naming the choices.
   */
  public static Severity parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown level '" + value + "'; use error, warning or info");
    }
  }
}
