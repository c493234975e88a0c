package dev.txcheck.txapi;

import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import java.util.List;

/**
 * The argument part of a catalog pattern: {@code ()}, {@code (_, _)}, {@code (_*)} for any number,
 * or boolean literals such as {@code (false)} that must appear literally at the call.
 */
public record ArgsPattern(List<String> args, boolean anyNumber) {
  static final String ANY = "_";

  static ArgsPattern parse(String inside) {
    String trimmed = inside.trim();
    if (trimmed.equals("_*")) {
      return new ArgsPattern(List.of(), true);
    }
    if (trimmed.isEmpty()) {
      return new ArgsPattern(List.of(), false);
    }
    List<String> args = List.of(trimmed.split("\\s*,\\s*"));
    for (String arg : args) {
      if (!arg.equals(ANY) && !arg.equals("true") && !arg.equals("false")) {
        throw new IllegalArgumentException(
            "argument must be _, _*, true or false, not '" + arg + "'");
      }
    }
    return new ArgsPattern(args, false);
  }

  boolean matchesCount(int count) {
    return anyNumber || count == args.size();
  }

  /**
   * The arguments may have the pattern's values: a literal must equal the pattern's, an argument
   * computed at run time ({@code setAutoCommit(autoCommit)}) may hold either value.
   */
  boolean matches(List<Expression> actual) {
    return matches(actual, false);
  }

  /** The arguments surely have the pattern's values: every boolean of the pattern is written so. */
  boolean matchesLiterally(List<Expression> actual) {
    return matches(actual, true);
  }

  private boolean matches(List<Expression> actual, boolean literally) {
    if (anyNumber) {
      return true;
    }
    if (actual.size() != args.size()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      String expected = args.get(i);
      if (expected.equals(ANY)) {
        continue;
      }
      Expression arg = actual.get(i);
      if (arg instanceof BooleanLiteralExpr literal) {
        if (literal.getValue() != Boolean.parseBoolean(expected)) {
          return false;
        }
      } else if (literally) {
        return false;
      }
    }
    return true;
  }

  /**
   * Matches the arguments of a call read from bytecode: each is {@code true} or {@code false} when
   * it is a boolean constant there, null otherwise.
   */
  public boolean matchesConstants(List<Boolean> actual) {
    if (anyNumber) {
      return true;
    }
    if (actual.size() != args.size()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      String expected = args.get(i);
      Boolean value = actual.get(i);
      if (!expected.equals(ANY) && value != null && value != Boolean.parseBoolean(expected)) {
        return false; // a value computed at run time may be either
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return anyNumber ? "(_*)" : "(" + String.join(", ", args) + ")";
  }
}
