package dev.txcheck.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The long-form documentation of a rule, bundled from {@code docs/rules/TXnnn.md}. */
public final class RuleDocs {
  /**
   * Where the rule pages are published, for links in reports (SARIF {@code helpUri}). The project
   * has no site of its own yet: the pages in the repository are the documentation.
   */
  public static final String PUBLISHED_AT =
      "https://github.com/tx-check/tx-check/blob/main/docs/rules/";

  private RuleDocs() {}

  public static String uriOf(String ruleId) {
    return PUBLISHED_AT + ruleId + ".md";
  }

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
