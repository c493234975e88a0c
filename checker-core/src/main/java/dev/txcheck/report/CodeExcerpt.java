package dev.txcheck.report;

import java.util.List;

/**
 * A few lines of code around a finding.
 *
 * @param firstLine the 1-based number of the first line shown
 * @param lines the lines shown
 * @param flaggedFrom the first flagged line (1-based, in the file)
 * @param flaggedTo the last flagged line
 */
record CodeExcerpt(int firstLine, List<String> lines, int flaggedFrom, int flaggedTo) {
  static final int CONTEXT = 3;

  /** The flagged lines with up to {@link #CONTEXT} lines either side; empty when out of range. */
  static CodeExcerpt around(List<String> file, int from, int to) {
    if (from < 1 || from > file.size()) {
      return new CodeExcerpt(from, List.of(), from, to);
    }
    int last = Math.min(Math.max(to, from), file.size());
    int first = Math.max(1, from - CONTEXT);
    int end = Math.min(file.size(), last + CONTEXT);
    return new CodeExcerpt(first, file.subList(first - 1, end), from, last);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  boolean flags(int lineNumber) {
    return lineNumber >= flaggedFrom && lineNumber <= flaggedTo;
  }
}
