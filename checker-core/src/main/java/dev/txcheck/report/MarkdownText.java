package dev.txcheck.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule pages (a small, known subset of Markdown) as plain text, for a terminal ({@code
 * --explain}) and for SARIF's {@code help.text}: headings underlined, code blocks indented without
 * their fences, emphasis markers and link targets dropped. Tables and lists read well as they are.
 */
public final class MarkdownText {
  private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*|__(.+?)__");
  private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])\\*(?![\\s*])(.+?)\\*");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*$");

  private MarkdownText() {}

  public static String render(String markdown) {
    StringBuilder out = new StringBuilder();
    boolean inCode = false;
    for (String line : markdown.lines().toList()) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
        blankLine(out); // the fence's place: code stands apart from the prose around it
        continue;
      }
      if (line.isBlank()) {
        blankLine(out);
      } else if (inCode) {
        out.append("    ").append(line).append('\n');
      } else {
        heading(line, out);
      }
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static void blankLine(StringBuilder out) {
    int n = out.length();
    if (n > 0 && !(n > 1 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
      out.append('\n');
    }
  }

  /** A heading underlined ('=' under the page's title, '-' under its sections), or a text line. */
  private static void heading(String line, StringBuilder out) {
    Matcher heading = HEADING.matcher(line);
    if (!heading.matches()) {
      out.append(inline(line)).append('\n');
      return;
    }
    String title = inline(heading.group(2));
    out.append(title).append('\n');
    out.append((heading.group(1).length() == 1 ? "=" : "-").repeat(title.length())).append('\n');
  }

  /**
   * Code spans stay as they are, backquotes included (they set code apart from prose in plain text
   * too), and nothing inside them is touched: {@code **}{@code /dao/**} is a glob, not emphasis.
   */
  private static String inline(String text) {
    StringBuilder out = new StringBuilder();
    String[] parts = text.split("`", -1);
    for (int i = 0; i < parts.length; i++) {
      boolean code = i % 2 == 1 && i < parts.length - 1; // an unmatched backquote is text
      if (i > 0) {
        out.append('`');
      }
      out.append(code ? parts[i] : prose(parts[i]));
    }
    return out.toString();
  }

  private static String prose(String text) {
    String linked = LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    String strong =
        STRONG
            .matcher(linked)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(m.group(1) != null ? 1 : 2)));
    // what is left of "**" opens or closes a bold span across lines
    String unpaired = strong.replace("**", "");
    return EMPHASIS.matcher(unpaired).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
  }
}
