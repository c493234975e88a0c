package dev.txcheck.engine;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cheap look at a file's code before parsing: a file none of whose identifiers contains one of
 * the words (case-insensitively) has no transaction a rule could judge. Parsing is the cost of an
 * analysis; most files of an application skip it. Only identifiers count, not comments or literals,
 * where {@code commit} and {@code transaction} are common English; a word may be any part of an
 * identifier ({@code TransactionTemplate}, {@code getConnection}, {@code doCommit}), as a method or
 * type name holds it.
 */
final class Prefilter {
  /** Lets every file through: for files chosen by name, such as exception classes. */
  static final Prefilter EVERYTHING = new Prefilter(List.of());

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
      return SourceWords.any(
          text, (code, start, end) -> identifiers.contains(code.substring(start, end)));
    }
    if (words.length == 0) {
      return true;
    }
    return SourceWords.any(text, this::containsWord);
  }

  private boolean containsWord(String code, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = Character.toLowerCase(code.charAt(i));
      for (char[] word : words) {
        if (word[0] == c && i + word.length <= end && matchesAt(code, i, word)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAt(String code, int at, char[] word) {
    for (int k = 1; k < word.length; k++) {
      if (Character.toLowerCase(code.charAt(at + k)) != word[k]) {
        return false;
      }
    }
    return true;
  }
}
