package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;

/** How messages name code: short, one line, no arguments. */
public final class Messages {
  private static final int MAX = 40;

  private Messages() {}

  /** {@code stmt.executeUpdate()} for a call; the code itself, shortened, for anything else. */
  public static String shortText(Node node) {
    if (node instanceof MethodCallExpr call) {
      String scope = call.getScope().map(Messages::shortText).map(s -> s + ".").orElse("");
      return scope + call.getNameAsString() + "()";
    }
    String text = node.toString().replaceAll("\\s+", " ");
    return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
  }

  public static int line(Node node) {
    return node.getBegin().map(p -> p.line).orElse(0);
  }
}
