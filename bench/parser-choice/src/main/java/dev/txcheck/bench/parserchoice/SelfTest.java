package dev.txcheck.bench.parserchoice;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.type.UnknownType;
import com.github.javaparser.ast.type.VarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which syntax each configuration parses, whether `var` still becomes a VarType, and whether the
 * ranges are right: every node has one, and every SimpleName's begin position points at that name in
 * the text.
 */
final class SelfTest {
  static final String[] CONFIGS = {"a", "b", "c", "raw"};

  static Map<String, String> snippets() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "records (16)",
        """
        import java.util.List;
        record Point(int x, int y) {
          Point {
            if (x < 0) throw new IllegalArgumentException();
          }
          static Point origin() { return new Point(0, 0); }
        }
        record Box<T>(@Deprecated T value, List<T> more) implements Comparable<Box<T>> {
          public int compareTo(Box<T> o) { return 0; }
        }
        """);
    m.put(
        "sealed (17)",
        """
        sealed interface Shape permits Circle, Square, Rect {}
        final class Circle implements Shape {}
        non-sealed class Square implements Shape {}
        record Rect(int w, int h) implements Shape {}
        """);
    m.put(
        "pattern switch, record patterns (21)",
        """
        class S {
          record P(int x, int y) {}
          record Box(Object o) {}
          static String f(Object o) {
            if (o instanceof P(int x, int y) && x > y) return "p";
            return switch (o) {
              case null -> "null";
              case Integer i when i > 0 -> "positive";
              case Integer i -> "int";
              case Box(P(var a, var b)) -> "nested " + a + b;
              case String s -> s;
              default -> "other";
            };
          }
        }
        """);
    m.put(
        "text blocks (15)",
        """
        class T {
          String html = \"""
              <p>"quoted" and \\"escaped\\"</p>
              second line \\
              joined
              \""";
          int after = 1;
        }
        """);
    m.put(
        "switch expression with yield (14)",
        """
        class Y {
          int f(int d) {
            Thread.yield();
            int k = switch (d) {
              case 1: yield 10;
              default: { int t = d * 2; yield t; }
            };
            return k;
          }
        }
        """);
    m.put(
        "var (10), enhanced instanceof (16)",
        """
        import java.util.*;
        class V {
          void f(Object o) {
            var list = new ArrayList<String>();
            for (var s : list) {}
            if (o instanceof String s && !s.isEmpty()) {}
            java.util.function.BiFunction<Integer, Integer, Integer> add = (var a, var b) -> a + b;
          }
        }
        """);
    m.put("local record (16)", "class L { void f() { record Pair(int a, int b) {} new Pair(1, 2); } }");
    m.put("local enum (16)", "class L { void f() { enum Color { RED, GREEN } } }");
    m.put("local interface (16)", "class L { void f() { interface Named { String name(); } } }");
    m.put(
        "unnamed variable in for/catch/lambda (22)",
        """
        import java.util.List;
        class U {
          int f(List<String> l) {
            int n = 0;
            for (var _ : l) n++;
            try { Integer.parseInt("x"); } catch (NumberFormatException _) { n--; }
            java.util.function.BiFunction<Integer, Integer, Integer> second = (_, b) -> b;
            return n;
          }
        }
        """);
    m.put(
        "unnamed pattern _ in record pattern (22)",
        """
        class U {
          record P(int x, int y) {}
          int f(Object o) {
            if (o instanceof P(int x, _)) return x;
            return switch (o) { case P(_, int y) -> y; default -> 0; };
          }
        }
        """);
    m.put("'_' as an identifier (legal up to Java 8)", "class W { void f() { int _ = 1; } }");
    m.put(
        "flexible constructor bodies (25)",
        """
        class B { B(int x) {} }
        class F extends B {
          F(int x) {
            if (x < 0) throw new IllegalArgumentException();
            super(x);
          }
        }
        """);
    m.put(
        "module import declaration (25)",
        """
        import module java.base;
        class M { List<String> l; }
        """);
    m.put(
        "compact source file, instance main (25)",
        """
        void main() {
          IO.println("hello");
        }
        """);
    m.put(
        "primitive patterns (preview 23-25)",
        """
        class Q {
          String f(Object o, int i) {
            if (o instanceof int n) return "int " + n;
            return switch (i) { case 0 -> "zero"; case int j when j > 0 -> "pos"; case int j -> "neg"; };
          }
        }
        """);
    m.put(
        "string templates (preview 21-22, withdrawn)",
        """
        class ST { String f(String name) { return STR."Hello \\{name}"; } }
        """);
    return m;
  }

  static void run(LanguageLevel level) {
    var out = ParserChoice.out;
    out.println("selftest jp=" + ParserChoice.javaParserVersion() + " level=" + level);
    if (level != null) {
      out.println(
          "language-level processor index (found by probing): "
              + ParserChoice.languageLevelProcessorIndex(level)
              + " of "
              + new com.github.javaparser.ParserConfiguration().getProcessors().size());
    }
    for (var e : snippets().entrySet()) {
      out.println("== " + e.getKey());
      for (String c : CONFIGS) {
        JavaParser parser = new JavaParser(ParserChoice.configuration(c, level));
        ParseResult<CompilationUnit> r = parser.parse(e.getValue());
        String verdict;
        if (r.isSuccessful()) {
          CompilationUnit cu = r.getResult().get();
          verdict =
              "ok, varTypes="
                  + cu.findAll(VarType.class).size()
                  + ", "
                  + checkRanges(cu, e.getValue());
        } else {
          verdict = "FAIL " + ParserChoice.describe(r.getProblems()).replace('\t', ' ');
        }
        out.printf(Locale.ROOT, "  %-4s %s%n", c, verdict);
      }
    }
  }

  /** "ranges ok" or what is wrong. */
  static String checkRanges(CompilationUnit cu, String text) {
    int[] lineStarts = lineStarts(text);
    int noRange = 0;
    java.util.Set<String> noRangeKinds = new java.util.TreeSet<>();
    int names = 0;
    List<String> bad = new ArrayList<>();
    for (Node n : cu.findAll(Node.class)) {
      if (n.getRange().isEmpty() && !(n instanceof UnknownType)) {
        // UnknownType (the type of an untyped lambda parameter) never has a range.
        noRange++;
        noRangeKinds.add(n.getClass().getSimpleName());
        continue;
      }
      if (n instanceof SimpleName s) {
        names++;
        int at = offset(lineStarts, s.getRange().get());
        String id = s.getIdentifier();
        if (at < 0 || !text.startsWith(id, at)) {
          bad.add(id + "@" + s.getRange().get().begin);
        }
      }
    }
    if (noRange == 0 && bad.isEmpty()) {
      return "ranges ok (" + names + " names at their positions)";
    }
    return "RANGES WRONG: " + noRange + " nodes without range " + noRangeKinds + ", misplaced names " + bad;
  }

  /** Offsets where lines begin; \r\n, \r and \n each end a line, as in JavaParser. */
  static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\r') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        starts.add(i + 1);
      } else if (ch == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  static int offset(int[] lineStarts, Range r) {
    int line = r.begin.line;
    if (line < 1 || line > lineStarts.length) {
      return -1;
    }
    return lineStarts[line - 1] + r.begin.column - 1; // tab size 1: a column is a character
  }

  /**
   * Over the corpus: parse each file with config a (JavaParser's defaults at the level) and with the
   * given config; for files both parse, the non-comment nodes must have the same classes and ranges
   * in the same order, and every name must sit at its position in the text.
   */
  static void corpusRanges(ParserChoice.Corpus corpus, String config, LanguageLevel level) {
    JavaParser reference = new JavaParser(ParserChoice.configuration("a", level));
    JavaParser tested = new JavaParser(ParserChoice.configuration(config, level));
    int compared = 0;
    int differ = 0;
    int misplaced = 0;
    int onlyRef = 0;
    int onlyTested = 0;
    long nodes = 0;
    for (int i = 0; i < corpus.size(); i++) {
      String text = corpus.texts.get(i);
      ParseResult<CompilationUnit> ra = reference.parse(text);
      ParseResult<CompilationUnit> rt = tested.parse(text);
      if (ra.isSuccessful() != rt.isSuccessful()) {
        if (ra.isSuccessful()) {
          onlyRef++;
        } else {
          onlyTested++;
        }
        continue;
      }
      if (!ra.isSuccessful()) {
        continue;
      }
      compared++;
      List<String> a = shape(ra.getResult().get());
      List<String> t = shape(rt.getResult().get());
      nodes += t.size();
      if (!a.equals(t)) {
        differ++;
        if (differ <= 5) {
          ParserChoice.out.println("  ranges differ: " + corpus.paths.get(i) + " " + firstDifference(a, t));
        }
      }
      String check = checkRanges(rt.getResult().get(), text);
      if (!check.startsWith("ranges ok") && !text.contains("\\u")) {
        misplaced++;
        if (misplaced <= 5) {
          ParserChoice.out.println("  " + corpus.paths.get(i) + ": " + check);
        }
      }
    }
    ParserChoice.out.printf(
        Locale.ROOT,
        "RANGES\tjp=%s\tconfig=%s vs a\tlevel=%s\tcompared=%d files\tnodes=%d\tshape/range differences=%d\tmisplaced names=%d\tparsed only by a=%d\tonly by %s=%d%n",
        ParserChoice.javaParserVersion(),
        config,
        level,
        compared,
        nodes,
        differ,
        misplaced,
        onlyRef,
        config,
        onlyTested);
  }

  /** Class and range of every node except comments, in walk order. */
  static List<String> shape(CompilationUnit cu) {
    List<String> s = new ArrayList<>();
    cu.walk(
        n -> {
          if (!(n instanceof Comment)) {
            s.add(n.getClass().getSimpleName() + n.getRange().map(Range::toString).orElse("-"));
          }
        });
    return s;
  }

  static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "at node " + i + ": " + a.get(i) + " vs " + b.get(i);
      }
    }
    return "sizes " + a.size() + " vs " + b.size();
  }
}
