package dev.txcheck.report;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.rules.RuleDocs;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {
  @Test
  void headingsAreUnderlinedCodeIsIndentedAndEmphasisMarkersGo() {
    String page =
        """
        # TX002 commit-in-loop

        **Severity:** warning · *Since:* 0.1

        ## The problem
        A [catalog](../catalog.md) `commit` in a loop:
        ```
        for (Row r : rows) { conn.commit(); }
        ```
        - globs such as `**/dao/**` stay as written
        """;
    assertThat(MarkdownText.render(page))
        .isEqualTo(
            """
            TX002 commit-in-loop
            ====================

            Severity: warning · Since: 0.1

            The problem
            -----------
            A catalog `commit` in a loop:

                for (Row r : rows) { conn.commit(); }

            - globs such as `**/dao/**` stay as written
            """);
  }

  @Test
  void everyRulePageRendersWithoutMarkdownMarkers() {
    for (int i = 1; i <= 14; i++) {
      String id = String.format("TX%03d", i);
      String text = MarkdownText.render(RuleDocs.of(id).orElseThrow());
      assertThat(text).startsWith(id + " ");
      assertThat(text).doesNotContain("```");
      assertThat(text.replaceAll("`[^`\n]*`", "")).doesNotContain("**");
      assertThat(text.lines().filter(l -> l.startsWith("#")).toList()).isEmpty();
    }
  }
}
