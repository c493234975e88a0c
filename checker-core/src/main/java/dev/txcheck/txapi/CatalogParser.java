package dev.txcheck.txapi;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads catalog lines; see {@code docs/catalog.md} for the grammar. */
final class CatalogParser {
  private static final Pattern METHOD =
      Pattern.compile("(\\*|@?[\\w$]+(?:\\.[\\w$]+)*)#(\\*|[\\w$]+\\*?)\\(([^)]*)\\)");
  private static final Pattern TYPE = Pattern.compile("[\\w$]+(?:\\.[\\w$]+)+");

  private final List<ApiMethod> methods = new ArrayList<>();
  private final Map<String, Set<String>> supertypes;
  private final Set<String> annotations;
  private final Set<String> harmless = new java.util.TreeSet<>();
  private final Set<String> writeAnnotations;

  private final Set<String> commitFailures = new java.util.TreeSet<>();
  private final Set<String> entryPoints = new java.util.TreeSet<>();
  private final Set<String> interceptors = new java.util.TreeSet<>();
  private final Map<String, Set<String>> failures = new java.util.TreeMap<>();

  CatalogParser(
      Map<String, Set<String>> supertypes, Set<String> annotations, Set<String> writeAnnotations) {
    this.supertypes = supertypes;
    this.annotations = annotations;
    this.writeAnnotations = writeAnnotations;
  }

  /** The {@code harmless} exceptions read so far. */
  Set<String> harmless() {
    return harmless;
  }

  /** Annotations of methods that a framework calls from outside the application's code. */
  Set<String> entryPoints() {
    return entryPoints;
  }

  /** Class annotations that make a class an interceptor ({@code interceptor} lines). */
  Set<String> interceptors() {
    return interceptors;
  }

  /** Exception types a failed commit throws, with their library supertypes. */
  Set<String> commitFailures() {
    return commitFailures;
  }

  /** For each API type, the exceptions its catalogued calls fail with ({@code fails} lines). */
  Map<String, Set<String>> failures() {
    return failures;
  }

  List<ApiMethod> methods() {
    return methods;
  }

  /** Parses lines of {@code source}, the first of which is its line {@code firstLine}. */
  void parse(List<String> lines, String source, int firstLine) throws CatalogException {
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i)).trim();
      if (line.isEmpty()) {
        continue;
      }
      String origin = source + ":" + (firstLine + i);
      try {
        parseLine(line, origin);
      } catch (IllegalArgumentException e) {
        throw new CatalogException(origin + ": " + e.getMessage() + " in '" + line + "'");
      }
    }
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    // '#' also separates type and method, so only a '#' that starts the line or follows a blank
    // starts a comment.
    while (hash >= 0 && hash > 0 && !Character.isWhitespace(line.charAt(hash - 1))) {
      hash = line.indexOf('#', hash + 1);
    }
    return hash < 0 ? line : line.substring(0, hash);
  }

  private void parseLine(String line, String origin) {
    String[] words = line.split("\\s+");
    if (words[0].equals("supertype")) {
      if (words.length != 3
          || !TYPE.matcher(words[1]).matches()
          || !TYPE.matcher(words[2]).matches()) {
        throw new IllegalArgumentException(
            "expected 'supertype SUBTYPE SUPERTYPE' with qualified names");
      }
      supertypes.computeIfAbsent(words[1], k -> new java.util.TreeSet<>()).add(words[2]);
      return;
    }
    if (words[0].equals("annotation") || words[0].equals("write-annotation")) {
      if (words.length != 2 || !TYPE.matcher(words[1]).matches()) {
        throw new IllegalArgumentException("expected '" + words[0] + " QUALIFIED_NAME'");
      }
      (words[0].equals("annotation") ? annotations : writeAnnotations).add(words[1]);
      return;
    }
    if (words[0].equals("entry-point")) {
      if (words.length != 2 || !TYPE.matcher(words[1]).matches()) {
        throw new IllegalArgumentException("expected 'entry-point QUALIFIED_NAME'");
      }
      entryPoints.add(words[1]);
      return;
    }
    if (words[0].equals("interceptor")) {
      if (words.length != 2 || !TYPE.matcher(words[1]).matches()) {
        throw new IllegalArgumentException("expected 'interceptor QUALIFIED_NAME'");
      }
      interceptors.add(words[1]);
      return;
    }
    if (words[0].equals("harmless")) {
      if (words.length != 2 || !TYPE.matcher(words[1]).matches()) {
        throw new IllegalArgumentException("expected 'harmless QUALIFIED_NAME'");
      }
      harmless.add(words[1]);
      return;
    }
    if (words[0].equals("commit-failure")) {
      if (words.length != 2 || !TYPE.matcher(words[1]).matches()) {
        throw new IllegalArgumentException("expected 'commit-failure QUALIFIED_NAME'");
      }
      commitFailures.add(words[1]);
      return;
    }
    if (words[0].equals("fails")) {
      if (words.length != 3
          || !TYPE.matcher(words[1]).matches()
          || !TYPE.matcher(words[2]).matches()) {
        throw new IllegalArgumentException("expected 'fails TYPE EXCEPTION' with qualified names");
      }
      failures.computeIfAbsent(words[1], k -> new java.util.TreeSet<>()).add(words[2]);
      return;
    }
    if (words.length < 2) {
      throw new IllegalArgumentException("expected EFFECTS TYPE#METHOD(ARGS)");
    }
    Set<Effect> effects = parseEffects(words[0]);
    if (effects.contains(Effect.RUNS_IN_TRANSACTION) && effects.size() > 1) {
      throw new IllegalArgumentException("runs-in-transaction stands alone on its line");
    }
    // The argument list may contain blanks: re-join everything up to the closing parenthesis.
    int start = line.indexOf(words[1]);
    int close = checkMethodShape(line.substring(start)) + start;
    Matcher m = METHOD.matcher(line.substring(start, close + 1));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected TYPE#METHOD(ARGS), e.g. java.sql.Connection#commit()");
    }
    HandleSite handle = HandleSite.RECEIVER;
    String returnType = null;
    String lambdaType = null;
    String[] rest = line.substring(close + 1).trim().split("\\s+");
    for (int i = 0; i < rest.length; i++) {
      String word = rest[i];
      if (word.isEmpty()) {
        continue;
      }
      if (word.startsWith("on=")) {
        handle = HandleSite.parse(word.substring(3));
      } else if (word.startsWith("lambda=") && TYPE.matcher(word.substring(7)).matches()) {
        lambdaType = word.substring(7);
      } else if (word.equals("->") && i + 1 < rest.length && TYPE.matcher(rest[i + 1]).matches()) {
        returnType = rest[++i];
      } else {
        throw new IllegalArgumentException(
            "unexpected '" + word + "' (expected on=..., lambda=TYPE or -> TYPE)");
      }
    }
    ArgsPattern args = ArgsPattern.parse(m.group(3));
    checkArgument(handle, args);
    methods.add(
        new ApiMethod(
            effects, m.group(1), m.group(2), args, handle, returnType, lambdaType, origin));
  }

  /**
   * Names the first piece missing from {@code TYPE#METHOD(ARGS)}, rather than the last one the
   * parse happened to look for.
   *
   * @return the index of the closing parenthesis
   */
  private static int checkMethodShape(String pattern) {
    int open = pattern.indexOf('(');
    if (pattern.substring(0, open < 0 ? pattern.length() : open).indexOf('#') < 0) {
      throw new IllegalArgumentException(
          "missing '#' between type and method, as in com.acme.TxUtil#rollback(_)"
              + " (a '#' after a blank starts a comment)");
    }
    if (open < 0) {
      throw new IllegalArgumentException("missing '(' after the method name");
    }
    int close = pattern.indexOf(')', open);
    if (close < 0) {
      throw new IllegalArgumentException("missing ')' after the arguments");
    }
    return close;
  }

  /** {@code on=argN} must name an argument the pattern has. */
  private static void checkArgument(HandleSite handle, ArgsPattern args) {
    if (handle.kind() != HandleSite.Kind.ARGUMENT
        || args.anyNumber()
        || handle.argIndex() < args.args().size()) {
      return;
    }
    throw new IllegalArgumentException(
        "on=arg"
            + handle.argIndex()
            + " names argument "
            + (handle.argIndex() + 1)
            + ", but the method takes "
            + (args.args().isEmpty()
                ? "none"
                : args.args().size() + " (arg0 to arg" + (args.args().size() - 1) + ")"));
  }

  private static Set<Effect> parseEffects(String word) {
    Set<Effect> effects = EnumSet.noneOf(Effect.class);
    for (String part : word.split(",")) {
      try {
        effects.add(Effect.parse(part));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown effect '"
                + part
                + "' (known: begin commit rollback rollback-only close close-rollback"
                + " handle returns callback loop data proxy write may-write autocommit remote needs-active"
                + " open poisons uses-session keeps-context clears savepoint end-savepoint lazy local"
                + " runs-in-transaction)");
      }
    }
    return effects;
  }
}
