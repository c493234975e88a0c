package dev.txcheck.config;

import dev.txcheck.finding.Severity;
import java.util.Locale;

/** What the configuration says of one rule: on, off, or on at a severity. */
public enum RuleSetting {
  ON(null),
  OFF(null),
  ERROR(Severity.ERROR),
  WARNING(Severity.WARNING),
  INFO(Severity.INFO);

  private final Severity severity;

  RuleSetting(Severity severity) {
    this.severity = severity;
  }

  /** The severity it sets, or null when it keeps the rule's own. */
  public Severity severity() {
    return severity;
  }

  /** {@code off}, {@code Warning}: a setting; anything else is an IllegalArgumentException. */
  static RuleSetting parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad value '" + value + "'; use on, off, error, warning or info");
    }
  }
}
