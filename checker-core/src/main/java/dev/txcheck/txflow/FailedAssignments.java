package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.types.TypeResolver;
import dev.txcheck.types.Variable;
import java.util.List;
import java.util.Optional;

/**
 * A call that throws assigns nothing: the local its value was meant for ({@code user =
 * query.uniqueResult()}) keeps what it held. When that is null for the rest of the body, a test
 * that the local is not null tells the paths after the failure from the others.
 */
public final class FailedAssignments {
  private FailedAssignments() {}

  /**
   * The key of the local that stays null when the call fails: the call's value is assigned to it
   * ({@code x = call}, through casts and calls on the result), it is declared {@code = null} in the
   * body, no other assignment gives it a value that is not null, and the assignment runs in no loop
   * (where an earlier round could have set it).
   */
  public static Optional<String> nullAfterFailure(
      MethodCallExpr call, Node body, TypeResolver types) {
    Node node = call;
    Node parent = node.getParentNode().orElse(null);
    while (parent instanceof Expression && !(parent instanceof AssignExpr)) {
      node = parent;
      parent = parent.getParentNode().orElse(null);
    }
    if (!(parent instanceof AssignExpr assign)
        || assign.getValue() != node
        || assign.getOperator() != AssignExpr.Operator.ASSIGN
        || !(assign.getTarget() instanceof NameExpr target)
        || !Loops.enclosingLoops(assign, body).isEmpty()) {
      return Optional.empty();
    }
    Optional<Variable> variable = types.variable(target);
    if (variable.isEmpty()
        || variable.get().kind() != Variable.Kind.LOCAL
        || !(variable.get().declaration() instanceof VariableDeclarator declarator)
        || !(declarator.getInitializer().orElse(null) instanceof NullLiteralExpr)
        || Bodies.bodyOf(declarator) != body) {
      return Optional.empty();
    }
    String key = variable.get().key();
    for (AssignExpr other : Bodies.nodesIn(body, AssignExpr.class)) {
      if (other != assign
          && other.getTarget() instanceof NameExpr name
          && types.variable(name).map(Variable::key).filter(key::equals).isPresent()
          && !(other.getValue() instanceof NullLiteralExpr)) {
        return Optional.empty();
      }
    }
    return Optional.of(key);
  }

  /**
   * The branches of a condition along which the local is not null: the true branch of {@code x !=
   * null}, {@code x instanceof T} or a conjunction holding one, the false branch of {@code x ==
   * null} or a disjunction holding one.
   */
  public static List<EdgeKind> nonNullBranches(
      Expression condition, String key, TypeResolver types) {
    if (impliesNonNull(condition, true, key, types)) {
      return List.of(EdgeKind.TRUE);
    }
    if (impliesNonNull(condition, false, key, types)) {
      return List.of(EdgeKind.FALSE);
    }
    return List.of();
  }

  /** True when the condition having the value {@code holds} means that the local is not null. */
  private static boolean impliesNonNull(
      Expression condition, boolean holds, String key, TypeResolver types) {
    if (condition instanceof EnclosedExpr enclosed) {
      return impliesNonNull(enclosed.getInner(), holds, key, types);
    }
    if (condition instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      return impliesNonNull(unary.getExpression(), !holds, key, types);
    }
    if (condition instanceof InstanceOfExpr test) {
      return holds && names(test.getExpression(), key, types);
    }
    if (!(condition instanceof BinaryExpr binary)) {
      return false;
    }
    switch (binary.getOperator()) {
      case AND:
        return holds
            && (impliesNonNull(binary.getLeft(), true, key, types)
                || impliesNonNull(binary.getRight(), true, key, types));
      case OR:
        return !holds
            && (impliesNonNull(binary.getLeft(), false, key, types)
                || impliesNonNull(binary.getRight(), false, key, types));
      case NOT_EQUALS, EQUALS:
        boolean nullTest =
            (binary.getRight() instanceof NullLiteralExpr && names(binary.getLeft(), key, types))
                || (binary.getLeft() instanceof NullLiteralExpr
                    && names(binary.getRight(), key, types));
        boolean notNullWhenTrue = binary.getOperator() == BinaryExpr.Operator.NOT_EQUALS;
        return nullTest && holds == notNullWhenTrue;
      default:
        return false;
    }
  }

  private static boolean names(Expression expr, String key, TypeResolver types) {
    return expr instanceof NameExpr name
        && types.variable(name).map(Variable::key).filter(key::equals).isPresent();
  }
}
