package dev.txcheck.bench.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The triage ledger: one judged finding per row of a TSV file, keyed by project and fingerprint.
 * Columns: project, fingerprint, rule, file, method, verdict, reason. Lines starting with {@code #}
 * are comments.
 */
final class Ledger {
  static final String HEADER = "project\tfingerprint\trule\tfile\tmethod\tverdict\treason";

  enum Verdict {
    /** A maintainer would accept it as a bug. */
    TRUE,
    /** Questionable code worth a reviewer's look. */
    DEFENSIBLE,
    FALSE
  }

  record Row(
      String project,
      String fingerprint,
      String rule,
      String file,
      String method,
      Verdict verdict,
      String reason) {
    String key() {
      return key(project, fingerprint);
    }

    static String key(String project, String fingerprint) {
      return project + "/" + fingerprint;
    }

    String line() {
      return String.join("\t", project, fingerprint, rule, file, method, verdict.name(), reason);
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();

  static Ledger read(Path file) throws IOException {
    Ledger ledger = new Ledger();
    if (!Files.exists(file)) {
      return ledger;
    }
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank() || line.startsWith("#") || line.equals(HEADER)) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != 7 || cells[6].isBlank()) {
        throw new IOException(
            file + ":" + number + ": expected 7 tab-separated cells with a reason: " + line);
      }
      Verdict verdict;
      try {
        verdict = Verdict.valueOf(cells[5]);
      } catch (IllegalArgumentException e) {
        throw new IOException(
            file + ":" + number + ": verdict must be TRUE, DEFENSIBLE or FALSE, not " + cells[5]);
      }
      Row row = new Row(cells[0], cells[1], cells[2], cells[3], cells[4], verdict, cells[6]);
      if (ledger.rows.put(row.key(), row) != null) {
        throw new IOException(file + ":" + number + ": a second row for " + row.key());
      }
    }
    return ledger;
  }

  Row get(String project, String fingerprint) {
    return rows.get(Row.key(project, fingerprint));
  }

  Collection<Row> rows() {
    return rows.values();
  }

  void remove(Row row) {
    rows.remove(row.key());
  }

  /** Writes the rows sorted by project, file, method and rule, so that diffs stay small. */
  void write(Path file) throws IOException {
    List<Row> sorted = new ArrayList<>(rows.values());
    sorted.sort(
        Comparator.comparing(Row::project)
            .thenComparing(Row::file)
            .thenComparing(Row::method)
            .thenComparing(Row::rule)
            .thenComparing(Row::fingerprint));
    List<String> lines = new ArrayList<>();
    lines.add(
        "# tx-check triage ledger: every finding on the developers' corpora, judged by reading"
            + " the code (bench/triage/README.md).");
    lines.add(HEADER);
    sorted.forEach(r -> lines.add(r.line()));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
