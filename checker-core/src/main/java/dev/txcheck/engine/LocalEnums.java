package dev.txcheck.engine;

/**
 * JavaParser 3.27 cannot parse a local {@code enum} (Java 16: an enum declared in a method body;
 * javaparser issue 3990). When a parse fails on one, its declaration is rewritten as a local class
 * of the same name, which the grammar accepts: {@code enum} becomes {@code class} and the constants
 * become blanks. Everything else keeps its line and column (the header line too, after the
 * constants), so that findings in the rest of the file point where they should. What is lost is the
 * constants' own bodies, which hold no transaction work in practice.
 */
final class LocalEnums {
  private LocalEnums() {}

  /**
   * The index of a 1-based line and column, as parse problems name them; -1 when out of the text.
   */
  static int indexOf(String text, int line, int column) {
    int index = 0;
    for (int l = 1; l < line; l++) {
      index = text.indexOf('\n', index) + 1;
      if (index == 0) {
        return -1;
      }
    }
    int at = index + column - 1;
    return at < text.length() ? at : -1;
  }

  /**
   * The text with the local enum whose name starts at {@code nameAt} rewritten, or null when no
   * {@code enum} keyword precedes that name (the parse failed for another reason).
   */
  static String rewriteAt(String text, int nameAt) {
    int keyword = keywordBefore(text, nameAt);
    if (keyword < 0) {
      return null;
    }
    int open = bodyStart(text, nameAt);
    if (open < 0) {
      return null;
    }
    int end = constantsEnd(text, open + 1);
    if (end < 0) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 1);
    out.append(text, 0, keyword).append("class").append(text, keyword + 4, open + 1);
    // Blank the constants (and the ';' after them), keeping line breaks; one blank fewer on the
    // keyword's line makes up for 'class' being a letter longer than 'enum' (when the body opens
    // on a later line, only the enum's own header moves).
    boolean shortened = false;
    for (int i = open + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append(c);
      } else if (!shortened && !lineBreakBetween(text, keyword, i)) {
        shortened = true;
      } else {
        out.append(' ');
      }
    }
    return out.append(text, end, text.length()).toString();
  }

  /** The {@code enum} keyword right before the name, blanks between. */
  private static int keywordBefore(String text, int nameAt) {
    int i = nameAt - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    int start = i - 3;
    boolean isKeyword =
        start >= 0
            && text.startsWith("enum", start)
            && (start == 0 || !Character.isJavaIdentifierPart(text.charAt(start - 1)));
    return isKeyword ? start : -1;
  }

  /** The '{' that opens the enum's body: after the name and any implements clause. */
  private static int bodyStart(String text, int from) {
    for (int i = from; i < text.length(); i = next(text, i)) {
      char c = text.charAt(i);
      if (c == '{') {
        return i;
      }
      if (c == ';' || c == '}' || c == '(') {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Where the constants end: the ';' after them (included), or the body's closing '}' (excluded)
   * when there is no ';'. Arguments and bodies of constants are skipped whole.
   */
  private static int constantsEnd(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i = next(text, i)) {
      char c = text.charAt(i);
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
        depth--;
      } else if (c == '}') {
        return i;
      } else if (c == ';' && depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean lineBreakBetween(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        return true;
      }
    }
    return false;
  }

  /** The index after the token at {@code i}: a comment, string, text block or char whole. */
  private static int next(String text, int i) {
    if (text.startsWith("//", i)) {
      int eol = text.indexOf('\n', i);
      return eol < 0 ? text.length() : eol;
    }
    if (text.startsWith("/*", i)) {
      int close = text.indexOf("*/", i + 2);
      return close < 0 ? text.length() : close + 2;
    }
    if (text.startsWith("\"\"\"", i)) {
      int close = text.indexOf("\"\"\"", i + 3);
      while (close > 0 && text.charAt(close - 1) == '\\') {
        close = text.indexOf("\"\"\"", close + 1);
      }
      return close < 0 ? text.length() : close + 3;
    }
    char c = text.charAt(i);
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
        j += text.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(j + 1, text.length());
    }
    return i + 1;
  }
}
