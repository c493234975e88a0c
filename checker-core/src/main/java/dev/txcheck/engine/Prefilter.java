package dev.txcheck.engine;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * A cheap look at a file's text before parsing: a file that mentions none of the words
 * (case-insensitively) has no transaction a rule could judge. Parsing is the cost of an analysis;
 * most files of an application skip it.
 */
final class Prefilter {
  /** Lets every file through: for files chosen by name, such as exception classes. */
  static final Prefilter EVERYTHING = new Prefilter(java.util.List.of());

  private final char[][] words;
  private final Set<String> identifiers;

  Prefilter(Collection<String> words) {
    this.words =
        words.stream().map(w -> w.toLowerCase(Locale.ROOT).toCharArray()).toArray(char[][]::new);
    this.identifiers = Set.of();
  }

  private Prefilter(Set<String> identifiers) {
    this.words = new char[0][];
    this.identifiers = Set.copyOf(identifiers);
  }

  /**
   * Matches files that mention one of the names as a whole identifier, case as written: project
   * type names such as {@code Db} must not match {@code jdbc}.
   */
  static Prefilter identifiers(Set<String> names) {
    return new Prefilter(names);
  }

  boolean mayMatter(String text) {
    if (!identifiers.isEmpty()) {
      return mentionsIdentifier(text);
    }
    if (words.length == 0) {
      return true;
    }
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = Character.toLowerCase(text.charAt(i));
      for (char[] word : words) {
        if (word[0] == c && matchesAt(text, i, word)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean mentionsIdentifier(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isJavaIdentifierStart(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
        i++;
      }
      if (identifiers.contains(text.substring(start, i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(String text, int at, char[] word) {
    if (at + word.length > text.length()) {
      return false;
    }
    for (int k = 1; k < word.length; k++) {
      if (Character.toLowerCase(text.charAt(at + k)) != word[k]) {
        return false;
      }
    }
    return true;
  }
}
