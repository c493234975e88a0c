package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.flow.CfgNode;

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

  /** How a message names the node an exception comes from. */
  public static String describeThrow(CfgNode node) {
    int line = line(node.ast());
    return switch (node.kind()) {
      case THROW -> "the exception thrown on line " + line;
      case RESOURCE_CLOSE -> "an exception closing " + shortText(node.ast()) + " on line " + line;
      default -> "the exception thrown by " + shortText(node.ast()) + " on line " + line;
    };
  }

  /** {@code mergePatients(Patient, List<Patient>)}: a method among its overloads. */
  public static String signature(MethodDeclaration method) {
    return method.getNameAsString()
        + "("
        + method.getParameters().stream()
            .map(p -> p.getType().asString())
            .collect(java.util.stream.Collectors.joining(", "))
        + ")";
  }

  public static int line(Node node) {
    return node.getBegin().map(p -> p.line).orElse(0);
  }
}
