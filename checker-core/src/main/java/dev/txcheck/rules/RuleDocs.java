package dev.txcheck.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The long-form documentation of a rule, bundled from {@code docs/rules/TXnnn.md}. */
public final class RuleDocs {
  private RuleDocs() {}

  public static Optional<String> of(String ruleId) {
    if (!ruleId.matches("TX\\d{3}")) {
      return Optional.empty();
    }
    try (InputStream in = RuleDocs.class.getResourceAsStream("docs/" + ruleId + ".md")) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
