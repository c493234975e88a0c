package dev.txcheck.engine;

/**
 * The identifiers of a Java file's code and the words of its comments, found without parsing:
 * string, character and text-block literals are stepped over, since the words in them name nothing
 * the analysis can see. Comments still count: the engine does not read the bodies of the files the
 * prefilter skips, so a project client or writer whose only transaction word is in a comment would
 * go unsummarised (fixtures spring/remote/LoyaltyGateway, declarative/atomic/TicketMapperService).
 * Numeric literals are stepped over too ({@code 10L} holds no identifier {@code L}).
 */
final class SourceWords {
  private SourceWords() {}

  /** Looks at one identifier or word, {@code text[start, end)}; true stops the scan. */
  @FunctionalInterface
  interface Matcher {
    boolean matches(String text, int start, int end);
  }

  /** True when the matcher accepts an identifier of the code or a word of a comment. */
  static boolean any(String source, Matcher matcher) {
    String text = withoutUnicodeEscapes(source);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        int end = lineEnd(text, i + 2);
        if (anyWord(text, i + 2, end, matcher)) {
          return true;
        }
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        int end = close < 0 ? n : close;
        if (anyWord(text, i + 2, end, matcher)) {
          return true;
        }
        i = close < 0 ? n : close + 2;
      } else if (c == '"' && text.startsWith("\"\"\"", i)) {
        i = textBlockEnd(text, i + 3);
      } else if (c == '"' || c == '\'') {
        i = literalEnd(text, i + 1, c);
      } else if (c >= '0' && c <= '9') {
        i = identifierEnd(text, i + 1);
      } else if (Character.isJavaIdentifierStart(c)) {
        int end = identifierEnd(text, i + 1);
        if (matcher.matches(text, i, end)) {
          return true;
        }
        i = end;
      } else {
        i++;
      }
    }
    return false;
  }

  /**
   * Unicode escapes ({@code \u0063ommit}) translated as javac does before it reads tokens, since
   * they can spell identifiers, quotes and comment marks. Rare, so the text is copied only then.
   */
  static String withoutUnicodeEscapes(String text) {
    if (!text.contains("\\u")) {
      return text;
    }
    int n = text.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '\\') {
        out.append(c).append(c); // an escaped backslash: the next one begins no escape
        i += 2;
        continue;
      }
      if (c == '\\' && i + 1 < n && text.charAt(i + 1) == 'u') {
        int digits = i + 1;
        while (digits < n && text.charAt(digits) == 'u') {
          digits++;
        }
        if (digits + 4 <= n && isHex(text, digits, digits + 4)) {
          out.append((char) Integer.parseInt(text, digits, digits + 4, 16));
          i = digits + 4;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean isHex(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The identifier-like words of a comment, {@code text[from, to)}. */
  private static boolean anyWord(String text, int from, int to, Matcher matcher) {
    int i = from;
    while (i < to) {
      if (Character.isJavaIdentifierStart(text.charAt(i))) {
        int end = Math.min(identifierEnd(text, i + 1), to);
        if (matcher.matches(text, i, end)) {
          return true;
        }
        i = end;
      } else {
        i++;
      }
    }
    return false;
  }

  private static int identifierEnd(String text, int i) {
    int n = text.length();
    while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int lineEnd(String text, int i) {
    int n = text.length();
    while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /**
   * After the closing quote; a string or character literal ends at its line's end at the latest.
   */
  private static int literalEnd(String text, int i, char quote) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else if (c == '\n' || c == '\r') {
        return i; // unterminated: javac rejects it; the next line is code again
      } else {
        i++;
      }
    }
    return n;
  }

  /** After the closing {@code """}; a backslash escapes the character after it. */
  private static int textBlockEnd(String text, int i) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"' && text.startsWith("\"\"\"", i)) {
        return i + 3;
      } else {
        i++;
      }
    }
    return n;
  }
}
