package dev.txcheck.txapi;

import java.util.List;

/**
 * Catalog lines that come from somewhere other than a file of their own, such as a configuration
 * file's {@code api:} list.
 *
 * @param origin where they were written, for error messages ({@code tx-check.yml})
 * @param firstLine the line number of the first line in {@code origin}
 * @param lines one catalog line each, in the grammar of {@code docs/catalog.md}
 */
public record ApiLines(String origin, int firstLine, List<String> lines) {
  public ApiLines {
    lines = List.copyOf(lines);
  }
}
