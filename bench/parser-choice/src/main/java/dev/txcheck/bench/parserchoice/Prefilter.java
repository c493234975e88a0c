package dev.txcheck.bench.parserchoice;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The cheap textual prefilter: does a file's text contain, ignoring case, any of the words below?
 * Three implementations are timed over the in-memory corpus (they must agree on every file).
 */
final class Prefilter {
  static final String[] WORDS = {"commit", "rollback", "transaction", "repository"};

  private static final Pattern ANY =
      Pattern.compile(String.join("|", WORDS), Pattern.CASE_INSENSITIVE);

  static boolean matchesRegex(String text) {
    return ANY.matcher(text).find();
  }

  static boolean matchesLowerCase(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String w : WORDS) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** One pass; at a character that may start a word, compare the region ignoring case. */
  static boolean matchesRegionScan(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = (char) (text.charAt(i) | 0x20); // ASCII lower case; other chars never match below
      String w;
      switch (c) {
        case 'c' -> w = WORDS[0];
        case 'r' -> {
          if (text.regionMatches(true, i, WORDS[1], 0, WORDS[1].length())) {
            return true;
          }
          w = WORDS[3];
        }
        case 't' -> w = WORDS[2];
        default -> {
          continue;
        }
      }
      if (text.regionMatches(true, i, w, 0, w.length())) {
        return true;
      }
    }
    return false;
  }

  static void run(ParserChoice.Corpus corpus, int rounds) {
    var out = ParserChoice.out;
    int n = corpus.size();
    boolean[] match = new boolean[n];
    for (int i = 0; i < n; i++) {
      String t = corpus.texts.get(i);
      match[i] = matchesRegionScan(t);
      if (match[i] != matchesRegex(t) || match[i] != matchesLowerCase(t)) {
        throw new IllegalStateException("prefilter implementations disagree on " + corpus.paths.get(i));
      }
    }
    out.printf(
        Locale.ROOT,
        "prefilter words=%s files=%d lines=%d chars=%d readSeconds=%.2f%n",
        String.join(",", WORDS),
        n,
        corpus.totalLines,
        corpus.totalChars,
        corpus.readSeconds);

    Map<String, long[]> per = new LinkedHashMap<>(); // files, matching files, lines, matching lines
    for (int i = 0; i < n; i++) {
      long[] a = per.computeIfAbsent(corpus.artifacts.get(i), k -> new long[4]);
      a[0]++;
      a[2] += corpus.lines.get(i);
      if (match[i]) {
        a[1]++;
        a[3] += corpus.lines.get(i);
      }
    }
    long[] total = new long[4];
    out.printf(Locale.ROOT, "%-22s %7s %7s %6s %9s %9s %6s%n", "artifact", "files", "match", "%", "lines", "match", "%");
    for (var e : per.entrySet()) {
      long[] a = e.getValue();
      for (int k = 0; k < 4; k++) {
        total[k] += a[k];
      }
      row(e.getKey(), a);
    }
    row("TOTAL", total);

    time("regionMatches scan", corpus, rounds, Prefilter::matchesRegionScan);
    time("regex CASE_INSENSITIVE", corpus, rounds, Prefilter::matchesRegex);
    time("toLowerCase+contains", corpus, rounds, Prefilter::matchesLowerCase);
  }

  private static void row(String name, long[] a) {
    ParserChoice.out.printf(
        Locale.ROOT,
        "%-22s %7d %7d %5.1f%% %9d %9d %5.1f%%%n",
        name,
        a[0],
        a[1],
        100.0 * a[1] / a[0],
        a[2],
        a[3],
        100.0 * a[3] / a[2]);
  }

  private static void time(String name, ParserChoice.Corpus corpus, int rounds, Predicate<String> p) {
    double[] s = new double[rounds];
    int hits = 0;
    for (int r = 0; r < rounds; r++) {
      hits = 0;
      long t0 = System.nanoTime();
      for (String t : corpus.texts) {
        if (p.test(t)) {
          hits++;
        }
      }
      s[r] = (System.nanoTime() - t0) / 1e9;
    }
    double warm = rounds > 1 ? ParserChoice.median(Arrays.copyOfRange(s, 1, rounds)) : s[0];
    ParserChoice.out.printf(
        Locale.ROOT,
        "PREFILTER_TIME\t%s\tcold_s=%.3f\twarm_median_s=%.3f\tlines_per_s=%.0f\tmatching_files=%d%n",
        name,
        s[0],
        warm,
        corpus.totalLines / warm,
        hits);
  }
}
