package dev.txcheck.report;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few lines of code around a finding, and the lines its message refers to ("begun on line 47")
 * when they are close enough to show in one piece.
 *
 * @param firstLine the 1-based number of the first line shown
 * @param lines the lines shown
 * @param flaggedFrom the first flagged line (1-based, in the file)
 * @param flaggedTo the last flagged line
 * @param referenced other lines the message names, among those shown
 */
record CodeExcerpt(
    int firstLine, List<String> lines, int flaggedFrom, int flaggedTo, Set<Integer> referenced) {
  static final int CONTEXT = 3;

  /** How far a referenced line may be from the flagged ones and still be shown with them. */
  static final int REACH = 20;

  private static final Pattern LINE = Pattern.compile("\\bline (\\d+)\\b");

  /** The flagged lines with up to {@link #CONTEXT} lines either side; empty when out of range. */
  static CodeExcerpt around(List<String> file, int from, int to) {
    return around(file, from, to, Set.of());
  }

  /** As {@link #around(List, int, int)}, reaching to the lines the message names. */
  static CodeExcerpt around(List<String> file, int from, int to, String message) {
    Set<Integer> named = new TreeSet<>();
    Matcher m = LINE.matcher(message);
    while (m.find()) {
      named.add(Integer.parseInt(m.group(1)));
    }
    return around(file, from, to, named);
  }

  private static CodeExcerpt around(List<String> file, int from, int to, Set<Integer> named) {
    if (from < 1 || from > file.size()) {
      return new CodeExcerpt(from, List.of(), from, to, Set.of());
    }
    int last = Math.min(Math.max(to, from), file.size());
    Set<Integer> near = new TreeSet<>();
    for (int line : named) {
      if ((line < from || line > last)
          && line >= from - REACH
          && line <= last + REACH
          && line <= file.size()) {
        near.add(line);
      }
    }
    int low = near.stream().mapToInt(Integer::intValue).min().orElse(from);
    int high = near.stream().mapToInt(Integer::intValue).max().orElse(last);
    // a referenced line gets one line of context, the flagged ones their usual three
    int first = Math.max(1, Math.min(from - CONTEXT, low - 1));
    int end = Math.min(file.size(), Math.max(last + CONTEXT, high + 1));
    return new CodeExcerpt(first, file.subList(first - 1, end), from, last, near);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  boolean flags(int lineNumber) {
    return lineNumber >= flaggedFrom && lineNumber <= flaggedTo;
  }

  boolean refers(int lineNumber) {
    return referenced.contains(lineNumber);
  }

  /**
   * A line with its tabs expanded to the next multiple of {@code width}, counted from the start of
   * the code: in a page a tab would count the line-number gutter in front of it.
   */
  static String expandTabs(String line, int width) {
    if (line.indexOf('\t') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        out.append(" ".repeat(width - out.length() % width));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
